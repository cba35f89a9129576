// The mempool: signature-checked transactions waiting for a block. Bounded in total and per
// sender (backpressure is a 429 with a retry hint), ordered by arrival, and released to the block
// producer only in each sender's nonce order.
import type { Address, Hex } from "viem";
import { SutureError } from "../errors";
import type { Tx } from "../protocol";

export type MempoolEntry = {
  tx: Tx;
  hash: Hex;
  receivedAt: number;
  nonce: bigint | null;
  /** Size of the transaction's binary form: what it adds to a block body (0 when not given). */
  bytes?: number;
};

export type MempoolConfig = {
  /** Total pending transactions before new ones get 429. */
  maxSize: number;
  /** Pending transactions per sender before new ones get 429. */
  maxPerSender: number;
  /** How far past the sender's next nonce a transaction may be queued. */
  maxNonceGap: number;
};

export const DEFAULT_MEMPOOL_CONFIG: MempoolConfig = { maxSize: 50_000, maxPerSender: 2_000, maxNonceGap: 1_000 };

export class Mempool {
  readonly config: MempoolConfig;
  #queue: MempoolEntry[] = [];
  readonly #byHash = new Map<Hex, MempoolEntry>();
  readonly #bySender = new Map<Address, Map<bigint, MempoolEntry>>();

  constructor(config: Partial<MempoolConfig> = {}) {
    this.config = { ...DEFAULT_MEMPOOL_CONFIG, ...config };
  }

  get size(): number {
    return this.#byHash.size;
  }

  has(hash: Hex): boolean {
    return this.#byHash.has(hash);
  }

  /** Admits a transaction or throws with a stable code; `stateNonce` is the sender's next nonce. */
  add(entry: MempoolEntry, stateNonce: bigint): void {
    if (this.#byHash.has(entry.hash)) throw new SutureError("ALREADY_KNOWN");
    if (this.#byHash.size >= this.config.maxSize) throw new SutureError("MEMPOOL_FULL", undefined, { retryAfterMs: 500 });
    const from = entry.tx.from;
    if (from && entry.nonce !== null) {
      if (entry.nonce < stateNonce) throw new SutureError("NONCE_TOO_LOW", undefined, { expected: stateNonce, got: entry.nonce });
      if (entry.nonce > stateNonce + BigInt(this.config.maxNonceGap)) {
        throw new SutureError("NONCE_TOO_HIGH", `nonce is more than ${this.config.maxNonceGap} ahead of the next nonce`, {
          expected: stateNonce,
          got: entry.nonce,
        });
      }
      const mine = this.#bySender.get(from);
      if (mine?.has(entry.nonce)) throw new SutureError("ALREADY_KNOWN", "a transaction with this nonce is already pending", { nonce: entry.nonce });
      if ((mine?.size ?? 0) >= this.config.maxPerSender) throw new SutureError("SENDER_QUEUE_FULL", undefined, { retryAfterMs: 500 });
      if (mine) mine.set(entry.nonce, entry);
      else this.#bySender.set(from, new Map([[entry.nonce, entry]]));
    }
    this.#byHash.set(entry.hash, entry);
    this.#queue.push(entry);
  }

  /**
   * Removes and returns up to `max` transactions (and up to `maxBytes` of them) that can run now,
   * in arrival order, each sender's in nonce order from `nonceOf(sender)`. Stale ones (nonce
   * already used) are returned in `stale`. `bytesFull` says the byte budget stopped it while a
   * transaction that could run was left.
   */
  take(
    max: number,
    nonceOf: (sender: Address) => bigint,
    maxBytes = Number.POSITIVE_INFINITY,
  ): { ready: MempoolEntry[]; stale: MempoolEntry[]; bytesFull: boolean } {
    const ready: MempoolEntry[] = [];
    const stale: MempoolEntry[] = [];
    const taken = new Set<MempoolEntry>();
    const next = new Map<Address, bigint>();
    let bytes = 0;
    let bytesFull = false;
    const fits = (entry: MempoolEntry) => {
      if (bytes + (entry.bytes ?? 0) > maxBytes) bytesFull = true;
      else bytes += entry.bytes ?? 0;
      return !bytesFull;
    };
    for (const entry of this.#queue) {
      if (ready.length >= max || bytesFull) break;
      if (taken.has(entry)) continue;
      const from = entry.tx.from;
      if (!from || entry.nonce === null) {
        if (!fits(entry)) break;
        ready.push(entry);
        taken.add(entry);
        continue;
      }
      let expected = next.get(from) ?? nonceOf(from);
      if (entry.nonce < expected) {
        stale.push(entry);
        taken.add(entry);
      } else if (entry.nonce === expected) {
        // This sender's run of consecutive nonces goes in together, whatever order they came in.
        const mine = this.#bySender.get(from)!;
        for (let follower = mine.get(expected); follower && ready.length < max && fits(follower); follower = mine.get(expected)) {
          ready.push(follower);
          taken.add(follower);
          expected++;
        }
      }
      next.set(from, expected);
    }
    this.#queue = this.#queue.filter((e) => !taken.has(e));
    for (const e of taken) this.#forget(e);
    return { ready, stale, bytesFull };
  }

  #forget(entry: MempoolEntry): void {
    this.#byHash.delete(entry.hash);
    const from = entry.tx.from;
    if (from && entry.nonce !== null) {
      const mine = this.#bySender.get(from);
      mine?.delete(entry.nonce);
      if (mine && mine.size === 0) this.#bySender.delete(from);
    }
  }
}
