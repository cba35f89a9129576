// The node benchmark's load generator, run as its own process (forked by bench/node.bench.ts) so
// the node under test shares nothing with it but the loopback network. It drives surgery
// lifecycles through the HTTP API in rounds: each round is a set of new patients and its own
// doctors, and goes through LIFECYCLE_STEPS step by step (a step is sent once the previous one is
// in a block, since an offer needs its proposal's case id). Several rounds run at once so the node
// always has work while a round waits for its appointment time.
//   bulk:  each step's transactions in POST /v1/txs requests of `chunk`, many connections at once;
//   paced: see runPaced (an open loop at a steady rate, single POST /v1/tx requests).
import { Agent, request } from "node:http";
import type { Address, Hex } from "viem";
import { signTx, sutureDomain, txToJson, type Tx } from "../sequencer/src/protocol";
import { actor } from "../sequencer/src/stf/testing/harness";
import { BENCH_MAX_FEE, LIFECYCLE_STEPS, type CaseContext } from "./lifecycleSteps";

export type LoadConfig = {
  url: string;
  chainId: number;
  bridge: Address;
  mode: "bulk" | "paced";
  /** Doctor keys, split into `concurrentRounds` groups; every doctor's next nonce is `doctorNonce`. */
  doctors: Array<{ privateKey: Hex; address: Address }>;
  doctorNonce: number;
  /** Patients are actor(`bench-p${i}`) for i in [patientStart, patientStart + cases). */
  patientStart: number;
  cases: number;
  casesPerRound: number;
  concurrentRounds: number;
  /** bulk: transactions per POST /v1/txs. */
  chunk: number;
  /** HTTP connections (keep-alive sockets) to the node. */
  connections: number;
  /** paced: transactions per second. */
  rate: number;
  /** Delay between the starts of successive concurrent rounds, so their steps interleave. */
  staggerMs: number;
  /** Least seconds between signing an offer and its appointment (grows with the slowest step seen). */
  minLeadSeconds: number;
};

export type LoadResult = {
  included: number;
  failed: number;
  failures: Record<string, number>;
  seconds: number;
  /** included / seconds, ramp-up and the last rounds' appointment wait included. */
  tps: number;
  /** Rate between 10% and 90% of the transactions included: the steady state. */
  sustainedTps: number;
  /** paced mode: submit → soft confirmation of each POST /v1/tx, in ms. */
  latency?: { p50: number; p90: number; p99: number; max: number; count: number; achievedRate: number };
};

type Post = ((path: string, body: string) => Promise<{ status: number; json: unknown }>) & { close: () => void };

/** POSTs JSON over keep-alive connections (at most `connections` at once). */
function poster(cfg: LoadConfig): Post {
  const agent = new Agent({ keepAlive: true, maxSockets: cfg.connections });
  const target = new URL(cfg.url);
  const post = (path: string, body: string) =>
    new Promise<{ status: number; json: unknown }>((resolve, reject) => {
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
          res.on("end", () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString() || "null") }));
        },
      );
      req.on("error", reject);
      req.end(body);
    });
  return Object.assign(post, { close: () => agent.destroy() });
}

/**
 * paced: an open loop at exactly `rate` transactions per second, each alone through POST /v1/tx,
 * timed from send to answer. Every transaction is signed before the clock starts and none waits
 * for another: each patient proposes a surgery (nonce 0) and, 500 transactions later, pays its
 * doctor (nonce 1), so the offered rate does not depend on how fast the node answers.
 */
async function runPaced(cfg: LoadConfig, post: Post): Promise<LoadResult> {
  const domain = sutureDomain({ chainId: cfg.chainId, verifyingContract: cfg.bridge });
  const requestedTime = BigInt(Math.ceil(Date.now() / 1000) + 86_400);
  const proposes: string[] = [];
  const transfers: string[] = [];
  for (let k = 0; k < cfg.cases; k++) {
    const p = actor(`bench-p${cfg.patientStart + k}`);
    const c = {
      i: cfg.patientStart + k,
      patient: p.address,
      doctor: cfg.doctors[k % cfg.doctors.length]!.address,
      caseId: 0n,
      requestedTime,
      appointment: requestedTime,
    };
    const [propose] = LIFECYCLE_STEPS[0]!.txs(c);
    proposes.push(
      JSON.stringify(
        txToJson(
          signTx({
            domain,
            privateKey: p.privateKey,
            type: propose!.type,
            message: { ...propose!.message, nonce: 0n, maxFee: BENCH_MAX_FEE } as never,
          }) as unknown as Tx,
        ),
      ),
    );
    transfers.push(
      JSON.stringify(
        txToJson(
          signTx({
            domain,
            privateKey: p.privateKey,
            type: "Transfer",
            message: { to: c.doctor, amount: 1n, nonce: 1n, maxFee: BENCH_MAX_FEE } as never,
          }) as unknown as Tx,
        ),
      ),
    );
  }
  const order: string[] = [];
  for (let k = 0; k < cfg.cases; k++) {
    order.push(proposes[k]!);
    if (k >= 500) order.push(transfers[k - 500]!);
  }
  for (let k = Math.max(0, cfg.cases - 500); k < cfg.cases; k++) order.push(transfers[k]!);

  const latencies: number[] = [];
  const failures: Record<string, number> = {};
  let included = 0;
  let failed = 0;
  let sent = 0;
  const pending: Array<Promise<void>> = [];
  const started = performance.now();
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const due = Math.min(order.length, Math.floor(((performance.now() - started) * cfg.rate) / 1000));
      while (sent < due) {
        const body = order[sent++]!;
        const t0 = performance.now();
        pending.push(
          post("/v1/tx", body).then(
            ({ json }) => {
              latencies.push(performance.now() - t0);
              const r = json as Sent;
              if (r.status === "included") included++;
              else {
                failed++;
                const code = r.error?.code ?? r.status ?? "unknown";
                failures[code] = (failures[code] ?? 0) + 1;
              }
            },
            (e: Error) => {
              failed++;
              failures[e.message] = (failures[e.message] ?? 0) + 1;
            },
          ),
        );
      }
      if (sent === order.length) {
        clearInterval(timer);
        resolve();
      }
    }, 1);
  });
  const sendSeconds = (performance.now() - started) / 1000;
  await Promise.all(pending);
  const seconds = (performance.now() - started) / 1000;
  post.close();
  const sorted = [...latencies].sort((a, b) => a - b);
  const q = (p: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! * 10) / 10;
  return {
    included,
    failed,
    failures,
    seconds: Math.round(seconds * 100) / 100,
    tps: Math.round(included / seconds),
    sustainedTps: Math.round(included / seconds),
    latency: { p50: q(0.5), p90: q(0.9), p99: q(0.99), max: q(1), count: sorted.length, achievedRate: Math.round(sent / sendSeconds) },
  };
}

type Sent = { status?: string; error?: { code?: string }; result?: { caseId?: string } };

export async function runLoad(cfg: LoadConfig, onProgress: (included: number) => void = () => undefined): Promise<LoadResult> {
  const domain = sutureDomain({ chainId: cfg.chainId, verifyingContract: cfg.bridge });
  const post = poster(cfg);

  let included = 0;
  let failed = 0;
  const failures: Record<string, number> = {};
  const fail = (code: string) => {
    failed++;
    failures[code] = (failures[code] ?? 0) + 1;
  };
  if (cfg.mode === "paced") return runPaced(cfg, post);

  /** Sends one step's transactions; returns each one's result, in order. */
  async function sendStep(txs: Tx[]): Promise<Sent[]> {
    const chunks: Tx[][] = [];
    for (let i = 0; i < txs.length; i += cfg.chunk) chunks.push(txs.slice(i, i + cfg.chunk));
    const answers = await Promise.all(
      chunks.map(async (chunk) => {
        const { status, json } = await post("/v1/txs", JSON.stringify(chunk.map(txToJson)));
        if (status !== 200) return chunk.map(() => ({ status: "rejected", error: { code: `HTTP ${status} ${(json as Sent)?.error?.code ?? ""}` } }) as Sent);
        return (json as { results: Sent[] }).results;
      }),
    );
    return answers.flat();
  }

  const nonces = new Map<Address, number>(cfg.doctors.map((d) => [d.address, cfg.doctorNonce]));
  const groupSize = Math.max(1, Math.floor(cfg.doctors.length / cfg.concurrentRounds));
  const freeGroups = Array.from({ length: cfg.concurrentRounds }, (_, g) => cfg.doctors.slice(g * groupSize, (g + 1) * groupSize));
  let slowestStepSeconds = 0;
  const timeline: Array<{ t: number; included: number }> = [];

  async function runRound(first: number, count: number): Promise<void> {
    const doctors = freeGroups.pop()!;
    try {
      // A far requested time; the doctor offers a near appointment when signing the offer, with
      // a margin over what the offer and accept steps can take, so the record waits little.
      const requestedTime = BigInt(Math.ceil(Date.now() / 1000) + 86_400);
      let appointment = requestedTime;
      const cases: Array<CaseContext & { key: Hex; nonce: number; doctorKey: Hex; alive: boolean }> = [];
      for (let k = 0; k < count; k++) {
        const p = actor(`bench-p${first + k}`);
        const d = doctors[k % doctors.length]!;
        cases.push({
          i: first + k,
          patient: p.address,
          doctor: d.address,
          caseId: 0n,
          requestedTime,
          appointment,
          key: p.privateKey,
          nonce: 0,
          doctorKey: d.privateKey,
          alive: true,
        });
      }
      for (const step of LIFECYCLE_STEPS) {
        if (step.name === "offer") {
          appointment = BigInt(Math.ceil(Date.now() / 1000 + Math.max(cfg.minLeadSeconds, 4 * slowestStepSeconds + 2)));
          for (const c of cases) c.appointment = appointment;
        }
        if (step.afterAppointment) {
          const wait = Number(appointment) * 1000 + 20 - Date.now();
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        }
        // Sign in slices so responses to other rounds' requests are not held up by a long burst.
        const txs: Tx[] = [];
        const owners: number[] = [];
        for (let k = 0; k < cases.length; k++) {
          const c = cases[k]!;
          if (!c.alive) continue;
          for (const { type, message } of step.txs(c)) {
            let nonce: number;
            if (step.signer === "patient") nonce = c.nonce++;
            else {
              nonce = nonces.get(c.doctor)!;
              nonces.set(c.doctor, nonce + 1);
            }
            txs.push(
              signTx({
                domain,
                privateKey: step.signer === "patient" ? c.key : c.doctorKey,
                type,
                message: { ...message, nonce: BigInt(nonce), maxFee: BENCH_MAX_FEE } as never,
              }) as unknown as Tx,
            );
            owners.push(k);
          }
          if (k % 50 === 49) await new Promise((r) => setImmediate(r));
        }
        const stepStart = Date.now();
        const results = await sendStep(txs);
        slowestStepSeconds = Math.max(slowestStepSeconds, (Date.now() - stepStart) / 1000);
        for (let j = 0; j < results.length; j++) {
          const r = results[j]!;
          const c = cases[owners[j]!]!;
          if (r.status === "included") {
            included++;
            if (step.name === "propose") c.caseId = BigInt(r.result!.caseId!);
          } else {
            fail(`${step.name}: ${r.error?.code ?? r.status}`);
            // A failed case stops; its doctor's later nonces would leave a gap, so the whole
            // run is reported as failed rather than silently continuing.
            c.alive = false;
          }
        }
        timeline.push({ t: performance.now(), included });
        onProgress(included);
      }
    } finally {
      freeGroups.push(doctors);
    }
  }

  const started = performance.now();
  let next = 0;
  const end = cfg.patientStart + cfg.cases;
  const lanes = Array.from({ length: cfg.concurrentRounds }, async (_, lane) => {
    // Stagger the lanes so their appointment waits do not line up.
    await new Promise((r) => setTimeout(r, lane * cfg.staggerMs));
    while (next < cfg.cases) {
      const first = cfg.patientStart + next;
      const count = Math.min(cfg.casesPerRound, end - first);
      next += count;
      await runRound(first, count);
    }
  });
  await Promise.all(lanes);
  const seconds = (performance.now() - started) / 1000;
  post.close();
  const at = (share: number) => timeline.find((p) => p.included >= share * included)!;
  const [p10, p90] = [at(0.1), at(0.9)];
  const sustainedTps = p90.t > p10.t ? Math.round((p90.included - p10.included) / ((p90.t - p10.t) / 1000)) : 0;
  const result: LoadResult = { included, failed, failures, seconds: Math.round(seconds * 100) / 100, tps: Math.round(included / seconds), sustainedTps };
  return result;
}

// As a child process (bundled, see node.bench.ts): the config arrives as JSON on stdin; progress
// and the result go back as JSON lines on stdout.
if (process.argv.includes("--run")) {
  let input = "";
  process.stdin.on("data", (d) => (input += d));
  process.stdin.on("end", async () => {
    const cfg = JSON.parse(input) as LoadConfig;
    let last = 0;
    const result = await runLoad(cfg, (n) => {
      if (n - last >= 2_000) {
        last = n;
        process.stdout.write(`${JSON.stringify({ progress: n })}\n`);
      }
    });
    process.stdout.write(`${JSON.stringify({ result })}\n`, () => process.exit(0));
  });
}
