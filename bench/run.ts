// `npm run bench`: every benchmark in one run, so the figures are measured side by side on the
// same machine under the same load. Prints a table and writes bench/results.json.
//   BENCH_TXS (100000)          lifecycle transactions in the node throughput run (memory too)
//   BENCH_LATENCY_TXS (10000)   transactions in the open-loop 1,000 tx/s latency run
//   BENCH_PROVE_RUNS (10)       proofs per prover (ours and Semaphore), medians reported
//   BENCH_CPU_PROF=<dir>        V8 CPU profiles of the node and load processes
//   BENCH_ATTACK=1              also the node under attack (bench/attack.bench.ts, ~2 minutes), under
//                               `attack`; without it, an `attack` entry already in the file is kept
//                               (it carries its own measured_at)
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gasReport } from "../l1-contracts/scripts/gasReport";
import { encodeTx } from "../sequencer/src/protocol";
import { SNARK_SCALAR_FIELD } from "../sequencer/src/protocol/reviews/constants";
import { attackTable, runAttackBench, type AttackBenchResult } from "./attack.bench";
import { runBatchBench } from "./batch.bench";
import { TXS_PER_CASE } from "./lifecycleSteps";
import { runNodeBench } from "./node.bench";
import { runReviewsBench } from "./reviews.bench";
import { runStfBench } from "./stf.bench";

const OUT = join(dirname(fileURLToPath(import.meta.url)), "results.json");
const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const load = () => loadavg().map((x) => Math.round(x * 100) / 100);
const started = performance.now();
const log = (line: string) => console.log(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s, load ${load()[0]}] ${line}`);

/** Encoded size of a PostReview (random field elements stand in for a real proof: same size, as incompressible). */
function postReviewBytes(): number {
  const field = () => BigInt(`0x${randomBytes(32).toString("hex")}`) % SNARK_SCALAR_FIELD;
  const message = {
    doctor: `0x${randomBytes(20).toString("hex")}`,
    rating: 5,
    worthIt: true,
    textHash: `0x${randomBytes(32).toString("hex")}`,
    root: field(),
    nullifier: field(),
    proof: Array.from({ length: 8 }, field),
  };
  return encodeTx({ type: "PostReview", message, signature: null } as never).length;
}

const loadAtStart = load();
log(`machine: ${cpus().length} x ${cpus()[0]?.model}, Node ${process.version}`);

log("STF + state tree (bench/stf.bench.ts, 20,000 txs, one core, signatures excluded)");
const stf = runStfBench(20_000);

log("batch codecs (bench/batch.bench.ts)");
const codecs = runBatchBench(2_000);

log("direct-L1 baseline gas (l1-contracts/scripts/gasReport.ts)");
const gas = await gasReport({ withdrawalsInTree: 16 });

log("node: throughput, memory, L1 cost, verifier, latency (bench/node.bench.ts)");
const node = await runNodeBench({ txs: num("BENCH_TXS", 100_000), latencyTxs: num("BENCH_LATENCY_TXS", 10_000), log });

let attack: AttackBenchResult | undefined;
if (process.env.BENCH_ATTACK === "1") {
  log("node under attack: alone, then under four attacks (bench/attack.bench.ts)");
  attack = await runAttackBench({ log });
} else if (existsSync(OUT)) {
  attack = (JSON.parse(readFileSync(OUT, "utf8")) as { attack?: AttackBenchResult }).attack;
}

log("review proofs: ours and Semaphore v4 (bench/reviews.bench.ts)");
const reviews = await runReviewsBench({ runs: num("BENCH_PROVE_RUNS", 10) });

// One lifecycle on the rollup. As the issue defines it: gas per L2 tx of the mix × the mix's
// transactions per case (8: propose, offer, accept, plan, confirm, transfer, record, close). The
// direct baseline's lifecycle ends with a review instead of a transfer, and a PostReview carries
// a 256-byte proof, so the headline ratio counts 7 mix transactions plus one PostReview priced at
// the bridge's measured marginal calldata gas per byte (it does not compress).
const reviewBytes = postReviewBytes();
const perByte = gas.bridge.submitBatch.perByte;
const lifecycleMix8 = Math.round(node.l1_gas_per_l2_tx * TXS_PER_CASE);
const lifecycleWithReview = Math.round(node.l1_gas_per_l2_tx * (TXS_PER_CASE - 1) + reviewBytes * perByte);
const direct = gas.directSurgery.lifecycleTotal;
const cpu = cpus();

const results = {
  sequencer_tps: node.sequencer_tps,
  sequencer_tps_overall: node.sequencer_tps_overall,
  sequencer_txs: node.sequencer_txs,
  confirm_latency_ms_p50: node.confirm_latency_ms_p50,
  confirm_latency_ms_p99: node.confirm_latency_ms_p99,
  confirm_latency_ms_p90: node.confirm_latency_ms_p90,
  confirm_latency_offered_tx_s: node.confirm_latency_achieved_rate_tx_s,
  l1_gas_per_l2_tx: node.l1_gas_per_l2_tx,
  bytes_per_l2_tx: node.bytes_per_l2_tx,
  l1_batches_measured: node.batches_measured,
  l1_batch_txs_min: node.batch_txs_min,
  l1_batch_txs_mean: node.batch_txs_mean,
  l1_calldata_gas_per_byte: Math.round(perByte * 10) / 10,
  lifecycle_l1_gas_direct: direct,
  lifecycle_l1_gas_rollup: lifecycleWithReview,
  lifecycle_l1_gas_rollup_mix8: lifecycleMix8,
  lifecycle_gas_ratio: Math.round((direct / lifecycleWithReview) * 10) / 10,
  lifecycle_gas_ratio_mix8: Math.round((direct / lifecycleMix8) * 10) / 10,
  post_review_bytes: reviewBytes,
  review_prove_ms: reviews.review_prove_ms,
  semaphore_prove_ms: reviews.semaphore_prove_ms,
  review_prove_ratio: reviews.review_prove_ratio,
  review_verify_ms: reviews.review_verify_ms,
  prove_runs: reviews.runs,
  semaphore_skipped: reviews.semaphore_skipped,
  verifier_tps: node.verifier_tps,
  verifier_txs: node.verifier_txs,
  verifier_seconds: node.verifier_seconds,
  stf_tps: stf.stf_tps,
  node_rss_mib_after_txs: node.node_rss_mib_at_end,
  node_rss_points: node.memory_points,
  node_rss_growth_kib_per_1k_txs: node.memory_slope_kib_per_1k_txs,
  node_rss_linear_fit_r2: node.memory_fit_r2,
  batch_codecs: codecs,
  failures: node.failures,
  attack,
  machine: {
    cores: cpu.length,
    cpu_model: cpu[0]?.model ?? "unknown",
    node_version: process.version,
    load_average_start: loadAtStart,
    load_average_end: load(),
  },
  bench_seconds: Math.round((performance.now() - started) / 1000),
  measured_at: new Date().toISOString(),
};
writeFileSync(OUT, `${JSON.stringify(results, null, 2)}\n`);

const goal = (ok: boolean | null) => (ok === null ? "n/a" : ok ? "met" : "NOT met");
const rows: Array<[string, string | number, string, string]> = [
  ["sequencer_tps (sustained, 10%→90%)", node.sequencer_tps, "≥ 5,000", goal(node.sequencer_tps >= 5_000)],
  ["  whole run incl. ramp and tail", node.sequencer_tps_overall, "", ""],
  ["confirm_latency_ms_p50", node.confirm_latency_ms_p50, "", ""],
  ["confirm_latency_ms_p99", node.confirm_latency_ms_p99, "≤ 50", goal(node.confirm_latency_ms_p99 <= 50)],
  ["  offered rate (tx/s)", node.confirm_latency_achieved_rate_tx_s, "1,000", ""],
  ["l1_gas_per_l2_tx", node.l1_gas_per_l2_tx, "≤ 1,500", goal(node.l1_gas_per_l2_tx <= 1_500)],
  ["bytes_per_l2_tx", node.bytes_per_l2_tx, "", ""],
  ["lifecycle_l1_gas_direct", direct, "", ""],
  ["lifecycle_l1_gas_rollup (7 mix txs + PostReview)", lifecycleWithReview, "", ""],
  ["lifecycle_gas_ratio", results.lifecycle_gas_ratio, "≥ 40", goal(results.lifecycle_gas_ratio >= 40)],
  ["  ratio with 8 mix txs (issue's formula)", results.lifecycle_gas_ratio_mix8, "", ""],
  ["review_prove_ms", reviews.review_prove_ms, "", ""],
  ["semaphore_prove_ms", reviews.semaphore_prove_ms ?? `skipped: ${reviews.semaphore_skipped}`, "", ""],
  ["review_prove_ratio", reviews.review_prove_ratio ?? "n/a", "< 1", goal(reviews.review_prove_ratio === null ? null : reviews.review_prove_ratio < 1)],
  ["review_verify_ms", reviews.review_verify_ms, "≤ 20", goal(reviews.review_verify_ms <= 20)],
  ["verifier_tps", node.verifier_tps, `≥ sequencer_tps`, goal(node.verifier_tps >= node.sequencer_tps)],
  ["stf_tps (one core, no signatures)", stf.stf_tps, "", ""],
  [`node RSS MiB after ${node.memory_points.at(-1)!.txs} txs`, node.node_rss_mib_at_end, "", ""],
  ["  RSS growth KiB per 1k txs (linear fit R²)", `${node.memory_slope_kib_per_1k_txs} (R² ${node.memory_fit_r2})`, "", ""],
];
console.log("");
console.table(rows.map(([metric, value, target, status]) => ({ metric, value, goal: target, status })));
console.log(`machine: ${cpu.length} x ${cpu[0]?.model}, Node ${process.version}; load average ${loadAtStart.join(" ")} at start, ${load().join(" ")} at end`);
console.log(`RSS by transactions in the chain: ${node.memory_points.map((p) => `${p.txs}: ${p.rss_mib} MiB`).join(", ")}`);
console.log(`batch codecs (bytes/tx, compress MB/s): ${codecs.codecs.map((c) => `${c.codec} ${c.bytes_per_tx} B, ${c.compress_mb_s} MB/s`).join("; ")}`);
if (Object.keys(node.failures).length) console.log(`FAILED transactions: ${JSON.stringify(node.failures)}`);
if (process.env.BENCH_ATTACK === "1" && attack) console.log(`\nUnder attack:\n${attackTable(attack)}`);
console.log(`wrote ${OUT} (${results.bench_seconds} s)`);
process.exit(0);
