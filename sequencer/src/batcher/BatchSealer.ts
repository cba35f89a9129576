// Batch sealing: closes the unbatched blocks into one batch — its chunks, its step roots, its
// header and the withdrawal proofs it will need — when the batch is full (transactions or bytes)
// or old enough. The poster sends sealed batches to L1.
//
// Size: the producer asks roomForBlock() before each block and never builds a block that would
// take the batch's uncompressed bodies and step roots past the byte budget, so the posted data
// (a chunk is never larger than its payload plus its framing, see the slack below) is always
// within batchMaxBytes, and so within what one L1 transaction can carry; and never a block larger
// than a chunk can hold, so every batch stays disputable. Withdrawal proofs are taken from the state in memory, which is the state
// after the last unbatched block: a batch can only end at the head, so the check comes before
// each block, not after.
import type { Address, Hex } from "viem";
import type { ExecuteBlockReturnType } from "../chain";
import type { ChainState } from "../ledger";
import {
  batchHeaderHash,
  dataCommitment,
  encodeChunks,
  MAX_CHUNK_BLOCK_BYTES,
  MAX_DEPOSITS_PER_BLOCK,
  MAX_TX_BYTES,
  parseBlockBody,
  PER_TX_BATCH_BYTES,
  txRootsHash,
  withdrawalKey,
  type BatchHeader,
} from "../protocol";
import type { Logger, Metrics } from "../runtime";

export type BatchSealerOptions = {
  chain: ChainState;
  logger: Logger;
  metrics: Metrics;
  batchMaxTxs: number;
  batchMaxBytes: number;
  batchMaxAgeMs: number;
  /** The L1 account that submits batches (header.proposer). */
  proposer: Address;
};

/** Bytes of a step root in the posted batch. */
const ROOT_BYTES = 32;

/** Bytes a block body adds besides its transactions (timestamp, deposit count, tx count). */
export const BLOCK_OVERHEAD_BYTES = 32;

/** Root bytes reserved for a block's steps other than transactions: its deposits (at most MAX_DEPOSITS_PER_BLOCK) and its fold. */
export const BLOCK_ROOTS_RESERVE = 32 * (MAX_DEPOSITS_PER_BLOCK + 1);

type Unbatched = { txs: number; bytes: number; firstTimestamp: number | null; withdrawals: bigint[] };

export class BatchSealer {
  readonly #o: BatchSealerOptions;
  /** What the unbatched blocks hold, kept in memory so the seal check costs nothing per tick. */
  #unbatched: Unbatched | null = null;

  /** Body and root bytes a batch may hold: the limit less the chunks' framing (a codec byte and a header of at most 35 bytes per ~9 KiB chunk). */
  readonly bodyBudget: number;

  constructor(o: BatchSealerOptions) {
    this.#o = o;
    this.bodyBudget = o.batchMaxBytes - Math.ceil(o.batchMaxBytes / 100) - 64;
    if (this.bodyBudget < MAX_TX_BYTES + BLOCK_OVERHEAD_BYTES + PER_TX_BATCH_BYTES + BLOCK_ROOTS_RESERVE) {
      throw new RangeError(`batchMaxBytes ${o.batchMaxBytes} cannot hold one transaction`);
    }
  }

  /** Counts a block the producer just persisted. */
  addBlock({ block, body }: ExecuteBlockReturnType): void {
    const u = this.#summary();
    u.txs += block.txs.length;
    u.bytes += body.length + ROOT_BYTES * block.stepRoots.length;
    u.firstTimestamp ??= block.timestamp;
    for (const r of block.receipts) if (r.result.withdrawalId !== undefined) u.withdrawals.push(r.result.withdrawalId as bigint);
    // Forced transactions (queue items, applied first) create withdrawals too.
    for (const { receipt } of block.forced) {
      if (receipt.status === "ok" && receipt.result.withdrawalId !== undefined) u.withdrawals.push(receipt.result.withdrawalId as bigint);
    }
  }

  /**
   * What the next block may hold so the batch stays within its limits and the block within a
   * chunk: transactions, and bytes counted as encoding + PER_TX_BATCH_BYTES each. When even one
   * largest transaction would not fit, it seals first.
   */
  roomForBlock(): { txs: number; bytes: number } {
    let room = this.#room();
    if (room.txs < 1 || room.bytes < MAX_TX_BYTES + PER_TX_BATCH_BYTES) {
      this.maybeSeal({ force: true });
      room = this.#room();
    }
    return room;
  }

  #room(): { txs: number; bytes: number } {
    const u = this.#summary();
    const batchRoom = this.bodyBudget - u.bytes - BLOCK_OVERHEAD_BYTES - BLOCK_ROOTS_RESERVE;
    return { txs: this.#o.batchMaxTxs - u.txs, bytes: Math.min(batchRoom, MAX_CHUNK_BLOCK_BYTES - BLOCK_OVERHEAD_BYTES) };
  }

  /** Seals the unbatched blocks when the batch is full or old enough (always, when forced). */
  maybeSeal({ force = false, nowMs = Date.now() }: { force?: boolean; nowMs?: number } = {}): void {
    const { chain } = this.#o;
    const { store } = chain;
    const head = chain.head;
    if (!head) return;
    const u = this.#summary();
    if (u.firstTimestamp === null) return;
    const age = nowMs - u.firstTimestamp * 1000;
    const room = this.#room();
    if (!force && room.txs > 0 && room.bytes >= MAX_TX_BYTES + PER_TX_BATCH_BYTES && age < this.#o.batchMaxAgeMs) return;
    const last = store.lastBatch();
    const lastHeader = last?.header as BatchHeader | undefined;
    const firstBlock = last ? last.lastBlock + 1n : 0n;
    const blocks = store.blocks(firstBlock, head.number);
    const txCount = blocks.reduce((n, b) => n + b.txCount, 0);
    const index = last ? last.index + 1 : 0;
    const queueStart = BigInt(lastHeader?.queueEnd ?? 0n);
    const chunks = encodeChunks({ firstStep: 0n, firstBlock, firstDeposit: queueStart, blocks: blocks.map((b) => parseBlockBody(b.body)) });
    const stepRoots = blocks.flatMap((b) => b.stepRoots);
    const bytes = chunks.reduce((n, c) => n + c.length, 0) + ROOT_BYTES * stepRoots.length;
    // Cannot happen while the producer respects roomForBlock(); posting it would stall the chain.
    if (bytes > this.#o.batchMaxBytes) throw new Error(`batch ${index} is ${bytes} bytes, over the ${this.#o.batchMaxBytes}-byte limit`);
    const lastBlock = blocks[blocks.length - 1]!;
    const queueEnd = lastBlock.depositStart + BigInt(lastBlock.depositCount);
    const header: BatchHeader = {
      batchIndex: BigInt(index),
      prevStateRoot: lastHeader?.postStateRoot ?? chain.genesisRoot,
      postStateRoot: lastBlock.stateRoot,
      txDataHash: dataCommitment(chunks),
      txRootsHash: txRootsHash(stepRoots),
      stepCount: BigInt(stepRoots.length),
      queueStart,
      queueEnd,
      queueHash: queueEnd === 0n ? `0x${"00".repeat(32)}` : store.getDeposit(queueEnd - 1n)!.queueHash,
      firstBlock,
      lastBlock: lastBlock.number,
      firstTimestamp: BigInt(blocks[0]!.timestamp),
      lastTimestamp: BigInt(lastBlock.timestamp),
      proposer: this.#o.proposer,
    };
    // The state in memory is exactly the state after `lastBlock`: prove every withdrawal the
    // batch creates against its post-state root now, while that tree is at hand.
    const proofs = u.withdrawals.map((id) => ({ id, proof: chain.state.tree.prove(withdrawalKey(id)) }));
    store.insertBatch({ index, firstBlock, lastBlock: lastBlock.number, header, chunks, txCount, stepRoots }, proofs);
    this.#unbatched = { txs: 0, bytes: 0, firstTimestamp: null, withdrawals: [] };
    this.#o.metrics.batchBytes.observe(bytes);
    this.#o.logger.info(
      { batch: index, blocks: blocks.length, txs: txCount, steps: stepRoots.length, chunks: chunks.length, bytes, headerHash: batchHeaderHash(header) },
      "batch sealed",
    );
  }

  /** Forgets the unbatched totals (the chain under them was rebuilt); they are read again from the store. */
  forget(): void {
    this.#unbatched = null;
  }

  /** Unbatched totals, read from the store once after a (re)start, then kept in memory. */
  #summary(): Unbatched {
    if (!this.#unbatched) {
      const { store, head } = this.#o.chain;
      const last = store.lastBatch();
      const blocks = head ? store.blocks(last ? last.lastBlock + 1n : 0n, head.number) : [];
      this.#unbatched = {
        txs: blocks.reduce((n, b) => n + b.txCount, 0),
        bytes: blocks.reduce((n, b) => n + b.body.length + ROOT_BYTES * b.stepRoots.length, 0),
        firstTimestamp: blocks[0]?.timestamp ?? null,
        withdrawals: blocks.flatMap((b) =>
          store
            .txsOfBlock(b.number)
            .filter((t) => t.type === "Withdraw")
            .map((t) => (t.result as { withdrawalId: bigint }).withdrawalId),
        ),
      };
    }
    return this.#unbatched;
  }
}
