// Independent TypeScript reference for the review circuit, written straight from
// docs/protocol.md with poseidon-lite and @zk-kit/imt (not through sequencer/src/reviews), so a
// mistake shared by the circuit and the node library would still show up.
import { IMT } from "@zk-kit/imt";
import { poseidon1, poseidon2 } from "poseidon-lite";

export const P = 21888242871839275222246405745257275088548364400416034343698204186575808495617n;
export const DEPTH = 20;

export const refCommitment = (s: bigint): bigint => poseidon1([s]);
export const refLeaf = (s: bigint, doctor: bigint): bigint => poseidon2([refCommitment(s), doctor]);
export const refNullifier = (s: bigint, doctor: bigint): bigint => poseidon2([s, doctor]);

export function refTree(leaves: bigint[]): IMT {
  return new IMT((pair) => poseidon2(pair), DEPTH, 0n, 2, [...leaves]);
}

/** Root reached from leaf by the path (index bit i = 1: the node is the right child at level i). */
export function refFoldPath(leaf: bigint, index: number, siblings: bigint[]): bigint {
  let node = leaf;
  for (let level = 0; level < siblings.length; level++) {
    const isRight = Math.floor(index / 2 ** level) % 2 === 1;
    node = isRight ? poseidon2([siblings[level]!, node]) : poseidon2([node, siblings[level]!]);
  }
  return node;
}

export type ReviewInput = {
  s: bigint;
  leafIndex: number | bigint;
  siblings: bigint[];
  root: bigint;
  doctor: bigint;
  nullifier: bigint;
  message: bigint;
};

/** A valid circuit input for the member `s` of doctor `doctor` at `index` of `leaves`. */
export function refInput({ s, doctor, leaves, index, message }: { s: bigint; doctor: bigint; leaves: bigint[]; index: number; message: bigint }): ReviewInput {
  const proof = refTree(leaves).createProof(index);
  return {
    s,
    leafIndex: index,
    siblings: proof.siblings.map((level: bigint[]) => level[0]!),
    root: proof.root as bigint,
    doctor,
    nullifier: refNullifier(s, doctor),
    message,
  };
}
