// Posts sealed batches to the bridge in order, retrying failures with backoff and reporting its
// health (/v1/status, /metrics) while it cannot post. On
// start (and whenever L1 is ahead of the store) it reconciles with the bridge's BatchSubmitted
// events, so a crash between sending and recording never posts the same batch twice.
import type { Address } from "viem";
import type { L1Client } from "../l1/L1Client";
import { L1Error } from "../l1/L1Client";
import type { Store, StoredBatch } from "../store";
import type { Logger } from "../runtime/logger";
import type { Metrics } from "../runtime/metrics";
import { batchHeaderHash, type BatchHeader } from "../protocol/batch/batchHeader";

export type BatchPosterOptions = { l1: L1Client; store: Store; logger: Logger; metrics: Metrics; fromBlock: bigint };

/** What /v1/status says about posting: unhealthy while the oldest sealed batch cannot reach L1. */
export type PosterHealth = { healthy: boolean; reason: string | null; consecutiveFailures: number; lastPostedAt: number | null };

/** Transport failures in a row before the poster reports itself unhealthy. */
const UNHEALTHY_AFTER_FAILURES = 3;
/** After the bridge rejects a batch, how long before the same batch is tried again. */
const RETRY_AFTER_REVERT_MS = 30_000;

export class BatchPoster {
  readonly #o: BatchPosterOptions;
  #backoffMs = 0;
  #nextAttempt = 0;
  #consecutiveFailures = 0;
  #lastPostedAt: number | null = null;
  /** Why the bridge rejected the oldest sealed batch, until it is posted. */
  halted: string | null = null;
  #lastError: string | null = null;

  constructor(o: BatchPosterOptions) {
    this.#o = o;
    this.#o.metrics.posterHealthy.set(1);
  }

  get health(): PosterHealth {
    const healthy = this.halted === null && this.#consecutiveFailures < UNHEALTHY_AFTER_FAILURES;
    return {
      healthy,
      reason: healthy ? null : (this.halted ?? `${this.#consecutiveFailures} submissions failed in a row: ${this.#lastError}`),
      consecutiveFailures: this.#consecutiveFailures,
      lastPostedAt: this.#lastPostedAt,
    };
  }

  /** Marks batches the bridge already has as submitted (after a crash or a restart). */
  async reconcile(): Promise<void> {
    const { l1, store } = this.#o;
    const onL1 = await l1.nextBatchIndex();
    const pending = store.batchesWithStatus("sealed").filter((b) => BigInt(b.index) < onL1);
    if (pending.length === 0) return;
    const head = await l1.blockNumber();
    const events = await l1.batchEvents(this.#o.fromBlock, head);
    for (const b of pending) {
      const e = events.find((x) => x.batchIndex === BigInt(b.index));
      if (!e) throw new Error(`bridge has batch ${b.index} but no BatchSubmitted event was found`);
      if (e.headerHash !== batchHeaderHash(b.header as unknown as BatchHeader)) {
        throw new Error(`bridge batch ${b.index} (${e.headerHash}) differs from the store's: another sequencer posted it?`);
      }
      store.markBatchSubmitted(b.index, { txHash: e.l1TxHash, block: Number(e.l1Block), submittedAt: Number(e.submittedAt), gasUsed: 0n });
      this.#o.logger.info({ batch: b.index, l1Tx: e.l1TxHash }, "batch found on L1 after restart");
    }
  }

  /**
   * Posts every sealed batch, oldest first; returns how many were posted. A transport failure is
   * retried with a growing backoff; a batch the bridge rejects is tried again every 30 s (the
   * bridge may accept it later, e.g. once L1 time passes its last block). Either way the poster
   * reports itself unhealthy with the reason until a batch gets through.
   */
  async postPending(): Promise<number> {
    if (Date.now() < this.#nextAttempt) return 0;
    let posted = 0;
    for (const batch of this.#o.store.batchesWithStatus("sealed")) {
      try {
        await this.#post(batch);
        posted++;
        this.#recovered();
      } catch (error) {
        const message = (error as Error).message;
        this.#consecutiveFailures++;
        this.#lastError = message;
        if (error instanceof L1Error && error.retryable) {
          this.#o.metrics.batchPostFailures.inc({ kind: "retryable" });
          this.#backoffMs = Math.min(30_000, Math.max(500, this.#backoffMs * 2));
          this.#nextAttempt = Date.now() + this.#backoffMs;
          this.#o.logger.warn({ batch: batch.index, retryInMs: this.#backoffMs, err: message }, "batch post failed; retrying");
          this.#o.metrics.posterHealthy.set(this.health.healthy ? 1 : 0);
          return posted;
        }
        // The bridge may already hold it (crash after send): reconcile before giving up.
        await this.reconcile().catch(() => undefined);
        if (this.#o.store.getBatch(batch.index)?.status === "submitted") {
          this.#recovered();
          continue;
        }
        this.#o.metrics.batchPostFailures.inc({ kind: "final" });
        this.halted = message;
        this.#nextAttempt = Date.now() + RETRY_AFTER_REVERT_MS;
        this.#o.metrics.posterHealthy.set(0);
        this.#o.logger.error({ batch: batch.index, err: message, retryInMs: RETRY_AFTER_REVERT_MS }, "batch rejected by the bridge; posting halted");
        return posted;
      }
    }
    return posted;
  }

  #bonded = false;

  #recovered(): void {
    if (this.halted || this.#consecutiveFailures > 0) this.#o.logger.info({ after: this.#consecutiveFailures }, "batch posting recovered");
    this.halted = null;
    this.#consecutiveFailures = 0;
    this.#backoffMs = 0;
    this.#lastPostedAt = Date.now();
    this.#o.metrics.posterHealthy.set(1);
  }

  async #post(batch: StoredBatch): Promise<void> {
    const header = batch.header as unknown as BatchHeader;
    await this.#ensureBond(header.proposer);
    const r = await this.#o.l1.submitBatch(header, batch.chunks, batch.stepRoots);
    this.#o.store.markBatchSubmitted(batch.index, { txHash: r.txHash, block: Number(r.l1Block), submittedAt: r.submittedAt, gasUsed: r.gasUsed });
    this.#o.metrics.l1GasSpent.inc(Number(r.gasUsed));
    const bytes = batch.chunks.reduce((n, c) => n + c.length, 0);
    this.#o.logger.info({ batch: batch.index, l1Tx: r.txHash, gas: r.gasUsed.toString(), bytes, steps: batch.stepRoots.length }, "batch posted");
  }

  /**
   * The bridge takes batches only from a proposer whose bond covers its minimum: top it up from
   * the sequencer's L1 balance when it does not (first start, or after a slash).
   */
  async #ensureBond(proposer: Address): Promise<void> {
    if (this.#bonded) return;
    const { bond, minBond } = await this.#o.l1.bond(proposer);
    if (bond < minBond) {
      const r = await this.#o.l1.postBond(minBond - bond);
      this.#o.metrics.l1GasSpent.inc(Number(r.gasUsed));
      this.#o.logger.info({ proposer, posted: (minBond - bond).toString(), bond: minBond.toString(), l1Tx: r.txHash }, "bond posted");
    }
    this.#bonded = true;
  }

  /** Forget that the bond was checked (a challenge may have slashed it). */
  bondSlashed(): void {
    this.#bonded = false;
  }
}
