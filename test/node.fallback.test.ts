// The sequencer stops for good (issue 13, Done-when 2), with real processes on a loopback L1: the
// sequencer posts batches and is killed; deposits queue up on L1; a second party starts its own
// node in sequencer mode from L1 data alone (`npm run node` with its own SEQUENCER_KEY and the
// published deployment JSON), replays the chain, waits out sequencerInactiveDelay, includes the
// queue (deposits and a withdrawal a user forced through L1) and posts as proposer; a user
// withdraws through that node; both finalize on L1 with the `suture` CLI reading proofs from a
// verifier replica (`npm run verifier`), not from any sequencer.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPublicClient, createWalletClient, http, parseEther, type Address, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { readArtifact } from "../l1-contracts/scripts/artifacts";
import { DEV_ACCOUNTS } from "../sequencer/src/devnet";
import { bytesToHex } from "../sequencer/src/crypto/bytes";
import { encodeTx, signTx, sutureDomain, txHash, txToJson, type Tx } from "../sequencer/src/protocol";
import { freePort, startTestDevnet, waitFor, type TestDevnet } from "./support/devnet";
import { api } from "./support/http";

const ROOT = join(import.meta.dirname, "..");
const INACTIVE_SECONDS = 8;
const patient = DEV_ACCOUNTS.patient;
const doctor = DEV_ACCOUNTS.doctor;
const latecomer = DEV_ACCOUNTS.patient2;
/** The second party: any funded L1 key that is not the bridge's sequencer. */
const fallback = DEV_ACCOUNTS.manufacturer;

let devnet: TestDevnet;
const children: ChildProcess[] = [];
const dirs: string[] = [];

/** `npm run node` / `npm run verifier` as one process (tsx as a loader), configured only by the documented settings. */
function spawnNode(env: Record<string, string>, verifier = false): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "sequencer/src/main.ts", ...(verifier ? ["--verifier"] : [])], {
    cwd: ROOT,
    env: { ...process.env, L1_RPC_URL: devnet.l1.rpcUrl, BLOCK_INTERVAL_MS: "20", BATCH_MAX_AGE_MS: "300", L1_POLL_MS: "100", LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "inherit", "inherit"],
  });
  children.push(child);
  return child;
}

async function up(url: string): Promise<void> {
  await waitFor(async () => (await api(url, "/v1/status").catch(() => ({ status: 0 }))).status === 200, { what: `${url} up`, timeoutMs: 60_000 });
}

function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "suture-fallback-"));
  dirs.push(dir);
  return dir;
}

function signedTx(key: Hex, type: string, message: Record<string, unknown>): Tx {
  const domain = sutureDomain({ chainId: devnet.deployment.l2ChainId, verifyingContract: devnet.deployment.bridge.toLowerCase() as Hex });
  return signTx({ domain, privateKey: key, type: type as never, message: message as never }) as Tx;
}

function signed(key: Hex, type: string, message: Record<string, unknown>) {
  return txToJson(signedTx(key, type, message));
}

/** Finalizes withdrawal `id` on L1 with the CLI, reading the proof from `node`; returns what `to` received. */
async function finalizeWithCli(id: string, node: string, key: Hex, to: Address): Promise<bigint> {
  const publicClient = createPublicClient({ transport: http(devnet.l1.rpcUrl) });
  const before = await publicClient.getBalance({ address: to });
  const cli = await runCli(["withdrawal", "finalize", "--id", id, "--node", node, "--l1", devnet.l1.rpcUrl, "--key", key, "--json"]);
  expect(cli.code, cli.stderr).toBe(0);
  expect(await devnet.bridge().read.isWithdrawn([BigInt(id)])).toBe(true);
  return (await publicClient.getBalance({ address: to })) - before;
}

async function nonceOf(url: string, address: Address): Promise<bigint> {
  return BigInt((await api(url, `/v1/accounts/${address}`)).body.nonce);
}

function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["client/bin/suture.js", ...args], { cwd: ROOT, env: { ...process.env, SUTURE_HOME: freshDir() } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

beforeAll(async () => {
  devnet = await startTestDevnet({ challengeWindowSeconds: 2, forceInclusionDelaySeconds: 5, sequencerInactiveDelaySeconds: INACTIVE_SECONDS });
}, 120_000);

afterAll(async () => {
  for (const c of children) c.kill("SIGKILL");
  await devnet?.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe("the sequencer stops for good", () => {
  it("Should let a second party replay the chain from L1, propose after sequencerInactiveDelay with the queue included, and let a user exit with a replica's proof", async () => {
    const bridge = devnet.bridge();
    const publicClient = createPublicClient({ transport: http(devnet.l1.rpcUrl) });
    const bridgeAbi = readArtifact("SutureBridge").abi;

    // 1. The sequencer (the bridge's key) runs, takes a deposit and transfers, posts, then dies.
    const seqPort = await freePort();
    const seqUrl = `http://127.0.0.1:${seqPort}`;
    const sequencer = spawnNode({ DATA_DIR: devnet.dataDir, PORT: String(seqPort) });
    await up(seqUrl);
    expect((await api(seqUrl, "/v1/status")).body.role).toMatchObject({ role: "sequencer", text: "sequencer" });
    await devnet.deposit(patient.privateKey, patient.address, "3");
    await waitFor(async () => (await api(seqUrl, `/v1/accounts/${patient.address}`)).body.balance === parseEther("3").toString(), { what: "deposit" });
    for (let i = 0n; i < 3n; i++) {
      const r = await api(seqUrl, "/v1/tx", {
        body: signed(patient.privateKey, "Transfer", { nonce: i, maxFee: 10n ** 15n, to: doctor.address, amount: 10n ** 17n }),
      });
      expect(r.body.status).toBe("included");
    }
    // Everything it built is on L1: the bridge's root is the sequencer's head.
    const sequencerRoot: Hex = await waitFor(
      async () => {
        const s = (await api(seqUrl, "/v1/status")).body;
        return s.batches.sealed === 0 && s.batches.posted >= 1 && (await bridge.read.lastStateRoot()) === s.stateRoot ? s.stateRoot : null;
      },
      { what: "the sequencer to post everything" },
    );
    sequencer.kill("SIGKILL");
    await new Promise((r) => sequencer.once("exit", r));
    const postedBySequencer = ((await bridge.read.cursor()) as readonly bigint[])[0]!;
    expect(await bridge.read.lastStateRoot()).toBe(sequencerRoot);

    // 2. Deposits, and a withdrawal the patient forces through L1, queue up with nobody to include them.
    await devnet.deposit(latecomer.privateKey, latecomer.address, "2");
    const forcedAmount = parseEther("1");
    const forced = signedTx(patient.privateKey, "Withdraw", { nonce: 3n, maxFee: 10n ** 15n, recipient: patient.address, amount: forcedAmount });
    const patientL1 = createWalletClient({ transport: http(devnet.l1.rpcUrl), account: privateKeyToAccount(patient.privateKey) });
    await publicClient.waitForTransactionReceipt({
      hash: await patientL1.writeContract({
        address: devnet.deployment.bridge,
        abi: bridgeAbi,
        functionName: "forceTransaction",
        args: [bytesToHex(encodeTx(forced))],
        value: (await bridge.read.forcedTransactionFee()) as bigint,
        chain: null,
      }),
    });
    await devnet.deposit(patient.privateKey, patient.address, "1");
    const queueLength = (await bridge.read.queueLength()) as bigint;
    expect(((await bridge.read.cursor()) as readonly bigint[])[1]).toBeLessThan(queueLength);

    // 3. A verifier replica and the second party's node start from L1 data alone: their own data dirs, the published deployment JSON.
    const deploymentJson = join(devnet.dataDir, "deployment.json");
    const verifierPort = await freePort();
    const verifierUrl = `http://127.0.0.1:${verifierPort}`;
    spawnNode({ DATA_DIR: freshDir(), DEPLOYMENT: deploymentJson, PORT: String(verifierPort) }, true);
    const fbPort = await freePort();
    const fbUrl = `http://127.0.0.1:${fbPort}`;
    spawnNode({ DATA_DIR: freshDir(), DEPLOYMENT: deploymentJson, PORT: String(fbPort), SEQUENCER_KEY: fallback.privateKey });
    await up(fbUrl);
    await up(verifierUrl);

    // It replays the sequencer's batches (its root is L1's) and waits, building nothing, until the bridge opens to it.
    const openAt = Number((await bridge.read.sequencerLastBatchAt()) as bigint) + INACTIVE_SECONDS;
    const waiting = await waitFor(
      async () => {
        const s = (await api(fbUrl, "/v1/status")).body;
        return s.stateRoot === sequencerRoot && s.role?.role === "fallback-waiting" ? s : null;
      },
      { what: "the fallback node to replay L1 and wait", timeoutMs: 30_000 },
    ).catch(async (e) => {
      // Slow machine: the window may already be open when the replay ends.
      const s = (await api(fbUrl, "/v1/status")).body;
      if (s.role?.role === "fallback-active") return null;
      throw e;
    });
    if (waiting) {
      expect(waiting.role).toMatchObject({ sequencer: DEV_ACCOUNTS.sequencer.address.toLowerCase(), openAt });
      expect(waiting.role.text).toBe(`fallback proposer waiting until ${new Date(openAt * 1000).toISOString()}`);
      expect(waiting.batches).toMatchObject({ sealed: 0, posted: Number(postedBySequencer) });
      // Admitted transactions wait in its mempool; the queue is not included yet.
      expect((await api(fbUrl, `/v1/accounts/${latecomer.address}`)).body.balance).toBe("0");
    }

    // 4. Once sequencerInactiveDelay has passed it bonds, includes the queue and posts as proposer.
    await waitFor(async () => ((await bridge.read.cursor()) as readonly bigint[])[0]! > postedBySequencer, {
      what: "a fallback batch on L1",
      timeoutMs: 60_000,
    });
    const now = Math.floor(Date.now() / 1000);
    expect(now).toBeGreaterThanOrEqual(openAt);
    const events = await publicClient.getContractEvents({ address: devnet.deployment.bridge, abi: bridgeAbi, eventName: "BatchSubmitted", fromBlock: 0n });
    const first = events.find((e) => (e as unknown as { args: { batchIndex: bigint } }).args.batchIndex === postedBySequencer)!;
    const firstArgs = (first as unknown as { args: { header: { proposer: Address; queueEnd: bigint } } }).args;
    expect(firstArgs.header.proposer.toLowerCase()).toBe(fallback.address.toLowerCase());
    expect(firstArgs.header.queueEnd).toBe(queueLength);
    expect(((await bridge.read.cursor()) as readonly bigint[])[1]).toBe(queueLength);
    expect((await bridge.read.bonds([fallback.address])) as bigint).toBeGreaterThanOrEqual(devnet.deployment.minBond);
    const receipt = await publicClient.getTransactionReceipt({ hash: first.transactionHash! });
    console.log(`fallback submitBatch gas: ${receipt.gasUsed} (batch ${postedBySequencer}, queue items ${queueLength})`);
    await waitFor(async () => (await api(fbUrl, `/v1/accounts/${latecomer.address}`)).body.balance === parseEther("2").toString(), { what: "queue credited" });
    // The forced withdrawal was applied exactly as a posted one.
    const forcedReceipt = (await api(fbUrl, `/v1/tx/${txHash(forced)}`)).body;
    expect(forcedReceipt).toMatchObject({ queueIndex: String(queueLength - 2n) });
    expect(["batched", "final"]).toContain(forcedReceipt.status);
    const forcedId = String(forcedReceipt.result.withdrawalId);

    // 5. The latecomer withdraws through the fallback node (included when the bridge next opens to it).
    const amount = parseEther("0.5");
    const withdraw = signed(latecomer.privateKey, "Withdraw", {
      nonce: await nonceOf(fbUrl, latecomer.address),
      maxFee: 10n ** 15n,
      recipient: latecomer.address,
      amount,
    });
    const sent = await api(fbUrl, "/v1/tx", { body: withdraw });
    expect([200, 202]).toContain(sent.status);
    const included = await waitFor(
      async () => {
        const r = (await api(fbUrl, `/v1/tx/${sent.body.hash}`)).body;
        return r.result?.withdrawalId !== undefined ? r : null;
      },
      { what: "the withdrawal included", timeoutMs: 60_000 },
    );
    const withdrawalId = String(included.result.withdrawalId);

    // 6. The replica derives the same chain from L1 and serves the proof, with the batch's own finalAt from L1.
    const proof = await waitFor(
      async () => {
        const r = await api(verifierUrl, `/v1/proofs/withdrawal/${withdrawalId}`);
        return r.status === 200 && r.body.final ? r.body : null;
      },
      { what: "a final proof from the replica", timeoutMs: 90_000 },
    );
    const record = (await bridge.read.batches([BigInt(proof.batchIndex)])) as readonly [Hex, bigint, bigint, bigint];
    expect(proof.finalAt).toBe(Number(record[2]));
    expect(proof.header.proposer.toLowerCase()).toBe(fallback.address.toLowerCase());
    const batch = (await api(verifierUrl, `/v1/batches/${proof.batchIndex}`)).body;
    expect(batch).toMatchObject({ status: "final", finalAt: Number(record[2]) });
    const replica = (await api(verifierUrl, "/v1/status")).body;
    expect(replica.mode).toBe("verifier");
    expect(replica.verifier.mismatch).toBeNull();

    // 7. Both collect on L1 with the CLI, pointed at the replica: paid the amount, less the L1 gas of the call.
    const paid = await finalizeWithCli(withdrawalId, verifierUrl, latecomer.privateKey, latecomer.address);
    expect(paid).toBeGreaterThan(amount - parseEther("0.01"));
    expect(paid).toBeLessThanOrEqual(amount);
    const paidForced = await finalizeWithCli(forcedId, verifierUrl, patient.privateKey, patient.address);
    expect(paidForced).toBeGreaterThan(forcedAmount - parseEther("0.01"));
    expect(paidForced).toBeLessThanOrEqual(forcedAmount);
  }, 300_000);
});
