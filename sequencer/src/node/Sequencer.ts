// Sequencer mode: admits signed transactions (schema, domain, signature, nonce, proofs), orders
// them into blocks on a timer or when a block fills, makes each block durable before answering,
// and seals batches (with the withdrawal proofs they will need) for the poster to send to L1.
import type { Address, Hex } from "viem";
import { SutureError } from "../errors";
import { Mempool, type MempoolEntry } from "../mempool";
import { encodeTx, isSigned, parseTx, txHash as hashTx, typedDataDigest, type ParsedTx, type Tx } from "../protocol";
import { encodeBatchFromBodies, batchHeaderHash, txRootsHash, type BatchHeader } from "../batcher";
import { withdrawalKey } from "../tree";
import { keccak256 as keccak } from "../crypto/keccak256";
import type { Receipt } from "../stf";
import type { ChainState } from "./ChainState";
import type { ReviewProofCache } from "./reviewProofs";
import type { Metrics } from "./metrics";
import type { Logger } from "./logger";
import type { SignatureWorkers } from "./SignatureWorkers";

export type SubmitResult =
  | { hash: Hex; status: "included"; blockNumber: string; index: number; result: unknown; stateRoot: Hex }
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
  mempool?: { maxSize?: number; maxPerSender?: number };
  /** Seconds since epoch for block timestamps (tests inject a clock). */
  now?: () => number;
  /** Test-only: a dishonest sequencer that mints itself 1 wei after global transaction #n. */
  fault?: { corruptAfterTx: number; beneficiary: Address };
};

type Waiter = (r: SubmitResult) => void;
/** A block body's three leading varints at their widest (timestamp, deposit count, tx count). */
const MAX_BLOCK_HEADER_BYTES = 17;

type UnbatchedSummary = { txs: number; bytes: number; firstTimestamp: number | null; withdrawals: bigint[] };

export class Sequencer {
  readonly chain: ChainState;
  readonly mempool: Mempool;
  readonly #o: SequencerOptions;
  readonly #waiters = new Map<Hex, Waiter[]>();
  #timer: NodeJS.Timeout | null = null;
  #stopping = false;
  #producing = false;
  #txCounter = 0;
  /** What the unbatched blocks hold, kept in memory so the seal check costs nothing per tick. */
  #unbatched: UnbatchedSummary | null = null;

  constructor(o: SequencerOptions) {
    this.#o = o;
    this.chain = o.chain;
    this.mempool = new Mempool(o.mempool);
  }

  start(): void {
    this.#timer = setInterval(() => this.tick(), this.#o.blockIntervalMs);
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
    const entry = await this.admit(json);
    return this.#wait(entry.hash);
  }

  /** Bulk submission: one result per transaction, in order; rejected ones carry their code. */
  async submitMany(jsons: unknown[]): Promise<Array<SubmitResult>> {
    const admitted = await Promise.all(
      jsons.map(async (json) => {
        try {
          return await this.admit(json);
        } catch (e) {
          if (!(e instanceof SutureError)) throw e;
          return { hash: null, error: e.toJSON() };
        }
      }),
    );
    return Promise.all(
      admitted.map((a) =>
        "error" in a ? Promise.resolve({ hash: (a.hash ?? "0x") as Hex, status: "rejected" as const, error: a.error }) : this.#wait(a.hash),
      ),
    );
  }

  /** Checks a transaction and puts it in the mempool (a known one is not added twice); throws SutureError with a stable code. */
  async admit(json: unknown): Promise<{ hash: Hex }> {
    const parsed = parseTx(json);
    const envelope = json as { chainId?: unknown; verifyingContract?: unknown };
    const domain = this.chain.domain;
    if (envelope.chainId !== undefined && envelope.chainId !== domain.chainId) {
      throw new SutureError("WRONG_CHAIN_ID", undefined, { expected: domain.chainId, got: envelope.chainId });
    }
    if (envelope.verifyingContract !== undefined && String(envelope.verifyingContract).toLowerCase() !== domain.verifyingContract.toLowerCase()) {
      throw new SutureError("WRONG_DOMAIN", undefined, { expected: domain.verifyingContract, got: envelope.verifyingContract });
    }
    const tx = await this.#recover(parsed);
    const hash = hashTx(tx);
    if (this.mempool.has(hash) || this.chain.store.getTx(hash)) return { hash };
    if (tx.type === "PostReview" && !(await this.#o.proofs.prepare(tx as Tx<"PostReview">))) throw new SutureError("INVALID_PROOF");
    const nonce = tx.from ? (tx.message as { nonce: bigint }).nonce : null;
    const stateNonce = tx.from ? (this.chain.state.get("account", tx.from)?.nonce ?? 0n) : 0n;
    const entry: MempoolEntry = { tx, hash, receivedAt: Date.now(), nonce, bytes: encodeTx(tx).length };
    this.mempool.add(entry, stateNonce);
    this.#o.metrics.mempoolDepth.set(this.mempool.size);
    if (this.mempool.size >= this.#o.maxBlockTxs || this.#stopping) setImmediate(() => this.tick());
    return { hash };
  }

  /** Recovers the sender on a signature worker; BAD_SIGNATURE when it is not the claimed one. */
  async #recover(parsed: ParsedTx): Promise<Tx> {
    const { type, message, signature, claimedFrom } = parsed;
    if (!isSigned(type)) return { type, message, signature, from: null } as Tx;
    const from = await this.#o.signatures.recover(typedDataDigest(this.chain.domain, type, message), signature!);
    if (claimedFrom && claimedFrom.toLowerCase() !== from) {
      throw new SutureError("BAD_SIGNATURE", "signature does not recover the sender (wrong key, chain id or domain?)", { from: claimedFrom, recovered: from });
    }
    return { type, message, signature, from } as Tx;
  }

  /** What the API reports for a hash: included, rejected, pending or unknown. */
  lookup(hash: Hex): SubmitResult | undefined {
    const stored = this.chain.store.getTx(hash);
    if (stored)
      return { hash, status: "included", blockNumber: stored.blockNumber.toString(), index: stored.index, result: stored.result, stateRoot: stored.stateRoot };
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

  /** One producer step: a block if anything is waiting, then a batch if one is due. */
  tick(): void {
    if (this.#producing) return;
    this.#producing = true;
    try {
      let produced: { txs: number; bytesFull: boolean };
      do {
        // Seal before a block that could push the batch past its limits, so a batch never
        // outgrows what one L1 transaction can carry.
        if (this.#nextBlockMayOverflow()) this.#maybeSealBatch(true);
        produced = this.#produceBlock();
        // The block took what was left of the batch's byte budget: seal it and go on.
        if (produced.bytesFull) this.#maybeSealBatch(true);
      } while (produced.bytesFull || produced.txs >= this.#o.maxBlockTxs);
      this.#maybeSealBatch();
    } catch (error) {
      this.#o.logger.fatal({ err: error }, "block production failed; stopping the sequencer");
      this.stop();
      throw error;
    } finally {
      this.#producing = false;
    }
  }

  #now(): number {
    return this.#o.now ? this.#o.now() : Math.floor(Date.now() / 1000);
  }

  /** Milliseconds on the same clock as block timestamps (a batch's age compares the two). */
  #nowMs(): number {
    return this.#o.now ? this.#o.now() * 1000 : Date.now();
  }

  /**
   * Builds, executes and persists one block, with no more transaction bytes than the open batch
   * has room for; returns how many transactions it took and whether that room ran out.
   */
  #produceBlock(): { txs: number; bytesFull: boolean } {
    const { chain } = this;
    const meta = chain.state.get("meta", "")!;
    const deposits = chain.store.depositCount > meta.queuePosition ? chain.store.deposits(meta.queuePosition, 1_000) : [];
    const nonceOf = (sender: Address) => chain.state.get("account", sender)?.nonce ?? 0n;
    const room = this.#o.batchMaxBytes - this.#unbatchedSummary().bytes - MAX_BLOCK_HEADER_BYTES;
    let { ready, stale, bytesFull } = this.mempool.take(this.#o.maxBlockTxs, nonceOf, room);
    if (ready.length === 0 && bytesFull && this.#unbatchedSummary().firstTimestamp === null) {
      // One transaction bigger than a whole batch may hold: it goes alone rather than block the pool.
      const alone = this.mempool.take(1, nonceOf);
      ({ ready, bytesFull } = alone);
      stale = [...stale, ...alone.stale];
    }
    for (const e of stale) {
      const error = new SutureError("NONCE_TOO_LOW").toJSON();
      chain.store.saveRejected({ txHash: e.hash, ...error }, this.#now());
      this.#notify(e.hash, { hash: e.hash, status: "rejected", error });
    }
    if (ready.length === 0 && deposits.length === 0) return { txs: 0, bytesFull };
    const started = performance.now();
    const timestamp = Math.max(chain.head?.timestamp ?? 0, this.#now());
    const fault = this.#o.fault;
    const exec = chain.execute({
      timestamp,
      deposits,
      txs: ready.map((e) => e.tx),
      txHashes: ready.map((e) => e.hash),
      checkReviewProof: this.#o.proofs.check,
      afterTx: (_i, receipt: Receipt) => {
        if (receipt.status !== "ok") return;
        if (fault && this.#txCounter++ === fault.corruptAfterTx) {
          const account = chain.state.get("account", fault.beneficiary) ?? { balance: 0n, nonce: 0n, encryptionKey: null };
          chain.state.put("account", fault.beneficiary, { ...account, balance: account.balance + 1n });
          receipt.stateRoot = chain.state.root();
        }
      },
    });
    chain.persist(exec, meta.queuePosition);
    const { block } = exec;
    const u = this.#unbatchedSummary();
    u.txs += block.txs.length;
    u.bytes += exec.body.length;
    u.firstTimestamp ??= block.timestamp;
    for (const r of block.receipts) if (r.result.withdrawalId !== undefined) u.withdrawals.push(r.result.withdrawalId as bigint);
    this.#o.metrics.blockTime.observe((performance.now() - started) / 1000);
    this.#o.metrics.blockTxs.observe(block.txs.length);
    this.#o.metrics.height.set(Number(block.number));
    this.#o.metrics.mempoolDepth.set(this.mempool.size);
    for (let i = 0; i < block.txs.length; i++) {
      const r = block.receipts[i]!;
      this.#o.metrics.txAccepted.inc({ type: block.txs[i]!.type });
      this.#notify(r.txHash, { hash: r.txHash, status: "included", blockNumber: block.number.toString(), index: i, result: r.result, stateRoot: r.stateRoot });
    }
    for (const { receipt } of exec.rejected) {
      this.#o.metrics.txRejected.inc({ code: receipt.error.code });
      this.#notify(receipt.txHash, { hash: receipt.txHash, status: "rejected", error: receipt.error });
    }
    return { txs: ready.length, bytesFull };
  }

  /** Seals the unbatched blocks into a batch when it is big or old enough. */
  #maybeSealBatch(force = false): void {
    const { store } = this.chain;
    const head = this.chain.head;
    if (!head) return;
    const u = this.#unbatchedSummary();
    if (u.firstTimestamp === null) return;
    const age = this.#nowMs() - u.firstTimestamp * 1000;
    if (!force && u.txs < this.#o.batchMaxTxs && u.bytes < this.#o.batchMaxBytes && age < this.#o.batchMaxAgeMs) return;
    const last = store.lastBatch();
    const firstBlock = last ? last.lastBlock + 1n : 0n;
    const blocks = store.blocks(firstBlock, head.number);
    const txCount = blocks.reduce((n, b) => n + b.txCount, 0);
    const index = last ? last.index + 1 : 0;
    const data = encodeBatchFromBodies({ firstBlock, bodies: blocks.map((b) => b.body) });
    const lastBlock = blocks[blocks.length - 1]!;
    const queueStart = BigInt((last?.header as BatchHeader | undefined)?.queueEnd ?? 0n);
    const queueEnd = lastBlock.depositStart + BigInt(lastBlock.depositCount);
    const txRoots = blocks.flatMap((b) => b.txRoots);
    const header: BatchHeader = {
      batchIndex: BigInt(index),
      prevStateRoot: (last?.header as BatchHeader | undefined)?.postStateRoot ?? this.chain.genesisRoot,
      postStateRoot: lastBlock.stateRoot,
      txDataHash: `0x${Buffer.from(keccak(data)).toString("hex")}`,
      txRootsHash: txRootsHash(txRoots),
      queueStart,
      queueEnd,
      queueHash: queueEnd === 0n ? `0x${"00".repeat(32)}` : store.getDeposit(queueEnd - 1n)!.queueHash,
      firstBlock,
      lastBlock: lastBlock.number,
      firstTimestamp: BigInt(blocks[0]!.timestamp),
      lastTimestamp: BigInt(lastBlock.timestamp),
    };
    // The state in memory is exactly the state after `lastBlock`: prove every withdrawal the
    // batch creates against its post-state root now, while that tree is at hand.
    const proofs = u.withdrawals.map((id) => ({ id, proof: this.chain.state.tree.prove(withdrawalKey(id)) }));
    store.insertBatch({ index, firstBlock, lastBlock: lastBlock.number, header, data, txCount, txRoots }, proofs);
    this.#unbatched = { txs: 0, bytes: 0, firstTimestamp: null, withdrawals: [] };
    this.#o.metrics.batchBytes.observe(data.length);
    this.#o.logger.info({ batch: index, blocks: blocks.length, txs: txCount, bytes: data.length, headerHash: batchHeaderHash(header) }, "batch sealed");
  }

  /**
   * True when the unbatched blocks plus the next block could exceed the batch's transaction limit
   * (what the mempool holds), or when not even an empty block fits in its byte limit. The next
   * block's transaction bytes are bounded where it is built (#produceBlock).
   */
  #nextBlockMayOverflow(): boolean {
    const u = this.#unbatchedSummary();
    if (u.firstTimestamp === null) return false;
    const nextTxs = Math.min(this.mempool.size, this.#o.maxBlockTxs);
    return u.txs + nextTxs > this.#o.batchMaxTxs || u.bytes + MAX_BLOCK_HEADER_BYTES > this.#o.batchMaxBytes;
  }

  /** Unbatched totals, read from the store once after a (re)start, then kept in memory. */
  #unbatchedSummary(): UnbatchedSummary {
    if (!this.#unbatched) {
      const last = this.chain.store.lastBatch();
      const head = this.chain.head;
      const blocks = head ? this.chain.store.blocks(last ? last.lastBlock + 1n : 0n, head.number) : [];
      this.#unbatched = {
        txs: blocks.reduce((n, b) => n + b.txCount, 0),
        bytes: blocks.reduce((n, b) => n + b.body.length, 0),
        firstTimestamp: blocks[0]?.timestamp ?? null,
        withdrawals: blocks.flatMap((b) =>
          this.chain.store
            .txsOfBlock(b.number)
            .filter((t) => t.type === "Withdraw")
            .map((t) => (t.result as { withdrawalId: bigint }).withdrawalId),
        ),
      };
    }
    return this.#unbatched;
  }

  /** Seals whatever is unbatched now (shutdown, tests). */
  sealNow(): void {
    this.#maybeSealBatch(true);
  }
}
