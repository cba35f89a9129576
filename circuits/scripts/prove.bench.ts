// Review proof benchmark (npx tsx circuits/scripts/prove.bench.ts [--runs 10] [--json out.json]).
// Measures, for the depth-20 review circuit on this machine:
//  - prove: warm prover (wasm witness calculator and zkey held in memory), median of --runs proofs;
//  - verify: the node's snarkjs verifier, median of 5 x --runs verifications;
//  - tree insert: one ReviewTree.insert, as the STF does per closed surgery.
// Semaphore v4 (same depth) is the yardstick: run its prover in the same session to compare; its
// ~160 MB artifacts package is deliberately not a dependency of this repository.
import { writeFile } from "node:fs/promises";
import { cpus } from "node:os";
import { parseArgs } from "node:util";
import { createReviewProver, deriveReviewSecret } from "../../client/src/reviews";
import { createReviewProofVerifier } from "../../sequencer/src/proofs";
import { ReviewTree } from "../../sequencer/src/reviews";
import { reviewCommitment, reviewLeaf } from "../../sequencer/src/protocol";

export type ReviewBenchmarkResult = {
  machine: string;
  runs: number;
  firstProofMs: number;
  proveMedianMs: number;
  proveMinMs: number;
  verifyMedianMs: number;
  treeInsertMedianMs: number;
};

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

async function timed<T>(run: () => Promise<T> | T): Promise<[T, number]> {
  const start = performance.now();
  const result = await run();
  return [result, performance.now() - start];
}

export async function benchmarkReviewProofs({ runs = 10 }: { runs?: number } = {}): Promise<ReviewBenchmarkResult> {
  const doctor = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
  const secret = deriveReviewSecret({ privateKey: `0x${"b0".repeat(32)}`, caseId: 1n });
  const leaves = Array.from({ length: 1000 }, (_, i) => reviewLeaf(BigInt(i + 1), doctor));
  leaves[617] = reviewLeaf(reviewCommitment(secret), doctor);
  const review = { secret, doctor, leaves, rating: 4, worthIt: true, textHash: `0x${"ab".repeat(32)}` } as const;

  const [prover, loadMs] = await timed(() => createReviewProver());
  const [, firstMs] = await timed(() => prover.prove(review));
  const proveMs: number[] = [];
  let last = await prover.prove(review);
  for (let i = 0; i < runs; i++) {
    const [result, ms] = await timed(() => prover.prove(review));
    proveMs.push(ms);
    last = result;
  }

  const verifier = createReviewProofVerifier();
  if (!(await verifier.verify(last))) throw new Error("benchmark proof does not verify");
  const verifyMs: number[] = [];
  for (let i = 0; i < runs * 5; i++) verifyMs.push((await timed(() => verifier.verify(last)))[1]);

  const tree = new ReviewTree(leaves);
  const insertMs: number[] = [];
  for (let i = 0; i < 200; i++) insertMs.push((await timed(() => tree.insert(BigInt(10_000 + i))))[1]);

  await prover.close();
  return {
    machine: `${cpus().length} x ${cpus()[0]?.model ?? "cpu"}, Node ${process.version}`,
    runs,
    firstProofMs: loadMs + firstMs,
    proveMedianMs: median(proveMs),
    proveMinMs: Math.min(...proveMs),
    verifyMedianMs: median(verifyMs),
    treeInsertMedianMs: median(insertMs),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { runs: { type: "string", default: "10" }, json: { type: "string" } } });
  const result = await benchmarkReviewProofs({ runs: Number(values.runs) });
  console.table({
    "first proof (load keys, start curve, build 1,000-leaf tree) ms": result.firstProofMs.toFixed(0),
    "prove, warm, median ms": result.proveMedianMs.toFixed(0),
    "prove, warm, min ms": result.proveMinMs.toFixed(0),
    "verify (node, snarkjs) median ms": result.verifyMedianMs.toFixed(1),
    "review tree insert median ms": result.treeInsertMedianMs.toFixed(2),
  });
  console.log(result.machine);
  if (values.json) await writeFile(values.json, `${JSON.stringify(result, null, 2)}\n`);
}
