// Review proofs against the yardstick: our depth-20 review prover and Semaphore v4's prover at
// depth 20, warm, same number of runs, medians, taken in turns (ours, theirs, ours, ...) so a
// change of machine load hits both alike; our verifier from circuits/scripts/prove.bench.ts.
// Semaphore's packages (~400 MB installed, with every depth's artifacts) are deliberately not
// dependencies of the repository: they are installed on demand into bench/.cache/semaphore.
//   tsx bench/reviews.bench.ts [runs]
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createReviewProver, deriveReviewSecret } from "../client/src/reviews";
import { benchmarkReviewProofs } from "../circuits/scripts/prove.bench";
import { reviewCommitment, reviewLeaf } from "../sequencer/src/protocol";

const CACHE = resolve(dirname(fileURLToPath(import.meta.url)), ".cache/semaphore");
/** Pinned so the comparison is reproducible (checked with `npm view`). */
const SEMAPHORE_PACKAGES = [
  "@semaphore-protocol/proof@4.14.3",
  "@semaphore-protocol/identity@4.14.3",
  "@semaphore-protocol/group@4.14.3",
  "@zk-kit/semaphore-artifacts@4.13.0",
];
const DEPTH = 20;

export type ReviewsBenchResult = {
  review_prove_ms: number;
  review_verify_ms: number;
  semaphore_prove_ms: number | null;
  review_prove_ratio: number | null;
  runs: number;
  /** Why Semaphore was not measured, when it was not. */
  semaphore_skipped: string | null;
};

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** Installs Semaphore into the cache dir if it is not there; returns null or why it failed. */
export function ensureSemaphore(): string | null {
  if (
    existsSync(join(CACHE, "node_modules/@zk-kit/semaphore-artifacts/semaphore-20.zkey")) &&
    existsSync(join(CACHE, "node_modules/@semaphore-protocol/proof/package.json"))
  )
    return null;
  mkdirSync(CACHE, { recursive: true });
  try {
    execFileSync("npm", ["install", "--no-save", "--no-audit", "--no-fund", "--prefix", CACHE, ...SEMAPHORE_PACKAGES], {
      stdio: ["ignore", "ignore", "pipe"],
      timeout: 240_000,
    });
    return null;
  } catch (error) {
    const stderr = String((error as { stderr?: Buffer }).stderr ?? "")
      .trim()
      .split("\n")
      .slice(-3)
      .join(" ");
    return `npm install of ${SEMAPHORE_PACKAGES.join(" ")} failed: ${stderr || (error as Error).message}`;
  }
}

/** Semaphore v4 generateProof at depth 20 in a 1,000-member group, artifacts held in memory; warmed once. */
async function semaphoreProver(): Promise<{ prove: (i: number) => Promise<unknown>; close: () => Promise<void> }> {
  const req = createRequire(join(CACHE, "package.json"));
  const load = (name: string) => import(pathToFileURL(req.resolve(name)).href);
  const [{ generateProof, verifyProof }, { Identity }, { Group }, snarkjs] = await Promise.all([
    load("@semaphore-protocol/proof"),
    load("@semaphore-protocol/identity"),
    load("@semaphore-protocol/group"),
    load("snarkjs"),
  ]);
  const dir = dirname(req.resolve("@zk-kit/semaphore-artifacts/package.json"));
  const [wasm, zkey] = await Promise.all([readFile(join(dir, `semaphore-${DEPTH}.wasm`)), readFile(join(dir, `semaphore-${DEPTH}.zkey`))]);
  // snarkjs accepts in-memory files; giving both provers their keys in memory keeps disk out of it.
  const artifacts = { wasm: { type: "mem", data: new Uint8Array(wasm) }, zkey: { type: "mem", data: new Uint8Array(zkey) } };
  const identity = new Identity("suture-bench");
  const group = new Group(Array.from({ length: 999 }, (_, i) => BigInt(i + 1)));
  group.addMember(identity.commitment);
  const prove = (i: number) => generateProof(identity, group, `review ${i}`, "suture-bench", DEPTH, artifacts);
  if (!(await verifyProof(await prove(0)))) throw new Error("Semaphore proof does not verify");
  return { prove, close: async () => (await snarkjs.curves.getCurveFromName("bn128")).terminate() };
}

/** Our prover on the same shape of input as circuits/scripts/prove.bench.ts (1,000 leaves); warmed once. */
async function ourProver(): Promise<{ prove: () => Promise<unknown>; close: () => Promise<void> }> {
  const doctor = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
  const secret = deriveReviewSecret({ privateKey: `0x${"b0".repeat(32)}`, caseId: 1n });
  const leaves = Array.from({ length: 1000 }, (_, i) => reviewLeaf(BigInt(i + 1), doctor));
  leaves[617] = reviewLeaf(reviewCommitment(secret), doctor);
  const prover = await createReviewProver();
  const prove = () => prover.prove({ secret, doctor, leaves, rating: 4, worthIt: true, textHash: `0x${"ab".repeat(32)}` });
  await prove();
  return { prove, close: () => prover.close() };
}

const timed = async (run: () => Promise<unknown>) => {
  const started = performance.now();
  await run();
  return performance.now() - started;
};

export async function runReviewsBench({ runs = 10 }: { runs?: number } = {}): Promise<ReviewsBenchResult> {
  const skipped = ensureSemaphore();
  // Our verifier (and the prove figures of that script, which this does not use).
  const verify = await benchmarkReviewProofs({ runs: 2 });
  const ours = await ourProver();
  let theirs: Awaited<ReturnType<typeof semaphoreProver>> | null = null;
  let reason = skipped;
  if (!skipped)
    theirs = await semaphoreProver().catch((error: Error) => {
      reason = `Semaphore prover failed: ${error.message}`;
      return null;
    });
  const oursMs: number[] = [];
  const theirsMs: number[] = [];
  for (let i = 1; i <= runs; i++) {
    oursMs.push(await timed(ours.prove));
    if (theirs) theirsMs.push(await timed(() => theirs!.prove(i)));
  }
  await ours.close();
  await theirs?.close();
  const round = (x: number) => Math.round(x * 10) / 10;
  const semaphore = theirs ? median(theirsMs) : null;
  return {
    review_prove_ms: round(median(oursMs)),
    review_verify_ms: round(verify.verifyMedianMs),
    semaphore_prove_ms: semaphore === null ? null : round(semaphore),
    review_prove_ratio: semaphore === null ? null : Math.round((median(oursMs) / semaphore) * 1000) / 1000,
    runs,
    semaphore_skipped: reason,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await runReviewsBench({ runs: Number(process.argv[2] ?? 10) }));
  process.exit(0);
}
