// Node-side verification of review proofs: snarkjs Groth16 against the committed verification key,
// loaded once, on a worker thread of its own. Every public signal must be a canonical scalar field element and every proof
// coordinate a canonical base field element BEFORE snarkjs sees them: the circuit cannot tell v
// from v + p, so without this check one proof would verify under several nullifier encodings.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type { Groth16VerificationKey } from "snarkjs";
import { REVIEW_ARTIFACTS } from "../../../circuits/config";
import { REVIEW_PUBLIC_SIGNALS } from "../protocol/reviews/constants";
import { isInBaseField, isInField } from "../protocol/reviews/isInField";
import { unpackProof } from "../protocol/reviews/packProof";

const require = createRequire(import.meta.url);
const SNARKJS = require.resolve("snarkjs");
/** The "web-worker" module ffjavascript (under snarkjs) loads. */
const WEB_WORKER = createRequire(createRequire(SNARKJS).resolve("ffjavascript")).resolve("web-worker");

export type CreateReviewProofVerifierParameters = {
  /** Defaults to circuits/artifacts/review.vkey.json. */
  verificationKey?: Groth16VerificationKey;
};

export type VerifyReviewProofParameters = { publicSignals: readonly bigint[]; proof: readonly bigint[] };

export type ReviewProofVerifier = {
  /** True only for a valid proof over canonical field elements; never throws on bad input. */
  verify(parameters: VerifyReviewProofParameters): Promise<boolean>;
  /** Resolves once the curve is built (the node awaits it at start, before it admits anything). */
  ready(): Promise<void>;
  /** How many proofs reached the pairing check (passed the field checks), since creation. */
  readonly pairingChecks: number;
  /** Stops the verifier's worker thread (proofs still waiting are refused). */
  close(): Promise<void>;
};

export function loadReviewVerificationKey(): Groth16VerificationKey {
  return JSON.parse(readFileSync(REVIEW_ARTIFACTS.verificationKey, "utf8")) as Groth16VerificationKey;
}

/** Checks that a proof and its public signals are well-formed before any curve arithmetic. */
export function isCanonicalReviewProof({ publicSignals, proof }: VerifyReviewProofParameters): boolean {
  return publicSignals.length === REVIEW_PUBLIC_SIGNALS.length && publicSignals.every(isInField) && proof.length === 8 && proof.every(isInBaseField);
}

/**
 * Runs in a worker thread: builds the BN254 curve single-threaded (no pool of ffjavascript workers
 * to feed from the main thread) and answers `{id, signals, proof}` with `{id, ok}`.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
// ffjavascript loads the "web-worker" package, which in any worker thread takes itself for a web
// worker it started and runs a script named by workerData. This thread never starts workers:
// stand in for it.
require.cache[workerData.webWorker] = { id: workerData.webWorker, filename: workerData.webWorker, loaded: true, exports: function NoWorkers() { throw new Error("the review verifier runs single-threaded"); } };
const { curves, groth16 } = require(workerData.snarkjs);
// groth16.verify asks for the curve without a thread flag and takes ffjavascript's cached one
// (globalThis.curve_bn128) when there is one: cache a single-threaded build there first.
const ready = curves.getCurveFromName("bn128", { singleThread: true }).then((curve) => { globalThis.curve_bn128 = curve; });
ready.then(() => parentPort.postMessage({ id: -1, ok: true }), (e) => parentPort.postMessage({ id: -1, ok: false, error: String(e) }));
parentPort.on("message", async ({ id, signals, proof }) => {
  let ok = false;
  try {
    await ready;
    ok = await groth16.verify(workerData.verificationKey, signals, proof);
  } catch {}
  parentPort.postMessage({ id, ok });
});
`;

/**
 * Verifies on a worker thread of its own, so a pairing check (tens of milliseconds with snarkjs)
 * never holds the main thread (HTTP, mempool, STF): under a flood of junk proofs the main thread
 * only posts and receives one message per proof.
 */
export function createReviewProofVerifier({ verificationKey = loadReviewVerificationKey() }: CreateReviewProofVerifierParameters = {}): ReviewProofVerifier {
  if (verificationKey.protocol !== "groth16" || verificationKey.nPublic !== REVIEW_PUBLIC_SIGNALS.length) {
    throw new Error(`not a Groth16 review verification key with ${REVIEW_PUBLIC_SIGNALS.length} public signals`);
  }
  let worker: Worker | null = null;
  let started: Promise<void> | null = null;
  const pending = new Map<number, (ok: boolean) => void>();
  let ids = 0;
  let pairingChecks = 0;
  const start = (): Promise<void> => {
    started ??= new Promise<void>((resolve, reject) => {
      const w = new Worker(WORKER_SOURCE, { eval: true, workerData: { snarkjs: SNARKJS, webWorker: WEB_WORKER, verificationKey } });
      worker = w;
      // The worker keeps the process alive only while something waits on it.
      const idle = () => {
        if (pending.size === 0) w.unref();
      };
      w.on("message", (m: { id: number; ok: boolean; error?: string }) => {
        if (m.id === -1) {
          idle();
          return m.ok ? resolve() : reject(new Error(`review verifier: ${m.error}`));
        }
        pending.get(m.id)?.(m.ok);
        pending.delete(m.id);
        idle();
      });
      w.on("error", (error) => {
        reject(error);
        // A crashed verifier verifies nothing: every proof waiting on it is refused.
        for (const settle of pending.values()) settle(false);
        pending.clear();
        worker = null;
        started = null;
      });
    });
    return started;
  };
  return {
    get pairingChecks() {
      return pairingChecks;
    },
    ready: start,
    async verify(parameters) {
      if (!isCanonicalReviewProof(parameters)) return false;
      await start();
      const w = worker;
      if (!w) return false;
      const id = ids++;
      pairingChecks++;
      return new Promise<boolean>((resolve) => {
        pending.set(id, resolve);
        w.ref();
        w.postMessage({ id, signals: parameters.publicSignals.map(String), proof: unpackProof(parameters.proof) });
      });
    },
    async close() {
      const w = worker;
      worker = null;
      started = null;
      for (const settle of pending.values()) settle(false);
      pending.clear();
      if (w) await w.terminate();
    },
  };
}
