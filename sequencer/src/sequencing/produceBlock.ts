// Block production: takes the items the L1 queue holds (deposits, forced transactions) and the
// ready transactions of the mempool, executes them on the head, and makes the block durable. Stale transactions (their
// nonce was used meanwhile) are recorded as rejected. Transactions the block deferred (it holds
// all the review leaves a block may) go back to the mempool for the next block.
import type { Address, Hex } from "viem";
import { SutureError } from "../errors";
import type { ChainState } from "../ledger";
import type { Mempool } from "../mempool";
import type { ReviewProofCache } from "../runtime";
import type { Receipt } from "../stf";
import type { ExecuteBlockReturnType } from "../chain";
import { MAX_DEPOSITS_PER_BLOCK, PER_TX_BATCH_BYTES } from "../protocol";

/** Test-only: a dishonest sequencer that mints itself 1 wei after global transaction #n. */
export type SequencerFault = { corruptAfterTx: number; beneficiary: Address };

/**
 * Test-only: a censoring sequencer. It silently drops API transactions from `senders` (they are
 * answered "pending" and never included); with `queue`, it also stops consuming the L1 queue at
 * the first forced transaction signed or queued by one of them (so its batches become
 * unacceptable to the bridge once that item is overdue).
 */
export type SequencerCensor = { senders: ReadonlySet<string>; queue?: boolean };

export type ProduceBlockParameters = {
  chain: ChainState;
  mempool: Mempool;
  proofs: ReviewProofCache;
  maxTxs: number;
  /** Byte budget for the block's transactions (their binary encodings plus PER_TX_BATCH_BYTES each). */
  maxBytes: number;
  /** The sequencer's L1 account: it posts the batch, so it receives the fees. */
  feeRecipient: Address;
  /** Seconds since epoch; the block's timestamp never goes below its parent's. */
  now: number;
  /** Called for each transaction dropped as stale (its nonce is used). */
  onStale: (hash: Hex, error: ReturnType<SutureError["toJSON"]>) => void;
  fault?: SequencerFault & { counter: { n: number } };
  /** Consume L1 queue items only below this index (replaying lost blocks in their order); default: all ready. */
  queueEnd?: bigint;
  censor?: SequencerCensor;
};

/** Executes and persists one block; undefined when there was nothing to include. */
export function produceBlock({
  chain,
  mempool,
  proofs,
  maxTxs,
  maxBytes,
  feeRecipient,
  now,
  onStale,
  fault,
  censor,
  queueEnd,
}: ProduceBlockParameters): ExecuteBlockReturnType | undefined {
  const queueStart = chain.queueCursor;
  const limit = queueEnd === undefined ? MAX_DEPOSITS_PER_BLOCK : Math.max(0, Math.min(MAX_DEPOSITS_PER_BLOCK, Number(queueEnd - queueStart)));
  let deposits = chain.store.depositCount > queueStart && limit > 0 ? chain.store.queueItems(queueStart, limit) : [];
  if (censor?.queue) {
    const censored = deposits.findIndex(
      (d) => d.forced && (censor.senders.has(d.l1Sender.toLowerCase()) || censor.senders.has(d.forced.tx?.from?.toLowerCase() ?? "")),
    );
    if (censored >= 0) deposits = deposits.slice(0, censored);
  }
  const { ready, stale } = mempool.take({
    maxTxs,
    maxBytes,
    perTxBytes: PER_TX_BATCH_BYTES,
    nonceOf: (sender) => chain.state.get("account", sender)?.nonce ?? 0n,
  });
  for (const e of stale) {
    const error = new SutureError("NONCE_TOO_LOW").toJSON();
    chain.store.saveRejected({ txHash: e.hash, ...error }, now);
    onStale(e.hash, error);
  }
  if (ready.length === 0 && deposits.length === 0) return undefined;
  const exec = chain.execute({
    timestamp: Math.max(chain.head?.timestamp ?? 0, now),
    feeRecipient,
    deposits,
    txs: ready.map((e) => e.tx),
    txHashes: ready.map((e) => e.hash),
    checkReviewProof: proofs.check,
    deferFullReviews: true,
    afterTx: fault
      ? (_i, receipt: Receipt) => {
          if (receipt.status !== "ok" || fault.counter.n++ !== fault.corruptAfterTx) return;
          const account = chain.state.get("account", fault.beneficiary) ?? { balance: 0n, nonce: 0n, encryptionKey: null };
          chain.state.put("account", fault.beneficiary, { ...account, balance: account.balance + 1n });
          receipt.stateRoot = chain.state.root();
        }
      : undefined,
  });
  chain.persist(exec, queueStart);
  mempool.requeue(exec.deferred.map((i) => ready[i]!));
  return exec;
}
