import { describe, expect, it } from "vitest";
import { formatGasReport, gasReport } from "../scripts/gasReport";

describe("gasReport", () => {
  describe("# gasReport", () => {
    it("Should measure every bridge operation and DirectSurgery step with consistent figures", async () => {
      const report = await gasReport({ batchSizes: [0, 2_000, 8_000], bytesPerTx: [32], txsPerBatch: 100, withdrawalsInTree: 64 });
      const { submitBatch, deposit, finalizeWithdrawal } = report.bridge;
      expect(submitBatch.samples.map((s) => s.bytes)).toEqual([0, 2_000, 8_000]);
      expect(submitBatch.fixed).toBe(submitBatch.samples[0]!.gas);
      // Calldata costs 16 gas per non-zero byte, or 40 under the EIP-7623 floor; nothing else grows with the data.
      expect(submitBatch.perByte).toBeGreaterThanOrEqual(16);
      expect(submitBatch.perByte).toBeLessThanOrEqual(41);
      expect(submitBatch.perL2Tx).toEqual([{ txsPerBatch: 100, bytesPerTx: 32, gas: expect.any(Number) }]);
      for (const g of [deposit, finalizeWithdrawal.firstInWord, finalizeWithdrawal.sameWord, ...Object.values(report.directSurgery.steps)]) {
        expect(g).toBeGreaterThan(21_000);
        expect(g).toBeLessThan(200_000);
      }
      expect(finalizeWithdrawal.firstInWord).toBeGreaterThan(finalizeWithdrawal.sameWord);
      const { propose, offer, accept, plan, confirm, record, close, review } = report.directSurgery.steps;
      expect(report.directSurgery.lifecycleTotal).toBe(propose + offer + accept + plan + confirm + record + close + review);
      expect(formatGasReport(report)).toContain("DirectSurgery lifecycle");
    });
  });
});
