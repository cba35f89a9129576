// The Poseidon formulas of docs/protocol.md "Reviews", mirrored one for one by
// circuits/src/review.circom. Inputs must already be field elements: aliasing (x and x + p hash
// the same) is refused here rather than silently reduced.
import { poseidon1, poseidon2 } from "poseidon-lite";
import type { Hex } from "../../crypto";
import { assertInField } from "./isInField";

/** The doctor's address as a field element (160 bits, always below p). */
export function doctorToField(doctor: Hex): bigint {
  if (!/^0x[0-9a-fA-F]{40}$/.test(doctor)) throw new TypeError(`doctor must be a 20-byte address, got ${doctor}`);
  return BigInt(doctor);
}

/** commitment = Poseidon1(s), published by the patient at close. */
export function reviewCommitment(s: bigint): bigint {
  assertInField(s, "s");
  return poseidon1([s]);
}

/** leaf = Poseidon2(commitment, doctor), inserted into the review tree by the STF. */
export function reviewLeaf(commitment: bigint, doctor: Hex): bigint {
  assertInField(commitment, "commitment");
  return poseidon2([commitment, doctorToField(doctor)]);
}

/** nullifier = Poseidon2(s, doctor): one review per surgery, whatever the tree root. */
export function reviewNullifier(s: bigint, doctor: Hex): bigint {
  assertInField(s, "s");
  return poseidon2([s, doctorToField(doctor)]);
}
