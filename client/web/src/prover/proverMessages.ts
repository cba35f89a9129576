// The messages between the page and the review prover worker.
import type { Hex } from "viem";
import type { PackedProof } from "../../../../sequencer/src/protocol/reviews/packProof";

export type ProverStage = "download" | "tree" | "witness" | "prove";

export type ProverProgress = {
  stage: ProverStage;
  /** Bytes of the artifacts fetched so far, and their total when the node says it. */
  loaded?: number;
  total?: number | null;
  /** The prover's own step (snarkjs logs: multiexponentiations, FFTs). */
  detail?: string;
};

export type ProverTimings = {
  /** Fetching review.wasm and review.zkey (first proof of a worker only). */
  downloadMs: number;
  /** Building the review tree path for our leaf. */
  treeMs: number;
  /** Running the circuit's wasm on the inputs. */
  witnessMs: number;
  /** Groth16 proving (snarkjs, multi-threaded with Web Workers). */
  proveMs: number;
};

export type ProveRequest = {
  secret: bigint;
  doctor: Hex;
  leaves: readonly bigint[];
  leafIndex?: number;
  rating: number;
  worthIt: boolean;
  textHash: Hex;
};

export type ProveResult = {
  root: bigint;
  nullifier: bigint;
  message: bigint;
  proof: PackedProof;
  publicSignals: bigint[];
  timings: ProverTimings;
};

export type ToWorker = { id: number; kind: "prove"; wasmUrl: string; zkeyUrl: string; request: ProveRequest };

export type FromWorker =
  | { id: number; kind: "progress"; progress: ProverProgress }
  | { id: number; kind: "result"; result: ProveResult }
  | { id: number; kind: "error"; message: string; code: string | null };
