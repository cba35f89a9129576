// Every refusal of a blob upload, each with its own code, and what is accepted: against a real
// state (a test chain with fees on, a posted review) and a store on disk. The HTTP route and the
// SDK's signing are tested end to end in test/node.blobs.test.ts.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { keccak256, type Hex } from "viem";
import { afterAll, describe, expect, it } from "vitest";
import { signBlobUpload, type BlobUpload } from "../protocol";
import { BLOB_HEADERS } from "../protocol/api";
import { DEFAULT_FEES } from "../state";
import { Store } from "../store";
import { actor, ETH, TestChain, testGenesis } from "../stf/testing/harness";
import { createWorld } from "../stf/testing/world";
import { authorizeUpload, storageQuota, storeBlob, type BlobPolicy } from ".";

const dir = mkdtempSync(join(tmpdir(), "suture-blobs-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const NOW = 1_800_000_000;
const policy: BlobPolicy = { blobMaxBytes: 1024, accountMaxBytes: 3000, nodeMaxBytes: 5000, authMaxSeconds: 3600 };

const w = createWorld({ chain: new TestChain({ params: testGenesis({ fees: DEFAULT_FEES }), time: NOW }) });
const { chain } = w;
const state = chain.state;
const domain = chain.domain;
const perByte = DEFAULT_FEES.perByte;
const rich = actor("rich");
const poor = actor("poor");
chain.deposit(rich, ETH);
chain.deposit(poor, perByte * 100n); // bonds 100 bytes
chain.checkReviewProof = () => true;
const reviewText = new TextEncoder().encode("Excellent care");
const posted = chain.apply({
  type: "PostReview",
  from: null,
  signature: null,
  message: {
    doctor: w.drA.address,
    rating: 5,
    worthIt: true,
    textHash: keccak256(reviewText),
    root: state.get("reviewTree", "")!.root,
    nullifier: 7n,
    proof: [1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n],
  },
} as never);

function bytes(n: number, fill = 1): Uint8Array {
  return new Uint8Array(n).fill(fill);
}

function signed(who: { privateKey: Hex }, data: Uint8Array, over: Partial<BlobUpload> = {}) {
  const upload = { hash: keccak256(data), size: data.length, expiry: BigInt(NOW + 60), ...over };
  const { uploader, signature } = signBlobUpload({ domain, privateKey: who.privateKey, upload });
  return {
    [BLOB_HEADERS.hash]: upload.hash,
    [BLOB_HEADERS.size]: String(upload.size),
    [BLOB_HEADERS.uploader]: uploader,
    [BLOB_HEADERS.expiry]: upload.expiry.toString(),
    [BLOB_HEADERS.signature]: signature,
  } as Record<string, string>;
}

describe("blob uploads", () => {
  const store = new Store({ path: join(dir, "blobs.sqlite") });
  afterAll(() => store.close());
  const authorize = (headers: Record<string, string>, now = NOW) => authorizeUpload({ headers, domain, state, store, policy, now });
  const code = (f: () => unknown) => {
    try {
      f();
    } catch (error) {
      return (error as { code: string }).code;
    }
    return "accepted";
  };
  const put = (headers: Record<string, string>, data: Uint8Array) => storeBlob({ upload: authorize(headers), data, state, store, policy, now: NOW });

  it("Should accept a signed upload, charge it to the signer, and not count the same blob twice", () => {
    expect(posted.status).toBe("ok");
    const data = bytes(500);
    expect(put(signed(rich, data), data)).toEqual({ hash: keccak256(data), size: 500, stored: true });
    expect(put(signed(rich, data), data).stored).toBe(false);
    expect(put(signed(poor, data), data).stored).toBe(false);
    const q = storageQuota({ state, store, policy, address: rich.address, now: NOW });
    expect(q).toMatchObject({ used: 500, blobs: 1, allowed: policy.accountMaxBytes, perByte });
    expect(storageQuota({ state, store, policy, address: poor.address, now: NOW })).toMatchObject({ used: 0, allowed: 100 });
  });

  it("Should refuse an unsigned upload, unless it is the text of a posted review", () => {
    const data = bytes(10, 2);
    const unsigned = { [BLOB_HEADERS.hash]: keccak256(data), [BLOB_HEADERS.size]: "10" };
    expect(code(() => authorize(unsigned))).toBe("BLOB_UNSIGNED");
    const { [BLOB_HEADERS.signature]: _s, ...noSignature } = signed(rich, data);
    expect(code(() => authorize(noSignature))).toBe("BLOB_UNSIGNED");
    const { [BLOB_HEADERS.expiry]: _e, ...noExpiry } = signed(rich, data);
    expect(code(() => authorize(noExpiry))).toBe("BLOB_UNSIGNED");

    const text = { [BLOB_HEADERS.hash]: keccak256(reviewText), [BLOB_HEADERS.size]: String(reviewText.length) };
    expect(authorize(text)).toEqual({ hash: keccak256(reviewText), size: reviewText.length, uploader: null });
    expect(put(text, reviewText).stored).toBe(true);
    expect(store.blobUsage(null)).toEqual({ bytes: reviewText.length, count: 1 });
  });

  it("Should refuse a signature that does not recover the uploader, or covers other bytes, size, expiry or domain", () => {
    const data = bytes(20, 3);
    const good = signed(rich, data);
    expect(code(() => authorize(good))).toBe("accepted");
    expect(code(() => authorize({ ...good, [BLOB_HEADERS.uploader]: poor.address }))).toBe("BAD_SIGNATURE");
    expect(code(() => authorize({ ...good, [BLOB_HEADERS.hash]: keccak256(bytes(20, 4)) }))).toBe("BAD_SIGNATURE");
    expect(code(() => authorize({ ...good, [BLOB_HEADERS.size]: "21" }))).toBe("BAD_SIGNATURE");
    expect(code(() => authorize({ ...good, [BLOB_HEADERS.expiry]: String(NOW + 61) }))).toBe("BAD_SIGNATURE");
    expect(code(() => authorize({ ...good, [BLOB_HEADERS.signature]: `0x${"11".repeat(65)}` }))).toBe("BAD_SIGNATURE");
    const otherDomain = signBlobUpload({
      domain: { ...domain, chainId: domain.chainId + 1 },
      privateKey: rich.privateKey,
      upload: { hash: keccak256(data), size: 20, expiry: BigInt(NOW + 60) },
    });
    expect(code(() => authorize({ ...good, [BLOB_HEADERS.signature]: otherDomain.signature }))).toBe("BAD_SIGNATURE");
  });

  it("Should refuse an expired authorization, or one that expires further ahead than the node accepts", () => {
    const data = bytes(20, 5);
    expect(code(() => authorize(signed(rich, data, { expiry: BigInt(NOW - 1) })))).toBe("BLOB_AUTH_EXPIRED");
    expect(code(() => authorize(signed(rich, data, { expiry: BigInt(NOW + policy.authMaxSeconds + 1) })))).toBe("BLOB_AUTH_EXPIRED");
    expect(code(() => authorize(signed(rich, data, { expiry: BigInt(NOW + policy.authMaxSeconds) })))).toBe("accepted");
  });

  it("Should refuse a blob over the per-blob limit before anything else, and a body that is not the signed one", () => {
    const big = bytes(policy.blobMaxBytes + 1);
    expect(code(() => authorize(signed(rich, big)))).toBe("BLOB_TOO_LARGE");
    expect(code(() => authorize({ [BLOB_HEADERS.hash]: keccak256(big), [BLOB_HEADERS.size]: String(big.length) }))).toBe("BLOB_TOO_LARGE");
    expect(code(() => authorize(signed(rich, bytes(policy.blobMaxBytes))))).toBe("accepted");
    const data = bytes(30, 6);
    const upload = authorize(signed(rich, data));
    expect(code(() => storeBlob({ upload, data: bytes(30, 7), state, store, policy, now: NOW }))).toBe("BLOB_MISMATCH");
    expect(code(() => storeBlob({ upload, data: bytes(29, 6), state, store, policy, now: NOW }))).toBe("BLOB_MISMATCH");
    expect(code(() => authorize({ [BLOB_HEADERS.hash]: "0x12", [BLOB_HEADERS.size]: "1" }))).toBe("INVALID_REQUEST");
  });

  it("Should refuse what the balance does not bond, then what the account cap or the node cap does not allow", () => {
    expect(code(() => authorize(signed(poor, bytes(101, 8))))).toBe("BLOB_QUOTA_EXCEEDED");
    const small = bytes(100, 8);
    expect(put(signed(poor, small), small).stored).toBe(true);
    expect(code(() => authorize(signed(poor, bytes(1, 9))))).toBe("BLOB_QUOTA_EXCEEDED");
    // A blob someone else already stored costs nothing, even over quota.
    expect(put(signed(poor, bytes(500)), bytes(500)).stored).toBe(false);

    // rich holds 500 bytes; two more blobs of 1000 leave 500 below the account cap of 3000.
    for (const fill of [10, 11]) expect(put(signed(rich, bytes(1000, fill)), bytes(1000, fill)).stored).toBe(true);
    expect(storageQuota({ state, store, policy, address: rich.address, now: NOW }).used).toBe(2500);
    expect(code(() => authorize(signed(rich, bytes(501, 12))))).toBe("BLOB_ACCOUNT_FULL");
    expect(code(() => authorize(signed(rich, bytes(500, 12))))).toBe("accepted");
  });

  it("Should refuse any upload once the node holds its cap, a review text too", () => {
    const full = new Store({ path: join(dir, "full.sqlite") });
    const tight = { ...policy, nodeMaxBytes: 1500 };
    const upload = (headers: Record<string, string>, data: Uint8Array) =>
      storeBlob({
        upload: authorizeUpload({ headers, domain, state, store: full, policy: tight, now: NOW }),
        data,
        state,
        store: full,
        policy: tight,
        now: NOW,
      });
    expect(upload(signed(rich, bytes(1000, 20)), bytes(1000, 20)).stored).toBe(true);
    expect(code(() => upload(signed(rich, bytes(501, 21)), bytes(501, 21)))).toBe("BLOB_STORE_FULL");
    expect(upload(signed(rich, bytes(500 - reviewText.length, 21)), bytes(500 - reviewText.length, 21)).stored).toBe(true);
    const text = { [BLOB_HEADERS.hash]: keccak256(reviewText), [BLOB_HEADERS.size]: String(reviewText.length) };
    expect(upload(text, reviewText).stored).toBe(true);
    expect(code(() => upload(signed(poor, bytes(1, 22)), bytes(1, 22)))).toBe("BLOB_STORE_FULL");
    full.close();
  });

  it("Should check the quota again when it stores: an upload authorized before others filled it is refused", () => {
    const race = new Store({ path: join(dir, "race.sqlite") });
    const [a, b] = [bytes(60, 30), bytes(60, 31)];
    const first = authorizeUpload({ headers: signed(poor, a), domain, state, store: race, policy, now: NOW });
    const second = authorizeUpload({ headers: signed(poor, b), domain, state, store: race, policy, now: NOW });
    expect(storeBlob({ upload: first, data: a, state, store: race, policy, now: NOW }).stored).toBe(true);
    expect(code(() => storeBlob({ upload: second, data: b, state, store: race, policy, now: NOW }))).toBe("BLOB_QUOTA_EXCEEDED");
    race.close();
  });

  it("Should bond nothing without fees: with perByte 0 an account may hold the account cap", () => {
    const free = new TestChain({ time: NOW });
    expect(storageQuota({ state: free.state, store, policy, address: actor("nobody").address, now: NOW }).allowed).toBe(policy.accountMaxBytes);
  });
});
