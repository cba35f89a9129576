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
    const { ready, stale } = pool.take(100, () => 0n);
    expect(ready).toEqual([a0, a1, a2, b0]);
    expect(stale).toEqual([]);
    expect(pool.size).toBe(1);
    expect(pool.take(100, () => 3n).ready).toEqual([]);
    expect(pool.take(100, () => 4n).ready).toEqual([a4]);
  });

  it("Should report transactions whose nonce was used meanwhile as stale, once", () => {
    const pool = new Mempool();
    const a0 = entry(A, 0n),
      a1 = entry(A, 1n);
    pool.add(a0, 0n);
    pool.add(a1, 0n);
    const { ready, stale } = pool.take(100, () => 1n);
    expect(ready).toEqual([a1]);
    expect(stale).toEqual([a0]);
    expect(pool.size).toBe(0);
  });

  it("Should respect the block size limit", () => {
    const pool = new Mempool();
    for (let i = 0n; i < 10n; i++) pool.add(entry(A, i), 0n);
    expect(pool.take(4, () => 0n).ready.map((e) => e.nonce)).toEqual([0n, 1n, 2n, 3n]);
    expect(pool.take(100, () => 4n).ready.map((e) => e.nonce)).toEqual([4n, 5n, 6n, 7n, 8n, 9n]);
  });

  it("Should stop at the byte budget in arrival order, and say that it did", () => {
    const pool = new Mempool();
    const sized = (from: Address, nonce: bigint, bytes: number) => ({ ...entry(from, nonce), bytes });
    const [a0, b0, a1] = [sized(A, 0n, 300), sized(B, 0n, 500), sized(A, 1n, 100)];
    for (const e of [a0, b0, a1]) pool.add(e, 0n);
    // a0 and a1 go together (a sender's run), 400 bytes; b0 would make 900.
    const first = pool.take(100, () => 0n, 850);
    expect(first.ready).toEqual([a0, a1]);
    expect(first.bytesFull).toBe(true);
    expect(pool.size).toBe(1);
    // Exactly the budget fits; nothing left over is not "full".
    const second = pool.take(100, () => 0n, 500);
    expect(second.ready).toEqual([b0]);
    expect(second.bytesFull).toBe(false);
    expect(pool.take(100, () => 0n, 0)).toEqual({ ready: [], stale: [], bytesFull: false });
  });

  it("Should reject duplicates, replayed and far-future nonces, and apply the caps", () => {
    const pool = new Mempool({ maxSize: 3, maxPerSender: 2, maxNonceGap: 5 });
    const code = (f: () => void) => {
      try {
        f();
      } catch (e) {
        return (e as { code: string }).code;
      }
      return "none";
    };
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
});
