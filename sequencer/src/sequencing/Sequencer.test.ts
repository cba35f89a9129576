// Batch sealing limits: a batch never grows past BATCH_MAX_TXS or BATCH_MAX_BYTES, however full
// or big the blocks are, and a batch is sealed once its first block is BATCH_MAX_AGE_MS old.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Address } from "viem";
import { BLOCK_OVERHEAD_BYTES, BLOCK_ROOTS_RESERVE } from "../batcher/BatchSealer";
import { decodeChunk, encodeTx, MAX_TX_BYTES, PER_TX_BATCH_BYTES, signTx, sutureDomain, txToJson } from "../protocol";
import { Store } from "../store";
import { actor, testGenesis } from "../stf/testing/harness";
import { ChainState } from "../ledger";
import { createLogger, createMetrics, ReviewProofCache, SignatureWorkers } from "../runtime";
import { Sequencer, type SequencerOptions } from "./Sequencer";

const dir = mkdtempSync(join(tmpdir(), "suture-seq-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let stores = 0;
/** A sequencer on a fresh store with an injected clock; limits not given are out of reach. */
function sequencerWith(limits: Partial<Pick<SequencerOptions, "maxBlockTxs" | "batchMaxTxs" | "batchMaxBytes" | "batchMaxAgeMs">>, now: () => number) {
  const params = testGenesis();
  const store = new Store({ path: join(dir, `s${stores++}.sqlite`) });
  const chain = ChainState.open({ store, params });
  const sequencer = new Sequencer({
    chain,
    proofs: new ReviewProofCache(async () => false),
    signatures: new SignatureWorkers({ size: 0 }),
    metrics: createMetrics(),
    logger: createLogger({ level: "silent" }),
    blockIntervalMs: 1e9,
    maxBlockTxs: 1_000,
    batchMaxTxs: 1e9,
    batchMaxBytes: 1e9,
    batchMaxAgeMs: 1e12,
    submitWaitMs: 1e9,
    now,
    feeRecipient: actor("proposer").address,
    ...limits,
  });
  const domain = sutureDomain({ chainId: params.chainId, verifyingContract: params.bridge });
  /** Admits `count` RegisterDoctor transactions from fresh accounts; `insurers` makes each bigger (20 bytes per insurer). */
  const submit = async (count: number, offset: number, insurers = 0) => {
    const sizes: number[] = [];
    for (let i = 0; i < count; i++) {
      const a = actor(`seal-${offset + i}`);
      const acceptedInsurers = Array.from({ length: insurers }, (_, k) => `0x${(k + 1).toString(16).padStart(40, "0")}` as Address);
      const tx = signTx({
        domain,
        privateKey: a.privateKey,
        type: "RegisterDoctor",
        message: { nonce: 0n, maxFee: 0n, specialties: ["x"], latE6: 0, lonE6: 0, acceptedInsurers, profileHash: `0x${"11".repeat(32)}` } as never,
      });
      sizes.push(encodeTx(tx).length);
      await sequencer.admit(txToJson(tx));
    }
    return sizes;
  };
  const batches = () => store.listBatches(1_000_000, 1_000).reverse();
  return { sequencer, store, submit, batches };
}

describe("Sequencer batch sealing", () => {
  describe("# batchMaxTxs", () => {
    it("Should seal before a block that would push a batch past its transaction limit", async () => {
      const { sequencer, store, submit, batches } = sequencerWith({ maxBlockTxs: 30, batchMaxTxs: 50 }, () => 1_800_000_000);
      await submit(40, 0);
      sequencer.tick();
      await submit(40, 100);
      sequencer.tick();
      await submit(40, 200);
      sequencer.tick();
      sequencer.sealNow();
      const sizes = batches().map((b) => b.txCount);
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(120);
      expect(Math.max(...sizes)).toBeLessThanOrEqual(50);
      store.close();
    });
  });

  describe("# batchMaxBytes", () => {
    it("Should seal when the unbatched block bytes reach the limit, and never let a batch exceed it", async () => {
      const limit = 20_000;
      const { sequencer, store, submit, batches } = sequencerWith({ maxBlockTxs: 8, batchMaxBytes: limit }, () => 1_800_000_000);
      // Transactions of ~750 bytes (32 insurers each), eight to a block: about 6 KB per block, so
      // a block often has room for only part of what is waiting.
      const sizes: number[] = [];
      for (let round = 0; round < 12; round++) {
        sizes.push(...(await submit(4, 100 * round, 32)));
        sequencer.tick();
      }
      expect(Math.min(...sizes)).toBeGreaterThan(700);
      const sealed = batches();
      // Sealed by size alone (no age, no transaction limit, no sealNow): all but the open one.
      expect(sealed.length).toBeGreaterThanOrEqual(3);
      sequencer.sealNow();
      const all = batches();
      expect(all.reduce((n, b) => n + b.txCount, 0)).toBe(48);
      for (const b of all) {
        const bodies = store.blocks(b.firstBlock, b.lastBlock).reduce((n, block) => n + block.body.length, 0);
        expect(bodies, `batch ${b.index}: block bytes`).toBeLessThanOrEqual(limit);
        const posted = b.chunks.reduce((n, c) => n + c.length, 0) + 32 * b.stepRoots.length;
        expect(posted, `batch ${b.index}: posted bytes`).toBeLessThanOrEqual(limit);
        // What was sealed decodes to the blocks it claims, each within a chunk.
        expect(b.chunks.map(decodeChunk).reduce((n, c) => n + c.blocks.length, 0)).toBe(Number(b.lastBlock - b.firstBlock + 1n));
      }
      // Each batch sealed by size was full: less room left than the largest transaction
      // (MAX_TX_BYTES) and a block's header need, within the codec's slack.
      for (const b of sealed) {
        const used = store.blocks(b.firstBlock, b.lastBlock).reduce((n, block) => n + block.body.length + 32 * block.stepRoots.length, 0);
        const leftForOneMore = BLOCK_OVERHEAD_BYTES + BLOCK_ROOTS_RESERVE + MAX_TX_BYTES + PER_TX_BATCH_BYTES;
        expect(used, `bytes used in batch ${b.index}`).toBeGreaterThan(sequencer.sealer.bodyBudget - leftForOneMore - BLOCK_OVERHEAD_BYTES);
      }
      store.close();
    });
  });

  describe("# batchMaxAgeMs", () => {
    it("Should seal once the first unbatched block is as old as the age limit, and not before", async () => {
      let clock = 1_800_000_000;
      const { sequencer, store, submit, batches } = sequencerWith({ batchMaxAgeMs: 10_000 }, () => clock);
      await submit(2, 0);
      sequencer.tick(); // block at t
      clock += 6;
      await submit(2, 10);
      sequencer.tick(); // block at t + 6: the batch's age still counts from the first block
      clock += 3;
      sequencer.tick(); // t + 9: 9 s old
      expect(batches()).toHaveLength(0);
      clock += 1;
      sequencer.tick(); // t + 10: 10 s old
      const sealed = batches();
      expect(sealed).toHaveLength(1);
      expect(sealed[0]).toMatchObject({ firstBlock: 0n, lastBlock: 1n, txCount: 4 });
      expect(sealed[0]!.header.firstTimestamp).toBe(1_800_000_000n);
      // Nothing unbatched: time passing seals nothing more.
      clock += 60;
      sequencer.tick();
      expect(batches()).toHaveLength(1);
      store.close();
    });
  });
});
