// Posts sealed batches to the bridge in order, retrying transport failures with backoff. On
// start (and whenever L1 is ahead of the store) it reconciles with the bridge's BatchSubmitted
// events, so a crash between sending and recording never posts the same batch twice.
import type { L1Client } from "../l1/L1Client";
import { L1Error } from "../l1/L1Client";
import type { Store, StoredBatch } from "../store";
import type { Logger } from "../runtime/logger";
import type { Metrics } from "../runtime/metrics";
import { batchHeaderHash, type BatchHeader } from "../protocol/batch/batchHeader";

export type BatchPosterOptions = { l1: L1Client; store: Store; logger: Logger; metrics: Metrics; fromBlock: bigint };

export class BatchPoster {
  readonly #o: BatchPosterOptions;
  #backoffMs = 0;
  #nextAttempt = 0;
  halted: string | null = null;

  constructor(o: BatchPosterOptions) {
    this.#o = o;
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

  /** Posts every sealed batch, oldest first; returns how many were posted. */
  async postPending(): Promise<number> {
    if (this.halted || Date.now() < this.#nextAttempt) return 0;
    let posted = 0;
    for (const batch of this.#o.store.batchesWithStatus("sealed")) {
      try {
        await this.#post(batch);
        posted++;
        this.#backoffMs = 0;
      } catch (error) {
        if (error instanceof L1Error && error.retryable) {
          this.#backoffMs = Math.min(30_000, Math.max(500, this.#backoffMs * 2));
          this.#nextAttempt = Date.now() + this.#backoffMs;
          this.#o.logger.warn({ batch: batch.index, retryInMs: this.#backoffMs, err: error.message }, "batch post failed; retrying");
          return posted;
        }
        // The bridge may already hold it (crash after send): reconcile before giving up.
        await this.reconcile().catch(() => undefined);
        if (this.#o.store.getBatch(batch.index)?.status === "submitted") continue;
        this.halted = (error as Error).message;
        this.#o.logger.error({ batch: batch.index, err: (error as Error).message }, "batch rejected by the bridge; posting halted");
        return posted;
      }
    }
    return posted;
  }

  async #post(batch: StoredBatch): Promise<void> {
    const header = batch.header as unknown as BatchHeader;
    const r = await this.#o.l1.submitBatch(header, batch.data);
    this.#o.store.markBatchSubmitted(batch.index, { txHash: r.txHash, block: Number(r.l1Block), submittedAt: r.submittedAt, gasUsed: r.gasUsed });
    this.#o.metrics.l1GasSpent.inc(Number(r.gasUsed));
    this.#o.logger.info({ batch: batch.index, l1Tx: r.txHash, gas: r.gasUsed.toString(), bytes: batch.data.length }, "batch posted");
  }
}
