// The running product end to end: a loopback Hardhat L1, the deployed bridge, a sequencer and a
// verifier. A plain HTTP client with viem signing uses /v1/schema and /v1/tx; deposits arrive from
// L1; batches land on L1 and become final; a withdrawal is finalized with the served proof.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPublicClient, createWalletClient, http, parseEther, type Address, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { readArtifact } from "../l1-contracts/scripts/artifacts";
import { DEV_ACCOUNTS } from "../sequencer/src/devnet";
import type { SutureNode } from "../sequencer/src/node/createNode";
import { startTestDevnet, waitFor, type TestDevnet } from "./support/devnet";
import { api } from "./support/http";

let devnet: TestDevnet;
let node: SutureNode;
const patient = DEV_ACCOUNTS.patient;
const doctor = DEV_ACCOUNTS.doctor;

/** Signs like any wallet would: the schema from the node, viem's signTypedData. */
async function signed(base: string, key: Hex, type: string, message: Record<string, unknown>) {
  const { body: schema } = await api(base, "/v1/schema");
  const { EIP712Domain: _d, ...types } = schema.types[type].types;
  const account = privateKeyToAccount(key);
  const toTyped = (m: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(m).map(([k, v]) => [k, typeof v === "string" && /^\d+$/.test(v) ? BigInt(v) : v]));
  const signature = await account.signTypedData({ domain: schema.domain, types, primaryType: type, message: toTyped(message) } as never);
  return { type, from: account.address, message, signature };
}

async function nonceOf(base: string, address: Address): Promise<string> {
  return (await api(base, `/v1/accounts/${address}`)).body.nonce;
}

beforeAll(async () => {
  devnet = await startTestDevnet({ challengeWindowSeconds: 2 });
  node = await devnet.startNode();
}, 120_000);

afterAll(async () => {
  await devnet?.stop();
});

describe("node end to end", () => {
  it("Should report its status", async () => {
    const { status, body } = await api(node.url, "/v1/status");
    expect(status).toBe(200);
    expect(body).toMatchObject({ mode: "sequencer", chainId: 424242, l1ChainId: 31337, bridge: devnet.deployment.bridge.toLowerCase(), pendingTxs: 0 });
    expect(body.batches).toMatchObject({ posted: 0, finalized: 0 });
  });

  it("Should credit an L1 deposit on L2", async () => {
    await devnet.deposit(patient.privateKey, patient.address, "5");
    await waitFor(async () => (await api(node.url, `/v1/accounts/${patient.address}`)).body.balance === parseEther("5").toString(), { what: "deposit" });
  });

  it("Should accept a wallet-signed transaction through /v1/schema and /v1/tx", async () => {
    const tx = await signed(node.url, patient.privateKey, "Transfer", {
      nonce: await nonceOf(node.url, patient.address),
      maxFee: parseEther("0.001").toString(),
      to: doctor.address,
      amount: parseEther("1").toString(),
    });
    const { status, body } = await api(node.url, "/v1/tx", { body: tx });
    expect(status).toBe(200);
    expect(body.status).toBe("included");
    expect((await api(node.url, `/v1/accounts/${doctor.address}`)).body.balance).toBe(parseEther("1").toString());
    const lookup = await api(node.url, `/v1/tx/${body.hash}`);
    expect(["included", "batched", "final"]).toContain(lookup.body.status);
  });

  it("Should post batches to L1 that become final, and pay a withdrawal with the served proof", async () => {
    const tx = await signed(node.url, patient.privateKey, "Withdraw", {
      nonce: await nonceOf(node.url, patient.address),
      maxFee: parseEther("0.001").toString(),
      recipient: patient.address,
      amount: parseEther("0.5").toString(),
    });
    const { body } = await api(node.url, "/v1/tx", { body: tx });
    expect(body.status).toBe("included");
    const id = body.result.withdrawalId as string;
    const proof = await waitFor(
      async () => {
        const r = await api(node.url, `/v1/proofs/withdrawal/${id}`);
        return r.status === 200 && r.body.final ? r.body : null;
      },
      { what: "final withdrawal proof", timeoutMs: 30_000 },
    );
    const publicClient = createPublicClient({ transport: http(devnet.l1.rpcUrl) });
    const wallet = createWalletClient({ transport: http(devnet.l1.rpcUrl), account: privateKeyToAccount(DEV_ACCOUNTS.patient2.privateKey) });
    const before = await publicClient.getBalance({ address: patient.address });
    const header = Object.fromEntries(Object.entries(proof.header).map(([k, v]) => [k, typeof v === "string" && /^\d+$/.test(v) ? BigInt(v) : v]));
    const hash = await wallet.writeContract({
      address: devnet.deployment.bridge,
      abi: readArtifact("SutureBridge").abi,
      functionName: "finalizeWithdrawal",
      args: [header, { id: BigInt(proof.withdrawal.id), recipient: proof.withdrawal.recipient, amount: BigInt(proof.withdrawal.amount) }, proof.siblings],
      chain: null,
    });
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    expect(receipt.status).toBe("success");
    expect((await publicClient.getBalance({ address: patient.address })) - before).toBe(parseEther("0.5"));
    const status = (await api(node.url, "/v1/status")).body;
    expect(status.batches.posted).toBeGreaterThan(0);
  });

  it("Should let a verifier re-derive the same state from L1 alone", async () => {
    const verifier = await devnet.startNode({ mode: "verifier" });
    const target = await waitFor(
      async () => {
        const s = (await api(node.url, "/v1/status")).body;
        return s.batches.sealed === 0 && s.pendingTxs === 0 && s.batches.posted > 0 ? s : null;
      },
      { what: "sequencer to post everything" },
    );
    await waitFor(async () => (await api(verifier.url, "/v1/status")).body.stateRoot === target.stateRoot, { what: "verifier to catch up", timeoutMs: 30_000 });
    const v = (await api(verifier.url, "/v1/status")).body;
    expect(v).toMatchObject({ mode: "verifier", healthy: true });
    expect((await api(verifier.url, `/v1/accounts/${doctor.address}`)).body.balance).toBe(parseEther("1").toString());
    const tx = await signed(verifier.url, patient.privateKey, "Transfer", {
      nonce: await nonceOf(verifier.url, patient.address),
      maxFee: parseEther("0.001").toString(),
      to: doctor.address,
      amount: "1",
    });
    const refused = await api(verifier.url, "/v1/tx", { body: tx });
    expect([refused.status, refused.body.error.code]).toEqual([404, "NOT_SEQUENCER"]);
    await verifier.stop();
  });
});
