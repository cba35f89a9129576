// What the benchmarks that drive a node process share (bench/node.bench.ts, bench/attack.bench.ts):
// the node as its own process, a chain set up with funded and licensed doctors and funded patients,
// the load generator (bench/load.ts) as its own process, and the node's batches.
import { spawn, type ChildProcess } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createPublicClient, createWalletClient, http, parseEther, toHex, type Address, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { readArtifact } from "../l1-contracts/scripts/artifacts";
import { DEV_ACCOUNTS, HARDHAT_KEYS } from "../sequencer/src/devnet";
import type { NodeDeployment } from "../sequencer/src/ledger/deployment";
import { DEFAULT_MEMPOOL_CONFIG } from "../sequencer/src/mempool";
import { signTx, sutureDomain, txToJson, type SignedTxType } from "../sequencer/src/protocol";
import { actor, h32 } from "../sequencer/src/stf/testing/harness";
import { freePort, waitFor } from "../test/support/devnet";
import { BENCH_MAX_FEE, PATIENT_FUNDS } from "./lifecycleSteps";
import type { LoadConfig, LoadResult } from "./load";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const YEAR = 365 * 86_400;

export type Proc = { child: ChildProcess; url: string; stop: () => Promise<void>; output: () => string };

/** BENCH_CPU_PROF=<dir>: node and load processes write V8 CPU profiles there when they stop. */
const cpuProf = () => (process.env.BENCH_CPU_PROF ? ["--cpu-prof", "--cpu-prof-dir", process.env.BENCH_CPU_PROF] : []);

/** Starts `sequencer/src/main.ts` as its own Node process with the given environment. */
export async function startNodeProcess(env: Record<string, string>): Promise<Proc> {
  const port = await freePort();
  const child = spawn(process.execPath, [...cpuProf(), "--import", "tsx", join(ROOT, "sequencer/src/main.ts")], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: "warn", HOST: "127.0.0.1", PORT: String(port), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d) => (output = (output + d).slice(-8000)));
  child.stderr!.on("data", (d) => (output = (output + d).slice(-8000)));
  const url = `http://127.0.0.1:${port}`;
  await waitFor(
    async () => {
      if (child.exitCode !== null) throw new Error(`node exited (${child.exitCode}): ${output}`);
      return fetch(`${url}/v1/status`)
        .then((r) => r.ok)
        .catch(() => false);
    },
    { timeoutMs: 90_000, what: "the node's API" },
  );
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
    if (child.exitCode === null) child.kill("SIGKILL");
  };
  return { child, url, stop, output: () => output };
}

export async function getJson<T>(url: string): Promise<T> {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`GET ${url}: ${r.status}`);
  return (await r.json()) as T;
}

/** POST /v1/txs of setup transactions: every one must be included. */
export async function postTxs(url: string, txs: unknown[]): Promise<Array<{ status: string; error?: { code: string } }>> {
  const r = await fetch(`${url}/v1/txs`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(txs) });
  const body = (await r.json()) as { results: Array<{ status: string; error?: { code: string } }> };
  if (!r.ok) throw new Error(`POST /v1/txs: ${r.status} ${JSON.stringify(body).slice(0, 300)}`);
  const bad = body.results.filter((x) => x.status !== "included");
  if (bad.length) throw new Error(`setup transactions not included: ${JSON.stringify(bad[0])} (${bad.length} of ${txs.length})`);
  return body.results;
}

/** A signer of hand-built benchmark transactions on this deployment's domain, at BENCH_MAX_FEE. */
export function benchSigner(deployment: NodeDeployment) {
  const domain = sutureDomain({ chainId: deployment.genesis.chainId, verifyingContract: deployment.genesis.bridge });
  return (key: Hex, type: SignedTxType, nonce: number, message: Record<string, unknown>) =>
    txToJson(signTx({ domain, privateKey: key, type, message: { ...message, nonce: BigInt(nonce), maxFee: BENCH_MAX_FEE } as never }) as never);
}

export type SetupChainParameters = {
  url: string;
  rpcUrl: string;
  deployment: NodeDeployment;
  doctors: ReturnType<typeof actor>[];
  /** Transactions each doctor may sign after registering: its fee allowance (BENCH_MAX_FEE each). */
  doctorTxs: number;
  /** Patients actor(`bench-p${i}`), i in [patientStart, patientStart + cases), get PATIENT_FUNDS each. */
  patientStart: number;
  cases: number;
  /** Any other account to fund on L2. */
  extra?: Array<{ to: Address; amount: bigint }>;
};

/**
 * Funds the licensing board, the doctors, the patients and `extra` on L2, then registers the
 * doctors and licenses them. Every signer pays fees, so everyone who signs is funded first.
 */
export async function setupChain({ url, rpcUrl, deployment, doctors, doctorTxs, patientStart, cases, extra = [] }: SetupChainParameters): Promise<void> {
  const sign = benchSigner(deployment);
  const recipients = [
    { to: DEV_ACCOUNTS.board.address, amount: BigInt(doctors.length) * BENCH_MAX_FEE },
    ...doctors.map((d) => ({ to: d.address, amount: BigInt(1 + doctorTxs) * BENCH_MAX_FEE })),
    ...Array.from({ length: cases }, (_, k) => ({ to: actor(`bench-p${patientStart + k}`).address, amount: PATIENT_FUNDS })),
    ...extra,
  ];
  // Funders: dev accounts topped up on L1 and deposited through the bridge; they pay everyone
  // else on L2 (one L1 deposit per account would take minutes on Hardhat).
  const funders = HARDHAT_KEYS.slice(5, 10);
  const perFunder = Math.ceil(recipients.length / funders.length);
  const shares = funders.map((_, f) => recipients.slice(f * perFunder, (f + 1) * perFunder));
  const publicClient = createPublicClient({ transport: http(rpcUrl) });
  const abi = readArtifact("SutureBridge").abi;
  const amounts = shares.map((share) => share.reduce((n, r) => n + r.amount + BENCH_MAX_FEE, parseEther("1")));
  for (const [f, key] of funders.entries()) {
    const account = privateKeyToAccount(key);
    await publicClient.request({ method: "hardhat_setBalance" as never, params: [account.address, toHex(amounts[f]! * 2n)] as never });
    const wallet = createWalletClient({ transport: http(rpcUrl), account });
    const hash = await wallet.writeContract({
      address: deployment.bridge,
      abi,
      functionName: "deposit",
      args: [account.address],
      value: amounts[f]!,
      chain: null,
    });
    await publicClient.waitForTransactionReceipt({ hash });
  }
  await waitFor(
    async () => {
      const a = await getJson<{ balance: string }>(`${url}/v1/accounts/${privateKeyToAccount(funders.at(-1)!).address}`).catch(() => null);
      return a && BigInt(a.balance) >= amounts.at(-1)!;
    },
    { what: "the funders' deposits on L2", timeoutMs: 60_000 },
  );
  // A sender's nonces may run at most maxNonceGap ahead of its state nonce, so the funders and the
  // board send one window at a time (the mempool refuses the rest as NONCE_TOO_HIGH).
  const window = DEFAULT_MEMPOOL_CONFIG.maxNonceGap;
  await Promise.all(
    funders.map(async (key, f) => {
      const share = shares[f]!;
      for (let k = 0; k < share.length; k += window) {
        await postTxs(
          url,
          share.slice(k, k + window).map((r, j) => sign(key, "Transfer", k + j, r)),
        );
      }
    }),
  );
  await postTxs(
    url,
    doctors.map((d, i) =>
      sign(d.privateKey, "RegisterDoctor", 0, {
        specialties: ["rhinoplasty"],
        latE6: 40_700_000 + i,
        lonE6: -74_000_000,
        acceptedInsurers: [],
        profileHash: h32(d.name),
      }),
    ),
  );
  const expiresAt = BigInt(Math.floor(Date.now() / 1000) + 2 * YEAR);
  for (let k = 0; k < doctors.length; k += window) {
    await postTxs(
      url,
      doctors.slice(k, k + window).map((d, j) =>
        sign(DEV_ACCOUNTS.board.privateKey, "AttestLicense", k + j, {
          doctor: d.address,
          jurisdiction: "US-NY",
          licenseNumberHash: h32(`lic-${d.name}`),
          npi: "1234567893",
          status: 1,
          expiresAt,
        }),
      ),
    );
  }
}

/**
 * The load generator bundled to plain JavaScript (dependencies stay in node_modules) and run
 * without tsx: run under tsx's module hooks, that process died of SIGSEGV in most runs.
 */
async function bundleLoad(): Promise<string> {
  const outfile = join(ROOT, "bench/.cache/load.mjs");
  const { build } = await import("esbuild");
  await build({
    entryPoints: [join(ROOT, "bench/load.ts")],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    logLevel: "error",
  });
  return outfile;
}

/** Runs bench/load.ts as its own process; `onProgress` gets the transactions included so far. */
export async function runLoadProcess(cfg: LoadConfig, onProgress: (n: number) => void): Promise<LoadResult> {
  const script = await bundleLoad();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [...cpuProf(), script, "--run"], { cwd: ROOT, stdio: ["pipe", "pipe", "inherit"] });
    let buffered = "";
    child.stdout!.on("data", (d) => {
      buffered += d;
      for (let nl = buffered.indexOf("\n"); nl >= 0; nl = buffered.indexOf("\n")) {
        const m = JSON.parse(buffered.slice(0, nl)) as { progress?: number; result?: LoadResult };
        buffered = buffered.slice(nl + 1);
        if (m.progress !== undefined) onProgress(m.progress);
        if (m.result) resolvePromise(m.result);
      }
    });
    child.on("exit", (code, signal) => code !== 0 && reject(new Error(`load process exited with ${code ?? signal}`)));
    child.stdin!.end(JSON.stringify(cfg));
  });
}

export type BatchView = { index: number; txCount: number; bytes: number; l1GasUsed: string | null; status: string; firstBlock: string; lastBlock: string };

/** Every batch the node has sealed, oldest first (GET /v1/batches, page by page). */
export async function allBatches(url: string): Promise<BatchView[]> {
  const out: BatchView[] = [];
  let before = Number.MAX_SAFE_INTEGER;
  for (;;) {
    const { batches } = await getJson<{ batches: BatchView[] }>(`${url}/v1/batches?limit=100&before=${before}`);
    out.push(...batches);
    if (batches.length < 100) break;
    before = batches.at(-1)!.index;
  }
  return out.sort((a, b) => a.index - b.index);
}

/** Waits until every block is in a batch and every batch is on L1. */
export async function waitForBatchesPosted(node: Proc): Promise<void> {
  const { url } = node;
  let lastHeight = "";
  const wait = waitFor(
    async () => {
      const s = await getJson<{ height: string; batches: { sealed: number; posted: number } }>(`${url}/v1/status`);
      const batches = await getJson<{ batches: BatchView[] }>(`${url}/v1/batches?limit=1`);
      const newest = batches.batches[0];
      const head = await getJson<{ number: string }>(`${url}/v1/blocks/latest`);
      const done =
        s.batches.sealed === 0 && newest && newest.status !== "sealed" && lastHeight === head.number && BigInt(head.number) <= BigInt(newest.lastBlock);
      lastHeight = head.number;
      return done;
    },
    { what: "every block batched and posted to L1", timeoutMs: 180_000, intervalMs: 500 },
  );
  await wait.catch(async (error: Error) => {
    const status = await fetch(`${url}/v1/status`)
      .then((r) => r.text())
      .catch(() => "(no status)");
    throw new Error(`${error.message}; status ${status}; node output: ${node.output().slice(-2000)}`);
  });
}
