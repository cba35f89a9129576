// The batch poster against a scripted L1: a transport failure is retried after a backoff and the
// batch then posts; a revert is reported (unhealthy, with the reason) and retried after 30 s. The L1 is a fake implementing just what
// BatchPoster calls, so each failure happens exactly when the test says.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import type { Hex } from "viem";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { L1Error, type BatchEvent, type L1Client } from "../l1";
import { createMetrics } from "../runtime/metrics";
import { Store } from "../store";
import { BatchPoster, proposerRole } from "./index";
import { batchHeaderHash, type BatchHeader } from "../protocol";

const dir = mkdtempSync(join(tmpdir(), "suture-poster-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ROOT = (b: string): Hex => `0x${b.repeat(32)}`;
const HEADER: BatchHeader = {
  batchIndex: 0n,
  prevStateRoot: ROOT("01"),
  postStateRoot: ROOT("02"),
  txDataHash: ROOT("03"),
  txRootsHash: ROOT("04"),
  stepCount: 1n,
  queueStart: 0n,
  queueEnd: 0n,
  queueHash: ROOT("00"),
  firstBlock: 0n,
  lastBlock: 0n,
  firstTimestamp: 1_800_000_000n,
  lastTimestamp: 1_800_000_000n,
  proposer: "0x70997970c51812dc3a010c7d01b50e0d17dc79c8",
};
const CHUNKS = [Uint8Array.from([0, 1, 2, 0xaa, 0xbb])];
const L1_TX: Hex = ROOT("7e");

type Outcome = "ok" | "timeout" | "revert" | "too early";

/** What BatchPoster calls on L1, scripted: each submitBatch takes the next outcome. */
function fakeL1(outcomes: Outcome[], window: { sequencer?: Hex; openToAllAt?: number } = {}) {
  const submitted: { header: BatchHeader; chunks: Uint8Array[] }[] = [];
  const bonds: bigint[] = [];
  let bond = window.sequencer ? 0n : 10n ** 18n;
  let onL1 = 0n;
  const l1 = {
    async submitBatch(header: BatchHeader, chunks: Uint8Array[]) {
      submitted.push({ header, chunks });
      const outcome = outcomes.shift();
      if (outcome === "timeout") throw new L1Error("L1 submitBatch(0) failed: The request took too long to respond.", { retryable: true });
      if (outcome === "revert") throw new L1Error(`submitBatch(${header.batchIndex}) reverted in ${L1_TX}`, { retryable: false });
      if (outcome === "too early")
        throw new L1Error('L1 submitBatch(0) failed: The contract function "submitBatch" reverted. Error: Bridge_NotSequencer(uint64 openToAllAt)', {
          retryable: false,
        });
      if (outcome !== "ok") throw new Error("the test did not script this call");
      onL1 = header.batchIndex + 1n;
      return { txHash: L1_TX, l1Block: 42n, gasUsed: 123_456n, submittedAt: 1_800_000_100 };
    },
    async nextBatchIndex() {
      return onL1;
    },
    async bond() {
      return { bond, minBond: 10n ** 18n };
    },
    async postBond(amount: bigint) {
      bonds.push(amount);
      bond += amount;
      return { txHash: L1_TX, l1Block: 41n, gasUsed: 50_000n, submittedAt: 1_800_000_090 };
    },
    async blockNumber() {
      return 42n;
    },
    async batchEvents(): Promise<BatchEvent[]> {
      return [];
    },
    async proposerWindow() {
      const openToAllAt = window.openToAllAt ?? 1_800_000_060;
      return {
        sequencer: window.sequencer ?? HEADER.proposer,
        sequencerLastBatchAt: openToAllAt - 60,
        sequencerInactiveDelay: 60,
        openToAllAt,
        l1Time: 1_799_999_000,
      };
    },
    async batchRecord() {
      return { headerHash: batchHeaderHash(HEADER), submittedAt: 1_800_000_100, finalAt: 1_800_000_107 };
    },
  };
  return { l1: l1 as unknown as L1Client, submitted, bonds };
}

let stores = 0;
function posterWith(outcomes: Outcome[], window: { sequencer?: Hex; openToAllAt?: number } = {}) {
  const store = new Store({ path: join(dir, `p${stores++}.sqlite`) });
  store.insertBatch({ index: 0, firstBlock: 0n, lastBlock: 0n, header: HEADER as never, chunks: CHUNKS, txCount: 1, stepRoots: [ROOT("02")] }, []);
  const logs: Array<{ level: number; msg: string; err?: string; batch?: number }> = [];
  const logger = pino({ level: "info" }, { write: (line: string) => void logs.push(JSON.parse(line)) });
  const { l1, submitted, bonds } = fakeL1(outcomes, window);
  const metrics = createMetrics();
  const poster = new BatchPoster({ l1, store, logger, metrics, fromBlock: 0n, proposer: HEADER.proposer });
  return { poster, store, submitted, logs, metrics, bonds };
}

describe("BatchPoster", () => {
  // Only Date is faked: the backoff reads Date.now(), and the test moves it instead of sleeping.
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(1_800_000_000_000);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  describe("# postPending", () => {
    it("Should retry a retryable L1 failure after a growing backoff, then post the batch", async () => {
      const { poster, store, submitted, logs } = posterWith(["timeout", "timeout", "ok"]);
      expect(await poster.postPending()).toBe(0);
      expect(store.getBatch(0)!.status).toBe("sealed");
      expect(logs.at(-1)).toMatchObject({ msg: "batch post failed; retrying", batch: 0, retryInMs: 500 });

      // Within the backoff nothing is sent.
      vi.advanceTimersByTime(499);
      expect(await poster.postPending()).toBe(0);
      expect(submitted).toHaveLength(1);
      vi.advanceTimersByTime(1);
      expect(await poster.postPending()).toBe(0);
      expect(submitted).toHaveLength(2);
      expect(logs.at(-1)).toMatchObject({ msg: "batch post failed; retrying", retryInMs: 1_000 });

      vi.advanceTimersByTime(999);
      expect(await poster.postPending()).toBe(0);
      expect(submitted).toHaveLength(2);
      vi.advanceTimersByTime(1);
      expect(await poster.postPending()).toBe(1);
      expect(poster.halted).toBeNull();
      // The very batch the store sealed went out, and the store records where it landed.
      expect(submitted).toHaveLength(3);
      for (const s of submitted) {
        expect(batchHeaderHash(s.header)).toBe(batchHeaderHash(HEADER));
        expect(s.chunks.map((c) => [...c])).toEqual(CHUNKS.map((c) => [...c]));
      }
      // finalAt is the bridge's (here later than submittedAt + any window: the batch before it was final later), never recomputed.
      expect(store.getBatch(0)).toMatchObject({
        status: "submitted",
        l1TxHash: L1_TX,
        l1Block: 42,
        submittedAt: 1_800_000_100,
        finalAt: 1_800_000_107,
        gasUsed: 123_456n,
      });
      // Nothing is left to post.
      expect(await poster.postPending()).toBe(0);
      expect(submitted).toHaveLength(3);
    });

    it("Should report a revert as unhealthy with the bridge's reason, retry the same batch after 30 s, and recover once it posts", async () => {
      const { poster, store, submitted, logs } = posterWith(["revert", "ok"]);
      expect(await poster.postPending()).toBe(0);
      expect(poster.halted).toBe(`submitBatch(0) reverted in ${L1_TX}`);
      expect(poster.health).toMatchObject({ healthy: false, reason: poster.halted, consecutiveFailures: 1 });
      const error = logs.find((l) => l.msg === "batch rejected by the bridge; posting halted");
      expect(error).toMatchObject({ level: 50, batch: 0, err: poster.halted, retryInMs: 30_000 });
      expect(store.getBatch(0)!.status).toBe("sealed");

      vi.advanceTimersByTime(29_999);
      expect(await poster.postPending()).toBe(0);
      expect(submitted).toHaveLength(1);
      vi.advanceTimersByTime(1);
      expect(await poster.postPending()).toBe(1);
      expect(submitted).toHaveLength(2);
      expect(poster.health).toMatchObject({ healthy: true, reason: null, consecutiveFailures: 0, lastPostedAt: Date.now() });
      expect(store.getBatch(0)!.status).toBe("submitted");
    });

    it("Should turn unhealthy after three transport failures in a row, with the error, and count them in /metrics", async () => {
      const { poster, metrics } = posterWith(["timeout", "timeout", "timeout", "ok"]);
      for (const wait of [0, 500, 1_000]) {
        vi.advanceTimersByTime(wait);
        expect(poster.health.healthy).toBe(true);
        await poster.postPending();
      }
      expect(poster.health).toMatchObject({ healthy: false, consecutiveFailures: 3 });
      expect(poster.health.reason).toMatch(/^3 submissions failed in a row: /);
      const text = await metrics.registry.metrics();
      expect(text).toMatch(/suture_batch_post_failures_total\{kind="retryable"\} 3/);
      expect(text).toMatch(/suture_batch_poster_healthy 0/);
      vi.advanceTimersByTime(2_000);
      expect(await poster.postPending()).toBe(1);
      expect(poster.health.healthy).toBe(true);
      expect(await metrics.registry.metrics()).toMatch(/suture_batch_poster_healthy 1/);
    });
  });

  describe("# fallback proposer", () => {
    const OTHER_SEQUENCER: Hex = "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc";

    it("Should hold a fallback proposer's batch until the bridge opens to it, then post its bond and the batch with its own address as proposer", async () => {
      const openAt = 1_800_000_030;
      const { poster, store, submitted, bonds } = posterWith(["ok"], { sequencer: OTHER_SEQUENCER, openToAllAt: openAt });
      expect(await poster.postPending()).toBe(0);
      expect(poster.role).toEqual({ role: "fallback-waiting", sequencer: OTHER_SEQUENCER, openAt });
      expect(submitted).toHaveLength(0);
      expect(bonds).toHaveLength(0);
      expect(poster.health.healthy).toBe(true);

      vi.advanceTimersByTime(29_999);
      expect(await poster.postPending()).toBe(0);
      expect(submitted).toHaveLength(0);
      vi.advanceTimersByTime(1);
      expect(await poster.postPending()).toBe(1);
      expect(bonds).toEqual([10n ** 18n]);
      expect(submitted.map((s) => s.header.proposer)).toEqual([HEADER.proposer]);
      expect(store.getBatch(0)).toMatchObject({ status: "submitted", finalAt: 1_800_000_107 });
    });

    it("Should wait a second, not halt, when the bridge finds a fallback proposer a moment early", async () => {
      const { poster, store, submitted, logs } = posterWith(["too early", "ok"], { sequencer: OTHER_SEQUENCER, openToAllAt: 1_800_000_000 });
      expect(await poster.postPending()).toBe(0);
      expect(poster.halted).toBeNull();
      expect(poster.health).toMatchObject({ healthy: true, consecutiveFailures: 0 });
      expect(logs.at(-1)).toMatchObject({ msg: "the bridge does not take a fallback proposer's batch yet; waiting" });
      vi.advanceTimersByTime(999);
      expect(await poster.postPending()).toBe(0);
      expect(submitted).toHaveLength(1);
      vi.advanceTimersByTime(1);
      expect(await poster.postPending()).toBe(1);
      expect(store.getBatch(0)!.status).toBe("submitted");
    });

    it("Should name the role from the bridge's sequencer and openToAllAt", () => {
      const w = { sequencer: OTHER_SEQUENCER, sequencerLastBatchAt: 100, sequencerInactiveDelay: 60, openToAllAt: 160, l1Time: 150 };
      expect(proposerRole(OTHER_SEQUENCER.toUpperCase().replace("0X", "0x") as Hex, w, 0)).toEqual({
        role: "sequencer",
        sequencer: OTHER_SEQUENCER,
        openAt: null,
      });
      expect(proposerRole(HEADER.proposer, w, 159)).toEqual({ role: "fallback-waiting", sequencer: OTHER_SEQUENCER, openAt: 160 });
      expect(proposerRole(HEADER.proposer, w, 160)).toEqual({ role: "fallback-active", sequencer: OTHER_SEQUENCER, openAt: 160 });
    });
  });
});
