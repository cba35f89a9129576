// Browser stand-in for client/src/reviews/createReviewProver.ts: the same ReviewProver interface
// (so the SDK's postReview uses it unchanged), with the work in a Web Worker that fetches the
// circuit artifacts from the node. It also reports progress and the time of each stage.
import { SutureError } from "../../../../sequencer/src/errors";
import type { ErrorCode } from "../../../../sequencer/src/errors/codes";
import type { FromWorker, ProveRequest, ProveResult, ProverProgress, ToWorker } from "../prover/proverMessages";
import { REVIEW_ARTIFACTS } from "./circuitsConfig";

export type { ProverProgress, ProverTimings } from "../prover/proverMessages";

export type CreateReviewProverParameters = {
  wasmUrl?: string;
  zkeyUrl?: string;
  onProgress?: (progress: ProverProgress) => void;
};

export type ReviewProver = {
  prove(parameters: ProveRequest): Promise<ProveResult>;
  /** Stops the worker (and snarkjs' workers inside it). */
  close(): Promise<void>;
};

export async function createReviewProver({
  wasmUrl = REVIEW_ARTIFACTS.wasm,
  zkeyUrl = REVIEW_ARTIFACTS.zkey,
  onProgress,
}: CreateReviewProverParameters = {}): Promise<ReviewProver> {
  const worker = new Worker(new URL("../prover/reviewProver.worker.ts", import.meta.url), { type: "module", name: "review-prover" });
  const pending = new Map<number, { resolve: (r: ProveResult) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  worker.onmessage = (event: MessageEvent<FromWorker>) => {
    const m = event.data;
    if (m.kind === "progress") return onProgress?.(m.progress);
    const waiting = pending.get(m.id);
    pending.delete(m.id);
    if (m.kind === "result") waiting?.resolve(m.result);
    else waiting?.reject(m.code ? new SutureError(m.code as ErrorCode, m.message) : new Error(m.message));
  };
  worker.onerror = (event) => {
    for (const p of pending.values()) p.reject(new Error(`the prover worker failed: ${event.message}`));
    pending.clear();
  };
  return {
    prove(request) {
      const id = nextId++;
      return new Promise<ProveResult>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, kind: "prove", wasmUrl, zkeyUrl, request } satisfies ToWorker);
      });
    },
    async close() {
      worker.terminate();
    },
  };
}
