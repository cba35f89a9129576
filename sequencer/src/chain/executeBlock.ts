// Executes a block against the state: deposits first, then transactions in order. The sequencer
// drops rejected transactions (they get a rejected receipt, never a place in the block); a
// verifier replaying a posted block treats any rejection as proof the batch is invalid.
import type { Address, Hex } from "viem";
import { txHash as hashTx, type Tx } from "../protocol";
import { applyDeposit, applyTransaction, sealReviewTree, type Deposit, type Receipt, type ReviewProofCheck } from "../stf";
import type { State } from "../state";
import type { Block } from "./block";
import { encodeBlockBody } from "../protocol/batch/blockBody";
import { blockHash } from "../protocol/batch/blockHash";

export type ExecuteBlockParameters = {
  state: State;
  number: bigint;
  timestamp: number;
  /** Receives the block's fees: the L1 account that proposes (posts) the batch. */
  feeRecipient: Address;
  parentHash: Hex;
  deposits: Deposit[];
  txs: Tx[];
  /** Precomputed hashes, parallel to txs (optional). */
  txHashes?: Hex[];
  checkReviewProof: ReviewProofCheck;
  /** Called after each applied transaction (fault injection in tests, metrics). */
  afterTx?: (index: number, receipt: Receipt) => void;
};

export type ExecuteBlockReturnType = {
  block: Block;
  rejected: Array<{ tx: Tx; receipt: Extract<Receipt, { status: "rejected" }> }>;
  body: Uint8Array;
};

export function executeBlock(p: ExecuteBlockParameters): ExecuteBlockReturnType {
  const { state, deposits } = p;
  let root = state.root();
  for (const deposit of deposits) root = applyDeposit({ state, deposit });
  const included: Tx[] = [];
  const txHashes: Hex[] = [];
  const receipts: Block["receipts"] = [];
  const txRoots: Hex[] = [];
  const rejected: ExecuteBlockReturnType["rejected"] = [];
  const block = { number: p.number, timestamp: p.timestamp, feeRecipient: p.feeRecipient };
  for (let i = 0; i < p.txs.length; i++) {
    const tx = p.txs[i]!;
    const receipt = applyTransaction({ state, tx, block, txHash: p.txHashes?.[i] ?? hashTx(tx), checkReviewProof: p.checkReviewProof });
    p.afterTx?.(i, receipt);
    if (receipt.status === "rejected") {
      rejected.push({ tx, receipt });
      continue;
    }
    included.push(tx);
    txHashes.push(receipt.txHash);
    receipts.push(receipt);
    txRoots.push(receipt.stateRoot);
    root = receipt.stateRoot;
  }
  // The block's closed surgeries enter the review tree in one batch, then the block's root.
  sealReviewTree(state);
  root = state.root();
  const body = encodeBlockBody({ timestamp: p.timestamp, depositCount: deposits.length, txs: included });
  const hash = blockHash({ parentHash: p.parentHash, number: p.number, timestamp: p.timestamp, body, stateRoot: root });
  return {
    block: { number: p.number, timestamp: p.timestamp, parentHash: p.parentHash, deposits, txs: included, txHashes, receipts, txRoots, stateRoot: root, hash },
    rejected,
    body,
  };
}
