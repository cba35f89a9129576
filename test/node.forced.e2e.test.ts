// Forced inclusion end to end (issue 13, Done-when 1), on the loopback Hardhat L1 with the node
// wired as in production: a sequencer that ignores a user (the test-only censorship hook drops
// their API transactions), the user forces a withdrawal through the L1 queue with the SDK, the
// sequencer's next batch includes it before the deadline, the batch becomes final and the user is
// paid on L1. Then a sequencer that also refuses the user's queue item: once the item is overdue,
// the bridge accepts none of its batches (Bridge_QueueItemOverdue).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPublicClient, http, parseEther, type Hex } from "viem";
import { createSutureClient } from "../client/src";
import { DEV_ACCOUNTS } from "../sequencer/src/devnet";
import { L1Client } from "../sequencer/src/l1";
import type { SutureNode } from "../sequencer/src/node/createNode";
import type { BatchHeader } from "../sequencer/src/protocol";
import { startTestDevnet, waitFor, type TestDevnet } from "./support/devnet";
import { api } from "./support/http";

const { patient, patient2, doctor } = DEV_ACCOUNTS;

/** JSON-RPC to the Hardhat L1 (time travel). */
async function rpc(url: string, method: string, params: unknown[] = []): Promise<void> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  expect(((await res.json()) as { error?: unknown }).error).toBeUndefined();
}

let devnet: TestDevnet;
let l1: L1Client;

beforeAll(async () => {
  devnet = await startTestDevnet({ challengeWindowSeconds: 2 });
  l1 = new L1Client({ rpcUrl: devnet.l1.rpcUrl, bridge: devnet.deployment.bridge, pollingIntervalMs: 0 });
}, 120_000);

afterAll(async () => {
  await devnet?.stop();
});

describe("forced inclusion end to end", () => {
  let forcedQueueIndex: bigint;

  it("Should include a withdrawal the sequencer censors once it is forced through L1, before its deadline, and pay it on L1 once final", async () => {
    const node: SutureNode = await devnet.startNode({ censor: { senders: [patient.address] }, submitWaitMs: 300 });
    const client = createSutureClient({ nodeUrl: node.url, l1RpcUrl: devnet.l1.rpcUrl, account: patient.privateKey });
    await devnet.deposit(patient.privateKey, patient.address, "5");
    await waitFor(async () => (await api(node.url, `/v1/accounts/${patient.address}`)).body.balance === parseEther("5").toString(), { what: "deposit" });

    // The sequencer ignores the user: the withdrawal sent to its API never makes it into a block.
    const ignored = await client.withdraw({ recipient: patient2.address, amount: parseEther("1") });
    expect(ignored.status).toBe("pending");
    await new Promise((r) => setTimeout(r, 1_000));
    expect((await api(node.url, `/v1/tx/${ignored.hash}`)).body.error?.code).toBe("TX_NOT_FOUND");
    expect((await api(node.url, `/v1/accounts/${patient.address}`)).body.nonce).toBe("0");

    // The same withdrawal, signed the same way, forced through the L1 queue.
    const forced = await client.forceTransaction({ type: "Withdraw", message: { recipient: patient2.address, amount: parseEther("1") }, wait: true });
    console.info(`forceTransaction gas used: ${forced.l1GasUsed} (a ${forced.l1Fee} wei fee)`);
    const { forceInclusionDelay, forcedTransactionFee } = await l1.forceInclusionParameters();
    expect(forced.l1Fee).toBe(forcedTransactionFee);
    expect(forced.deadline).toBe(forced.queuedAt + forceInclusionDelay);
    expect(forced.queueIndex).toBe(1n);
    forcedQueueIndex = forced.queueIndex;
    expect(forced.receipt).toMatchObject({ hash: forced.hash, queueIndex: "1" });
    expect(["included", "batched", "final"]).toContain(forced.receipt!.status);
    const withdrawalId = BigInt((forced.receipt!.result as { withdrawalId: string }).withdrawalId);
    // The receipt is served like any transaction's.
    const lookup = await client.getTransaction({ hash: forced.hash });
    expect(lookup).toMatchObject({ hash: forced.hash, queueIndex: "1", blockNumber: forced.receipt!.blockNumber });
    expect(lookup.index).toBeUndefined();

    // The batch that consumes the item is accepted on L1 before the deadline.
    const batch = await waitFor(
      async () =>
        (await l1.batchEvents(0n, await l1.blockNumber())).find((e) => e.header.queueStart <= forced.queueIndex && forced.queueIndex < e.header.queueEnd),
      { what: "a batch consuming the forced item" },
    );
    expect(batch.submittedAt).toBeLessThanOrEqual(forced.deadline);

    // Final, proven and paid on L1.
    const proof = await client.waitForWithdrawal({ withdrawalId, timeoutMs: 60_000 });
    expect(proof.withdrawal).toMatchObject({ recipient: patient2.address.toLowerCase(), amount: parseEther("1").toString() });
    const publicClient = createPublicClient({ transport: http(devnet.l1.rpcUrl) });
    const before = await publicClient.getBalance({ address: patient2.address });
    const paid = await client.finalizeWithdrawal({ withdrawalId, proof });
    expect(paid).toMatchObject({ alreadyFinalized: false, recipient: patient2.address.toLowerCase(), amount: parseEther("1") });
    expect((await publicClient.getBalance({ address: patient2.address })) - before).toBe(parseEther("1"));
    expect((await api(node.url, `/v1/accounts/${patient.address}`)).body.nonce).toBe("1");
    // A verifier, from L1 alone, applies the forced item the same way and serves its receipt.
    const verifier = await devnet.startNode({ mode: "verifier" });
    const seen = await waitFor(
      async () => {
        const r = await api(verifier.url, `/v1/tx/${forced.hash}`);
        return r.status === 200 ? r.body : null;
      },
      { what: "the verifier to derive the forced transaction", timeoutMs: 30_000 },
    );
    expect(seen).toMatchObject({ hash: forced.hash, queueIndex: "1", result: { withdrawalId: withdrawalId.toString() } });
    await verifier.stop();
    await node.stop();
  }, 180_000);

  it("Should get no batch accepted from a sequencer that also refuses the forced item, once the item is overdue (Bridge_QueueItemOverdue)", async () => {
    // The same chain, now run by a sequencer that leaves the user's forced items in the queue.
    const node = await devnet.startNode({ censor: { senders: [patient.address], queue: true }, submitWaitMs: 300 });
    const client = createSutureClient({ nodeUrl: node.url, l1RpcUrl: devnet.l1.rpcUrl, account: patient.privateKey });
    const others = createSutureClient({ nodeUrl: node.url, account: doctor.privateKey });
    await devnet.deposit(doctor.privateKey, doctor.address, "1");
    await waitFor(async () => (await api(node.url, `/v1/accounts/${doctor.address}`)).body.balance === parseEther("1").toString(), { what: "deposit" });

    const forced = await client.forceTransaction({ type: "Transfer", message: { to: doctor.address, amount: 1000n } });
    expect(forced.queueIndex).toBe(forcedQueueIndex + 2n);
    // Before the deadline the censoring sequencer still gets batches in (without the item).
    await others.transfer({ to: patient2.address, amount: 1n });
    const accepted = await waitFor(
      async () => {
        const events = await l1.batchEvents(0n, await l1.blockNumber());
        return events.find((e) => e.header.queueEnd === forced.queueIndex) ?? null;
      },
      { what: "a batch that stops before the forced item" },
    );
    expect(accepted.header.queueEnd).toBe(forced.queueIndex);

    // L1 time passes the deadline: every later batch of this sequencer is refused.
    await rpc(devnet.l1.rpcUrl, "evm_increaseTime", [Number(forced.deadline - accepted.submittedAt) + 5]);
    await rpc(devnet.l1.rpcUrl, "evm_mine");
    const nextIndex = (await l1.chainHead()).nextBatchIndex;
    await others.transfer({ to: patient2.address, amount: 2n });
    const poster = node.services.poster!;
    await waitFor(() => poster.health.consecutiveFailures > 0, { what: "the bridge to refuse the censoring sequencer's batch" });
    const [sealed] = node.services.chain.store.batchesWithStatus("sealed");
    expect(sealed).toBeDefined();
    const header = sealed!.header as unknown as BatchHeader;
    expect(header.queueEnd).toBe(forced.queueIndex);
    await expect(
      l1.public.simulateContract({
        address: l1.bridge,
        abi: l1.abi,
        functionName: "submitBatch",
        args: [header, sealed!.chunks.map((c) => `0x${Buffer.from(c).toString("hex")}` as Hex), sealed!.stepRoots],
        account: DEV_ACCOUNTS.sequencer.address,
      }),
    ).rejects.toThrow(/Bridge_QueueItemOverdue/);
    expect((await l1.chainHead()).nextBatchIndex).toBe(nextIndex);
    expect((await api(node.url, `/v1/tx/${forced.hash}`)).body.error?.code).toBe("TX_NOT_FOUND");
    await node.stop();
  }, 180_000);
});
