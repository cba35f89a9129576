// Faults: kill -9 of the sequencer process and restart, a crash between posting a batch and
// recording it, a dishonest sequencer caught by a verifier at the right transaction, an L1 reorg
// deeper than the confirmation depth, and a data dir from another L1.
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { createPublicClient, http, type Hex } from "viem";
import { createSutureClient } from "../client/src";
import { DEV_ACCOUNTS, deployDevnet } from "../sequencer/src/devnet";
import { signTx, sutureDomain, txToJson, type Tx } from "../sequencer/src/protocol";
import { readArtifact } from "../l1-contracts/scripts/artifacts";
import { freePort, startTestDevnet, waitFor, type TestDevnet } from "./support/devnet";
import { api } from "./support/http";

const patient = DEV_ACCOUNTS.patient;
const doctor = DEV_ACCOUNTS.doctor;

function transfers(devnet: TestDevnet, from: bigint, count: number): Array<ReturnType<typeof txToJson>> {
  const domain = sutureDomain({ chainId: devnet.deployment.l2ChainId, verifyingContract: devnet.deployment.bridge.toLowerCase() as Hex });
  return Array.from({ length: count }, (_, i) =>
    txToJson(
      signTx({
        domain,
        privateKey: patient.privateKey,
        type: "Transfer",
        message: { nonce: from + BigInt(i), maxFee: 10n ** 17n, to: doctor.address, amount: 1n } as never,
      }) as Tx,
    ),
  );
}

/** A fresh devnet per describe block, stopped after it; read it inside tests. */
function useDevnet(options: Parameters<typeof startTestDevnet>[0] = {}): TestDevnet {
  let devnet: TestDevnet | undefined;
  beforeAll(async () => {
    devnet = await startTestDevnet(options);
  }, 120_000);
  afterAll(async () => {
    await devnet?.stop();
  });
  return new Proxy({} as TestDevnet, { get: (_t, key) => (devnet as unknown as Record<string | symbol, unknown>)[key] });
}

function spawnNode(devnet: TestDevnet, port: number): ChildProcess {
  // One process (tsx as a loader, not its CLI wrapper), so SIGKILL hits the node itself.
  return spawn(process.execPath, ["--import", "tsx", "sequencer/src/main.ts"], {
    cwd: join(import.meta.dirname, ".."),
    env: {
      ...process.env,
      DATA_DIR: devnet.dataDir,
      L1_RPC_URL: devnet.l1.rpcUrl,
      PORT: String(port),
      BLOCK_INTERVAL_MS: "20",
      BATCH_MAX_AGE_MS: "300",
      L1_POLL_MS: "100",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
}

describe("sequencer crash recovery (kill -9)", () => {
  let devnet: TestDevnet;
  let child: ChildProcess | null = null;
  beforeAll(async () => {
    devnet = await startTestDevnet();
  }, 120_000);
  afterAll(async () => {
    child?.kill("SIGKILL");
    await devnet?.stop();
  });

  it("Should resume with the same height and root, lose no confirmed transaction, and go on posting", async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    child = spawnNode(devnet, port);
    await waitFor(async () => (await api(url, "/v1/status").catch(() => ({ status: 0 }))).status === 200, { what: "node up" });
    await devnet.deposit(patient.privateKey, patient.address, "1");
    await waitFor(async () => (await api(url, `/v1/accounts/${patient.address}`)).body.balance !== "0", { what: "deposit" });
    const confirmed: string[] = [];
    const txs = transfers(devnet, 0n, 200);
    // Keep submitting while the process is killed mid-stream: only answered ones count as confirmed.
    const pump = (async () => {
      for (let i = 0; i < txs.length; i += 10) {
        const res = await api(url, "/v1/txs", { body: txs.slice(i, i + 10) }).catch(() => null);
        if (!res) return;
        for (const r of res.body.results) if (r.status === "included") confirmed.push(r.hash);
      }
    })();
    await waitFor(() => confirmed.length >= 50, { what: "some confirmations" });
    child.kill("SIGKILL");
    await pump;
    if (child.exitCode === null && child.signalCode === null) await new Promise((r) => child!.once("exit", r));
    const db = new Database(join(devnet.dataDir, "sequencer.sqlite"), { readonly: true });
    const head = db.prepare("SELECT number, state_root FROM blocks ORDER BY number DESC LIMIT 1").get() as { number: number; state_root: string };
    db.close();

    child = spawnNode(devnet, port);
    await waitFor(async () => (await api(url, "/v1/status").catch(() => ({ status: 0 }))).status === 200, { what: "node back" });
    const status = (await api(url, "/v1/status")).body;
    expect(BigInt(status.height)).toBe(BigInt(head.number));
    expect(status.stateRoot).toBe(head.state_root);
    for (const hash of confirmed) expect((await api(url, `/v1/tx/${hash}`)).status).toBe(200);
    // It goes on: new transactions, and every block ends up in a batch on L1.
    const nonce = BigInt((await api(url, `/v1/accounts/${patient.address}`)).body.nonce);
    const res = await api(url, "/v1/txs", { body: transfers(devnet, nonce, 5) });
    expect(res.body.results.every((r: { status: string }) => r.status === "included")).toBe(true);
    await waitFor(
      async () => {
        const s = (await api(url, "/v1/status")).body;
        return s.batches.sealed === 0 && s.batches.posted > 0 ? s : null;
      },
      { what: "batches posted after restart" },
    );
    child.kill("SIGTERM");
  }, 240_000);
});

describe("faults with in-process nodes", () => {
  const devnet = useDevnet();

  it("Should not post a batch twice after a crash between sending and recording it", async () => {
    const node = await devnet.startNode();
    await devnet.deposit(patient.privateKey, patient.address, "1");
    await waitFor(
      async () => {
        const s = (await api(node.url, "/v1/status")).body;
        return s.batches.posted > 0 && s.batches.sealed === 0;
      },
      { what: "a posted batch" },
    );
    await node.stop();
    // Forget that the batch was sent, as a crash right after eth_sendRawTransaction would.
    const db = new Database(join(devnet.dataDir, "sequencer.sqlite"));
    db.prepare("UPDATE batches SET status = 'sealed', l1_tx_hash = NULL, submitted_at = NULL").run();
    db.close();
    const again = await devnet.startNode();
    const status = (await api(again.url, "/v1/status")).body;
    expect(status.batches.sealed).toBe(0);
    const client = createPublicClient({ transport: http(devnet.l1.rpcUrl) });
    const events = await client.getContractEvents({
      address: devnet.deployment.bridge,
      abi: readArtifact("SutureBridge").abi,
      eventName: "BatchSubmitted",
      fromBlock: 0n,
    });
    expect(events.length).toBe(status.batches.posted);
    await again.stop();
  }, 180_000);

  it("Should refuse a data dir that belongs to another L1 deployment, with how to reset", async () => {
    const other = await deployDevnet({ rpcUrl: devnet.l1.rpcUrl });
    const { createNode } = await import("../sequencer/src/node/createNode");
    const { loadConfig } = await import("../sequencer/src/node/config");
    const config = loadConfig({}, { dataDir: devnet.dataDir, l1RpcUrl: devnet.l1.rpcUrl, port: await freePort() });
    await expect(createNode({ config, deployment: other })).rejects.toThrow(/belongs to bridge .*--reset/);
  });
});

describe("dishonest sequencer", () => {
  // A window long enough for the verifier to start after the batch lands.
  const devnet = useDevnet({ challengeWindowSeconds: 600 });

  it("Should be caught by a verifier at the exact step where the root goes wrong, challenged on L1 and slashed", async () => {
    const node = await devnet.startNode({ fault: { corruptAfterTx: 6, beneficiary: DEV_ACCOUNTS.sequencer.address }, batchMaxAgeMs: 60_000 });
    await devnet.deposit(patient.privateKey, patient.address, "1");
    await waitFor(async () => (await api(node.url, `/v1/accounts/${patient.address}`)).body.balance !== "0", { what: "deposit" });
    const res = await api(node.url, "/v1/txs", { body: transfers(devnet, 0n, 10) });
    expect(
      res.body.results.map((r: { status: string }) => r.status),
      JSON.stringify(res.body),
    ).toEqual(Array(10).fill("included"));
    // An eleventh transfer comes through L1 as a forced transaction, into the same (lying) batch:
    // after the rollback it must be consumed from the queue again, not lost nor applied twice.
    const client = createSutureClient({ nodeUrl: node.url, l1RpcUrl: devnet.l1.rpcUrl, account: patient.privateKey });
    await client.forceTransaction({ type: "Transfer", message: { to: doctor.address, amount: 5n }, nonce: 10n, maxFee: 10n ** 17n });
    await waitFor(async () => (await api(node.url, `/v1/accounts/${patient.address}`)).body.nonce === "11", { what: "the forced transfer in a block" });
    node.services.sequencer!.sealNow();
    await waitFor(async () => (await api(node.url, "/v1/status")).body.batches.posted >= 1, { what: "the lying batch on L1" });
    const bridge = devnet.bridge();
    expect(await bridge.read.bonds([DEV_ACCOUNTS.sequencer.address])).toBe(devnet.deployment.minBond);
    const verifier = await devnet.startNode({ mode: "verifier", challengerKey: DEV_ACCOUNTS.deployer.privateKey });
    const status = await waitFor(
      async () => {
        const s = (await api(verifier.url, "/v1/status")).body;
        return s.verifier.challenges.some((c: { outcome: string }) => c.outcome !== "pending") ? s : null;
      },
      { what: "the verifier to challenge the batch" },
    );
    const [challenge] = status.verifier.challenges;
    expect(challenge, JSON.stringify(status.verifier)).toMatchObject({ batchIndex: 0, kind: "step", outcome: "won" });
    expect(challenge.l1TxHash).toMatch(/^0x[0-9a-f]{64}$/);
    // The bridge deleted the batch and slashed the sequencer; the verifier is healthy and waits for the corrected chain.
    expect(await bridge.read.bonds([DEV_ACCOUNTS.sequencer.address])).toBe(0n);
    expect(await bridge.read.lastStateRoot()).toBe(devnet.deployment.genesisStateRoot);
    expect(((await bridge.read.cursor()) as readonly bigint[])[0]).toBe(0n);
    const after = (await api(verifier.url, "/v1/status")).body;
    expect(after.healthy).toBe(true);
    expect(after.height).toBeNull();
    expect(String((await api(verifier.url, "/metrics")).body)).toMatch(/suture_challenges_total\{kind="step",outcome="won"\} 1/);

    // The sequencer notices, derives the chain again from L1, admits the ten transfers again, takes
    // the forced one from the queue again and posts a corrected batch 0 (after re-bonding); the
    // verifier accepts it.
    await waitFor(
      async () => {
        node.services.sequencer!.sealNow();
        return ((await bridge.read.cursor()) as readonly bigint[])[0]! >= 1n;
      },
      { what: "the corrected batch on L1", intervalMs: 500 },
    );
    expect(await bridge.read.bonds([DEV_ACCOUNTS.sequencer.address])).toBe(devnet.deployment.minBond);
    // Every transfer is back: the verifier, from L1 alone, reaches the sequencer's head and root.
    const healed = await waitFor(
      async () => {
        node.services.sequencer!.sealNow();
        const [s, v] = await Promise.all([api(node.url, "/v1/status"), api(verifier.url, "/v1/status")]);
        const nonce = (await api(verifier.url, `/v1/accounts/${patient.address}`)).body.nonce;
        return nonce === "11" && v.body.height === s.body.height && v.body.stateRoot === s.body.stateRoot ? v.body : null;
      },
      { what: "the verifier to reach the sequencer's corrected head", intervalMs: 500 },
    );
    expect(healed.healthy).toBe(true);
    const account = (await api(verifier.url, `/v1/accounts/${patient.address}`)).body;
    expect(account.nonce).toBe("11");
    expect((await api(verifier.url, `/v1/accounts/${doctor.address}`)).body.balance).toBe("15");
  }, 240_000);
});

describe("L1 reorg deeper than the confirmation depth", () => {
  const devnet = useDevnet();

  it("Should stop with a clear error instead of diverging", async () => {
    const rpc = async (method: string, params: unknown[] = []): Promise<unknown> => {
      const res = await fetch(devnet.l1.rpcUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
      });
      return ((await res.json()) as { result: unknown }).result;
    };
    const snapshot = await rpc("evm_snapshot");
    const node = await devnet.startNode({ l1Confirmations: 0 });
    await devnet.deposit(patient.privateKey, patient.address, "1");
    await waitFor(async () => (await api(node.url, `/v1/accounts/${patient.address}`)).body.balance !== "0", { what: "deposit" });
    await rpc("evm_revert", [snapshot]);
    await devnet.deposit(DEV_ACCOUNTS.patient2.privateKey, DEV_ACCOUNTS.patient2.address, "2");
    const error = await Promise.race([node.fatal, new Promise<Error>((_, reject) => setTimeout(() => reject(new Error("no fatal error")), 15_000))]);
    expect(error.message).toMatch(/L1 reorg deeper than 0 confirmations/);
  }, 60_000);
});
