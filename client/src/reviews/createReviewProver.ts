// Client-side review prover. Loads the circuit wasm (as a ready witness calculator) and the proving
// key once and keeps them in memory, so each proof costs only the witness and the Groth16 prover;
// it also keeps its copy of the review tree (`tree`, a ReviewTreeMirror): `tree.sync(client)`
// fetches only the leaves the node added since, and a proof takes its path from that copy.
import { readFile } from "node:fs/promises";
import { WitnessCalculatorBuilder } from "circom_runtime";
import { curves, groth16 } from "snarkjs";
import type { Hex } from "viem";
import { REVIEW_ARTIFACTS } from "../../../circuits/config";
import { SutureError } from "../../../sequencer/src/errors";
import {
  doctorToField,
  packProof,
  reviewCommitment,
  reviewLeaf,
  reviewMessage,
  reviewNullifier,
  reviewPublicSignals,
  type PackedProof,
} from "../../../sequencer/src/protocol";
import { createReviewTreeMirror, type ReviewTreeMirror } from "./createReviewTreeMirror";

export type CreateReviewProverParameters = {
  /** Circuit wasm bytes; defaults to circuits/artifacts/review.wasm. */
  wasm?: Uint8Array;
  /** Proving key bytes; defaults to circuits/artifacts/review.zkey. */
  zkey?: Uint8Array;
  /** The review tree copy to prove against (one already synced, say); a new empty one by default. */
  tree?: ReviewTreeMirror;
};

export type ProveReviewParameters = {
  /** The case's review secret (deriveReviewSecret). */
  secret: bigint;
  doctor: Hex;
  /**
   * Every leaf of the review tree in order (not only this doctor's). Omit it to prove against the
   * prover's own copy (`tree`, synced with `tree.sync(client)`); when given, the copy becomes it.
   */
  leaves?: readonly bigint[];
  /** Position of our leaf; found by recomputing the leaf when omitted. */
  leafIndex?: number;
  rating: number;
  worthIt: boolean;
  textHash: Hex;
};

export type ProveReviewReturnType = {
  root: bigint;
  nullifier: bigint;
  message: bigint;
  /** uint256[8] as PostReview and the Solidity verifier take it. */
  proof: PackedProof;
  /** [root, doctor, nullifier, message] */
  publicSignals: bigint[];
};

export type ReviewProver = {
  /** The prover's copy of the review tree: sync it before proving (only new leaves are fetched). */
  readonly tree: ReviewTreeMirror;
  prove(parameters: ProveReviewParameters): Promise<ProveReviewReturnType>;
  /** Stops snarkjs' worker threads (shared by every snarkjs user in the process). */
  close(): Promise<void>;
};

export async function createReviewProver({ wasm, zkey, tree = createReviewTreeMirror() }: CreateReviewProverParameters = {}): Promise<ReviewProver> {
  const [wasmBytes, zkeyBytes] = await Promise.all([wasm ?? readFile(REVIEW_ARTIFACTS.wasm), zkey ?? readFile(REVIEW_ARTIFACTS.zkey)]);
  const witnessCalculator = await WitnessCalculatorBuilder(wasmBytes);
  const provingKey = { type: "mem" as const, data: zkeyBytes };

  return {
    tree,
    async prove({ secret, doctor, leaves, leafIndex, rating, worthIt, textHash }) {
      if (!Number.isInteger(rating) || rating < 1 || rating > 5) throw new SutureError("INVALID_RATING", undefined, { rating });
      // The node's leaf list only grows: given leaves that extend the copy are appended to it
      // (a few hashes each) instead of rebuilding the tree.
      if (leaves) tree.use(leaves);
      const leaf = reviewLeaf(reviewCommitment(secret), doctor);
      const index = leafIndex ?? tree.indexOf(leaf);
      if (index < 0) {
        throw new Error("the review tree has no leaf for this secret and doctor (case not closed with a commitment yet?)");
      }
      if (tree.leaves[index] !== leaf) throw new Error(`leaf ${index} of the review tree is not this case's leaf`);

      const { root, siblings } = tree.proof(index);
      const nullifier = reviewNullifier(secret, doctor);
      const message = reviewMessage({ rating, worthIt, textHash });
      const witness = await witnessCalculator.calculateWTNSBin(
        { s: secret, leafIndex: index, siblings, root, doctor: doctorToField(doctor), nullifier, message },
        true,
      );
      const { proof, publicSignals } = await groth16.prove(provingKey, { type: "mem", data: witness });

      const expected = reviewPublicSignals({ root, doctor, nullifier, message });
      if (publicSignals.some((signal, i) => BigInt(signal) !== expected[i])) {
        throw new Error("the prover returned public signals that differ from the inputs (wrong artifacts?)");
      }
      return { root, nullifier, message, proof: packProof(proof), publicSignals: expected };
    },
    async close() {
      await (await curves.getCurveFromName("bn128")).terminate();
    },
  };
}
