// ABI encoding of a step witness for calldata: `abi.encode(WitnessedState.Witness)` in
// l1-contracts/contracts/twin/WitnessedState.sol. A proof becomes a `kind` (0 the key's own
// leaf, 1 an empty slot, 2 another leaf alone in the key's slot), that other leaf, and the siblings.
import { encodeAbiParameters, type Hex } from "viem";
import type { StateProof } from "./StateTree";
import type { StepWitness } from "./proveWitness";

const PROOF = {
  type: "tuple",
  components: [
    { name: "kind", type: "uint8" },
    { name: "otherKey", type: "bytes32" },
    { name: "otherValueHash", type: "bytes32" },
    { name: "siblings", type: "bytes32[]" },
  ],
} as const;

/** `WitnessedState.Witness` as an ABI parameter (field names and order as in Solidity). */
export const WITNESS_ABI = {
  type: "tuple",
  components: [
    {
      name: "reads",
      type: "tuple[]",
      components: [
        { name: "key", type: "bytes32" },
        { name: "value", type: "bytes" },
        { name: "proof", ...PROOF },
      ],
    },
    { name: "writes", type: "tuple[]", components: PROOF.components },
    { name: "strings", type: "string[]" },
  ],
} as const;

/** Proof kinds, as `WitnessedState` numbers them. */
export const PROOF_KIND = { leaf: 0, empty: 1, otherLeaf: 2 } as const;

const ZERO: Hex = `0x${"00".repeat(32)}`;

/** A proof for `key` in the Solidity library's terms. */
export function abiProof(key: Hex, proof: StateProof) {
  const { leaf, siblings } = proof;
  if (leaf === null) return { kind: PROOF_KIND.empty, otherKey: ZERO, otherValueHash: ZERO, siblings };
  if (leaf.key.toLowerCase() === key.toLowerCase()) return { kind: PROOF_KIND.leaf, otherKey: ZERO, otherValueHash: ZERO, siblings };
  return { kind: PROOF_KIND.otherLeaf, otherKey: leaf.key, otherValueHash: leaf.valueHash, siblings };
}

/** The witness as `WitnessedState.Witness` takes it (viem's ABI object form). */
export function abiWitness(witness: StepWitness) {
  return {
    reads: witness.reads.map((r) => ({ key: r.key, value: r.value ?? "0x", proof: abiProof(r.key, r.proof) })),
    writes: witness.writes.map((w) => abiProof(w.key, w.proof)),
    strings: [...(witness.strings ?? [])],
  };
}

/** `abi.encode(witness)` as `WitnessedState.Witness`, for calldata. */
export function encodeWitness(witness: StepWitness): Hex {
  return encodeAbiParameters([WITNESS_ABI], [abiWitness(witness)]);
}
