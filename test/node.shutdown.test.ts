// Graceful shutdown: a node stopped (stop(), or SIGTERM to the process) while submissions are in
// flight answers them (their transactions are put in a block first), closes its HTTP server and
// its SQLite store, exits 0, and after a restart still has every transaction it confirmed.
// Blocks are produced only when MAX_BLOCK_TXS transactions wait (the interval is ten minutes), so
// "in flight" is exact: admitted, answered by nothing yet.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Hex } from "viem";
import { actor } from "../sequencer/src/stf/testing/harness";
import { signTx, sutureDomain, txToJson, type Tx } from "../sequencer/src/protocol";
import { freePort, startTestDevnet, waitFor, type TestDevnet } from "./support/devnet";
import { ZERO_FEES } from "../sequencer/src/state";
import { api } from "./support/http";

const MAX_BLOCK_TXS = 10;
const SLOW_BLOCKS = { blockIntervalMs: 600_000, maxBlockTxs: MAX_BLOCK_TXS, batchMaxAgeMs: 600_000 };

/** RegisterDoctor from fresh accounts: valid without a balance on a chain without fees, one nonce each. */
function registrations(devnet: TestDevnet, label: string, count: number) {
  const domain = sutureDomain({ chainId: devnet.deployment.l2ChainId, verifyingContract: devnet.deployment.bridge.toLowerCase() as Hex });
  return Array.from({ length: count }, (_, i) =>
    txToJson(
      signTx({
        domain,
        privateKey: actor(`${label}-${i}`).privateKey,
        type: "RegisterDoctor",
        message: {
          nonce: 0n,
          maxFee: 0n,
          specialties: ["rhinoplasty"],
          latE6: 0,
          lonE6: 0,
          acceptedInsurers: [],
          profileHash: `0x${"22".repeat(32)}`,
        } as never,
      }) as Tx,
    ),
  );
}

type Result = { hash: Hex; status: string };

/** Submits a full block's worth (answered at once) and returns the confirmed hashes. */
async function confirmBlock(url: string, txs: unknown[]): Promise<Hex[]> {
  const res = await api(url, "/v1/txs", { body: txs });
  expect(res.body.results.map((r: Result) => r.status)).toEqual(Array(txs.length).fill("included"));
  return res.body.results.map((r: Result) => r.hash);
}

async function expectRefused(url: string) {
  await expect(fetch(`${url}/v1/status`)).rejects.toThrow(/fetch failed/);
}

describe("graceful shutdown", () => {
  let devnet: TestDevnet;
  let child: ChildProcess | null = null;
  beforeAll(async () => {
    devnet = await startTestDevnet({ genesis: { fees: ZERO_FEES } });
  }, 120_000);
  afterAll(async () => {
    child?.kill("SIGKILL");
    await devnet?.stop();
  });
  const walPath = () => join(devnet.dataDir, "sequencer.sqlite-wal");

  it("Should answer in-flight submissions, close the HTTP server and the store on stop(), and keep every confirmed transaction", async () => {
    const node = await devnet.startNode(SLOW_BLOCKS);
    const confirmed = await confirmBlock(node.url, registrations(devnet, "in-process-a", MAX_BLOCK_TXS));

    // In flight: admitted, waiting for a block that only the shutdown will make.
    const inFlight = api(node.url, "/v1/txs", { body: registrations(devnet, "in-process-b", 4) });
    await waitFor(async () => (await api(node.url, "/v1/status")).body.pendingTxs === 4, { what: "4 admitted transactions" });
    expect(existsSync(walPath())).toBe(true);
    await node.stop();
    const answered = (await inFlight).body.results as Result[];
    expect(answered.map((r) => r.status)).toEqual(Array(4).fill("included"));

    await expectRefused(node.url);
    expect(node.services.chain.store.db.open).toBe(false);
    // SQLite removes the WAL file when the last connection closes cleanly (a kill -9 leaves it).
    expect(existsSync(walPath())).toBe(false);

    const again = await devnet.startNode(SLOW_BLOCKS);
    for (const hash of [...confirmed, ...answered.map((r) => r.hash)]) {
      const res = await api(again.url, `/v1/tx/${hash}`);
      expect(res.status, hash).toBe(200);
      expect(res.body.status, hash).not.toBe("pending");
    }
    await again.stop();
  }, 120_000);

  it("Should exit 0 on SIGTERM with in-flight submissions answered, and lose no confirmed transaction", async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const spawnNode = () =>
      spawn(process.execPath, ["--import", "tsx", "sequencer/src/main.ts"], {
        cwd: join(import.meta.dirname, ".."),
        env: {
          ...process.env,
          DATA_DIR: devnet.dataDir,
          L1_RPC_URL: devnet.l1.rpcUrl,
          PORT: String(port),
          BLOCK_INTERVAL_MS: String(SLOW_BLOCKS.blockIntervalMs),
          MAX_BLOCK_TXS: String(MAX_BLOCK_TXS),
          BATCH_MAX_AGE_MS: String(SLOW_BLOCKS.batchMaxAgeMs),
          LOG_LEVEL: "warn",
        },
        stdio: ["ignore", "inherit", "inherit"],
      });
    child = spawnNode();
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => child!.once("exit", (code, signal) => resolve({ code, signal })));
    await waitFor(async () => (await api(url, "/v1/status").catch(() => ({ status: 0 }))).status === 200, { what: "node up" });
    const confirmed = await confirmBlock(url, registrations(devnet, "process-a", MAX_BLOCK_TXS));

    const inFlight = api(url, "/v1/txs", { body: registrations(devnet, "process-b", 3) });
    await waitFor(async () => (await api(url, "/v1/status")).body.pendingTxs === 3, { what: "3 admitted transactions" });
    expect(existsSync(walPath())).toBe(true);
    child.kill("SIGTERM");
    const answered = (await inFlight).body.results as Result[];
    expect(answered.map((r) => r.status)).toEqual(Array(3).fill("included"));
    expect(await exited).toEqual({ code: 0, signal: null });
    await expectRefused(url);
    expect(existsSync(walPath())).toBe(false);

    child = spawnNode();
    await waitFor(async () => (await api(url, "/v1/status").catch(() => ({ status: 0 }))).status === 200, { what: "node back" });
    for (const hash of [...confirmed, ...answered.map((r) => r.hash)]) {
      const res = await api(url, `/v1/tx/${hash}`);
      expect(res.status, hash).toBe(200);
      expect(res.body.status, hash).not.toBe("pending");
    }
    const again = new Promise((resolve) => child!.once("exit", resolve));
    child.kill("SIGTERM");
    await again;
    child = null;
  }, 180_000);
});
