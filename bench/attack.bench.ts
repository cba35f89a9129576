// The node under attack: what cheap abuse costs honest users. One node process on a loopback
// Hardhat L1 (default settings, DEFAULT_FEES), the honest lifecycle load of bench/node.bench.ts
// (bulk POST /v1/txs for throughput, then an open loop of single POST /v1/tx for latency), run
// twice in the same script: alone, then with these attacks running at the same node, each bounded
// in requests and in time:
//   fee flood     0-wei accounts sending CreateRecord with 16 readers of 440-byte wrapped keys
//                 (~7.5 KB each, near the 8 KiB limit: all of it parsed and hashed before the
//                 signature is recovered and the fee checked);
//   junk reviews  unsigned PostReview with valid-looking numbers (a real proof's curve points),
//                 16 a request: unregistered doctors, unknown roots, and a known root, which
//                 reaches the pairing check; every tenth request carries 17. The node has
//                 verified no proof before (as after any restart): the first ones find it cold;
//   nonce gaps    fresh keys queuing nonces 1..72 while withholding nonce 0, each signing the
//                 exact fee as its maxFee (the least balance reserved per transaction held);
//   oversized     CreateRecord of 16 readers with 1 KiB keys (~16.9 KB encoded).
// Reports, for each attack, requests and transactions sent and every answer code counted; the
// honest figures with and without; two honest probes while the gap cap is full; whether any
// batch exceeded BATCH_MAX_BYTES; and whether /v1/status stayed healthy.
//   tsx bench/attack.bench.ts [honest bulk txs per phase] [latency txs per phase] [latency rate]
// The attackers run in this process, on the same cores as the node, the load and the L1: what
// they cost the machine is part of what is measured.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { cpus, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Address, Hex } from "viem";
import { deployDevnet, startHardhatNode } from "../sequencer/src/devnet";
import { DEFAULT_MEMPOOL_CONFIG } from "../sequencer/src/mempool";
import { MAX_PROOFS_PER_REQUEST } from "../sequencer/src/sequencing/Sequencer";
import { encodeTx, signTx, sutureDomain, txFee, txToJson, txWork, type SignedTxType, type Tx } from "../sequencer/src/protocol";
import { SNARK_SCALAR_FIELD } from "../sequencer/src/protocol/reviews/constants";
import { DEFAULT_FEES } from "../sequencer/src/state";
import { actor } from "../sequencer/src/stf/testing/harness";
import { freePort, waitFor } from "../test/support/devnet";
import { BENCH_MAX_FEE, DOCTOR_TXS_PER_CASE, TXS_PER_CASE } from "./lifecycleSteps";
import type { LoadConfig, LoadResult } from "./load";
import { allBatches, benchSigner, getJson, runLoadProcess, setupChain, startNodeProcess, waitForBatchesPosted, type Proc } from "./nodeHarness";

const OUT = join(dirname(fileURLToPath(import.meta.url)), "results.json");
/** The node's batch size limit in this run (the default, pinned so the check below knows it). */
const BATCH_MAX_BYTES = 200_000;
/** A real proof's packed points (the golden vector): the pairing runs in full, then fails. */
const REAL_PROOF = (
  JSON.parse(readFileSync(new URL("../sequencer/src/protocol/vectors/reviews.json", import.meta.url), "utf8")) as { proof: { packed: string[] } }
).proof.packed;

// Offered rates and bounds of each attack. Every attack also stops when the honest load is done,
// and all of them after ATTACK_MAX_MS.
/** 8 requests of 50 a second: 400 transactions (3 MB encoded, 6 MB of JSON) a second. */
const FEE_FLOOD = { pool: 400, perRequest: 50, perSecond: 8, inFlight: 8, maxRequests: 1_200 };
/** 10 requests a second: a third with a known root, ~48 pairing checks a second against a budget of 40. */
const JUNK_REVIEWS = { perSecond: 10, inFlight: 16, maxRequests: 1_500 };
/**
 * 100 keys funded with BENCH_MAX_FEE (~25 Transfer fees): at most 16 gapped each (1,600) of the node-wide cap of 5,000;
 * 10 unfunded keys.
 */
const NONCE_GAPS = { fundedKeys: 100, unfundedKeys: 10, highestNonce: 72, rounds: 3, roundEveryMs: 3_000 };
/** 2 requests of 50 a second: 100 transactions, 3.4 MB of JSON a second. */
const OVERSIZED = { pool: 50, perSecond: 2, inFlight: 4, maxRequests: 300 };
/** Hard stop for the attack phase, whatever the honest load does. */
const ATTACK_MAX_MS = 150_000;

export type AttackBenchParameters = {
  /** Honest lifecycle transactions per phase (bulk, POST /v1/txs). */
  txs?: number;
  /** Honest single POST /v1/tx per phase, at `latencyRate` a second. */
  latencyTxs?: number;
  latencyRate?: number;
  /** Which attacks run in the second phase (all four unless given; one at a time tells their costs apart). */
  attacks?: AttackName[];
  log?: (line: string) => void;
};

export const ATTACK_NAMES = ["fee_flood", "junk_reviews", "nonce_gaps", "oversized"] as const;
export type AttackName = (typeof ATTACK_NAMES)[number];

export type AttackTally = { requests: number; txs: number; seconds: number; codes: Record<string, number> };

export type HonestFigures = {
  tps: number;
  tps_overall: number;
  included: number;
  failed: number;
  failures: Record<string, number>;
  latency_ms_p50: number;
  latency_ms_p99: number;
  latency_offered_tx_s: number;
  latency_failed: number;
  latency_failures: Record<string, number>;
  /** CPU seconds the node process used during the phase (all threads), and per wall second. */
  node_cpu_seconds: number;
  node_cpu_share: number;
  /** CPU seconds of this process (the attackers, the probes, the status polls) during the phase. */
  bench_cpu_seconds: number;
  /** The node's resident memory and threads at the end of the phase. */
  node_rss_mib: number;
  node_threads: number;
  /** Blocks the node made during the phase. */
  blocks: number;
  phase_seconds: number;
  status_polls: number;
  status_unhealthy: number;
  status_max_ms: number;
};

export type AttackBenchResult = {
  settings: Record<string, number | string>;
  alone: HonestFigures;
  under_attack: HonestFigures;
  /** under_attack / alone. */
  ratio: { tps: number; tps_overall: number; latency_ms_p99: number };
  attacks: { fee_flood: AttackTally; junk_reviews: AttackTally; nonce_gaps: AttackTally; oversized: AttackTally };
  /** After the first gap round: the pending count, a fresh funded key in nonce order, and one sending nonce 1 before 0. */
  probes: Record<string, string>;
  batches: { count: number; max_bytes: number; max_txs: number; limit_bytes: number; over_limit: number };
  status_healthy_at_end: boolean;
  machine: { cores: number; cpu_model: string; node_version: string; uptime_start: string; uptime_end: string };
  bench_seconds: number;
  measured_at: string;
};

type Answer = { status: number; json: unknown };
type Post = ((path: string, body: string) => Promise<Answer>) & { close: () => void };

/** POSTs JSON over its own keep-alive connections (the attackers' and probes' client). */
function poster(url: string, connections: number): Post {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const target = new URL(url);
  const post = (path: string, body: string) =>
    new Promise<Answer>((resolve, reject) => {
      const req = request(
        {
          host: target.hostname,
          port: target.port,
          path,
          method: "POST",
          agent,
          headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => {
            const text = Buffer.concat(chunks).toString();
            let json: unknown = null;
            try {
              json = JSON.parse(text || "null");
            } catch {
              json = { error: { code: `non-JSON answer: ${text.slice(0, 60)}` } };
            }
            resolve({ status: res.statusCode ?? 0, json });
          });
        },
      );
      req.on("error", reject);
      req.end(body);
    });
  return Object.assign(post, { close: () => agent.destroy() });
}

function newTally(): AttackTally {
  return { requests: 0, txs: 0, seconds: 0, codes: {} };
}

/** Counts a bulk answer: one code per transaction (or `pending`), or the whole request's HTTP error. */
function count(tally: AttackTally, txs: number, answer: Answer | Error): void {
  tally.requests++;
  tally.txs += txs;
  const add = (code: string, n = 1) => {
    tally.codes[code] = (tally.codes[code] ?? 0) + n;
  };
  if (answer instanceof Error) return add(`no answer: ${answer.message}`, txs);
  const body = answer.json as { results?: Array<{ status: string; error?: { code: string } }>; error?: { code: string } };
  if (answer.status !== 200 || !body.results) return add(`HTTP ${answer.status} ${body.error?.code ?? ""}`.trim(), txs);
  for (const r of body.results) add(r.error?.code ?? r.status);
}

/**
 * An open loop at `perSecond` requests until `maxRequests` or the signal; at most `inFlight` wait
 * for an answer at once (once the node falls that far behind, the attacker waits for it).
 */
async function flood({
  post,
  bodies,
  perSecond,
  inFlight,
  maxRequests,
  signal,
  tally,
}: {
  post: Post;
  bodies: () => { body: string; txs: number };
  perSecond: number;
  inFlight: number;
  maxRequests: number;
  signal: AbortSignal;
  tally: AttackTally;
}): Promise<void> {
  const started = performance.now();
  const pending = new Set<Promise<void>>();
  for (let sent = 0; sent < maxRequests && !signal.aborted; sent++) {
    const wait = started + (sent * 1000) / perSecond - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    if (pending.size >= inFlight) await Promise.race(pending);
    if (signal.aborted) break;
    const { body, txs } = bodies();
    const p: Promise<void> = post("/v1/txs", body)
      .then(
        (a) => count(tally, txs, a),
        (e: Error) => count(tally, txs, e),
      )
      .finally(() => pending.delete(p));
    pending.add(p);
  }
  await Promise.all(pending);
  tally.seconds = Math.round((performance.now() - started) / 100) / 10;
}

const hex = (bytes: number) => `0x${randomBytes(bytes).toString("hex")}` as Hex;
const field = () => (BigInt(hex(32)) % SNARK_SCALAR_FIELD).toString();

type Domain = ReturnType<typeof sutureDomain>;

/** Signs a transaction whose maxFee is its own fee at DEFAULT_FEES (as the SDK estimates it; an upper bound of the encoding). */
function signAtFee(domain: Domain, privateKey: Hex, type: SignedTxType, message: Record<string, unknown>): unknown {
  const draft = { type, message: { ...message, maxFee: 10n ** 18n }, signature: `0x${"00".repeat(65)}` } as unknown as Tx;
  const fee = txFee({ schedule: DEFAULT_FEES, type, bytes: encodeTx(draft).length, work: txWork({ type, message } as never) });
  return txToJson(signTx({ domain, privateKey, type, message: { ...message, maxFee: fee } as never }) as never);
}

/** A CreateRecord from a fresh key, signing a maxFee that covers its own fee. */
function signRecord(domain: Domain, readers: number, keyBytes: number): unknown {
  const message = {
    subject: hex(20),
    ciphertextHash: hex(32),
    readers: Array.from({ length: readers }, () => ({ reader: hex(20), wrappedKey: hex(keyBytes) })),
    nonce: 0n,
  };
  return signAtFee(domain, hex(32), "CreateRecord", message);
}

/** Bulk bodies cycling through a pool of signed transactions, `perRequest` at a time. */
function cycle(pool: unknown[], perRequest: number): () => { body: string; txs: number } {
  const bodies: string[] = [];
  for (let i = 0; i < pool.length; i += perRequest) bodies.push(JSON.stringify(pool.slice(i, i + perRequest)));
  let next = 0;
  return () => ({ body: bodies[next++ % bodies.length]!, txs: Math.min(perRequest, pool.length) });
}

/** Junk reviews, in turn: unregistered doctor, unknown root, known root; every tenth request 17. */
function junkReviews(doctor: Address, knownRoot: string): () => { body: string; txs: number } {
  let i = 0;
  return () => {
    const n = i % 10 === 9 ? MAX_PROOFS_PER_REQUEST + 1 : MAX_PROOFS_PER_REQUEST;
    const kind = i++ % 3;
    const txs = Array.from({ length: n }, () => ({
      type: "PostReview",
      message: {
        doctor: kind === 0 ? hex(20) : doctor,
        rating: 5,
        worthIt: true,
        textHash: hex(32),
        root: kind === 1 ? field() : knownRoot,
        nullifier: field(),
        proof: REAL_PROOF,
      },
    }));
    return { body: JSON.stringify(txs), txs: n };
  };
}

/** CPU seconds (user + system, all threads) a process has used (/proc stat counts ticks of 10 ms). */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Math.round(Number(m[1]) / 1024) : Number.NaN;
}

/** Polls GET /v1/status every 500 ms until stopped: answers, unhealthy answers, slowest answer. */
function watchStatus(url: string): { stop: () => Promise<{ polls: number; unhealthy: number; maxMs: number }> } {
  let stopped = false;
  const seen = { polls: 0, unhealthy: 0, maxMs: 0 };
  const loop = (async () => {
    while (!stopped) {
      const t0 = performance.now();
      const s = await getJson<{ healthy: boolean }>(`${url}/v1/status`).catch(() => ({ healthy: false }));
      seen.maxMs = Math.max(seen.maxMs, performance.now() - t0);
      seen.polls++;
      if (!s.healthy) seen.unhealthy++;
      await new Promise((r) => setTimeout(r, 500));
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await loop;
      return { ...seen, maxMs: Math.round(seen.maxMs) };
    },
  };
}

const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;
/** `uptime`'s line (time, users, load average), for the record of what else ran. */
const uptime = () => execFileSync("uptime", { encoding: "utf8" }).trim();

export async function runAttackBench({
  txs = 4_000,
  latencyTxs = 1_500,
  latencyRate = 200,
  attacks = [...ATTACK_NAMES],
  log = console.log,
}: AttackBenchParameters = {}): Promise<AttackBenchResult> {
  const on = (name: AttackName) => attacks.includes(name);
  const started = performance.now();
  const uptimeStart = uptime();
  const l1 = await startHardhatNode({ port: await freePort() });
  const dir = mkdtempSync(join(tmpdir(), "suture-attack-"));
  let node: Proc | undefined;
  try {
    const cases = Math.ceil(txs / TXS_PER_CASE);
    const latencyCases = Math.ceil(latencyTxs / 2);
    // Each phase has its own doctors and patients, so both start from the same nonces.
    const doctors = [0, 1].map((phase) => Array.from({ length: 48 }, (_, i) => actor(`bench-dr${phase * 48 + i}`)));
    const bulkStart = [0, cases];
    const pacedStart = [2 * cases, 2 * cases + latencyCases];
    const gapKeys = Array.from({ length: NONCE_GAPS.fundedKeys + NONCE_GAPS.unfundedKeys }, (_, i) => actor(`attack-gap${i}`));
    const probes = [actor("probe-in-order"), actor("probe-out-of-order")];
    const deployment = await deployDevnet({ rpcUrl: l1.rpcUrl, out: join(dir, "deployment.json"), challengeWindowSeconds: 2 });
    node = await startNodeProcess({
      DATA_DIR: join(dir, "node"),
      DEPLOYMENT: join(dir, "deployment.json"),
      L1_RPC_URL: l1.rpcUrl,
      L1_POLL_MS: "100",
      BATCH_MAX_BYTES: String(BATCH_MAX_BYTES),
    });
    const { url } = node;
    const pid = node.child.pid!;
    log(
      `  node up (pid ${pid}, default settings); funding ${doctors.flat().length} doctors, ${2 * (cases + latencyCases)} patients, ${gapKeys.length} gap keys`,
    );
    await setupChain({
      url,
      rpcUrl: l1.rpcUrl,
      deployment,
      doctors: doctors.flat(),
      doctorTxs: DOCTOR_TXS_PER_CASE * cases,
      patientStart: 0,
      cases: 2 * (cases + latencyCases),
      extra: [...gapKeys.slice(0, NONCE_GAPS.fundedKeys), ...probes].map((a) => ({ to: a.address, amount: BENCH_MAX_FEE })),
    });
    await waitForBatchesPosted(node);

    // Everything the attackers sign, signed before either phase (not on the clock of either).
    const domain = sutureDomain({ chainId: deployment.genesis.chainId, verifyingContract: deployment.genesis.bridge });
    const feeFloodPool = Array.from({ length: FEE_FLOOD.pool }, () => signRecord(domain, 16, 440));
    const oversizedPool = Array.from({ length: OVERSIZED.pool }, () => signRecord(domain, 16, 1024));
    const sign = benchSigner(deployment);
    const gapRounds = Array.from({ length: NONCE_GAPS.rounds }, (_, r) =>
      gapKeys.map((k) =>
        JSON.stringify(
          Array.from({ length: NONCE_GAPS.highestNonce }, (_, n) =>
            signAtFee(domain, k.privateKey, "Transfer", { to: k.address, amount: BigInt(r + 1), nonce: BigInt(n + 1) }),
          ),
        ),
      ),
    );
    log(`  attack transactions signed (${feeFloodPool.length + oversizedPool.length + gapKeys.length * NONCE_GAPS.highestNonce * NONCE_GAPS.rounds})`);

    /** One honest run; `status` polls /v1/status from the phase's start (phase 2: from the first attack). */
    const honestPhase = async (phase: 0 | 1, name: string, status: ReturnType<typeof watchStatus>): Promise<HonestFigures> => {
      const cpu0 = cpuSeconds(pid);
      const benchCpu0 = process.cpuUsage();
      const height0 = Number((await getJson<{ number: string }>(`${url}/v1/blocks/latest`)).number);
      const t0 = performance.now();
      const base = { url, chainId: deployment.genesis.chainId, bridge: deployment.genesis.bridge, doctors: doctors[phase]!, doctorNonce: 1, staggerMs: 300 };
      const bulk: LoadResult = await runLoadProcess(
        {
          ...base,
          mode: "bulk",
          patientStart: bulkStart[phase]!,
          cases,
          casesPerRound: 100,
          concurrentRounds: 6,
          chunk: 250,
          connections: 64,
          rate: 0,
          minLeadSeconds: 6,
        } satisfies LoadConfig,
        () => undefined,
      );
      log(
        `  ${name}: ${bulk.included} lifecycle txs included, ${bulk.sustainedTps} tx/s sustained, ${bulk.tps} overall; ${bulk.failed} failed ${JSON.stringify(bulk.failures)}`,
      );
      const paced: LoadResult = await runLoadProcess(
        {
          ...base,
          mode: "paced",
          patientStart: pacedStart[phase]!,
          cases: latencyCases,
          casesPerRound: 0,
          concurrentRounds: 1,
          chunk: 1,
          connections: 512,
          rate: latencyRate,
          minLeadSeconds: 0,
        } satisfies LoadConfig,
        () => undefined,
      );
      const seconds = (performance.now() - t0) / 1000;
      const cpu = cpuSeconds(pid) - cpu0;
      const benchCpu = process.cpuUsage(benchCpu0);
      const blocks = Number((await getJson<{ number: string }>(`${url}/v1/blocks/latest`)).number) - height0;
      const s = await status.stop();
      const lat = paced.latency!;
      log(
        `  ${name}: latency p50 ${lat.p50} ms, p99 ${lat.p99} ms at ${lat.achievedRate} tx/s; ${paced.failed} failed; node CPU ${round(cpu)} s in ${round(seconds)} s, ${blocks} blocks`,
      );
      return {
        tps: bulk.sustainedTps,
        tps_overall: bulk.tps,
        included: bulk.included,
        failed: bulk.failed,
        failures: bulk.failures,
        latency_ms_p50: lat.p50,
        latency_ms_p99: lat.p99,
        latency_offered_tx_s: lat.achievedRate,
        latency_failed: paced.failed,
        latency_failures: paced.failures,
        node_cpu_seconds: round(cpu),
        node_cpu_share: round(cpu / seconds, 2),
        bench_cpu_seconds: round((benchCpu.user + benchCpu.system) / 1e6),
        node_rss_mib: rssMiB(pid),
        node_threads: readdirSync(`/proc/${pid}/task`).length,
        blocks,
        phase_seconds: round(seconds),
        status_polls: s.polls,
        status_unhealthy: s.unhealthy,
        status_max_ms: s.maxMs,
      };
    };

    // 1. Alone.
    log(`  phase 1, alone: ${cases * TXS_PER_CASE} lifecycle txs (bulk), then ${latencyCases * 2} single txs at ${latencyRate} tx/s`);
    const alone = await honestPhase(0, "alone", watchStatus(url));
    await waitForBatchesPosted(node);

    // 2. Under attack.
    log(`  phase 2: attacks start (${attacks.join(", ")})`);
    const stop = new AbortController();
    const hardStop = setTimeout(() => stop.abort(), ATTACK_MAX_MS);
    const tallies = { fee_flood: newTally(), junk_reviews: newTally(), nonce_gaps: newTally(), oversized: newTally() };
    const tree = await getJson<{ recentRoots: string[] }>(`${url}/v1/reviews/tree`);
    const attackers = poster(url, 256);
    const attackStatus = watchStatus(url);
    const gapsStarted = performance.now();
    const gapRequests: Array<Promise<void>> = [];
    const gaps = (async () => {
      for (const [r, bodies] of (on("nonce_gaps") ? gapRounds : []).entries()) {
        if (stop.signal.aborted) break;
        for (const body of bodies)
          gapRequests.push(
            attackers("/v1/txs", body).then(
              (a) => count(tallies.nonce_gaps, NONCE_GAPS.highestNonce, a),
              (e: Error) => count(tallies.nonce_gaps, NONCE_GAPS.highestNonce, e),
            ),
          );
        if (r < gapRounds.length - 1) await new Promise((res) => setTimeout(res, NONCE_GAPS.roundEveryMs));
      }
      await Promise.all(gapRequests);
      tallies.nonce_gaps.seconds = round((performance.now() - gapsStarted) / 1000);
    })();
    const floods = [
      flood({
        post: attackers,
        bodies: cycle(feeFloodPool, FEE_FLOOD.perRequest),
        perSecond: FEE_FLOOD.perSecond,
        inFlight: FEE_FLOOD.inFlight,
        maxRequests: on("fee_flood") ? FEE_FLOOD.maxRequests : 0,
        signal: stop.signal,
        tally: tallies.fee_flood,
      }),
      flood({
        post: attackers,
        bodies: junkReviews(doctors[0]![0]!.address, tree.recentRoots.at(-1)!),
        perSecond: JUNK_REVIEWS.perSecond,
        inFlight: JUNK_REVIEWS.inFlight,
        maxRequests: on("junk_reviews") ? JUNK_REVIEWS.maxRequests : 0,
        signal: stop.signal,
        tally: tallies.junk_reviews,
      }),
      flood({
        post: attackers,
        bodies: cycle(oversizedPool, OVERSIZED.pool),
        perSecond: OVERSIZED.perSecond,
        inFlight: OVERSIZED.inFlight,
        maxRequests: on("oversized") ? OVERSIZED.maxRequests : 0,
        signal: stop.signal,
        tally: tallies.oversized,
      }),
    ];
    // The probes, once the first round of gapped transactions is answered (all the attackers
    // could get in is in): an honest key sending in nonce order must get in; one sending nonce 1
    // before nonce 0 is itself a gapped sender, and must get in too.
    if (on("nonce_gaps")) {
      await waitFor(() => tallies.nonce_gaps.requests >= gapKeys.length, { what: "the first gap round", timeoutMs: 30_000, intervalMs: 100 }).catch(
        () => undefined,
      );
    }
    const pendingAtProbes = (await getJson<{ pendingTxs: number }>(`${url}/v1/status`)).pendingTxs;
    const probe = poster(url, 4);
    const single = async (key: Hex, nonce: number): Promise<string> => {
      const t0 = performance.now();
      const a = await probe("/v1/tx", JSON.stringify(sign(key, "Transfer", nonce, { to: probes[0]!.address, amount: 1n })));
      const body = a.json as { status?: string; error?: { code: string } };
      return `${a.status} ${body.error?.code ?? body.status} (${Math.round(performance.now() - t0)} ms)`;
    };
    const inOrder = await single(probes[0]!.privateKey, 0);
    // Nonce 1 waits for its block (POST /v1/tx), which comes once nonce 0, sent 200 ms later, is in.
    const nonce1 = single(probes[1]!.privateKey, 1);
    await new Promise((r) => setTimeout(r, 200));
    const nonce0 = await single(probes[1]!.privateKey, 0);
    const probeResults = {
      gap_cap_full_before_probes: String((tallies.nonce_gaps.codes.MEMPOOL_FULL ?? 0) > 0),
      pending_txs_at_probes: String(pendingAtProbes),
      in_order_nonce_0: inOrder,
      out_of_order_nonce_1_first: await nonce1,
      out_of_order_then_nonce_0: nonce0,
    };
    probe.close();
    log(`  probes: ${JSON.stringify(probeResults)}`);
    const underAttack = await honestPhase(1, "under attack", attackStatus);
    stop.abort();
    clearTimeout(hardStop);
    await Promise.all([...floods, gaps]);
    attackers.close();
    for (const [name, t] of Object.entries(tallies)) log(`  ${name}: ${t.requests} requests, ${t.txs} txs in ${t.seconds} s: ${JSON.stringify(t.codes)}`);

    // 3. What the chain and the node look like afterwards.
    await waitForBatchesPosted(node);
    const batches = await allBatches(url);
    const finalStatus = await getJson<{ healthy: boolean }>(`${url}/v1/status`);
    const result: AttackBenchResult = {
      settings: {
        honest_bulk_txs_per_phase: cases * TXS_PER_CASE,
        honest_latency_txs_per_phase: latencyCases * 2,
        honest_latency_rate_tx_s: latencyRate,
        block_interval_ms: 50,
        submit_wait_ms: 10_000,
        batch_max_bytes: BATCH_MAX_BYTES,
        mempool_max_gapped: DEFAULT_MEMPOOL_CONFIG.maxGapped,
        mempool_max_gapped_per_sender: DEFAULT_MEMPOOL_CONFIG.maxGappedPerSender,
        max_nonce_gap: DEFAULT_MEMPOOL_CONFIG.maxNonceGap,
        review_proofs_per_second: 40,
        fee_schedule: `perByte ${DEFAULT_FEES.perByte} wei, perWorkUnit ${DEFAULT_FEES.perWorkUnit} wei`,
        attacks: attacks.join(", "),
      },
      alone,
      under_attack: underAttack,
      ratio: {
        tps: round(underAttack.tps / alone.tps, 2),
        tps_overall: round(underAttack.tps_overall / alone.tps_overall, 2),
        latency_ms_p99: round(underAttack.latency_ms_p99 / alone.latency_ms_p99, 2),
      },
      attacks: tallies,
      probes: probeResults,
      batches: {
        count: batches.length,
        max_bytes: Math.max(...batches.map((b) => b.bytes)),
        max_txs: Math.max(...batches.map((b) => b.txCount)),
        limit_bytes: BATCH_MAX_BYTES,
        over_limit: batches.filter((b) => b.bytes > BATCH_MAX_BYTES).length,
      },
      status_healthy_at_end: finalStatus.healthy,
      machine: {
        cores: cpus().length,
        cpu_model: cpus()[0]?.model ?? "unknown",
        node_version: process.version,
        uptime_start: uptimeStart,
        uptime_end: uptime(),
      },
      bench_seconds: Math.round((performance.now() - started) / 1000),
      measured_at: new Date().toISOString(),
    };
    return result;
  } finally {
    await node?.stop().catch(() => undefined);
    await l1.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The README's "Under attack" tables, from a result (printed, never typed). */
export function attackTable(r: AttackBenchResult): string {
  const n = (x: number) => x.toLocaleString("en");
  const codes = (c: Record<string, number>) =>
    Object.entries(c)
      .sort((a, b) => b[1] - a[1])
      .map(([code, k]) => `${code} ${n(k)}`)
      .join(", ");
  const { alone: A, under_attack: B, attacks: a } = r;
  const failed = (f: HonestFigures) => {
    const all = { ...f.failures };
    for (const [code, k] of Object.entries(f.latency_failures)) all[code] = (all[code] ?? 0) + k;
    const total = f.failed + f.latency_failed;
    return total ? `${n(total)} (${codes(all)})` : "0";
  };
  const row = (label: string, f: (x: HonestFigures) => string | number, ratio = "") => `| ${label} | ${f(A)} | ${f(B)} | ${ratio} |`;
  const attack = (label: string, t: AttackTally) => `| ${label} | ${n(t.requests)} | ${n(t.txs)} | ${t.seconds} | ${codes(t.codes)} |`;
  return [
    "| honest load | alone | under attack | ratio |",
    "| --- | ---: | ---: | ---: |",
    row("lifecycle tx/s, sustained (10 %→90 %)", (f) => n(f.tps), String(r.ratio.tps)),
    row("lifecycle tx/s, whole run", (f) => n(f.tps_overall), String(r.ratio.tps_overall)),
    row("confirmation latency p50 (ms)", (f) => f.latency_ms_p50),
    row("confirmation latency p99 (ms)", (f) => n(f.latency_ms_p99), String(r.ratio.latency_ms_p99)),
    row("honest transactions not included", failed),
    row("node CPU, all threads (s) / phase (s)", (f) => `${f.node_cpu_seconds} / ${f.phase_seconds}`),
    row("bench process CPU: attackers, probes, polls (s)", (f) => f.bench_cpu_seconds),
    row("node RSS (MiB) / threads at the end", (f) => `${n(f.node_rss_mib)} / ${f.node_threads}`),
    row("blocks made", (f) => n(f.blocks)),
    row("`/v1/status`: unhealthy / polls, slowest answer", (f) => `${f.status_unhealthy} / ${f.status_polls}, ${n(f.status_max_ms)} ms`),
    "",
    "| attack (offered) | requests | txs | seconds | answers, per transaction |",
    "| --- | ---: | ---: | ---: | --- |",
    attack(`fee flood: 0-wei CreateRecord, 16 readers × 440 B (${FEE_FLOOD.perSecond}/s × ${FEE_FLOOD.perRequest})`, a.fee_flood),
    attack(`junk PostReview, 16 a request, every 10th 17 (${JUNK_REVIEWS.perSecond}/s)`, a.junk_reviews),
    attack(
      `nonce gaps: ${NONCE_GAPS.fundedKeys} funded + ${NONCE_GAPS.unfundedKeys} 0-wei keys × nonces 1..${NONCE_GAPS.highestNonce}, maxFee = fee (${NONCE_GAPS.rounds} rounds)`,
      a.nonce_gaps,
    ),
    attack(`oversized: CreateRecord, 16 readers × 1 KiB (${OVERSIZED.perSecond}/s × ${OVERSIZED.pool})`, a.oversized),
    "",
    `Probes after the first gap round (gapped cap full: ${r.probes.gap_cap_full_before_probes}; ${r.probes.pending_txs_at_probes} transactions pending), one POST /v1/tx each: a fresh funded key in nonce order: ${r.probes.in_order_nonce_0}; another sending nonce 1 before 0: ${r.probes.out_of_order_nonce_1_first}, with nonce 0 200 ms later: ${r.probes.out_of_order_then_nonce_0}.`,
    `Batches: ${r.batches.count}, the largest ${n(r.batches.max_bytes)} bytes (at most ${n(r.batches.max_txs)} txs), ${r.batches.over_limit} over BATCH_MAX_BYTES = ${n(r.batches.limit_bytes)}; \`/v1/status\` healthy at the end: ${r.status_healthy_at_end}.`,
    `Machine: ${r.machine.cores} × ${r.machine.cpu_model}, Node ${r.machine.node_version}; \`uptime\` at the start: ${r.machine.uptime_start}; at the end: ${r.machine.uptime_end}. ${r.bench_seconds} s in all, ${r.measured_at.slice(0, 16).replace("T", " ")} UTC.`,
  ].join("\n");
}

/** Puts the result into bench/results.json under `attack`, keeping the other figures. */
export function saveAttackResult(result: AttackBenchResult): void {
  const previous = existsSync(OUT) ? (JSON.parse(readFileSync(OUT, "utf8")) as Record<string, unknown>) : {};
  writeFileSync(OUT, `${JSON.stringify({ ...previous, attack: result }, null, 2)}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [txs, latencyTxs, latencyRate] = [Number(process.argv[2] ?? 4_000), Number(process.argv[3] ?? 1_500), Number(process.argv[4] ?? 200)];
  const started = performance.now();
  const log = (line: string) => console.log(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);
  // BENCH_ATTACKS=fee_flood,oversized runs only those (a diagnostic: the results file is left alone).
  const only = process.env.BENCH_ATTACKS?.split(",") as AttackName[] | undefined;
  const result = await runAttackBench({ txs, latencyTxs, latencyRate, attacks: only, log });
  console.log(`\n${attackTable(result)}`);
  if (!only) {
    saveAttackResult(result);
    console.log(`\nwrote ${OUT} (key "attack")`);
  }
  process.exit(0);
}
