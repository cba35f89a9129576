// PROVISIONAL (lead engineer): minimal review primitives so the STF can run while the reviews
// library is being written; the reviews engineer replaces this file with the real module.
import { IMT } from "@zk-kit/imt";
import { poseidon1, poseidon2 } from "poseidon-lite";
import { encodeAbiParameters, keccak256, type Address, type Hex } from "viem";

export const SNARK_SCALAR_FIELD = 21888242871839275222246405745257275088548364400416034343698204186575808495617n;
export const REVIEW_TREE_DEPTH = 20;

export function reviewCommitment(s: bigint): bigint {
  return poseidon1([s]);
}
export function reviewLeaf(commitment: bigint, doctor: Address): bigint {
  return poseidon2([commitment, BigInt(doctor)]);
}
export function reviewMessage({ rating, worthIt, textHash }: { rating: number; worthIt: boolean; textHash: Hex }): bigint {
  return BigInt(keccak256(encodeAbiParameters([{ type: "uint8" }, { type: "bool" }, { type: "bytes32" }], [rating, worthIt, textHash]))) >> 8n;
}
export function reviewPublicSignals({ root, doctor, nullifier, message }: { root: bigint; doctor: Address; nullifier: bigint; message: bigint }): bigint[] {
  return [root, BigInt(doctor), nullifier, message];
}
export class ReviewTree {
  readonly #tree = new IMT(poseidon2, REVIEW_TREE_DEPTH, 0, 2);
  insert(leaf: bigint): void {
    this.#tree.insert(leaf);
  }
  get root(): bigint {
    return BigInt(this.#tree.root);
  }
  get size(): number {
    return this.#tree.leaves.length;
  }
  leaves(): bigint[] {
    return this.#tree.leaves.map((l) => BigInt(l));
  }
}
