import { describe, expect, it } from "vitest";
import type { Address, Hex } from "viem";
import { Mempool, type MempoolEntry } from "./Mempool";

const A = "0x00000000000000000000000000000000000000aa" as Address;
const B = "0x00000000000000000000000000000000000000bb" as Address;
let n = 0;
function entry(from: Address, nonce: bigint): MempoolEntry {
  return {
    tx: { type: "AcceptOffer", from, message: { nonce, caseId: 1n }, signature: "0x" } as never,
    hash: `0x${(++n).toString(16).padStart(64, "0")}` as Hex,
    receivedAt: 0,
    nonce,
    bytes: 100,
  };
}

describe("Mempool", () => {
  it("Should release each sender's transactions in nonce order, holding gaps", () => {
    const pool = new Mempool();
    const a2 = entry(A, 2n),
      a0 = entry(A, 0n),
      b0 = entry(B, 0n),
      a1 = entry(A, 1n),
      a4 = entry(A, 4n);
    for (const e of [a2, a0, b0, a1, a4]) pool.add(e, 0n);
    const { ready, stale } = pool.take({ maxTxs: 100, maxBytes: 1e9, nonceOf: () => 0n });
    expect(ready).toEqual([a0, a1, a2, b0]);
    expect(stale).toEqual([]);
    expect(pool.size).toBe(1);
    expect(pool.take({ maxTxs: 100, maxBytes: 1e9, nonceOf: () => 3n }).ready).toEqual([]);
    expect(pool.take({ maxTxs: 100, maxBytes: 1e9, nonceOf: () => 4n }).ready).toEqual([a4]);
  });

  it("Should report transactions whose nonce was used meanwhile as stale, once", () => {
    const pool = new Mempool();
    const a0 = entry(A, 0n),
      a1 = entry(A, 1n);
    pool.add(a0, 0n);
    pool.add(a1, 0n);
    const { ready, stale } = pool.take({ maxTxs: 100, maxBytes: 1e9, nonceOf: () => 1n });
    expect(ready).toEqual([a1]);
    expect(stale).toEqual([a0]);
    expect(pool.size).toBe(0);
  });

  it("Should put deferred transactions back ahead of the others, in their order, once", () => {
    const pool = new Mempool();
    const a0 = entry(A, 0n),
      a1 = entry(A, 1n),
      b0 = entry(B, 0n),
      b1 = entry(B, 1n);
    for (const e of [a0, a1, b0, b1]) pool.add(e, 0n);
    const { ready } = pool.take({ maxTxs: 100, maxBytes: 1e9, nonceOf: () => 0n });
    expect(ready).toEqual([a0, a1, b0, b1]);
    expect(pool.size).toBe(0);
    const b2 = entry(B, 2n);
    pool.add(b2, 1n);
    // The block took a0 and b0 and deferred a1 and b1 (a1 is put back twice: it is pending once).
    pool.requeue([a1, b1, a1]);
    expect(pool.size).toBe(3);
    expect(pool.has(a1.hash) && pool.has(b1.hash)).toBe(true);
    expect(code(() => pool.add(entry(B, 1n), 1n))).toBe("ALREADY_KNOWN");
    expect(pool.take({ maxTxs: 100, maxBytes: 1e9, nonceOf: () => 1n }).ready).toEqual([a1, b1, b2]);
  });

  it("Should respect the block size limit", () => {
    const pool = new Mempool();
    for (let i = 0n; i < 10n; i++) pool.add(entry(A, i), 0n);
    expect(pool.take({ maxTxs: 4, maxBytes: 1e9, nonceOf: () => 0n }).ready.map((e) => e.nonce)).toEqual([0n, 1n, 2n, 3n]);
    expect(pool.take({ maxTxs: 100, maxBytes: 1e9, nonceOf: () => 4n }).ready.map((e) => e.nonce)).toEqual([4n, 5n, 6n, 7n, 8n, 9n]);
  });

  it("Should reject duplicates, replayed and far-future nonces, and apply the caps", () => {
    const pool = new Mempool({ maxSize: 3, maxPerSender: 2, maxNonceGap: 5 });
    const a0 = entry(A, 0n);
    pool.add(a0, 0n);
    expect(code(() => pool.add(a0, 0n))).toBe("ALREADY_KNOWN");
    expect(code(() => pool.add(entry(A, 0n), 0n))).toBe("ALREADY_KNOWN");
    expect(code(() => pool.add(entry(A, 0n), 1n))).toBe("NONCE_TOO_LOW");
    expect(code(() => pool.add(entry(A, 9n), 0n))).toBe("NONCE_TOO_HIGH");
    pool.add(entry(A, 1n), 0n);
    expect(code(() => pool.add(entry(A, 2n), 0n))).toBe("SENDER_QUEUE_FULL");
    pool.add(entry(B, 0n), 0n);
    expect(code(() => pool.add(entry(B, 1n), 0n))).toBe("MEMPOOL_FULL");
  });

  it("Should stop at the block's byte budget without skipping ahead", () => {
    const pool = new Mempool();
    for (let i = 0n; i < 5n; i++) pool.add(entry(A, i), 0n);
    expect(pool.take({ maxTxs: 100, maxBytes: 250, nonceOf: () => 0n }).ready.map((e) => e.nonce)).toEqual([0n, 1n]);
    expect(pool.size).toBe(3);
  });

  it("Should give every sender a turn, so one busy sender cannot fill a block", () => {
    const pool = new Mempool();
    for (let i = 0n; i < 50n; i++) pool.add(entry(A, i), 0n);
    pool.add(entry(B, 0n), 0n);
    const senders = pool.take({ maxTxs: 10, maxBytes: 1e9, nonceOf: () => 0n }).ready.map((e) => e.tx.from);
    expect(senders).toContain(B);
    expect(senders.filter((s) => s === A)).toHaveLength(9);
  });
});

describe("Mempool gapped transactions", () => {
  const senders = Array.from({ length: 50 }, (_, i) => `0x${(i + 1).toString(16).padStart(40, "0")}` as Address);

  it("Should not let keys holding future nonces fill the pool: a node-wide cap, then honest ready ones still get in", () => {
    const pool = new Mempool({ maxSize: 50_000, maxNonceGap: 64, maxGapped: 1_000 });
    let refused = 0;
    for (const s of senders)
      for (let i = 1n; i <= 1_000n; i++) {
        const c = code(() => pool.add(entry(s, i), 0n));
        if (c !== "none") refused++;
      }
    expect(pool.size).toBe(1_000);
    expect(refused).toBe(50 * 1_000 - 1_000);
    expect(code(() => pool.add(entry(A, 5n), 0n))).toBe("MEMPOOL_FULL");
    expect(code(() => pool.add(entry(A, 0n), 0n))).toBe("none");
  });

  it("Should refuse a nonce more than maxNonceGap ahead", () => {
    const pool = new Mempool({ maxNonceGap: 64 });
    expect(code(() => pool.add(entry(A, 64n), 0n))).toBe("none");
    expect(code(() => pool.add(entry(A, 65n), 0n))).toBe("NONCE_TOO_HIGH");
  });

  it("Should drop gapped transactions after the TTL, keep runnable ones, and free their slots", () => {
    const pool = new Mempool({ maxGapped: 2, gappedTtlMs: 1_000 });
    const ready = { ...entry(A, 0n), receivedAt: 0 };
    const gapped = [
      { ...entry(B, 3n), receivedAt: 0 },
      { ...entry(B, 4n), receivedAt: 500 },
    ];
    pool.add(ready, 0n);
    for (const e of gapped) pool.add(e, 0n);
    expect(code(() => pool.add(entry(B, 6n), 0n))).toBe("MEMPOOL_FULL");
    expect(pool.evict(1_200, () => 0n)).toEqual([gapped[0]]);
    expect(pool.has(ready.hash)).toBe(true);
    expect(pool.has(gapped[1]!.hash)).toBe(true);
    expect(code(() => pool.add(entry(B, 6n), 0n))).toBe("none");
    expect(pool.evict(10_000, () => 0n)).toHaveLength(2);
    expect(pool.size).toBe(1);
  });

  it("Should not count gapped transactions as runnable (they must not trigger a block)", () => {
    const pool = new Mempool();
    pool.add(entry(A, 0n), 0n);
    for (let i = 5n; i < 15n; i++) pool.add(entry(B, i), 0n);
    expect(pool.size).toBe(11);
    expect(pool.runnable).toBe(1);
  });

  it("Should count a transaction that fills the gap as runnable", () => {
    const pool = new Mempool({ maxGapped: 1 });
    pool.add(entry(A, 0n), 0n);
    pool.add(entry(A, 1n), 0n);
    pool.add(entry(A, 2n), 0n);
    pool.add(entry(B, 2n), 0n);
    expect(code(() => pool.add(entry(B, 3n), 0n))).toBe("MEMPOOL_FULL");
  });
});

function code(f: () => void): string {
  try {
    f();
  } catch (e) {
    return (e as { code: string }).code;
  }
  return "none";
}
