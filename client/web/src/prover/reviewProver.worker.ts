// The review prover, off the page's thread: fetches the circuit artifacts from the node once,
// builds the path of the case's leaf in the review tree, computes the witness and the Groth16 proof
// (snarkjs; its own Web Workers do the multiexponentiations), checks the public signals against
// the inputs, and reports each stage to the page.
import "../platform/installBuffer";
import { groth16, wtns } from "snarkjs";
import { SutureError } from "../../../../sequencer/src/errors";
import { doctorToField, reviewCommitment, reviewLeaf, reviewNullifier } from "../../../../sequencer/src/protocol/reviews/reviewHashes";
import { reviewMessage } from "../../../../sequencer/src/protocol/reviews/reviewMessage";
import { reviewPublicSignals } from "../../../../sequencer/src/protocol/reviews/reviewPublicSignals";
import { packProof } from "../../../../sequencer/src/protocol/reviews/packProof";
import { ReviewTree } from "../../../../sequencer/src/reviews/ReviewTree";
import type { FromWorker, ProveRequest, ProveResult, ProverProgress, ToWorker } from "./proverMessages";

const scope = self as unknown as { postMessage(message: FromWorker): void; onmessage: ((event: MessageEvent<ToWorker>) => void) | null };
let artifacts: Promise<{ wasm: Uint8Array; zkey: Uint8Array }> | null = null;

async function fetchBytes(url: string, onBytes: (loaded: number, total: number | null) => void): Promise<Uint8Array> {
  const res = await fetch(url);
  if (!res.ok || !res.body) throw new Error(`cannot fetch ${url}: HTTP ${res.status}`);
  const total = Number(res.headers.get("content-length")) || null;
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.length;
    onBytes(loaded, total);
  }
  const out = new Uint8Array(loaded);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}

async function prove(id: number, wasmUrl: string, zkeyUrl: string, r: ProveRequest): Promise<ProveResult> {
  const progress = (p: ProverProgress) => scope.postMessage({ id, kind: "progress", progress: p });
  if (!Number.isInteger(r.rating) || r.rating < 1 || r.rating > 5) throw new SutureError("INVALID_RATING", undefined, { rating: r.rating });

  let started = performance.now();
  if (!artifacts) {
    const loaded = [0, 0];
    const totals: (number | null)[] = [null, null];
    const report = (i: number) => (bytes: number, total: number | null) => {
      loaded[i] = bytes;
      totals[i] = total;
      const sum = totals.every((t) => t !== null) ? totals[0]! + totals[1]! : null;
      progress({ stage: "download", loaded: loaded[0]! + loaded[1]!, total: sum });
    };
    artifacts = Promise.all([fetchBytes(wasmUrl, report(0)), fetchBytes(zkeyUrl, report(1))]).then(([wasm, zkey]) => ({ wasm, zkey }));
    artifacts.catch(() => (artifacts = null));
  }
  const { wasm, zkey } = await artifacts;
  const downloadMs = performance.now() - started;

  started = performance.now();
  progress({ stage: "tree", detail: `${r.leaves.length} leaves` });
  const leaf = reviewLeaf(reviewCommitment(r.secret), r.doctor);
  const index = r.leafIndex ?? r.leaves.indexOf(leaf);
  if (index < 0) throw new Error("the review tree has no leaf for this secret and doctor (case not closed with a commitment yet?)");
  if (r.leaves[index] !== leaf) throw new Error(`leaf ${index} of the review tree is not this case's leaf`);
  const { root, siblings } = new ReviewTree(r.leaves).proof(index);
  const nullifier = reviewNullifier(r.secret, r.doctor);
  const message = reviewMessage({ rating: r.rating, worthIt: r.worthIt, textHash: r.textHash });
  const treeMs = performance.now() - started;

  started = performance.now();
  progress({ stage: "witness" });
  const witness: { type: "mem"; data?: Uint8Array } = { type: "mem" };
  await wtns.calculate(
    { s: r.secret, leafIndex: index, siblings, root, doctor: doctorToField(r.doctor), nullifier, message },
    { type: "mem", data: wasm },
    witness,
  );
  const witnessMs = performance.now() - started;

  started = performance.now();
  progress({ stage: "prove" });
  const log = (detail: string) => progress({ stage: "prove", detail });
  const logger = { debug: log, info: log, warn: log, error: log };
  const { proof, publicSignals } = await groth16.prove({ type: "mem", data: zkey }, witness, logger);
  const proveMs = performance.now() - started;

  const expected = reviewPublicSignals({ root, doctor: r.doctor, nullifier, message });
  if (publicSignals.some((signal, i) => BigInt(signal) !== expected[i])) {
    throw new Error("the prover returned public signals that differ from the inputs (wrong artifacts?)");
  }
  return { root, nullifier, message, proof: packProof(proof), publicSignals: expected, timings: { downloadMs, treeMs, witnessMs, proveMs } };
}

scope.onmessage = (event) => {
  const { id, wasmUrl, zkeyUrl, request } = event.data;
  prove(id, wasmUrl, zkeyUrl, request).then(
    (result) => scope.postMessage({ id, kind: "result", result }),
    (error: unknown) =>
      scope.postMessage({
        id,
        kind: "error",
        message: error instanceof Error ? error.message : String(error),
        code: error instanceof SutureError ? error.code : null,
      }),
  );
};
