// The node under load, end to end: a loopback Hardhat L1 started here, the contracts deployed, the
// node as its own process (`sequencer/src/main.ts`), a separate load process (bench/load.ts)
// driving the lifecycle mix over HTTP. Measures sustained throughput, the node's resident memory
// as its state grows, L1 gas and bytes per transaction from the real batch receipts, a verifier
// process re-deriving every batch from L1, and soft-confirmation latency at a steady rate on a
// second chain with a short block interval.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deployDevnet, startHardhatNode } from "../sequencer/src/devnet";
import { actor } from "../sequencer/src/stf/testing/harness";
import { freePort, waitFor } from "../test/support/devnet";
import { DOCTOR_TXS_PER_CASE, TXS_PER_CASE } from "./lifecycleSteps";
import { allBatches, getJson, runLoadProcess, setupChain, startNodeProcess, waitForBatchesPosted, type Proc } from "./nodeHarness";

export type NodeBenchParameters = {
  /** Lifecycle transactions in the throughput run (memory is sampled along the way). */
  txs?: number;
  /** Transactions in the steady-rate latency run. */
  latencyTxs?: number;
  latencyRate?: number;
  latencyBlockIntervalMs?: number;
  log?: (line: string) => void;
};

export type NodeBenchResult = {
  sequencer_tps: number;
  /** Whole run: ramp-up and the last rounds' wait for their appointments included. */
  sequencer_tps_overall: number;
  sequencer_txs: number;
  sequencer_seconds: number;
  sequencer_failed: number;
  confirm_latency_ms_p50: number;
  confirm_latency_ms_p99: number;
  confirm_latency_ms_p90: number;
  confirm_latency_achieved_rate_tx_s: number;
  confirm_latency_txs: number;
  confirm_latency_failed: number;
  l1_gas_per_l2_tx: number;
  bytes_per_l2_tx: number;
  batches_measured: number;
  batch_txs_min: number;
  batch_txs_mean: number;
  verifier_tps: number;
  verifier_txs: number;
  verifier_seconds: number;
  /** Node RSS (MiB) against transactions in the chain (setup included). */
  memory_points: Array<{ txs: number; rss_mib: number }>;
  node_rss_mib_at_end: number;
  memory_slope_kib_per_1k_txs: number;
  memory_fit_r2: number;
  failures: Record<string, number>;
};

function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
}

function linearFit(points: Array<{ x: number; y: number }>): { slope: number; r2: number } {
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const sxy = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const sxx = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  const syy = points.reduce((s, p) => s + (p.y - my) ** 2, 0);
  const slope = sxx === 0 ? 0 : sxy / sxx;
  return { slope, r2: sxx === 0 || syy === 0 ? 0 : (sxy * sxy) / (sxx * syy) };
}

export async function runNodeBench({
  txs = 100_000,
  latencyTxs = 10_000,
  latencyRate = 1_000,
  latencyBlockIntervalMs = 5,
  log = console.log,
}: NodeBenchParameters = {}): Promise<NodeBenchResult> {
  const l1 = await startHardhatNode({ port: await freePort() });
  const dir = mkdtempSync(join(tmpdir(), "suture-bench-"));
  const procs: Proc[] = [];
  try {
    const cases = Math.ceil(txs / TXS_PER_CASE);
    const concurrentRounds = 6;
    // Every concurrent round has its own doctors, so no doctor's nonces depend on two rounds.
    const doctors = Array.from({ length: 48 }, (_, i) => actor(`bench-dr${i}`));
    const dA = await deployDevnet({ rpcUrl: l1.rpcUrl, out: join(dir, "a/deployment.json"), challengeWindowSeconds: 2 });
    const seqEnv = (sub: string, extra: Record<string, string> = {}) => ({
      DATA_DIR: join(dir, sub),
      DEPLOYMENT: join(dir, "a/deployment.json"),
      L1_RPC_URL: l1.rpcUrl,
      SUBMIT_WAIT_MS: "30000",
      MEMPOOL_MAX: "100000",
      L1_POLL_MS: "100",
      // Pinned (it is also the default now): sealing checks the limits after whole blocks, so a
      // batch can reach BATCH_MAX_TXS + MAX_BLOCK_TXS - 1 transactions, and at 4,000 + 1,999
      // (~500 KB) it exceeded the 2^24 per-transaction gas cap of Hardhat's Osaka L1 (EIP-7825).
      BATCH_MAX_TXS: "2000",
      ...extra,
    });
    // 1. Throughput, memory, L1 cost.
    const seq = await startNodeProcess(seqEnv("a"));
    procs.push(seq);
    log(`  node up (pid ${seq.child.pid}); setting up ${doctors.length} doctors and ${cases} funded patients`);
    // Each doctor's fee allowance covers every case (an upper bound: a doctor takes a share of them).
    await setupChain({ url: seq.url, rpcUrl: l1.rpcUrl, deployment: dA, doctors, doctorTxs: DOCTOR_TXS_PER_CASE * cases, patientStart: 0, cases });
    await waitForBatchesPosted(seq);
    const setupBatches = (await allBatches(seq.url)).length;
    const setupTxs = (await allBatches(seq.url)).reduce((n, b) => n + b.txCount, 0);
    const memory: Array<{ txs: number; rss_mib: number }> = [{ txs: setupTxs, rss_mib: rssMiB(seq.child.pid!) }];
    log(`  setup done (${setupTxs} txs, RSS ${memory[0]!.rss_mib} MiB); load: ${cases * TXS_PER_CASE} lifecycle txs over HTTP (POST /v1/txs)`);
    let nextSample = 10_000;
    const load = await runLoadProcess(
      {
        url: seq.url,
        chainId: dA.genesis.chainId,
        bridge: dA.genesis.bridge,
        mode: "bulk",
        doctors,
        doctorNonce: 1,
        patientStart: 0,
        cases,
        casesPerRound: 500,
        concurrentRounds,
        chunk: 250,
        connections: 64,
        rate: 0,
        minLeadSeconds: 6,
        staggerMs: 300,
      },
      (n) => {
        if (n >= nextSample) {
          nextSample += 10_000;
          memory.push({ txs: setupTxs + n, rss_mib: rssMiB(seq.child.pid!) });
          log(`    ${n} included, node RSS ${memory.at(-1)!.rss_mib} MiB`);
        }
      },
    );
    memory.push({ txs: setupTxs + load.included, rss_mib: rssMiB(seq.child.pid!) });
    log(
      `  ${load.included} included in ${load.seconds} s = ${load.tps} tx/s overall, ${load.sustainedTps} tx/s sustained (10%→90%); ${load.failed} failed ${JSON.stringify(load.failures)}`,
    );
    await waitForBatchesPosted(seq);
    const batches = await allBatches(seq.url);
    const measured = batches.slice(setupBatches).filter((b) => b.txCount >= 500 && b.l1GasUsed !== null);
    const gas = measured.reduce((n, b) => n + Number(b.l1GasUsed), 0);
    const mTxs = measured.reduce((n, b) => n + b.txCount, 0);
    const mBytes = measured.reduce((n, b) => n + b.bytes, 0);
    const chainTxs = batches.reduce((n, b) => n + b.txCount, 0);
    const rssEnd = rssMiB(seq.child.pid!);
    await seq.stop();

    // 2. A verifier process re-derives every batch from L1, from process start to caught up.
    log(`  verifier: re-deriving ${batches.length} batches (${chainTxs} txs) from L1`);
    const vStarted = performance.now();
    const ver = await startNodeProcess({ ...seqEnv("a-verifier"), NODE_MODE: "verifier" });
    procs.push(ver);
    await waitFor(
      async () => {
        const s = await getJson<{ verifier: { verifiedBatches: number; mismatch: unknown } }>(`${ver.url}/v1/status`);
        if (s.verifier.mismatch) throw new Error(`verifier mismatch: ${JSON.stringify(s.verifier.mismatch)}`);
        return s.verifier.verifiedBatches >= batches.length;
      },
      { what: "the verifier to catch up", timeoutMs: 300_000, intervalMs: 100 },
    );
    const vSeconds = (performance.now() - vStarted) / 1000;
    await ver.stop();

    // 3. Latency at a steady rate, single POST /v1/tx, short block interval, on a fresh chain.
    // The paced run sends two transactions per patient (a proposal and a transfer).
    const latCases = Math.ceil(latencyTxs / 2);
    const dB = await deployDevnet({ rpcUrl: l1.rpcUrl, out: join(dir, "b/deployment.json"), challengeWindowSeconds: 2 });
    const lat = await startNodeProcess({ ...seqEnv("b"), DEPLOYMENT: join(dir, "b/deployment.json"), BLOCK_INTERVAL_MS: String(latencyBlockIntervalMs) });
    procs.push(lat);
    await setupChain({ url: lat.url, rpcUrl: l1.rpcUrl, deployment: dB, doctors, doctorTxs: 0, patientStart: 0, cases: latCases });
    await waitForBatchesPosted(lat);
    log(`  latency: ${latCases * 2} txs at ${latencyRate} tx/s, one POST /v1/tx each, BLOCK_INTERVAL_MS=${latencyBlockIntervalMs}`);
    const paced = await runLoadProcess(
      {
        url: lat.url,
        chainId: dB.genesis.chainId,
        bridge: dB.genesis.bridge,
        mode: "paced",
        doctors,
        doctorNonce: 1,
        patientStart: 0,
        cases: latCases,
        casesPerRound: 0,
        concurrentRounds: 1,
        chunk: 1,
        connections: 512,
        rate: latencyRate,
        minLeadSeconds: 0,
        staggerMs: 0,
      },
      () => undefined,
    );
    log(`  latency p50 ${paced.latency!.p50} ms, p99 ${paced.latency!.p99} ms at ${paced.latency!.achievedRate} tx/s offered; ${paced.failed} failed`);
    await lat.stop();

    const fit = linearFit(memory.map((p) => ({ x: p.txs, y: p.rss_mib })));
    return {
      sequencer_tps: load.sustainedTps,
      sequencer_tps_overall: load.tps,
      sequencer_txs: load.included,
      sequencer_seconds: load.seconds,
      sequencer_failed: load.failed,
      confirm_latency_ms_p50: paced.latency!.p50,
      confirm_latency_ms_p99: paced.latency!.p99,
      confirm_latency_ms_p90: paced.latency!.p90,
      confirm_latency_achieved_rate_tx_s: paced.latency!.achievedRate,
      confirm_latency_txs: paced.included,
      confirm_latency_failed: paced.failed,
      l1_gas_per_l2_tx: mTxs ? Math.round(gas / mTxs) : NaN,
      bytes_per_l2_tx: mTxs ? Math.round((mBytes / mTxs) * 10) / 10 : NaN,
      batches_measured: measured.length,
      batch_txs_min: Math.min(...measured.map((b) => b.txCount)),
      batch_txs_mean: measured.length ? Math.round(mTxs / measured.length) : 0,
      verifier_tps: Math.round(chainTxs / vSeconds),
      verifier_txs: chainTxs,
      verifier_seconds: Math.round(vSeconds * 100) / 100,
      memory_points: memory,
      node_rss_mib_at_end: rssEnd,
      memory_slope_kib_per_1k_txs: Math.round(fit.slope * 1024 * 1000),
      memory_fit_r2: Math.round(fit.r2 * 1000) / 1000,
      failures: { ...load.failures, ...Object.fromEntries(Object.entries(paced.failures).map(([k, v]) => [`latency ${k}`, v])) },
    };
  } finally {
    for (const p of procs) await p.stop().catch(() => undefined);
    await l1.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [txs, latencyTxs, latencyRate] = [Number(process.argv[2] ?? 20_000), Number(process.argv[3] ?? 4_000), Number(process.argv[4] ?? 1_000)];
  console.log(await runNodeBench({ txs, latencyTxs, latencyRate }));
  process.exit(0);
}
