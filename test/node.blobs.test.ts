// Metered blob uploads against a running node, as the SDK and a raw HTTP client send them: a signed
// upload is stored and counted against the uploader's balance-bonded quota (GET
// /v1/accounts/:address/storage), and every refusal comes with its own code before the body is
// stored — unsigned, bad signature, expired, over the per-blob size, a body that is not the signed
// one, over the balance's bond, over the account cap. Devnet fees are on (perByte > 0).
import { request as httpRequest } from "node:http";
import { keccak256, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSutureClient, SutureRequestError } from "../client/src";
import { DEFAULT_BLOB_POLICY } from "../sequencer/src/blobs";
import { DEV_ACCOUNTS } from "../sequencer/src/devnet";
import type { SutureNode } from "../sequencer/src/node/createNode";
import { signBlobUpload, sutureDomain, type SutureDomain } from "../sequencer/src/protocol";
import { BLOB_HEADERS } from "../sequencer/src/protocol/api";
import { startTestDevnet, waitFor, type TestDevnet } from "./support/devnet";
import { api } from "./support/http";

let devnet: TestDevnet;
let node: SutureNode;
let domain: SutureDomain;
const rich = DEV_ACCOUNTS.patient;
const poor = DEV_ACCOUNTS.patient2;
const POLICY = { ...DEFAULT_BLOB_POLICY, accountMaxBytes: 100_000 };

beforeAll(async () => {
  devnet = await startTestDevnet();
  node = await devnet.startNode({ blobs: POLICY });
  domain = sutureDomain({ chainId: devnet.deployment.l2ChainId, verifyingContract: devnet.deployment.bridge.toLowerCase() as Hex });
  await devnet.deposit(rich.privateKey, rich.address, "1");
  await devnet.deposit(poor.privateKey, poor.address, "0.0001");
  for (const who of [rich, poor]) await waitFor(async () => (await api(node.url, `/v1/accounts/${who.address}`)).body.balance !== "0", { what: "deposit" });
}, 120_000);

afterAll(async () => {
  await devnet?.stop();
});

const bytes = (n: number, fill: number) => Buffer.alloc(n, fill);

/** The headers of an upload signed by `key` (fields overridable to forge one). */
function signedHeaders(key: Hex, data: Uint8Array, over: { hash?: Hex; size?: number; expiry?: bigint } = {}): Record<string, string> {
  const upload = { hash: keccak256(data), size: data.length, expiry: BigInt(Math.floor(Date.now() / 1000) + 120), ...over };
  const { uploader, signature } = signBlobUpload({ domain, privateKey: key, upload });
  return {
    "content-type": "application/octet-stream",
    [BLOB_HEADERS.hash]: upload.hash,
    [BLOB_HEADERS.size]: String(upload.size),
    [BLOB_HEADERS.uploader]: uploader,
    [BLOB_HEADERS.expiry]: upload.expiry.toString(),
    [BLOB_HEADERS.signature]: signature,
  };
}

async function upload(headers: Record<string, string>, data: Buffer) {
  return api(node.url, "/v1/blobs", { method: "POST", raw: data, headers });
}

async function expectRefused(headers: Record<string, string>, data: Buffer, status: number, code: string) {
  const before = (await api(node.url, `/v1/accounts/${rich.address}/storage`)).body.node;
  const res = await upload(headers, data);
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body.error.code).toBe(code);
  expect((await api(node.url, `/v1/blobs/${keccak256(data)}`)).status).toBe(404);
  expect((await api(node.url, `/v1/accounts/${rich.address}/storage`)).body.node).toEqual(before);
}

describe("POST /v1/blobs", () => {
  it("Should document the authorization headers in the OpenAPI document", async () => {
    const { body: doc } = await api(node.url, "/v1/openapi.json");
    const headers = (doc.paths["/v1/blobs"].post.parameters as Array<{ in: string; name: string; required?: boolean }>).filter((p) => p.in === "header");
    expect(Object.fromEntries(headers.map((h) => [h.name, h.required ?? false]))).toEqual({
      [BLOB_HEADERS.hash]: true,
      [BLOB_HEADERS.size]: true,
      [BLOB_HEADERS.uploader]: false,
      [BLOB_HEADERS.expiry]: false,
      [BLOB_HEADERS.signature]: false,
    });
  });

  it("Should store an upload the SDK signs, serve it back, and count it once against the uploader", async () => {
    const client = createSutureClient({ nodeUrl: node.url, account: rich.privateKey });
    const data = new TextEncoder().encode("encrypted case details");
    expect(await client.uploadBlob({ data })).toEqual({ hash: keccak256(data), size: data.length, stored: true });
    expect(Buffer.from(await client.getBlob({ hash: keccak256(data) })).equals(Buffer.from(data))).toBe(true);
    expect(await client.uploadBlob({ data })).toMatchObject({ stored: false });
    const quota = await client.getStorageQuota({ address: rich.address });
    const perByte = BigInt(quota.perByte);
    expect(perByte).toBeGreaterThan(0n);
    expect(quota).toMatchObject({ address: rich.address.toLowerCase(), used: data.length, blobs: 1, limits: POLICY });
    expect(quota.allowed).toBe(Math.min(POLICY.accountMaxBytes, Number(BigInt(quota.balance) / perByte)));
  });

  it("Should take the same authorization from a viem account (signTypedData), so any wallet can sign uploads", async () => {
    const client = createSutureClient({ nodeUrl: node.url, account: privateKeyToAccount(rich.privateKey) });
    const data = new TextEncoder().encode("signed with eth_signTypedData_v4");
    expect(await client.uploadBlob({ data })).toMatchObject({ hash: keccak256(data), stored: true });
  });

  it("Should refuse an unsigned upload with BLOB_UNSIGNED (401), and the SDK's unsigned one too", async () => {
    const data = bytes(64, 1);
    const headers = { "content-type": "application/octet-stream", [BLOB_HEADERS.hash]: keccak256(data), [BLOB_HEADERS.size]: "64" };
    await expectRefused(headers, data, 401, "BLOB_UNSIGNED");
    await expectRefused({ "content-type": "application/octet-stream" }, data, 400, "INVALID_REQUEST");
    const error = await createSutureClient({ nodeUrl: node.url })
      .uploadBlob({ data, unsigned: true })
      .catch((e) => e);
    expect(error).toBeInstanceOf(SutureRequestError);
    expect(error).toMatchObject({ code: "BLOB_UNSIGNED", status: 401 });
  });

  it("Should refuse a signature that does not recover the named uploader, or signs other bytes, with BAD_SIGNATURE", async () => {
    const data = bytes(64, 2);
    await expectRefused({ ...signedHeaders(rich.privateKey, data), [BLOB_HEADERS.uploader]: poor.address }, data, 400, "BAD_SIGNATURE");
    const other = bytes(64, 3);
    await expectRefused({ ...signedHeaders(rich.privateKey, other), [BLOB_HEADERS.hash]: keccak256(data) }, data, 400, "BAD_SIGNATURE");
    const wrongChain = signBlobUpload({
      domain: { ...domain, chainId: domain.chainId + 1 },
      privateKey: rich.privateKey,
      upload: { hash: keccak256(data), size: 64, expiry: BigInt(Math.floor(Date.now() / 1000) + 120) },
    });
    const headers = signedHeaders(rich.privateKey, data, { expiry: BigInt(Math.floor(Date.now() / 1000) + 120) });
    await expectRefused({ ...headers, [BLOB_HEADERS.signature]: wrongChain.signature }, data, 400, "BAD_SIGNATURE");
  });

  it("Should refuse an expired authorization, or one that expires more than an hour ahead, with BLOB_AUTH_EXPIRED", async () => {
    const data = bytes(64, 4);
    const now = Math.floor(Date.now() / 1000);
    await expectRefused(signedHeaders(rich.privateKey, data, { expiry: BigInt(now - 5) }), data, 401, "BLOB_AUTH_EXPIRED");
    await expectRefused(signedHeaders(rich.privateKey, data, { expiry: BigInt(now + 7200) }), data, 401, "BLOB_AUTH_EXPIRED");
  });

  it("Should refuse a blob over the per-blob limit with BLOB_TOO_LARGE (413), signed or not", async () => {
    const big = bytes(POLICY.blobMaxBytes + 1, 5);
    await expectRefused(signedHeaders(rich.privateKey, big), big, 413, "BLOB_TOO_LARGE");
    const error = await createSutureClient({ nodeUrl: node.url, account: rich.privateKey })
      .uploadBlob({ data: big })
      .catch((e) => e);
    expect(error).toMatchObject({ code: "BLOB_TOO_LARGE", status: 413 });
  });

  it("Should refuse a body that is not the signed one (longer, shorter, other bytes) with BLOB_MISMATCH", async () => {
    const data = bytes(64, 6);
    const headers = signedHeaders(rich.privateKey, data);
    await expectRefused(headers, bytes(65, 6), 400, "BLOB_MISMATCH");
    await expectRefused(headers, bytes(63, 6), 400, "BLOB_MISMATCH");
    await expectRefused(headers, bytes(64, 7), 400, "BLOB_MISMATCH");
  });

  it("Should stop reading a body sent without a length (chunked) once it runs past the signed size, and close the connection", async () => {
    const data = bytes(64, 11);
    const headers = { ...signedHeaders(rich.privateKey, data), "transfer-encoding": "chunked" };
    const res = await new Promise<{ status: number; connection: string | undefined; body: string }>((resolve, reject) => {
      const url = new URL(node.url);
      const req = httpRequest({ host: url.hostname, port: url.port, path: "/v1/blobs", method: "POST", headers }, (r) => {
        let body = "";
        r.on("data", (d) => (body += d));
        r.on("end", () => resolve({ status: r.statusCode ?? 0, connection: r.headers.connection, body }));
      });
      req.on("error", reject);
      req.write(data);
      req.write(bytes(1000, 11));
      req.end();
    });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).error.code).toBe("BLOB_MISMATCH");
    expect(res.connection).toBe("close");
    expect((await api(node.url, `/v1/blobs/${keccak256(data)}`)).status).toBe(404);
  });

  it("Should refuse more bytes than the balance bonds with BLOB_QUOTA_EXCEEDED (402), and store what it does bond", async () => {
    const client = createSutureClient({ nodeUrl: node.url, account: poor.privateKey });
    const quota = await client.getStorageQuota({ address: poor.address });
    expect(quota.allowed).toBe(Number(BigInt(quota.balance) / BigInt(quota.perByte)));
    expect(quota.allowed).toBeGreaterThan(0);
    expect(quota.allowed).toBeLessThan(POLICY.blobMaxBytes);
    const over = bytes(quota.allowed + 1, 8);
    await expectRefused(signedHeaders(poor.privateKey, over), over, 402, "BLOB_QUOTA_EXCEEDED");
    const error = await client.uploadBlob({ data: over }).catch((e) => e);
    expect(error).toMatchObject({ code: "BLOB_QUOTA_EXCEEDED", status: 402 });
    expect(error.details).toMatchObject({ used: 0, size: quota.allowed + 1, allowed: quota.allowed });
    expect(await client.uploadBlob({ data: bytes(quota.allowed, 8) })).toMatchObject({ stored: true });
    expect((await client.getStorageQuota({ address: poor.address })).used).toBe(quota.allowed);
  });

  it("Should refuse more than the account cap with BLOB_ACCOUNT_FULL (403), whatever the balance", async () => {
    const client = createSutureClient({ nodeUrl: node.url, account: rich.privateKey });
    const { used, allowed } = await client.getStorageQuota({ address: rich.address });
    expect(allowed).toBe(POLICY.accountMaxBytes);
    const room = POLICY.accountMaxBytes - used;
    await client.uploadBlob({ data: bytes(room - 10, 9) });
    const over = bytes(11, 10);
    await expectRefused(signedHeaders(rich.privateKey, over), over, 403, "BLOB_ACCOUNT_FULL");
    expect(await client.uploadBlob({ data: bytes(10, 10) })).toMatchObject({ stored: true });
  });
});
