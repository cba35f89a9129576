// A sequencer after a successful challenge: the bridge deleted batches it had posted (and the
// blocks after them are built on a root L1 no longer has). It derives the chain again from L1
// alone — the live batches, replayed and checked like a verifier does — and admits again every
// transaction of the lost blocks, in their order: each one still valid is included again, on the
// right root, in the batches it posts next. The replay starts from genesis: the store keeps no
// older states (periodic state snapshots would bound it; not built yet).
import type { BatchPoster } from "../batcher";
import type { DepositWatcher, L1Client } from "../l1";
import type { ChainState } from "../ledger";
import type { Logger, Metrics, ReviewProofCache, SignatureWorkers } from "../runtime";
import type { Sequencer } from "../sequencing";
import { Verifier } from "../verifier";

export type ChallengeRecoveryOptions = {
  chain: ChainState;
  sequencer: Sequencer;
  poster: BatchPoster;
  l1: L1Client;
  deposits: DepositWatcher;
  proofs: ReviewProofCache;
  signatures: SignatureWorkers;
  logger: Logger;
  metrics: Metrics;
  fromBlock: bigint;
};

export class ChallengeRecovery {
  readonly #o: ChallengeRecoveryOptions;
  /** While rebuilding: the lost blocks' transactions (JSON envelopes), and the replay in progress. */
  #rebuilding: { lost: unknown[]; verifier: Verifier } | null = null;
  /** Rebuilds done since start. */
  recoveries = 0;

  constructor(o: ChallengeRecoveryOptions) {
    this.#o = o;
  }

  /** One loop step: notices deleted batches and rebuilds (resuming an interrupted rebuild); true when it rebuilt. */
  async poll(): Promise<boolean> {
    if (!this.#rebuilding && !(await this.#batchesDeleted())) return false;
    const { chain, sequencer, poster, logger } = this.#o;
    if (!this.#rebuilding) {
      sequencer.pause();
      const { nextBatchIndex } = await this.#o.l1.chainHead();
      const lastGood = nextBatchIndex === 0n ? null : chain.store.getBatch(Number(nextBatchIndex) - 1);
      const from = lastGood ? lastGood.lastBlock + 1n : 0n;
      const lost: unknown[] = [];
      if (chain.head)
        for (const block of chain.store.blocks(from, chain.head.number))
          for (const tx of chain.store.txsOfBlock(block.number)) if (tx.queueIndex === null) lost.push(tx.tx);
      logger.warn(
        { bridgeNext: Number(nextBatchIndex), lostTxs: lost.length },
        "the bridge deleted batches this node posted (a challenge won): rebuilding from L1",
      );
      chain.reset();
      this.#rebuilding = { lost, verifier: new Verifier({ ...this.#o, challenge: false }) };
    }
    const { lost, verifier } = this.#rebuilding;
    await verifier.poll();
    if (verifier.mismatch) throw new Error(`batch ${verifier.mismatch.batchIndex} on L1 is wrong too (${verifier.mismatch.reason}): not building on it`);
    this.#rebuilding = null;
    poster.bondSlashed();
    sequencer.resume();
    // Queue items the deleted blocks had consumed come first again (senders pay fees from
    // deposits; forced transactions are consumed from the queue again, not readmitted).
    for (let blocks = 0; chain.store.readyQueueLength(chain.queueCursor) > chain.queueCursor && blocks < 10_000; blocks++) sequencer.tick();
    let readmitted = 0;
    for (const json of lost) {
      try {
        await sequencer.admit(json);
        readmitted++;
      } catch (error) {
        logger.info({ err: (error as Error).message }, "a transaction of a deleted block is no longer valid");
      }
    }
    this.recoveries++;
    logger.warn({ height: chain.head?.number ?? null, batches: verifier.verifiedBatches, readmitted, lost: lost.length }, "chain rebuilt from L1");
    return true;
  }

  /** True when the bridge's next batch index is at or below a batch this node posted. */
  async #batchesDeleted(): Promise<boolean> {
    const posted = this.#o.chain.store.lastSubmittedBatchIndex();
    if (posted === null) return false;
    const { nextBatchIndex } = await this.#o.l1.chainHead();
    return BigInt(posted) >= nextBatchIndex;
  }
}
