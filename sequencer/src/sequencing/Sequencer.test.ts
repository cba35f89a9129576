// Batch sealing limits: a batch never grows past BATCH_MAX_TXS, however full the blocks are.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Store } from "../store";
import { txToJson } from "../protocol";
import { actor, testGenesis } from "../stf/testing/harness";
import { signTx, sutureDomain } from "../protocol";
import { ChainState } from "../ledger/ChainState";
import { createLogger } from "../runtime/logger";
import { createMetrics } from "../runtime/metrics";
import { ReviewProofCache } from "../runtime/ReviewProofCache";
import { Sequencer } from "./Sequencer";
import { SignatureWorkers } from "../runtime/SignatureWorkers";

const dir = mkdtempSync(join(tmpdir(), "suture-seq-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("Sequencer batch sealing", () => {
  it("Should seal before a block that would push a batch past its transaction limit", async () => {
    const params = testGenesis();
    const store = new Store({ path: join(dir, "s.sqlite") });
    const chain = ChainState.open({ store, params });
    const sequencer = new Sequencer({
      chain,
      proofs: new ReviewProofCache(async () => false),
      signatures: new SignatureWorkers({ size: 0 }),
      metrics: createMetrics(),
      logger: createLogger({ level: "silent" }),
      blockIntervalMs: 1e9,
      maxBlockTxs: 30,
      batchMaxTxs: 50,
      batchMaxBytes: 1e9,
      batchMaxAgeMs: 1e12,
      submitWaitMs: 1e9,
      now: () => 1_800_000_000,
      feeRecipient: actor("proposer").address,
    });
    const domain = sutureDomain({ chainId: params.chainId, verifyingContract: params.bridge });
    const submit = async (count: number, offset: number) => {
      for (let i = 0; i < count; i++) {
        const a = actor(`seal-${offset + i}`);
        const tx = signTx({
          domain,
          privateKey: a.privateKey,
          type: "RegisterDoctor",
          message: { nonce: 0n, maxFee: 0n, specialties: ["x"], latE6: 0, lonE6: 0, acceptedInsurers: [], profileHash: `0x${"11".repeat(32)}` } as never,
        });
        await sequencer.admit(txToJson(tx));
      }
    };
    await submit(40, 0);
    sequencer.tick();
    await submit(40, 100);
    sequencer.tick();
    await submit(40, 200);
    sequencer.tick();
    sequencer.sealNow();
    const sizes = store
      .listBatches(1_000, 100)
      .map((b) => b.txCount)
      .reverse();
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(120);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(50);
    store.close();
  });
});
