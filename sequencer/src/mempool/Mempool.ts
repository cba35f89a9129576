// The mempool: signature-checked transactions waiting for a block. Bounded in total, per sender
// and for transactions that cannot run yet (a nonce gap), which also expire. A gapped transaction
// pays nothing until its gap is filled, so holding one is bounded by what the sender could pay:
// its balance must cover the maxFee of all its pending transactions (a reservation, as Ethereum
// clients make for pending ones), each sender holds at most a quota of them, and when the
// node-wide cap is full a newcomer takes the slot of the sender holding the most. Filling the cap
// so that honest future nonces are refused takes one funded key per slot. Released to the block
// producer fairly (round robin across senders, each sender's in nonce order) within the block's
// transaction and byte budget.
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
  /** Transactions behind a nonce gap, node-wide; beyond it a new one takes a slot from the sender holding the most, or gets 429. */
  maxGapped: number;
  /** Transactions behind a nonce gap per sender before new gapped ones get 429. */
  maxGappedPerSender: number;
  /** A transaction still behind a nonce gap after this long is dropped. */
  gappedTtlMs: number;
};

export const DEFAULT_MEMPOOL_CONFIG: MempoolConfig = {
  maxSize: 50_000,
  maxPerSender: 2_000,
  maxNonceGap: 64,
  maxGapped: 5_000,
  maxGappedPerSender: 16,
  gappedTtlMs: 120_000,
};

/** What the state holds for a transaction's sender when it arrives. */
export type SenderAccount = {
  /** The sender's next nonce. */
  nonce: bigint;
  /** The sender's L2 balance: it must cover the maxFee of all its pending transactions for a gapped one to be admitted. */
  balance: bigint;
};

export type TakeParameters = {
  maxTxs: number;
  /** Byte budget of the block (sum of the taken transactions' encodings, plus `perTxBytes` each). */
  maxBytes: number;
  /** Bytes each taken transaction costs besides its encoding (its length prefix and step root in the batch). Default 0. */
  perTxBytes?: number;
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
  /** Transactions behind a nonce gap, per sender (senders with none are absent), and their sum. */
  readonly #gappedBySender = new Map<Address, number>();
  #gapped = 0;

  constructor(config: Partial<MempoolConfig> = {}) {
    this.config = { ...DEFAULT_MEMPOOL_CONFIG, ...config };
  }

  get size(): number {
    return this.#byHash.size;
  }

  /** Transactions behind a nonce gap, as last counted (on admission of the sender's, and once a second by `evict`). */
  get gapped(): number {
    return this.#gapped;
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

  /**
   * The checks of a signed transaction that need no signature, by its (claimed) sender, nonce and
   * maxFee, read-only: the nonce window, a pending one with the same nonce, the sender's queue and,
   * for a transaction behind a nonce gap, its quota and fee reservation. Admission runs them
   * before the signature is recovered, so a sender past its quota costs no recovery; `add` runs
   * them again. Returns whether the transaction is behind a nonce gap.
   */
  check({ from, nonce, maxFee }: { from: Address; nonce: bigint; maxFee: bigint }, account: SenderAccount): { gapped: boolean } {
    if (nonce < account.nonce) throw new SutureError("NONCE_TOO_LOW", undefined, { expected: account.nonce, got: nonce });
    if (nonce > account.nonce + BigInt(this.config.maxNonceGap)) {
      throw new SutureError("NONCE_TOO_HIGH", `nonce is more than ${this.config.maxNonceGap} ahead of the next nonce`, { expected: account.nonce, got: nonce });
    }
    const mine = this.#bySender.get(from);
    if (mine?.has(nonce)) throw new SutureError("ALREADY_KNOWN", "a transaction with this nonce is already pending", { nonce });
    if ((mine?.size ?? 0) >= this.config.maxPerSender) throw new SutureError("SENDER_QUEUE_FULL", undefined, { retryAfterMs: 500 });
    if (!this.#isGapped(from, nonce, account.nonce)) return { gapped: false };
    if (this.#countGapped(from, account.nonce) >= this.config.maxGappedPerSender) {
      throw new SutureError("SENDER_GAPPED_FULL", `at most ${this.config.maxGappedPerSender} transactions per sender may wait behind a nonce gap`, {
        expected: account.nonce,
        max: this.config.maxGappedPerSender,
      });
    }
    let reserved = maxFee;
    for (const pending of mine?.values() ?? []) reserved += maxFeeOf(pending);
    if (reserved > account.balance) throw new SutureError("PENDING_FEES_UNCOVERED", undefined, { reserved, balance: account.balance });
    return { gapped: true };
  }

  /**
   * Admits a transaction or throws with a stable code; `account` is the sender's state. Returns
   * the entries it evicted to make room (another sender's gapped transactions), for the caller
   * to report as dropped.
   */
  add(entry: MempoolEntry, account: SenderAccount): MempoolEntry[] {
    if (this.#byHash.has(entry.hash)) throw new SutureError("ALREADY_KNOWN");
    if (this.#byHash.size >= this.config.maxSize) throw new SutureError("MEMPOOL_FULL", undefined, { retryAfterMs: 500 });
    const from = entry.tx.from;
    let evicted: MempoolEntry[] = [];
    if (from && entry.nonce !== null) {
      const { gapped } = this.check({ from, nonce: entry.nonce, maxFee: maxFeeOf(entry) }, account);
      if (gapped) evicted = this.#makeRoom(from);
      const mine = this.#bySender.get(from);
      if (mine) mine.set(entry.nonce, entry);
      else this.#bySender.set(from, new Map([[entry.nonce, entry]]));
      this.#countGapped(from, account.nonce);
    }
    const nullifier = reviewNullifier(entry.tx);
    if (nullifier !== null) this.#nullifiers.add(nullifier);
    this.#byHash.set(entry.hash, entry);
    this.#queue.push(entry);
    return evicted;
  }

  /**
   * Room under the node-wide gapped cap for one more of `from`'s: when full, the slot of the
   * sender holding the most gapped transactions (its highest nonce, the furthest from running),
   * if that one holds at least two more than `from`. Returns the evicted entries; MEMPOOL_FULL
   * when there is no such sender.
   */
  #makeRoom(from: Address): MempoolEntry[] {
    if (this.#gapped < this.config.maxGapped) return [];
    let victim: Address | undefined;
    let most = (this.#gappedBySender.get(from) ?? 0) + 1;
    for (const [sender, count] of this.#gappedBySender) {
      if (count > most) {
        victim = sender;
        most = count;
      }
    }
    if (!victim) {
      throw new SutureError("MEMPOOL_FULL", "too many transactions behind a nonce gap; send the missing nonces first", { retryAfterMs: 1_000 });
    }
    const theirs = this.#bySender.get(victim)!;
    let highest = -1n;
    for (const nonce of theirs.keys()) if (nonce > highest) highest = nonce;
    const dropped = theirs.get(highest)!;
    this.#queue.splice(this.#queue.indexOf(dropped), 1);
    this.#forget(dropped);
    this.#setGapped(victim, most - 1);
    return [dropped];
  }

  /**
   * Drops transactions that have waited behind a nonce gap for longer than the TTL and recounts
   * the gapped ones; returns the dropped entries.
   */
  evict(nowMs: number, nonceOf: (sender: Address) => bigint): MempoolEntry[] {
    const dropped: MempoolEntry[] = [];
    this.#gappedBySender.clear();
    this.#gapped = 0;
    for (const [sender, mine] of this.#bySender) {
      let expected = nonceOf(sender);
      while (mine.has(expected)) expected++;
      let gapped = 0;
      for (const [nonce, entry] of mine) {
        if (nonce <= expected) continue;
        if (nowMs - entry.receivedAt > this.config.gappedTtlMs) dropped.push(entry);
        else gapped++;
      }
      this.#setGapped(sender, gapped);
    }
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
  take({ maxTxs, maxBytes, perTxBytes = 0, nonceOf }: TakeParameters): { ready: MempoolEntry[]; stale: MempoolEntry[] } {
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
          if (bytes + entry.bytes + perTxBytes > maxBytes) return this.#remove(ready, stale, taken);
          bytes += entry.bytes + perTxBytes;
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

  /** Counts (and records) the sender's transactions behind a nonce gap: those past its first missing nonce. */
  #countGapped(from: Address, stateNonce: bigint): number {
    const mine = this.#bySender.get(from);
    let gapped = 0;
    if (mine) {
      let expected = stateNonce;
      while (mine.has(expected)) expected++;
      for (const nonce of mine.keys()) if (nonce > expected) gapped++;
    }
    this.#setGapped(from, gapped);
    return gapped;
  }

  #setGapped(from: Address, gapped: number): void {
    this.#gapped += gapped - (this.#gappedBySender.get(from) ?? 0);
    if (gapped > 0) this.#gappedBySender.set(from, gapped);
    else this.#gappedBySender.delete(from);
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

/** What a pending transaction reserves of its sender's balance: its signed maxFee (unsigned ones: none). */
function maxFeeOf(entry: MempoolEntry): bigint {
  return (entry.tx.message as { maxFee?: bigint }).maxFee ?? 0n;
}

function reviewNullifier(tx: Tx): bigint | null {
  return tx.type === "PostReview" ? (tx.message as { nullifier: bigint }).nullifier : null;
}
