// Sequencer mode: admits signed transactions, orders them into blocks on a timer or when a block
// fills, makes each block durable before answering, and hands blocks to the batch sealer. The
// steps live in their own modules (admitTransaction, produceBlock, ../batcher/BatchSealer); this
// class owns the timer, the waiting callers and the order of the steps.
import type { Address, Hex } from "viem";
import { BatchSealer } from "../batcher";
import { SutureError } from "../errors";
import type { ChainState } from "../ledger";
import { Mempool, type MempoolConfig, type MempoolEntry } from "../mempool";
import { TokenBucket, type Logger, type Metrics, type ReviewProofCache, type SignatureWorkers } from "../runtime";
import { admitTransaction } from "./admitTransaction";
import { produceBlock, type SequencerCensor, type SequencerFault } from "./produceBlock";
import { parseTx, txHash } from "../protocol";

export type SubmitResult =
  | { hash: Hex; status: "included"; blockNumber: string; index?: number; queueIndex?: string; result: unknown; stateRoot: Hex; fee?: bigint }
  | { hash: Hex; status: "pending" }
  | { hash: Hex; status: "rejected"; error: { code: string; message: string; details: Record<string, unknown> } };

export type SequencerOptions = {
  chain: ChainState;
  proofs: ReviewProofCache;
  signatures: SignatureWorkers;
  metrics: Metrics;
  logger: Logger;
  blockIntervalMs: number;
  maxBlockTxs: number;
  batchMaxTxs: number;
  batchMaxBytes: number;
  batchMaxAgeMs: number;
  submitWaitMs: number;
  /** The L1 account that posts this sequencer's batches (SEQUENCER_KEY's address): it receives the fees. */
  feeRecipient: Address;
  mempool?: Partial<MempoolConfig>;
  /** Review proofs the node verifies per second, node-wide (burst: twice that). */
  reviewProofsPerSecond?: number;
  /** Seconds since epoch for block timestamps and batch age (tests inject a clock). */
  now?: () => number;
  /** Test-only: a dishonest sequencer that mints itself 1 wei after global transaction #n. */
  fault?: SequencerFault;
  /** Test-only: a sequencer that censors some senders (see SequencerCensor). */
  censor?: SequencerCensor;
};

type Waiter = (r: SubmitResult) => void;

/** Proof-carrying transactions one bulk request may hold. */
export const MAX_PROOFS_PER_REQUEST = 16;
/** Blocks one producer step may make before it yields to the event loop. */
const MAX_BLOCKS_PER_TICK = 8;

export class Sequencer {
  readonly chain: ChainState;
  readonly mempool: Mempool;
  readonly sealer: BatchSealer;
  readonly #o: SequencerOptions;
  readonly #waiters = new Map<Hex, Waiter[]>();
  readonly #fault: (SequencerFault & { counter: { n: number } }) | undefined;
  readonly #proofBudget: TokenBucket;
  #lastEvictionMs = 0;
  #timer: NodeJS.Timeout | null = null;
  #paused = false;
  #stopping = false;
  #producing = false;
  /** Blocks consume the L1 queue only below this (limitQueue), when set. */
  #queueEnd: bigint | undefined;

  constructor(o: SequencerOptions) {
    this.#o = o;
    this.chain = o.chain;
    this.mempool = new Mempool(o.mempool);
    this.sealer = new BatchSealer({
      chain: o.chain,
      proposer: o.feeRecipient,
      logger: o.logger,
      metrics: o.metrics,
      batchMaxTxs: o.batchMaxTxs,
      batchMaxBytes: o.batchMaxBytes,
      batchMaxAgeMs: o.batchMaxAgeMs,
    });
    this.#fault = o.fault ? { ...o.fault, counter: { n: 0 } } : undefined;
    const proofsPerSecond = o.reviewProofsPerSecond ?? 40;
    this.#proofBudget = new TokenBucket({ ratePerSecond: proofsPerSecond, burst: 2 * proofsPerSecond });
  }

  start(): void {
    this.#timer = setInterval(() => this.tick(), this.#o.blockIntervalMs);
  }

  /** Holds block production (admission goes on) while the chain is rebuilt under it. */
  pause(): void {
    this.#paused = true;
  }

  /** Resumes block production after pause(), on whatever chain is there now. */
  resume(): void {
    this.sealer.forget();
    this.#paused = false;
  }

  /**
   * Stops the block timer. What was admitted goes into a block at once, and so does anything
   * admitted from now on (requests already in flight while the HTTP server closes), so no
   * admitted transaction is dropped and each submitter gets its receipt. A waiter left (the last
   * block failed) gets "pending".
   */
  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    this.#stopping = true;
    try {
      this.tick();
    } catch {
      // tick logged it; stopping goes on
    }
    for (const [hash, list] of this.#waiters) for (const w of list) w({ hash, status: "pending" });
    this.#waiters.clear();
  }

  /** Validates and queues one JSON transaction, then waits for its block (or a timeout). */
  async submit(json: unknown): Promise<SubmitResult> {
    const { hash } = await this.admit(json);
    return this.#wait(hash);
  }

  /** Bulk submission: one result per transaction, in order; rejected ones carry their code. */
  async submitMany(jsons: unknown[]): Promise<Array<SubmitResult>> {
    const proofs = jsons.filter((j) => (j as { type?: unknown } | null)?.type === "PostReview").length;
    if (proofs > MAX_PROOFS_PER_REQUEST) throw new SutureError("TOO_MANY_PROOFS", undefined, { max: MAX_PROOFS_PER_REQUEST, got: proofs });
    // One sender's transactions are admitted one after another (each sees the mempool as the
    // previous one left it, so a sender past its limits is refused before its signatures are
    // recovered); different senders' at once.
    const previous = new Map<string, Promise<unknown>>();
    const admitted = await Promise.all(
      jsons.map((json) => {
        const admitOne = async () => {
          try {
            return await this.admit(json);
          } catch (e) {
            if (!(e instanceof SutureError)) throw e;
            return { hash: null, error: e.toJSON() };
          }
        };
        const from = (json as { from?: unknown } | null)?.from;
        if (typeof from !== "string") return admitOne();
        const sender = from.toLowerCase();
        const mine = (previous.get(sender) ?? Promise.resolve()).then(admitOne);
        previous.set(
          sender,
          mine.catch(() => undefined),
        );
        return mine;
      }),
    );
    return Promise.all(
      admitted.map((a) =>
        "error" in a ? Promise.resolve({ hash: (a.hash ?? "0x") as Hex, status: "rejected" as const, error: a.error }) : this.#wait(a.hash),
      ),
    );
  }

  /** Checks a transaction and puts it in the mempool; throws SutureError with a stable code. */
  async admit(json: unknown): Promise<{ hash: Hex }> {
    const { chain, mempool } = this;
    const from = (json as { from?: unknown } | null)?.from;
    if (this.#o.censor && typeof from === "string" && this.#o.censor.senders.has(from.toLowerCase())) {
      // Test-only censorship: answered as if queued, never included.
      return { hash: txHash(parseTx(json) as never) };
    }
    const { hash, evicted } = await admitTransaction({
      json,
      chain,
      mempool,
      proofs: this.#o.proofs,
      signatures: this.#o.signatures,
      proofBudget: this.#proofBudget,
    });
    this.#dropped(evicted, "TX_EVICTED", Date.now());
    this.#o.metrics.mempoolDepth.set(mempool.size);
    // A full block's worth of runnable transactions makes a block now (gapped ones cannot run).
    if (mempool.runnable >= this.#o.maxBlockTxs || this.#stopping) setImmediate(() => this.#tickSafely());
    return { hash };
  }

  /** What the API reports for a hash: included, rejected, pending or unknown. */
  lookup(hash: Hex): SubmitResult | undefined {
    const stored = this.chain.store.getTx(hash);
    if (stored)
      return {
        hash,
        status: "included",
        blockNumber: stored.blockNumber.toString(),
        ...(stored.queueIndex === null ? { index: stored.index } : { queueIndex: stored.queueIndex.toString() }),
        result: stored.result,
        stateRoot: stored.stateRoot,
      };
    if (this.mempool.has(hash)) return { hash, status: "pending" };
    const rejected = this.chain.store.getRejected(hash);
    if (rejected) return { hash, status: "rejected", error: { code: rejected.code, message: rejected.message, details: rejected.details } };
    return undefined;
  }

  #wait(hash: Hex): Promise<SubmitResult> {
    const known = this.lookup(hash);
    if (known && known.status !== "pending") return Promise.resolve(known);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve({ hash, status: "pending" }), this.#o.submitWaitMs);
      const list = this.#waiters.get(hash) ?? [];
      list.push((r) => {
        clearTimeout(timer);
        resolve(r);
      });
      this.#waiters.set(hash, list);
    });
  }

  #notify(hash: Hex, result: SubmitResult): void {
    const list = this.#waiters.get(hash);
    if (!list) return;
    this.#waiters.delete(hash);
    for (const w of list) w(result);
  }

  /**
   * From now on, blocks consume L1 queue items only below `end` (undefined: no limit). A rebuild
   * sets it while it replays lost blocks in their original order.
   */
  limitQueue(end: bigint | undefined): void {
    this.#queueEnd = end;
  }

  /** One producer step: a block if anything is waiting, then a batch if one is due. */
  tick(): void {
    if (this.#producing || this.#paused) return;
    this.#producing = true;
    try {
      this.#evictExpired();
      // A block takes at most what the batch has room for (the sealer seals first when it has
      // none), so a batch never outgrows what one L1 transaction can carry. Keep going while
      // blocks fill up and transactions wait, a few blocks per turn of the event loop.
      for (let i = 0; i < MAX_BLOCKS_PER_TICK; i++) {
        if (this.#produceBlock() === 0 || this.mempool.size === 0) break;
      }
      this.sealer.maybeSeal({ nowMs: this.#nowMs() });
    } catch (error) {
      this.#o.logger.fatal({ err: error }, "block production failed; stopping the sequencer");
      this.stop();
      throw error;
    } finally {
      this.#producing = false;
    }
  }

  /** Once a second: drops transactions stuck behind a nonce gap past their TTL. */
  #evictExpired(): void {
    const nowMs = Date.now();
    if (nowMs - this.#lastEvictionMs < 1_000) return;
    this.#lastEvictionMs = nowMs;
    this.#dropped(
      this.mempool.evict(nowMs, (sender) => this.chain.state.get("account", sender)?.nonce ?? 0n),
      "TX_EXPIRED",
      nowMs,
    );
  }

  /** Records transactions the mempool dropped as rejected with `code` and answers their waiters. */
  #dropped(entries: MempoolEntry[], code: "TX_EXPIRED" | "TX_EVICTED", nowMs: number): void {
    for (const e of entries) {
      const error = new SutureError(code).toJSON();
      this.chain.store.saveRejected({ txHash: e.hash, ...error }, Math.floor(nowMs / 1000));
      this.#notify(e.hash, { hash: e.hash, status: "rejected", error });
    }
  }

  /** A tick scheduled outside the timer: a failure is logged by tick() and must not go uncaught. */
  #tickSafely(): void {
    try {
      this.tick();
    } catch {
      // logged by tick()
    }
  }

  #nowMs(): number {
    return this.#o.now ? this.#o.now() * 1000 : Date.now();
  }

  /** Builds, executes and persists one block; returns how many transactions it took. */
  #produceBlock(): number {
    const started = performance.now();
    const now = Math.floor(this.#nowMs() / 1000);
    const room = this.sealer.roomForBlock();
    const exec = produceBlock({
      chain: this.chain,
      mempool: this.mempool,
      proofs: this.#o.proofs,
      maxTxs: Math.min(this.#o.maxBlockTxs, room.txs),
      maxBytes: room.bytes,
      feeRecipient: this.#o.feeRecipient,
      now,
      fault: this.#fault,
      censor: this.#o.censor,
      queueEnd: this.#queueEnd,
      onStale: (hash, error) => this.#notify(hash, { hash, status: "rejected", error }),
    });
    if (!exec) return 0;
    this.sealer.addBlock(exec);
    const { block, rejected } = exec;
    const { metrics } = this.#o;
    metrics.blockTime.observe((performance.now() - started) / 1000);
    metrics.blockTxs.observe(block.txs.length);
    metrics.height.set(Number(block.number));
    metrics.mempoolDepth.set(this.mempool.size);
    for (let i = 0; i < block.txs.length; i++) {
      const r = block.receipts[i]!;
      metrics.txAccepted.inc({ type: block.txs[i]!.type });
      const fee = r.status === "ok" ? r.fee : undefined;
      this.#notify(r.txHash, {
        hash: r.txHash,
        status: "included",
        blockNumber: block.number.toString(),
        index: i,
        result: r.result,
        stateRoot: r.stateRoot,
        fee,
      });
    }
    for (const { receipt } of rejected) {
      metrics.txRejected.inc({ code: receipt.error.code });
      this.#notify(receipt.txHash, { hash: receipt.txHash, status: "rejected", error: receipt.error });
    }
    // Forced transactions (from the L1 queue): anyone waiting on the same hash learns their fate.
    for (const { index, receipt } of block.forced) {
      if (receipt.status === "rejected") this.#notify(receipt.txHash, { hash: receipt.txHash, status: "rejected", error: receipt.error });
      else
        this.#notify(receipt.txHash, {
          hash: receipt.txHash,
          status: "included",
          blockNumber: block.number.toString(),
          queueIndex: index.toString(),
          result: receipt.result,
          stateRoot: receipt.stateRoot,
          fee: receipt.fee,
        });
    }
    return block.txs.length + rejected.length;
  }

  /** Seals whatever is unbatched now (shutdown, tests). */
  sealNow(): void {
    if (this.#paused) return;
    this.sealer.maybeSeal({ force: true });
  }
}
