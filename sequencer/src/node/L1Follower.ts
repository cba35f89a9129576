// A sequencer-mode node keeps to the chain on L1: L1 is the truth, whoever posted it.
//
// - After a successful challenge the bridge deleted batches this node posted (and the blocks
//   after them are built on a root L1 no longer has).
// - Someone else posted batches: the node starts with an empty store on a bridge with a history
//   (a fallback proposer starting from L1 data alone), or, while it waited for the bridge to let
//   it propose, the sequencer (or another fallback proposer) posted.
//
// Either way it derives the chain from L1 — the live batches, replayed and checked exactly as a
// verifier does (Verifier) — and goes on from there. When the node has built nothing of its own
// past the last batch it shares with L1, the replay simply continues from there; otherwise it
// starts again from genesis (the store keeps no older states; periodic state snapshots would
// bound it, not built yet) and admits again every transaction of its own lost blocks, in their
// order: each one still valid is included again, on the right root, in the batches it posts next.
//
// It also decides when blocks are built: only once the node is in step with L1, and, for a
// fallback proposer (a key other than the bridge's sequencer), only while the bridge would take its
// batch. A fallback proposer that waits builds nothing (it holds admitted transactions in its
// mempool and follows L1), so the sequencer's batches never fork it, and a batch it seals takes
// every queue item there is when it can post it.
import type { BatchPoster, ProposerRole } from "../batcher";
import type { DepositWatcher, L1Client } from "../l1";
import type { ChainState } from "../ledger";
import { batchHeaderHash, type BatchHeader } from "../protocol";
import type { Logger, Metrics, ReviewProofCache, SignatureWorkers } from "../runtime";
import type { Sequencer } from "../sequencing";
import { Verifier } from "../verifier";

export type L1FollowerOptions = {
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

/** How the local chain stands against L1. */
type Divergence = "deleted" | "foreign" | null;

/** A block this node had built that L1 no longer holds. */
type LostBlock = { queueEnd: bigint; txs: unknown[] };

export class L1Follower {
  readonly #o: L1FollowerOptions;
  /**
   * While rebuilding: the lost blocks, in order, each with the end of the L1 queue range it
   * consumed and its posted transactions (JSON envelopes); and the replay in progress.
   */
  #rebuilding: { lost: LostBlock[]; verifier: Verifier } | null = null;
  /** True once the node has caught up with L1 at least once (blocks are built only from then). */
  #inStep = false;
  #producing = false;
  /** Rebuilds from genesis done since start (a challenge, or a batch from someone else on top of local blocks). */
  recoveries = 0;
  /** Batches of others replayed since start. */
  followed = 0;

  constructor(o: L1FollowerOptions) {
    this.#o = o;
  }

  /** The role the poster read last (null before the first poll). */
  get role(): ProposerRole | null {
    return this.#o.poster.role;
  }

  /**
   * One loop step: catches up with batches on L1 that are not this node's (rebuilding when its own
   * blocks are in the way), then lets the sequencer build blocks or holds it. True when it replayed or rebuilt.
   */
  async poll(): Promise<boolean> {
    let changed = false;
    const divergence = this.#rebuilding ? "deleted" : await this.#divergence();
    if (divergence !== null) {
      changed = true;
      this.#hold();
      if (divergence === "foreign" && !this.#rebuilding && this.#nothingOwnPastL1()) await this.#follow();
      else await this.#rebuild(divergence);
    }
    this.#inStep = true;
    const role = await this.#o.poster.refreshRole();
    if (role.role === "fallback-waiting") this.#hold();
    else this.#produce();
    return changed;
  }

  /** Stops block production (admission goes on). */
  #hold(): void {
    this.#producing = false;
    this.#o.sequencer.pause();
  }

  #produce(): void {
    if (this.#producing || !this.#inStep) return;
    this.#producing = true;
    this.#o.sequencer.resume();
  }

  /**
   * `deleted`: the bridge's next batch index is at or below a batch this node recorded as on L1;
   * `foreign`: L1 holds a batch this node did not post (or replay) at the next index it expects.
   */
  async #divergence(): Promise<Divergence> {
    const { chain, l1 } = this.#o;
    const recorded = chain.store.lastSubmittedBatchIndex();
    const { nextBatchIndex } = await l1.chainHead();
    if (recorded !== null && BigInt(recorded) >= nextBatchIndex) return "deleted";
    const next = recorded === null ? 0 : recorded + 1;
    if (BigInt(next) >= nextBatchIndex) return null;
    // L1 has batch `next`: this node's own (sent, its receipt not recorded yet) or another's?
    const local = chain.store.getBatch(next);
    if (local && batchHeaderHash(local.header as unknown as BatchHeader) === (await l1.batchHeaderHash(BigInt(next)))) return null;
    return "foreign";
  }

  /** True when the node's chain ends exactly where its last batch on L1 does (nothing sealed or built since). */
  #nothingOwnPastL1(): boolean {
    const { store, head } = this.#o.chain;
    const last = store.lastBatch();
    if (!last) return head === undefined;
    return last.status === "submitted" && head !== undefined && head.number === last.lastBlock;
  }

  /** Replays the batches on L1 after the node's last one, on its chain as it is. */
  async #follow(): Promise<void> {
    const before = this.#o.chain.store.lastSubmittedBatchIndex() ?? -1;
    const verifier = new Verifier({ ...this.#o, challenge: false });
    await verifier.poll();
    if (verifier.mismatch) throw new Error(`batch ${verifier.mismatch.batchIndex} on L1 is wrong (${verifier.mismatch.reason}): not building on it`);
    const replayed = verifier.verifiedBatches - 1 - before;
    this.followed += replayed;
    this.#o.poster.rebuilt();
    this.#o.sequencer.sealer.forget();
    this.#o.logger.info({ replayed, height: this.#o.chain.head?.number ?? null, batches: verifier.verifiedBatches }, "followed batches from L1");
  }

  /** Derives the chain from genesis from L1, then admits the lost blocks' transactions again. */
  async #rebuild(divergence: Divergence): Promise<void> {
    const { chain, sequencer, poster, logger } = this.#o;
    if (!this.#rebuilding) {
      const { nextBatchIndex } = await this.#o.l1.chainHead();
      // The last batch of this node's that L1 still holds as it is.
      const recorded = chain.store.lastSubmittedBatchIndex() ?? -1;
      const lastGoodIndex = Math.min(recorded, Number(nextBatchIndex) - 1);
      const lastGood = lastGoodIndex < 0 ? null : chain.store.getBatch(lastGoodIndex);
      const from = lastGood ? lastGood.lastBlock + 1n : 0n;
      const lost: LostBlock[] = [];
      // Forced transactions are not lost: they are consumed from the L1 queue again.
      if (chain.head)
        for (const block of chain.store.blocks(from, chain.head.number)) {
          const txs = chain.store
            .txsOfBlock(block.number)
            .filter((tx) => tx.queueIndex === null)
            .map((tx) => tx.tx);
          lost.push({ queueEnd: block.depositStart + BigInt(block.depositCount), txs });
        }
      logger.warn(
        { bridgeNext: Number(nextBatchIndex), lostTxs: lost.reduce((n, b) => n + b.txs.length, 0), why: divergence },
        divergence === "deleted"
          ? "the bridge deleted batches this node posted (a challenge won): rebuilding from L1"
          : "L1 holds batches from another proposer on top of which this node had built: rebuilding from L1",
      );
      chain.reset();
      this.#rebuilding = { lost, verifier: new Verifier({ ...this.#o, challenge: false }) };
    }
    const { lost, verifier } = this.#rebuilding;
    await verifier.poll();
    if (verifier.mismatch) throw new Error(`batch ${verifier.mismatch.batchIndex} on L1 is wrong too (${verifier.mismatch.reason}): not building on it`);
    this.#rebuilding = null;
    poster.rebuilt();
    sequencer.sealer.forget();
    this.#inStep = true;
    // The lost blocks again, in their order: each block's posted transactions are admitted, then
    // blocks are made that consume the L1 queue up to where that block had, so a forced
    // transaction meets the same nonces and balances as before (and deposits come before the
    // transactions that spend them). A node still waiting to propose only admits them.
    const producing = (await poster.refreshRole()).role !== "fallback-waiting";
    if (producing) this.#produce();
    let readmitted = 0;
    let lostTxs = 0;
    for (const block of lost) {
      sequencer.limitQueue(block.queueEnd);
      for (const json of block.txs) {
        lostTxs++;
        try {
          await sequencer.admit(json);
          readmitted++;
        } catch (error) {
          logger.info({ err: (error as Error).message }, "a transaction of a lost block is no longer valid");
        }
      }
      if (producing) sequencer.tick();
    }
    sequencer.limitQueue(undefined);
    // Whatever else L1 queued meanwhile.
    if (producing) for (let blocks = 0; chain.store.readyQueueLength(chain.queueCursor) > chain.queueCursor && blocks < 10_000; blocks++) sequencer.tick();
    this.recoveries++;
    logger.warn({ height: chain.head?.number ?? null, batches: verifier.verifiedBatches, readmitted, lost: lostTxs }, "chain rebuilt from L1");
  }
}
