import { describe, expect, it } from "vitest";
import type { Address, Hex } from "viem";
import { Mempool, type MempoolEntry, type SenderAccount } from "./Mempool";

const A = "0x00000000000000000000000000000000000000aa" as Address;
const B = "0x00000000000000000000000000000000000000bb" as Address;
let n = 0;
function entry(from: Address, nonce: bigint, maxFee = 0n): MempoolEntry {
  return {
    tx: { type: "AcceptOffer", from, message: { nonce, caseId: 1n, maxFee }, signature: "0x" } as never,
    hash: `0x${(++n).toString(16).padStart(64, "0")}` as Hex,
    receivedAt: 0,
    nonce,
    bytes: 100,
  };
}

/** The sender's state: its next nonce, and a balance covering anything (unless given). */
const at = (nonce: bigint, balance = 10n ** 30n): SenderAccount => ({ nonce, balance });

describe("Mempool", () => {
  it("Should release each sender's transactions in nonce order, holding gaps", () => {
    const pool = new Mempool();
    const a2 = entry(A, 2n),
      a0 = entry(A, 0n),
      b0 = entry(B, 0n),
      a1 = entry(A, 1n),
      a4 = entry(A, 4n);
    for (const e of [a2, a0, b0, a1, a4]) pool.add(e, at(0n));
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
    pool.add(a0, at(0n));
    pool.add(a1, at(0n));
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
    for (const e of [a0, a1, b0, b1]) pool.add(e, at(0n));
    const { ready } = pool.take({ maxTxs: 100, maxBytes: 1e9, nonceOf: () => 0n });
    expect(ready).toEqual([a0, a1, b0, b1]);
    expect(pool.size).toBe(0);
    const b2 = entry(B, 2n);
    pool.add(b2, at(1n));
    // The block took a0 and b0 and deferred a1 and b1 (a1 is put back twice: it is pending once).
    pool.requeue([a1, b1, a1]);
    expect(pool.size).toBe(3);
    expect(pool.has(a1.hash) && pool.has(b1.hash)).toBe(true);
    expect(code(() => pool.add(entry(B, 1n), at(1n)))).toBe("ALREADY_KNOWN");
    expect(pool.take({ maxTxs: 100, maxBytes: 1e9, nonceOf: () => 1n }).ready).toEqual([a1, b1, b2]);
  });

  it("Should respect the block size limit", () => {
    const pool = new Mempool();
    for (let i = 0n; i < 10n; i++) pool.add(entry(A, i), at(0n));
    expect(pool.take({ maxTxs: 4, maxBytes: 1e9, nonceOf: () => 0n }).ready.map((e) => e.nonce)).toEqual([0n, 1n, 2n, 3n]);
    expect(pool.take({ maxTxs: 100, maxBytes: 1e9, nonceOf: () => 4n }).ready.map((e) => e.nonce)).toEqual([4n, 5n, 6n, 7n, 8n, 9n]);
  });

  it("Should reject duplicates, replayed and far-future nonces, and apply the caps", () => {
    const pool = new Mempool({ maxSize: 3, maxPerSender: 2, maxNonceGap: 5 });
    const a0 = entry(A, 0n);
    pool.add(a0, at(0n));
    expect(code(() => pool.add(a0, at(0n)))).toBe("ALREADY_KNOWN");
    expect(code(() => pool.add(entry(A, 0n), at(0n)))).toBe("ALREADY_KNOWN");
    expect(code(() => pool.add(entry(A, 0n), at(1n)))).toBe("NONCE_TOO_LOW");
    expect(code(() => pool.add(entry(A, 9n), at(0n)))).toBe("NONCE_TOO_HIGH");
    pool.add(entry(A, 1n), at(0n));
    expect(code(() => pool.add(entry(A, 2n), at(0n)))).toBe("SENDER_QUEUE_FULL");
    pool.add(entry(B, 0n), at(0n));
    expect(code(() => pool.add(entry(B, 1n), at(0n)))).toBe("MEMPOOL_FULL");
  });

  it("Should stop at the block's byte budget without skipping ahead", () => {
    const pool = new Mempool();
    for (let i = 0n; i < 5n; i++) pool.add(entry(A, i), at(0n));
    expect(pool.take({ maxTxs: 100, maxBytes: 250, nonceOf: () => 0n }).ready.map((e) => e.nonce)).toEqual([0n, 1n]);
    expect(pool.size).toBe(3);
  });

  it("Should give every sender a turn, so one busy sender cannot fill a block", () => {
    const pool = new Mempool();
    for (let i = 0n; i < 50n; i++) pool.add(entry(A, i), at(0n));
    pool.add(entry(B, 0n), at(0n));
    const senders = pool.take({ maxTxs: 10, maxBytes: 1e9, nonceOf: () => 0n }).ready.map((e) => e.tx.from);
    expect(senders).toContain(B);
    expect(senders.filter((s) => s === A)).toHaveLength(9);
  });
});

describe("Mempool gapped transactions", () => {
  const senders = Array.from({ length: 50 }, (_, i) => `0x${(i + 1).toString(16).padStart(40, "0")}` as Address);

  it("Should not let keys holding future nonces fill the pool: a per-sender quota, a node-wide cap shared out, honest ones still get in", () => {
    const pool = new Mempool({ maxSize: 50_000, maxNonceGap: 64, maxGapped: 500 });
    const codes: Record<string, number> = {};
    let evicted = 0;
    for (const s of senders)
      for (let i = 1n; i <= 1_000n; i++) {
        try {
          evicted += pool.add(entry(s, i), at(0n)).length;
          codes.none = (codes.none ?? 0) + 1;
        } catch (e) {
          const c = (e as { code: string }).code;
          codes[c] = (codes[c] ?? 0) + 1;
        }
      }
    // The first keys reach their quota; later ones take slots until all hold their share (10), then MEMPOOL_FULL.
    expect(codes.NONCE_TOO_HIGH).toBe(50 * (1_000 - 64));
    expect(codes.SENDER_GAPPED_FULL).toBeGreaterThan(0);
    expect(codes.MEMPOOL_FULL).toBeGreaterThan(0);
    expect(codes.none! + codes.SENDER_GAPPED_FULL! + codes.MEMPOOL_FULL!).toBe(50 * 64);
    expect(pool.size).toBe(500);
    expect(pool.gapped).toBe(500);
    expect(evicted).toBe(codes.none! - 500);
    // An honest sender's future nonce takes a slot; its next nonce is no gapped transaction at all.
    expect(pool.add(entry(A, 5n), at(0n))).toHaveLength(1);
    expect(pool.add(entry(A, 0n), at(0n))).toEqual([]);
    expect(pool.size).toBe(501);
    expect(pool.gapped).toBe(500);
  });

  it("Should take the slot of the sender holding the most, its highest nonce, and only from one holding at least two more", () => {
    const pool = new Mempool({ maxGapped: 6 });
    const bs = [2n, 3n, 4n, 5n].map((i) => entry(B, i));
    for (const e of bs) pool.add(e, at(0n));
    pool.add(entry(A, 2n), at(0n));
    pool.add(entry(A, 3n), at(0n));
    // Full: A (2) takes from B (4), its highest nonce.
    expect(pool.add(entry(A, 4n), at(0n))).toEqual([bs[3]]);
    expect(pool.has(bs[3]!.hash)).toBe(false);
    // Now A 3, B 3: neither holds two more than the other, so both are refused.
    expect(code(() => pool.add(entry(A, 5n), at(0n)))).toBe("MEMPOOL_FULL");
    expect(code(() => pool.add(entry(B, 7n), at(0n)))).toBe("MEMPOOL_FULL");
    // A sender holding none takes one from either.
    expect(pool.add(entry(senders[0]!, 1n), at(0n))).toHaveLength(1);
    expect(pool.gapped).toBe(6);
  });

  it("Should refuse a gapped newcomer once every sender holds one (a Sybil attack needs one funded key per slot), and still admit runnable ones", () => {
    const pool = new Mempool({ maxGapped: 50 });
    for (const s of senders) pool.add(entry(s, 1n), at(0n));
    expect(code(() => pool.add(entry(A, 1n), at(0n)))).toBe("MEMPOOL_FULL");
    expect(code(() => pool.add(entry(A, 0n), at(0n)))).toBe("none");
    expect(pool.gapped).toBe(50);
  });

  it("Should hold each sender to maxGappedPerSender gapped transactions (SENDER_GAPPED_FULL); runnable ones are not counted", () => {
    const pool = new Mempool({ maxGappedPerSender: 3 });
    for (const i of [0n, 1n, 3n, 4n, 5n]) pool.add(entry(A, i), at(0n));
    expect(code(() => pool.add(entry(A, 6n), at(0n)))).toBe("SENDER_GAPPED_FULL");
    // Nonce 2 fills the gap: all of A's are runnable, and its quota is free again.
    pool.add(entry(A, 2n), at(0n));
    expect(pool.gapped).toBe(0);
    expect(code(() => pool.add(entry(A, 8n), at(0n)))).toBe("none");
  });

  it("Should admit a gapped transaction only if the balance covers the maxFee of all the sender's pending ones (PENDING_FEES_UNCOVERED)", () => {
    const pool = new Mempool();
    // The next nonce is not gapped: the fee check at admission (balance ≥ fee) is the only one.
    pool.add(entry(A, 0n, 40n), at(0n, 50n));
    pool.add(entry(A, 2n, 10n), at(0n, 50n));
    expect(code(() => pool.add(entry(A, 3n, 1n), at(0n, 50n)))).toBe("PENDING_FEES_UNCOVERED");
    expect(code(() => pool.add(entry(A, 3n, 1n), at(0n, 51n)))).toBe("none");
    expect(pool.gapped).toBe(2);
  });

  it("Should refuse a nonce more than maxNonceGap ahead", () => {
    const pool = new Mempool({ maxNonceGap: 64 });
    expect(code(() => pool.add(entry(A, 64n), at(0n)))).toBe("none");
    expect(code(() => pool.add(entry(A, 65n), at(0n)))).toBe("NONCE_TOO_HIGH");
  });

  it("Should drop gapped transactions after the TTL, keep runnable ones, and free their slots", () => {
    const pool = new Mempool({ maxGapped: 2, gappedTtlMs: 1_000 });
    const ready = { ...entry(A, 0n), receivedAt: 0 };
    const gapped = [
      { ...entry(B, 3n), receivedAt: 0 },
      { ...entry(B, 4n), receivedAt: 500 },
    ];
    pool.add(ready, at(0n));
    for (const e of gapped) pool.add(e, at(0n));
    expect(code(() => pool.add(entry(B, 6n), at(0n)))).toBe("MEMPOOL_FULL");
    expect(pool.evict(1_200, () => 0n)).toEqual([gapped[0]]);
    expect(pool.has(ready.hash)).toBe(true);
    expect(pool.has(gapped[1]!.hash)).toBe(true);
    expect(code(() => pool.add(entry(B, 6n), at(0n)))).toBe("none");
    expect(pool.evict(10_000, () => 0n)).toHaveLength(2);
    expect(pool.size).toBe(1);
  });

  it("Should not count gapped transactions as runnable (they must not trigger a block)", () => {
    const pool = new Mempool();
    pool.add(entry(A, 0n), at(0n));
    for (let i = 5n; i < 15n; i++) pool.add(entry(B, i), at(0n));
    expect(pool.size).toBe(11);
    expect(pool.runnable).toBe(1);
  });

  it("Should count a transaction that fills the gap as runnable", () => {
    const pool = new Mempool({ maxGapped: 1 });
    pool.add(entry(A, 0n), at(0n));
    pool.add(entry(A, 1n), at(0n));
    pool.add(entry(A, 2n), at(0n));
    pool.add(entry(B, 2n), at(0n));
    expect(code(() => pool.add(entry(B, 3n), at(0n)))).toBe("MEMPOOL_FULL");
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
