// L2 blocks: the L1 queue items (deposits, forced transactions) they consume, the transactions they include, and the roots after each.
import type { Hex } from "viem";
import type { Tx } from "../protocol";
import type { QueueItem, Receipt } from "../stf";

/** What became of a forced transaction the block consumed (an unreadable one has none). */
export type ForcedReceipt = { index: bigint; tx: Tx; receipt: Receipt };

export type Block = {
  number: bigint;
  timestamp: number;
  parentHash: Hex;
  /** The L1 queue items consumed: deposits credited and forced transactions applied. */
  deposits: QueueItem[];
  /** Receipts of the forced transactions among them (rejected ones included), in queue order. */
  forced: ForcedReceipt[];
  txs: Tx[];
  txHashes: Hex[];
  /** Receipts of the included transactions (all succeeded), in order. */
  receipts: Array<Extract<Receipt, { status: "ok" }>>;
  /**
   * State root after each step of the block: one per deposit credited, one per transaction, one
   * for the end-of-block review-tree fold (docs/fraud-proofs.md "Steps").
   */
  stepRoots: Hex[];
  stateRoot: Hex;
  hash: Hex;
};
