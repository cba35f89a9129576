// Range checks for values that enter the circuit or the pairing check. A value v >= p would be
// reduced to v - p by the prover and by Poseidon, so v and v + p would name the same nullifier or
// root; accepting only 0 <= v < p makes every field element have exactly one encoding.
import { BN254_BASE_FIELD, SNARK_SCALAR_FIELD } from "./constants";

/** True when x is a canonical BN254 scalar field element (0 <= x < p). */
export function isInField(x: bigint): boolean {
  return typeof x === "bigint" && x >= 0n && x < SNARK_SCALAR_FIELD;
}

/** True when x is a canonical BN254 base field element (0 <= x < q), as proof coordinates are. */
export function isInBaseField(x: bigint): boolean {
  return typeof x === "bigint" && x >= 0n && x < BN254_BASE_FIELD;
}

export function assertInField(x: bigint, name: string): void {
  if (!isInField(x)) throw new RangeError(`${name} must be a BN254 scalar field element (0 <= ${name} < p)`);
}
