// Bad input against a running sequencer: every case gets a 4xx with its stable code, the node
// keeps running, and the state root does not move.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_ACCOUNTS } from "../sequencer/src/devnet";
import type { SutureNode } from "../sequencer/src/node/createNode";
import { signTx, sutureDomain, txToJson, type Tx } from "../sequencer/src/protocol";
import { startTestDevnet, waitFor, type TestDevnet } from "./support/devnet";
import { api } from "./support/http";

let devnet: TestDevnet;
let node: SutureNode;
const patient = DEV_ACCOUNTS.patient;
let domain: ReturnType<typeof sutureDomain>;

const sign = (type: string, message: Record<string, unknown>, key = patient.privateKey, d = domain) =>
  txToJson(signTx({ domain: d, privateKey: key, type: type as never, message: { maxFee: 10n ** 17n, ...message } as never }) as Tx);

async function root(): Promise<string> {
  return (await api(node.url, "/v1/status")).body.stateRoot;
}

async function expectRejected(req: Parameters<typeof api>[2], status: number, code: string, path = "/v1/tx") {
  const before = await root();
  const res = await api(node.url, path, req);
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body.error.code).toBe(code);
  expect(typeof res.body.error.message).toBe("string");
  expect(await root()).toBe(before);
  expect((await api(node.url, "/v1/status")).status).toBe(200);
}

beforeAll(async () => {
  devnet = await startTestDevnet();
  node = await devnet.startNode({ mempoolMaxPerSender: 10, submitWaitMs: 1_000 });
  domain = sutureDomain({ chainId: devnet.deployment.l2ChainId, verifyingContract: devnet.deployment.bridge.toLowerCase() as `0x${string}` });
  await devnet.deposit(patient.privateKey, patient.address, "1");
  await waitFor(async () => (await api(node.url, `/v1/accounts/${patient.address}`)).body.balance !== "0", { what: "deposit" });
}, 120_000);

afterAll(async () => {
  await devnet?.stop();
});

describe("bad input", () => {
  it("Should reject a non-JSON body with INVALID_JSON", async () => {
    await expectRejected({ raw: "{not json", headers: { "content-type": "application/json" } }, 400, "INVALID_JSON");
  });

  it("Should reject an oversized body with BODY_TOO_LARGE", async () => {
    await expectRejected({ raw: JSON.stringify({ pad: "x".repeat(3 * 1024 * 1024) }), headers: { "content-type": "application/json" } }, 413, "BODY_TOO_LARGE");
  });

  it("Should reject an unknown type with UNKNOWN_TX_TYPE", async () => {
    await expectRejected({ body: { type: "MintMoney", message: {}, signature: `0x${"11".repeat(65)}` } }, 400, "UNKNOWN_TX_TYPE");
  });

  it("Should reject missing, extra and mistyped fields with INVALID_FIELD", async () => {
    const good = sign("Transfer", { nonce: 0n, to: DEV_ACCOUNTS.doctor.address, amount: 1n });
    const { to: _to, ...missing } = good.message;
    await expectRejected({ body: { ...good, message: missing } }, 400, "INVALID_FIELD");
    await expectRejected({ body: { ...good, message: { ...good.message, bonus: "1" } } }, 400, "INVALID_FIELD");
    await expectRejected({ body: { ...good, message: { ...good.message, amount: -5 } } }, 400, "INVALID_FIELD");
    await expectRejected({ body: { ...good, message: { ...good.message, to: "0x1234" } } }, 400, "INVALID_FIELD");
  });

  it("Should reject a bad signature with BAD_SIGNATURE", async () => {
    const tx = sign("Transfer", { nonce: 0n, to: DEV_ACCOUNTS.doctor.address, amount: 1n });
    const forged = sign("Transfer", { nonce: 0n, to: DEV_ACCOUNTS.doctor.address, amount: 1n }, DEV_ACCOUNTS.patient2.privateKey);
    await expectRejected({ body: { ...tx, signature: forged.signature } }, 400, "BAD_SIGNATURE");
    await expectRejected({ body: { ...tx, signature: "0x1234" } }, 400, "BAD_SIGNATURE");
  });

  it("Should require `from` on a signed envelope with INVALID_FIELD, and refuse it on an unsigned PostReview", async () => {
    const { from: _from, ...withoutFrom } = sign("Transfer", { nonce: 0n, to: DEV_ACCOUNTS.doctor.address, amount: 1n });
    await expectRejected({ body: withoutFrom }, 400, "INVALID_FIELD");
    await expectRejected({ body: { ...withoutFrom, from: null } }, 400, "INVALID_FIELD");
    const review = {
      type: "PostReview",
      message: {
        doctor: DEV_ACCOUNTS.doctor.address,
        rating: 5,
        worthIt: true,
        textHash: `0x${"ab".repeat(32)}`,
        root: "1",
        nullifier: "2",
        proof: Array(8).fill("3"),
      },
    };
    await expectRejected({ body: { ...review, from: patient.address } }, 400, "INVALID_FIELD");
  });

  it("Should reject a message altered after signing with 400 BAD_SIGNATURE, not leave it pending", async () => {
    const nonce = BigInt((await api(node.url, `/v1/accounts/${patient.address}`)).body.nonce);
    const tx = sign("Transfer", { nonce: nonce + 3n, to: DEV_ACCOUNTS.doctor.address, amount: 1n });
    const tampered = { ...tx, message: { ...tx.message, amount: "1000" } };
    const pendingBefore = (await api(node.url, "/v1/status")).body.pendingTxs;
    await expectRejected({ body: tampered }, 400, "BAD_SIGNATURE");
    // Without `from` the altered message used to recover some other address and wait forever
    // for that address's earlier nonces; now it cannot be submitted at all.
    const { from: _from, ...anonymous } = tampered;
    await expectRejected({ body: anonymous }, 400, "INVALID_FIELD");
    const bulk = await api(node.url, "/v1/txs", { body: [tampered, anonymous] });
    expect(bulk.body.results.map((r: { status: string; error?: { code: string } }) => [r.status, r.error?.code])).toEqual([
      ["rejected", "BAD_SIGNATURE"],
      ["rejected", "INVALID_FIELD"],
    ]);
    expect((await api(node.url, "/v1/status")).body.pendingTxs).toBe(pendingBefore);
  });

  it("Should reject a wrong chain id with WRONG_CHAIN_ID, and a signature for another domain with BAD_SIGNATURE", async () => {
    const tx = sign("Transfer", { nonce: 0n, to: DEV_ACCOUNTS.doctor.address, amount: 1n });
    await expectRejected({ body: { ...tx, chainId: 1 } }, 400, "WRONG_CHAIN_ID");
    await expectRejected({ body: { ...tx, verifyingContract: "0x0000000000000000000000000000000000000001" } }, 400, "WRONG_DOMAIN");
    const otherChain = sign("Transfer", { nonce: 0n, to: DEV_ACCOUNTS.doctor.address, amount: 1n }, patient.privateKey, { ...domain, chainId: 1 });
    await expectRejected({ body: otherChain }, 400, "BAD_SIGNATURE");
  });

  it("Should reject a replayed nonce with NONCE_TOO_LOW and a far-future nonce with NONCE_TOO_HIGH", async () => {
    const tx = sign("Transfer", { nonce: 0n, to: DEV_ACCOUNTS.doctor.address, amount: 1n });
    const first = await api(node.url, "/v1/tx", { body: tx });
    expect(first.body.status).toBe("included");
    // Resubmitting the identical transaction is idempotent: its receipt, nothing applied again.
    const before = await root();
    const again = await api(node.url, "/v1/tx", { body: tx });
    expect(again.body).toMatchObject({ hash: first.body.hash, status: "included", blockNumber: first.body.blockNumber });
    expect(await root()).toBe(before);
    const replay = sign("Transfer", { nonce: 0n, to: DEV_ACCOUNTS.doctor.address, amount: 2n });
    await expectRejected({ body: replay }, 409, "NONCE_TOO_LOW");
    await expectRejected({ body: sign("Transfer", { nonce: 1_000_000n, to: DEV_ACCOUNTS.doctor.address, amount: 1n }) }, 409, "NONCE_TOO_HIGH");
  });

  it("Should reject a transaction from a sender without the role with NOT_AUTHORIZED", async () => {
    const nonce = BigInt((await api(node.url, `/v1/accounts/${patient.address}`)).body.nonce);
    await expectRejected({ body: sign("AdmitParticipant", { nonce, account: patient.address, role: 1, active: true }) }, 403, "NOT_AUTHORIZED");
  });

  it("Should check a review's doctor and root before its proof: NOT_DOCTOR, UNKNOWN_ROOT, then a bad proof against a known one with INVALID_PROOF", async () => {
    const review = (root: string) => ({
      type: "PostReview",
      message: {
        doctor: DEV_ACCOUNTS.doctor.address,
        rating: 5,
        worthIt: true,
        textHash: `0x${"ab".repeat(32)}`,
        root,
        nullifier: "2",
        proof: Array(8).fill("3"),
      },
    });
    await expectRejected({ body: review("1") }, 403, "NOT_DOCTOR");
    const doctor = DEV_ACCOUNTS.doctor;
    await devnet.deposit(doctor.privateKey, doctor.address, "1");
    await waitFor(async () => BigInt((await api(node.url, `/v1/accounts/${doctor.address}`)).body.balance) >= 10n ** 18n, { what: "deposit" });
    const profile = { nonce: 0n, specialties: ["rhinoplasty"], latE6: 0, lonE6: 0, acceptedInsurers: [], profileHash: `0x${"11".repeat(32)}` };
    expect((await api(node.url, "/v1/tx", { body: sign("RegisterDoctor", profile, doctor.privateKey) })).status).toBe(200);
    await expectRejected({ body: review("1") }, 422, "UNKNOWN_ROOT");
    const { root } = (await api(node.url, "/v1/reviews/tree")).body;
    await expectRejected({ body: review(root) }, 422, "INVALID_PROOF");
  });

  it("Should answer a full sender queue with 429 and a retry hint", async () => {
    const nonce = BigInt((await api(node.url, `/v1/accounts/${patient.address}`)).body.nonce);
    // Nonces from nonce+1 on wait for the missing one, so they stay pending and fill the queue
    // (10 per sender here, under the 16 a sender may hold behind a nonce gap; each signs a small
    // maxFee, so the balance covers what a gapped queue reserves).
    const gapped = Array.from({ length: 14 }, (_, i) =>
      sign("Transfer", { nonce: nonce + 1n + BigInt(i), maxFee: 10n ** 14n, to: DEV_ACCOUNTS.doctor.address, amount: 3n }),
    );
    const res = await api(node.url, "/v1/txs", { body: gapped });
    expect(res.status).toBe(200);
    const codes = res.body.results.map((r: { status: string; error?: { code: string } }) => r.error?.code ?? r.status);
    expect(codes).toContain("SENDER_QUEUE_FULL");
    const single = await api(node.url, "/v1/tx", {
      body: sign("Transfer", { nonce: nonce + 15n, maxFee: 10n ** 14n, to: DEV_ACCOUNTS.doctor.address, amount: 3n }),
    });
    expect(single.status).toBe(429);
    expect(single.body.error.code).toBe("SENDER_QUEUE_FULL");
  }, 30_000);

  it("Should reject more than 1,000 transactions in one bulk request with TOO_MANY_TXS", async () => {
    await expectRejected({ body: Array(1001).fill({}) }, 400, "TOO_MANY_TXS", "/v1/txs");
  });

  it("Should answer unknown reads with 404 and the entity's code, and bad parameters with 400", async () => {
    const missingCase = await api(node.url, "/v1/cases/999");
    expect(missingCase.status).toBe(404);
    expect(missingCase.body.error.code).toBe("CASE_NOT_FOUND");
    const missingTx = await api(node.url, `/v1/tx/0x${"00".repeat(32)}`);
    expect(missingTx.status).toBe(404);
    expect(missingTx.body.error.code).toBe("TX_NOT_FOUND");
    expect((await api(node.url, "/v1/accounts/0x12")).status).toBe(400);
  });
});
