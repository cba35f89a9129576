// Batch sealing: closes the unbatched blocks into one batch — its data, its header and the
// withdrawal proofs it will need — when the batch is full (transactions or bytes) or old enough.
// The poster sends sealed batches to L1.
//
// Size: the producer asks room() before each block and never builds a block that would take the
// batch's uncompressed bodies past the byte budget, so the posted data (compression never grows
// data by more than the slack below) is always within batchMaxBytes, and so within what one L1
// transaction can carry. Withdrawal proofs are taken from the state in memory, which is the state
// after the last unbatched block: a batch can only end at the head, so the check comes before
// each block, not after.
import type { Hex } from "viem";
import type { ExecuteBlockReturnType } from "../chain";
import { keccak256 } from "../crypto/keccak256";
import type { ChainState } from "../ledger";
import { batchHeaderHash, encodeBatchFromBodies, MAX_TX_BYTES, txRootsHash, withdrawalKey, type BatchHeader } from "../protocol";
import type { Logger, Metrics } from "../runtime";

export type BatchSealerOptions = {
  chain: ChainState;
  logger: Logger;
  metrics: Metrics;
  batchMaxTxs: number;
  batchMaxBytes: number;
  batchMaxAgeMs: number;
};

/** Bytes a block body adds besides its transactions (timestamp, deposit count, tx count). */
export const BLOCK_OVERHEAD_BYTES = 32;

type Unbatched = { txs: number; bytes: number; firstTimestamp: number | null; withdrawals: bigint[] };

export class BatchSealer {
  readonly #o: BatchSealerOptions;
  /** What the unbatched blocks hold, kept in memory so the seal check costs nothing per tick. */
  #unbatched: Unbatched | null = null;

  /** Uncompressed body bytes a batch may hold: the limit less the codec's worst-case growth and framing. */
  readonly bodyBudget: number;

  constructor(o: BatchSealerOptions) {
    this.#o = o;
    this.bodyBudget = o.batchMaxBytes - Math.ceil(o.batchMaxBytes / 1000) - 64;
    if (this.bodyBudget < MAX_TX_BYTES + BLOCK_OVERHEAD_BYTES) throw new RangeError(`batchMaxBytes ${o.batchMaxBytes} cannot hold one transaction`);
  }

  /** Counts a block the producer just persisted. */
  addBlock({ block, body }: ExecuteBlockReturnType): void {
    const u = this.#summary();
    u.txs += block.txs.length;
    u.bytes += body.length;
    u.firstTimestamp ??= block.timestamp;
    for (const r of block.receipts) if (r.result.withdrawalId !== undefined) u.withdrawals.push(r.result.withdrawalId as bigint);
  }

  /**
   * What the next block may hold so the batch stays within its limits: transactions and
   * transaction bytes. When even one largest transaction would not fit, it seals first.
   */
  roomForBlock(): { txs: number; bytes: number } {
    let room = this.#room();
    if (room.txs < 1 || room.bytes < MAX_TX_BYTES) {
      this.maybeSeal({ force: true });
      room = this.#room();
    }
    return room;
  }

  #room(): { txs: number; bytes: number } {
    const u = this.#summary();
    return { txs: this.#o.batchMaxTxs - u.txs, bytes: this.bodyBudget - u.bytes - BLOCK_OVERHEAD_BYTES };
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
    if (!force && room.txs > 0 && room.bytes >= MAX_TX_BYTES && age < this.#o.batchMaxAgeMs) return;
    const last = store.lastBatch();
    const lastHeader = last?.header as BatchHeader | undefined;
    const firstBlock = last ? last.lastBlock + 1n : 0n;
    const blocks = store.blocks(firstBlock, head.number);
    const txCount = blocks.reduce((n, b) => n + b.txCount, 0);
    const index = last ? last.index + 1 : 0;
    const data = encodeBatchFromBodies({ firstBlock, bodies: blocks.map((b) => b.body) });
    // Cannot happen while the producer respects roomForBlock(); posting it would stall the chain.
    if (data.length > this.#o.batchMaxBytes) throw new Error(`batch ${index} is ${data.length} bytes, over the ${this.#o.batchMaxBytes}-byte limit`);
    const lastBlock = blocks[blocks.length - 1]!;
    const queueStart = BigInt(lastHeader?.queueEnd ?? 0n);
    const queueEnd = lastBlock.depositStart + BigInt(lastBlock.depositCount);
    const txRoots = blocks.flatMap((b) => b.txRoots);
    const header: BatchHeader = {
      batchIndex: BigInt(index),
      prevStateRoot: lastHeader?.postStateRoot ?? chain.genesisRoot,
      postStateRoot: lastBlock.stateRoot,
      txDataHash: `0x${Buffer.from(keccak256(data)).toString("hex")}` as Hex,
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
    const proofs = u.withdrawals.map((id) => ({ id, proof: chain.state.tree.prove(withdrawalKey(id)) }));
    store.insertBatch({ index, firstBlock, lastBlock: lastBlock.number, header, data, txCount, txRoots }, proofs);
    this.#unbatched = { txs: 0, bytes: 0, firstTimestamp: null, withdrawals: [] };
    this.#o.metrics.batchBytes.observe(data.length);
    this.#o.logger.info({ batch: index, blocks: blocks.length, txs: txCount, bytes: data.length, headerHash: batchHeaderHash(header) }, "batch sealed");
  }

  /** Unbatched totals, read from the store once after a (re)start, then kept in memory. */
  #summary(): Unbatched {
    if (!this.#unbatched) {
      const { store, head } = this.#o.chain;
      const last = store.lastBatch();
      const blocks = head ? store.blocks(last ? last.lastBlock + 1n : 0n, head.number) : [];
      this.#unbatched = {
        txs: blocks.reduce((n, b) => n + b.txCount, 0),
        bytes: blocks.reduce((n, b) => n + b.body.length, 0),
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
