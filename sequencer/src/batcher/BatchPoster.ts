// Posts sealed batches to the bridge in order, retrying failures with backoff and reporting its
// health (/v1/status, /metrics) while it cannot post. On
// start (and whenever L1 is ahead of the store) it reconciles with the bridge's BatchSubmitted
// events, so a crash between sending and recording never posts the same batch twice.
//
// It posts as `header.proposer = ` its own key's address. When that key is the bridge's
// `sequencer` it may post at any time; any other key is a fallback proposer, which the bridge lets
// in only once the sequencer has submitted nothing for `sequencerInactiveDelay` (`sequencerLastBatchAt + delay`,
// read from the bridge): until then it waits (its role says until when), then bonds and posts.
import type { Address } from "viem";
import type { L1Client, ProposerWindow } from "../l1/L1Client";
import { L1Error } from "../l1/L1Client";
import type { Store, StoredBatch } from "../store";
import type { Logger } from "../runtime/logger";
import type { Metrics } from "../runtime/metrics";
import { batchHeaderHash, type BatchHeader } from "../protocol/batch/batchHeader";

export type BatchPosterOptions = {
  l1: L1Client;
  store: Store;
  logger: Logger;
  metrics: Metrics;
  fromBlock: bigint;
  /** The address batches are posted from (SEQUENCER_KEY's), which is every header's proposer. */
  proposer: Address;
  /** Seconds since epoch (tests inject a clock). */
  now?: () => number;
};

/**
 * Which part this node plays on the bridge: its key is the bridge's `sequencer`; or it is a
 * fallback proposer, waiting until `openAt` (L1 time) or allowed to post now.
 */
export type ProposerRole =
  | { role: "sequencer"; sequencer: Address; openAt: null }
  | { role: "fallback-waiting"; sequencer: Address; openAt: number }
  | { role: "fallback-active"; sequencer: Address; openAt: number };

/** What /v1/status says about posting: unhealthy while the oldest sealed batch cannot reach L1. */
export type PosterHealth = { healthy: boolean; reason: string | null; consecutiveFailures: number; lastPostedAt: number | null };

/** Transport failures in a row before the poster reports itself unhealthy. */
const UNHEALTHY_AFTER_FAILURES = 3;
/** After the bridge rejects a batch, how long before the same batch is tried again. */
const RETRY_AFTER_REVERT_MS = 30_000;
/** A fallback proposer refused as too early (clocks a little apart): tried again this soon. */
const RETRY_AFTER_TOO_EARLY_MS = 1_000;

/** The role a key has under a bridge's proposer window at time `now` (seconds, L1 time). */
export function proposerRole(proposer: Address, w: ProposerWindow, now: number): ProposerRole {
  if (w.sequencer.toLowerCase() === proposer.toLowerCase()) return { role: "sequencer", sequencer: w.sequencer, openAt: null };
  return { role: now >= w.openToAllAt ? "fallback-active" : "fallback-waiting", sequencer: w.sequencer, openAt: w.openToAllAt };
}

export class BatchPoster {
  readonly #o: BatchPosterOptions;
  #backoffMs = 0;
  #nextAttempt = 0;
  #consecutiveFailures = 0;
  #lastPostedAt: number | null = null;
  /** Why the bridge rejected the oldest sealed batch, until it is posted. */
  halted: string | null = null;
  #lastError: string | null = null;
  /** The role read last from the bridge (null before the first read). */
  #role: ProposerRole | null = null;

  constructor(o: BatchPosterOptions) {
    this.#o = o;
    this.#o.metrics.posterHealthy.set(1);
  }

  /** The role read last (refreshRole reads it again). */
  get role(): ProposerRole | null {
    return this.#role;
  }

  /**
   * Reads who may propose from the bridge. L1 time is the later of the latest block's and this
   * machine's clock: a quiet devnet mines no block until something is sent, and the next block's
   * time is at least the clock's.
   */
  async refreshRole(): Promise<ProposerRole> {
    const w = await this.#o.l1.proposerWindow();
    const now = Math.max(w.l1Time, this.#o.now ? this.#o.now() : Math.floor(Date.now() / 1000));
    const role = proposerRole(this.#o.proposer, w, now);
    if (this.#role?.role !== role.role || this.#role.openAt !== role.openAt) {
      this.#o.logger.info(
        { ...role, proposer: this.#o.proposer },
        role.role === "fallback-waiting" ? `fallback proposer: waiting until ${role.openAt}` : `role: ${role.role}`,
      );
    }
    this.#role = role;
    return role;
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
    // Batches the bridge took from this node that the store still has as sealed (the send went
    // through, the process died before recording it).
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
      store.markBatchSubmitted(b.index, {
        txHash: e.l1TxHash,
        block: Number(e.l1Block),
        submittedAt: Number(e.submittedAt),
        finalAt: Number(e.finalAt),
        gasUsed: 0n,
      });
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
    const sealed = this.#o.store.batchesWithStatus("sealed");
    if (sealed.length === 0) return 0;
    let posted = 0;
    for (const batch of sealed) {
      // A fallback proposer posts only once the bridge lets it (one batch, then it waits again).
      if ((await this.refreshRole()).role === "fallback-waiting") return posted;
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
        if (message.includes("Bridge_NotSequencer")) {
          // A fallback proposer a moment early (this clock ahead of L1's): not a fault.
          this.#consecutiveFailures--;
          this.#nextAttempt = Date.now() + RETRY_AFTER_TOO_EARLY_MS;
          this.#o.logger.info({ batch: batch.index }, "the bridge does not take a fallback proposer's batch yet; waiting");
          return posted;
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
    // Final from the bridge's own finalAt (never before the batch before it), not submittedAt + today's window.
    const { finalAt } = await this.#o.l1.batchRecord(header.batchIndex);
    this.#o.store.markBatchSubmitted(batch.index, { txHash: r.txHash, block: Number(r.l1Block), submittedAt: r.submittedAt, finalAt, gasUsed: r.gasUsed });
    this.#o.metrics.l1GasSpent.inc(Number(r.gasUsed));
    const bytes = batch.chunks.reduce((n, c) => n + c.length, 0);
    const role = this.#role?.role ?? "sequencer";
    this.#o.logger.info(
      { batch: batch.index, l1Tx: r.txHash, gas: r.gasUsed.toString(), bytes, steps: batch.stepRoots.length, role, finalAt },
      role === "sequencer" ? "batch posted" : "batch posted as fallback proposer",
    );
    if (this.#role && this.#role.role !== "sequencer") {
      // The bridge's inactivity clock restarts with every batch, this one included.
      await this.refreshRole().catch(() => undefined);
    }
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

  /** The chain was rebuilt from L1 (the batches it had sealed are gone): post again at once. */
  rebuilt(): void {
    this.#bonded = false;
    this.halted = null;
    this.#nextAttempt = 0;
    this.#consecutiveFailures = 0;
    this.#o.metrics.posterHealthy.set(1);
  }
}
