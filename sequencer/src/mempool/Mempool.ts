// The mempool: signature-checked transactions waiting for a block. Bounded in total, per sender
// and for transactions that cannot run yet (a nonce gap), which also expire: a key holding future
// nonces cannot keep the pool full. Released to the block producer fairly (round robin across
// senders, each sender's in nonce order) within the block's transaction and byte budget.
import type { Address, Hex } from "viem";
import { SutureError } from "../errors";
import type { Tx } from "../protocol";

export type MempoolEntry = {
  tx: Tx;
  hash: Hex;
  /** Milliseconds since epoch. */
  receivedAt: number;
  nonce: bigint | null;
  /** Size of the transaction's binary encoding (what the batch carries). */
  bytes: number;
};

export type MempoolConfig = {
  /** Total pending transactions before new ones get 429. */
  maxSize: number;
  /** Pending transactions per sender before new ones get 429. */
  maxPerSender: number;
  /** How far past the sender's next nonce a transaction may be queued (Ethereum clients: 64). */
  maxNonceGap: number;
  /** Transactions behind a nonce gap, node-wide, before new gapped ones get 429. */
  maxGapped: number;
  /** A transaction still behind a nonce gap after this long is dropped. */
  gappedTtlMs: number;
};

export const DEFAULT_MEMPOOL_CONFIG: MempoolConfig = { maxSize: 50_000, maxPerSender: 2_000, maxNonceGap: 64, maxGapped: 5_000, gappedTtlMs: 120_000 };

export type TakeParameters = {
  maxTxs: number;
  /** Byte budget of the block (sum of the taken transactions' encodings). */
  maxBytes: number;
  /** The sender's next nonce in the state. */
  nonceOf: (sender: Address) => bigint;
};

const UNSIGNED = "unsigned";

export class Mempool {
  readonly config: MempoolConfig;
  #queue: MempoolEntry[] = [];
  readonly #byHash = new Map<Hex, MempoolEntry>();
  readonly #bySender = new Map<Address, Map<bigint, MempoolEntry>>();
  readonly #nullifiers = new Set<bigint>();
  /** Gapped transactions admitted since the last sweep counted them. */
  #gapped = 0;

  constructor(config: Partial<MempoolConfig> = {}) {
    this.config = { ...DEFAULT_MEMPOOL_CONFIG, ...config };
  }

  get size(): number {
    return this.#byHash.size;
  }

  /** Transactions that can run now, about: every pending one less those counted behind a nonce gap. */
  get runnable(): number {
    return Math.max(0, this.#byHash.size - this.#gapped);
  }

  has(hash: Hex): boolean {
    return this.#byHash.has(hash);
  }

  /** True when a pending review already spends this nullifier (a second one could never run). */
  hasNullifier(nullifier: bigint): boolean {
    return this.#nullifiers.has(nullifier);
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
      if (this.#isGapped(from, entry.nonce, stateNonce)) {
        if (this.#gapped >= this.config.maxGapped) {
          throw new SutureError("MEMPOOL_FULL", "too many transactions behind a nonce gap; send the missing nonces first", { retryAfterMs: 1_000 });
        }
        this.#gapped++;
      }
      if (mine) mine.set(entry.nonce, entry);
      else this.#bySender.set(from, new Map([[entry.nonce, entry]]));
    }
    const nullifier = reviewNullifier(entry.tx);
    if (nullifier !== null) this.#nullifiers.add(nullifier);
    this.#byHash.set(entry.hash, entry);
    this.#queue.push(entry);
  }

  /**
   * Drops transactions that have waited behind a nonce gap for longer than the TTL and recounts
   * the gapped ones; returns the dropped entries.
   */
  evict(nowMs: number, nonceOf: (sender: Address) => bigint): MempoolEntry[] {
    const dropped: MempoolEntry[] = [];
    let gapped = 0;
    for (const [sender, mine] of this.#bySender) {
      let expected = nonceOf(sender);
      while (mine.has(expected)) expected++;
      for (const [nonce, entry] of mine) {
        if (nonce <= expected) continue;
        if (nowMs - entry.receivedAt > this.config.gappedTtlMs) dropped.push(entry);
        else gapped++;
      }
    }
    this.#gapped = gapped;
    if (dropped.length === 0) return dropped;
    const gone = new Set(dropped);
    this.#queue = this.#queue.filter((e) => !gone.has(e));
    for (const e of dropped) this.#forget(e);
    return dropped;
  }

  /**
   * Removes and returns transactions that can run now, within the block's budget: senders take
   * turns in order of their oldest pending transaction (one sender cannot fill a block while
   * others wait), each sender's in nonce order. Transactions whose nonce was used meanwhile are
   * returned in `stale`.
   */
  take({ maxTxs, maxBytes, nonceOf }: TakeParameters): { ready: MempoolEntry[]; stale: MempoolEntry[] } {
    const ready: MempoolEntry[] = [];
    const stale: MempoolEntry[] = [];
    const taken = new Set<MempoolEntry>();
    // Turn order: senders by their oldest transaction; unsigned reviews share one turn.
    const order: Array<Address | typeof UNSIGNED> = [];
    const unsigned: MempoolEntry[] = [];
    const next = new Map<Address, bigint>();
    for (const entry of this.#queue) {
      const from = entry.tx.from;
      if (!from || entry.nonce === null) {
        if (unsigned.length === 0) order.push(UNSIGNED);
        unsigned.push(entry);
      } else if (!next.has(from)) {
        next.set(from, nonceOf(from));
        order.push(from);
      }
    }
    for (const [from, expected] of next) {
      for (const [nonce, entry] of this.#bySender.get(from)!) {
        if (nonce >= expected) continue;
        stale.push(entry);
        taken.add(entry);
      }
    }
    let bytes = 0;
    let unsignedAt = 0;
    const quantum = Math.max(1, Math.floor(maxTxs / Math.max(1, order.length)));
    let active = order;
    while (active.length > 0 && ready.length < maxTxs) {
      const still: typeof order = [];
      for (const key of active) {
        let turns = quantum;
        while (turns-- > 0 && ready.length < maxTxs) {
          const entry = key === UNSIGNED ? unsigned[unsignedAt] : this.#bySender.get(key)!.get(next.get(key)!);
          if (!entry) break;
          if (bytes + entry.bytes > maxBytes) return this.#remove(ready, stale, taken);
          bytes += entry.bytes;
          ready.push(entry);
          taken.add(entry);
          if (key === UNSIGNED) unsignedAt++;
          else next.set(key, next.get(key)! + 1n);
        }
        if (turns < 0) still.push(key);
      }
      active = still;
    }
    return this.#remove(ready, stale, taken);
  }

  /**
   * Puts back transactions taken for a block that did not include them (deferred to the next
   * one), ahead of everything else, in their order: they keep their turn. They were admitted
   * already, so no admission limit applies; an entry already pending again is skipped.
   */
  requeue(entries: readonly MempoolEntry[]): void {
    const back: MempoolEntry[] = [];
    for (const entry of entries) {
      if (this.#byHash.has(entry.hash)) continue;
      const from = entry.tx.from;
      if (from && entry.nonce !== null) {
        const mine = this.#bySender.get(from);
        if (mine) mine.set(entry.nonce, entry);
        else this.#bySender.set(from, new Map([[entry.nonce, entry]]));
      }
      const nullifier = reviewNullifier(entry.tx);
      if (nullifier !== null) this.#nullifiers.add(nullifier);
      this.#byHash.set(entry.hash, entry);
      back.push(entry);
    }
    this.#queue = [...back, ...this.#queue];
  }

  #remove(ready: MempoolEntry[], stale: MempoolEntry[], taken: Set<MempoolEntry>): { ready: MempoolEntry[]; stale: MempoolEntry[] } {
    if (taken.size > 0) {
      this.#queue = this.#queue.filter((e) => !taken.has(e));
      for (const e of taken) this.#forget(e);
    }
    return { ready, stale };
  }

  /** A transaction is gapped when some nonce between the state's next and its own is missing. */
  #isGapped(from: Address, nonce: bigint, stateNonce: bigint): boolean {
    const mine = this.#bySender.get(from);
    for (let n = stateNonce; n < nonce; n++) if (!mine?.has(n)) return true;
    return false;
  }

  #forget(entry: MempoolEntry): void {
    this.#byHash.delete(entry.hash);
    const nullifier = reviewNullifier(entry.tx);
    if (nullifier !== null) this.#nullifiers.delete(nullifier);
    const from = entry.tx.from;
    if (from && entry.nonce !== null) {
      const mine = this.#bySender.get(from);
      mine?.delete(entry.nonce);
      if (mine && mine.size === 0) this.#bySender.delete(from);
    }
  }
}

function reviewNullifier(tx: Tx): bigint | null {
  return tx.type === "PostReview" ? (tx.message as { nullifier: bigint }).nullifier : null;
}
