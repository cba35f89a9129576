// Executes a block against the state, one step at a time: L1 queue items first (a deposit is
// credited, a forced transaction applied exactly like a posted one, a rejection or an unreadable
// one changing nothing), then the posted transactions in order, then the review-tree fold; every step's root is the block's commitment a fraud proof
// opens. The sequencer drops rejected transactions (they get a rejected receipt, never a place in
// the block), except those only refused because the block holds all the review leaves it may:
// those it defers to a later block. A posted block may still hold one (a faulty sequencer): replaying it, a rejection is
// a step that changes nothing, which is exactly what the bridge's twin of the STF computes.
import type { Address, Hex } from "viem";
import { txHash as hashTx, type Tx } from "../protocol";
import { addsReviewLeaf, applyDeposit, applyTransaction, sealReviewTree, type QueueItem, type Receipt, type ReviewProofCheck } from "../stf";
import type { State } from "../state";
import type { Block, ForcedReceipt } from "./block";
import { encodeBlockBody } from "../protocol/batch/blockBody";
import { blockHash } from "../protocol/batch/blockHash";

export type ExecuteBlockParameters = {
  state: State;
  number: bigint;
  timestamp: number;
  /** Receives the block's fees: the L1 account that proposes (posts) the batch. */
  feeRecipient: Address;
  parentHash: Hex;
  /** The L1 queue items the block consumes, in queue order. */
  deposits: QueueItem[];
  txs: Tx[];
  /** Precomputed hashes, parallel to txs (optional). */
  txHashes?: Hex[];
  checkReviewProof: ReviewProofCheck;
  /** Called after each applied transaction (fault injection in tests, metrics). */
  afterTx?: (index: number, receipt: Receipt) => void;
  /**
   * Replaying a posted block: every rejected transaction stays a step that changes nothing,
   * instead of being dropped. Default false (producing a block).
   */
  keepRejected?: boolean;
  /**
   * Replaying a posted block: positions (among the block's posted transactions) of those that do
   * not even decode or recover a signer; each is a step that changes nothing. `txs` holds the
   * others, in order.
   */
  unreadable?: ReadonlySet<number>;
  /**
   * Runs each step (`index` within the block: deposits, then transactions, then the fold); the
   * default just runs it. A verifier proving a step wraps that one in proveStep.
   */
  runStep?: <T>(index: number, run: () => T) => T;
  /**
   * Producing a block: a transaction rejected with REVIEW_BLOCK_FULL (the block queues as many
   * review leaves as it may) is not rejected but deferred to a later block; so is, from then on,
   * every other transaction that would queue a leaf, and every later transaction of a sender
   * with a deferred one (its nonce would not follow). Deferred transactions are not executed
   * and are not in the block. Default false (a replay never defers).
   */
  deferFullReviews?: boolean;
};

const runDirectly = <T>(_index: number, run: () => T): T => run();

export type ExecuteBlockReturnType = {
  block: Block;
  rejected: Array<{ tx: Tx; receipt: Extract<Receipt, { status: "rejected" }> }>;
  /** Positions in `txs` of the transactions deferred to a later block (deferFullReviews), in order. */
  deferred: number[];
  body: Uint8Array;
};

export function executeBlock(p: ExecuteBlockParameters): ExecuteBlockReturnType {
  const { state, deposits } = p;
  const runStep = p.runStep ?? runDirectly;
  const stepRoots: Hex[] = [];
  const block = { number: p.number, timestamp: p.timestamp, feeRecipient: p.feeRecipient };
  const forced: ForcedReceipt[] = [];
  for (const item of deposits) {
    stepRoots.push(
      runStep(stepRoots.length, () => {
        if (!item.forced) return applyDeposit({ state, deposit: item });
        const { tx } = item.forced;
        if (tx === null) return state.root();
        const receipt = applyTransaction({ state, tx, block, checkReviewProof: p.checkReviewProof });
        forced.push({ index: item.index, tx, receipt });
        return receipt.status === "ok" ? receipt.stateRoot : state.root();
      }),
    );
  }
  const included: Tx[] = [];
  const txHashes: Hex[] = [];
  const receipts: Block["receipts"] = [];
  const rejected: ExecuteBlockReturnType["rejected"] = [];
  const deferred: number[] = [];
  /** Senders with a deferred transaction, and whether the block takes no more review leaves. */
  const deferredSenders = new Set<Address>();
  let reviewsFull = false;
  const defer = (i: number, tx: Tx) => {
    deferred.push(i);
    if (tx.from) deferredSenders.add(tx.from);
  };
  const posted = p.txs.length + (p.unreadable?.size ?? 0);
  for (let position = 0, i = 0; position < posted; position++) {
    if (p.unreadable?.has(position)) {
      stepRoots.push(runStep(stepRoots.length, () => state.root()));
      continue;
    }
    const index = i++;
    const tx = p.txs[index]!;
    if (p.deferFullReviews && ((tx.from !== null && deferredSenders.has(tx.from)) || (reviewsFull && addsReviewLeaf(tx)))) {
      defer(index, tx);
      continue;
    }
    const txHash = p.txHashes?.[index] ?? hashTx(tx);
    const receipt = runStep(stepRoots.length, () => applyTransaction({ state, tx, block, txHash, checkReviewProof: p.checkReviewProof }));
    p.afterTx?.(index, receipt);
    if (receipt.status === "rejected" && p.deferFullReviews && receipt.error.code === "REVIEW_BLOCK_FULL") {
      reviewsFull = true;
      defer(index, tx);
      continue;
    }
    if (receipt.status === "rejected") {
      rejected.push({ tx, receipt });
      if (p.keepRejected) stepRoots.push(state.root());
      continue;
    }
    included.push(tx);
    txHashes.push(receipt.txHash);
    receipts.push(receipt);
    stepRoots.push(receipt.stateRoot);
  }
  // The block's closed surgeries enter the review tree in one batch: the block's last step.
  const root = runStep(stepRoots.length, () => {
    sealReviewTree(state);
    return state.root();
  });
  stepRoots.push(root);
  const body = encodeBlockBody({ timestamp: p.timestamp, depositCount: deposits.length, txs: included });
  const hash = blockHash({ parentHash: p.parentHash, number: p.number, timestamp: p.timestamp, body, stateRoot: root });
  return {
    block: {
      number: p.number,
      timestamp: p.timestamp,
      parentHash: p.parentHash,
      deposits,
      forced,
      txs: included,
      txHashes,
      receipts,
      stepRoots,
      stateRoot: root,
      hash,
    },
    rejected,
    deferred,
    body,
  };
}
