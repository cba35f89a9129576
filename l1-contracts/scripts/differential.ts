// Long differential runs of the STF's Solidity twin against the TypeScript STF: seeded random
// steps over the whole STF (l1-contracts/test/twin/randomSteps.ts), seed after seed, on its own
// in-process Hardhat L1 with the real FraudVerifier. Prints progress, and at the end the steps
// run, every mismatch (seed and step index, to replay with RANDOM_DIFF_SEED / RANDOM_DIFF_STEPS in
// Random.differential.test.ts), coverage, the twin's time per step (one eth_call) and its gas per
// step (eth_estimateGas on a sample). Writes the result after every seed, so an interrupted run
// leaves its last figures.
//
//   npm run differential -- [--steps 100000] [--seed 1] [--per-seed 5000] [--gas-every 20]
//                           [--proof-every 500 | --no-proofs] [--out bench/results/differential.json]
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { deployFixture } from "../test/fixture";
import { Coverage, createReviewProofs, RandomRun } from "../test/twin/randomSteps";
import { TwinMismatchError } from "../test/twin/twinChecker";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

const { values } = parseArgs({
  options: {
    steps: { type: "string", default: "100000" },
    seed: { type: "string", default: "1" },
    "per-seed": { type: "string", default: "5000" },
    "gas-every": { type: "string", default: "20" },
    "proof-every": { type: "string", default: "500" },
    "no-proofs": { type: "boolean", default: false },
    out: { type: "string", default: "bench/results/differential.json" },
  },
});
const total = Number(values.steps);
const firstSeed = Number(values.seed);
const perSeed = Number(values["per-seed"]);
const gasEvery = Number(values["gas-every"]);
const out = resolve(ROOT, values.out!);

type Problem = { seed: number; step: number; kind: "mismatch" | "error"; label: string; message: string };

function quantiles(xs: number[]) {
  if (xs.length === 0) return null;
  const sorted = Float64Array.from(xs).sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { n: xs.length, mean: xs.reduce((a, b) => a + b, 0) / xs.length, p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1]! };
}

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

const started = Date.now();
const fixture = await deployFixture({ fraudVerifier: "real" });
const reviews = values["no-proofs"] ? undefined : await createReviewProofs();
const proofEvery = Number(values["proof-every"]);

const coverage = new Coverage();
const problems: Problem[] = [];
const twinMs: number[] = [];
const gas: number[] = [];
const seeds: number[] = [];
let steps = 0;
let lastReport = Date.now();

function result(complete: boolean) {
  const time = quantiles(twinMs);
  const g = quantiles(gas);
  return {
    complete,
    date: new Date().toISOString(),
    seconds: round((Date.now() - started) / 1000, 1),
    steps,
    seeds,
    stepsPerSeed: perSeed,
    mismatches: problems.filter((p) => p.kind === "mismatch").length,
    errors: problems.filter((p) => p.kind === "error").length,
    problems: problems.slice(0, 50),
    twinMsPerStep: time && { n: time.n, mean: round(time.mean), p50: round(time.p50), p99: round(time.p99), max: round(time.max) },
    gasPerStep: g && { sampledEvery: gasEvery, n: g.n, mean: Math.round(g.mean), p50: g.p50, p99: g.p99, max: g.max },
    coverage: coverage.toJSON(),
  };
}

function save(complete: boolean) {
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(result(complete), null, 2)}\n`);
}

for (let seed = firstSeed; steps < total; seed++) {
  seeds.push(seed);
  const run = new RandomRun(fixture, { seed, reviews, proofEvery });
  const n = Math.min(perSeed, total - steps);
  for (let i = 0; i < n; i++) {
    run.twin.measureGas = gasEvery > 0 && steps % gasEvery === 0;
    try {
      await run.step();
      twinMs.push(run.twin.last!.ms);
      if (run.twin.measureGas) gas.push(Number(run.twin.last!.gas));
    } catch (error) {
      if (error instanceof TwinMismatchError) {
        // The TypeScript side applied the step; the twin is stateless, so the run goes on.
        problems.push({ seed, step: i, kind: "mismatch", label: error.label, message: error.message });
        console.log(`MISMATCH seed ${seed} step ${i}: ${error.message}`);
      } else {
        problems.push({ seed, step: i, kind: "error", label: "", message: (error as Error).stack ?? String(error) });
        console.log(`ERROR seed ${seed} step ${i}: ${(error as Error).stack}`);
        steps++;
        break;
      }
    }
    steps++;
    if (Date.now() - lastReport > 30_000) {
      lastReport = Date.now();
      const rate = steps / ((Date.now() - started) / 1000);
      console.log(`${steps}/${total} steps (seed ${seed}), ${rate.toFixed(1)} steps/s, ${problems.length} problems`);
    }
  }
  coverage.merge(run.coverage);
  save(false);
}
save(true);
const r = result(true);
console.log(`\n${r.steps} steps over seeds ${seeds[0]}..${seeds.at(-1)} in ${r.seconds} s: ${r.mismatches} mismatches, ${r.errors} errors`);
for (const p of problems.slice(0, 10)) console.log(`  ${p.kind} seed ${p.seed} step ${p.step}: ${p.message.split("\n")[0]}`);
console.log(`twin time per step (ms): ${JSON.stringify(r.twinMsPerStep)}`);
console.log(`twin gas per step: ${JSON.stringify(r.gasPerStep)}`);
console.log(coverage.summary());
console.log(`written to ${out}`);
await reviews?.close();
process.exit(problems.length > 0 ? 1 : 0);
