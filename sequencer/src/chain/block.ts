// L2 blocks: the deposits they consume, the transactions they include, and the roots after each.
import type { Hex } from "viem";
import type { Tx } from "../protocol";
import type { Deposit, Receipt } from "../stf";

export type Block = {
  number: bigint;
  timestamp: number;
  parentHash: Hex;
  deposits: Deposit[];
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
