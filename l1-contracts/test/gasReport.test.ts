import { describe, expect, it } from "vitest";
import {
  createPublicClient,
  custom,
  decodeFunctionData,
  getAddress,
  parseEventLogs,
  type Abi,
  type Address,
  type Hex,
  type Transaction,
  type TransactionReceipt,
} from "viem";
import { hardhat } from "viem/chains";
import { MAX_CHUNK_RAW_BYTES } from "../../sequencer/src/protocol";
import { bridgeArtifact, directSurgeryArtifact } from "../scripts/artifacts";
import { formatGasReport, gasReport } from "../scripts/gasReport";
import { hardhatRuntime } from "./fixture";

/** A transaction the report sent, its receipt, and its call decoded against the contract it went to. */
type Sent = { tx: Transaction; receipt: TransactionReceipt; functionName: string; args: readonly unknown[] };

/** Every transaction mined on the in-process network in blocks [from, to], decoded with `abi` where it fits. */
async function sentBetween(from: bigint, to: bigint, abis: Abi[]): Promise<Sent[]> {
  const client = createPublicClient({ chain: hardhat, transport: custom(hardhatRuntime().network.provider) });
  const out: Sent[] = [];
  for (let n = from; n <= to; n++) {
    const block = await client.getBlock({ blockNumber: n, includeTransactions: true });
    for (const tx of block.transactions) {
      const receipt = await client.getTransactionReceipt({ hash: tx.hash });
      let call: { functionName: string; args: readonly unknown[] } = { functionName: "(create)", args: [] };
      for (const abi of abis) {
        try {
          const d = decodeFunctionData({ abi, data: tx.input });
          call = { functionName: d.functionName, args: d.args ?? [] };
          break;
        } catch {
          // not this contract's function (or a deployment)
        }
      }
      out.push({ tx, receipt, ...call });
    }
  }
  return out;
}

describe("gasReport", () => {
  describe("# gasReport", () => {
    it("Should report the gas the chain's receipts show for every bridge operation and DirectSurgery step", async () => {
      const provider = hardhatRuntime().network.provider;
      const before = BigInt((await provider.request({ method: "eth_blockNumber" })) as Hex);
      const report = await gasReport({ batchSizes: [0, 2_000, 12_000], stepCounts: [1, 32, 128], bytesPerTx: [32], txsPerBatch: 100, withdrawalsInTree: 64 });
      const after = BigInt((await provider.request({ method: "eth_blockNumber" })) as Hex);

      // The figures, recomputed from the receipts read back from the chain rather than from the
      // report's own arithmetic: a step measured on the wrong transaction, or a wrong total, fails.
      const sent = await sentBetween(before + 1n, after, [bridgeArtifact().abi, directSurgeryArtifact().abi]);
      for (const s of sent) expect(s.receipt.status, `${s.functionName} in ${s.tx.hash}`).toBe("success");
      const gas = (s: Sent | undefined) => Number(s!.receipt.gasUsed);
      const bridge: Address = sent.find((s) => s.functionName === "submitBatch")!.tx.to!;
      const directSurgery: Address = sent.find((s) => s.functionName === "setLicense")!.tx.to!;
      const calls = (to: Address, functionName: string) => sent.filter((s) => s.tx.to === to && s.functionName === functionName);

      // Bridge: the second deposit (the first also initialises the queue), each batch by its data
      // size and step count, both withdrawals, the chunk challenge.
      const { submitBatch, deposit, finalizeWithdrawal, challengeChunk, forceTransaction, fallbackSubmitBatch } = report.bridge;
      const deposits = calls(bridge, "deposit");
      expect(deposits).toHaveLength(2);
      expect(deposit).toBe(gas(deposits[1]));
      const chunksOf = (s: Sent) => s.args[1] as Hex[];
      const bytesOf = (s: Sent) => chunksOf(s).reduce((n, c) => n + (c.length - 2) / 2, 0);
      const stepsOf = (s: Sent) => (s.args[2] as Hex[]).length;
      // Batches are posted as the node posts them: chunks of at most MAX_CHUNK_RAW_BYTES, raw
      // codec (0) for incompressible data, every chunk but the last full.
      for (const s of calls(bridge, "submitBatch")) {
        const chunks = chunksOf(s);
        for (const [i, c] of chunks.entries()) {
          expect((c.length - 2) / 2).toBeLessThanOrEqual(MAX_CHUNK_RAW_BYTES);
          if (i < chunks.length - 1) expect((c.length - 2) / 2).toBe(MAX_CHUNK_RAW_BYTES);
          if (c !== "0x") expect(c.slice(0, 4)).toBe("0x00");
        }
      }
      // The sequencer's batches (the first is its); one later batch comes from a fallback proposer.
      const sequencer = calls(bridge, "submitBatch")[0]!.tx.from;
      const batchGas = (bytes: number, steps: number) => {
        const matching = calls(bridge, "submitBatch").filter((s) => s.tx.from === sequencer && bytesOf(s) === bytes && stepsOf(s) === steps);
        expect(matching, `batches of ${bytes} bytes and ${steps} steps`).toHaveLength(1);
        return gas(matching[0]);
      };
      expect(submitBatch.samples).toEqual([
        { bytes: 0, chunks: 1, gas: batchGas(0, 1) },
        { bytes: 2_000, chunks: 1, gas: batchGas(2_000, 1) },
        { bytes: 12_000, chunks: 2, gas: batchGas(12_000, 1) },
      ]);
      expect(submitBatch.fixed).toBe(batchGas(0, 1));
      expect(submitBatch.perByte).toBe((batchGas(12_000, 1) - batchGas(2_000, 1)) / 10_000);
      expect(submitBatch.stepSamples).toEqual([1, 32, 128].map((steps) => ({ steps, gas: batchGas(0, steps) })));
      expect(submitBatch.perStep).toBe((batchGas(0, 128) - batchGas(0, 32)) / 96);
      // 100 transactions of 32 B: one chunk, so one block: 100 transaction steps and its fold.
      expect(submitBatch.perL2Tx).toEqual([{ txsPerBatch: 100, bytesPerTx: 32, steps: 101, gas: Math.round(batchGas(3_200, 101) / 100) }]);
      const withdrawals = calls(bridge, "finalizeWithdrawal");
      expect(withdrawals).toHaveLength(2);
      expect(finalizeWithdrawal.firstInWord).toBe(gas(withdrawals[0]));
      expect(finalizeWithdrawal.sameWord).toBe(gas(withdrawals[1]));
      const challenges = calls(bridge, "challengeChunk");
      expect(challenges).toHaveLength(1);
      expect(challengeChunk).toEqual({ chunkBytes: MAX_CHUNK_RAW_BYTES, gas: gas(challenges[0]) });
      // Forced transactions: a warm-up, then one per size; the fallback batch is the one a non-sequencer sent.
      const forced = calls(bridge, "forceTransaction");
      expect(forced.map((s) => ((s.args[0] as Hex).length - 2) / 2)).toEqual([100, 128, 1024]);
      expect(forceTransaction).toEqual([
        { bytes: 128, gas: gas(forced[1]) },
        { bytes: 1024, gas: gas(forced[2]) },
      ]);
      const fallback = calls(bridge, "submitBatch").filter((s) => s.tx.from !== sequencer);
      expect(fallback).toHaveLength(1);
      const fallbackHeader = fallback[0]!.args[0] as { queueStart: bigint; queueEnd: bigint; proposer: Address };
      expect(getAddress(fallbackHeader.proposer)).toBe(getAddress(fallback[0]!.tx.from));
      expect(fallbackSubmitBatch).toEqual({ queueItems: 3, gas: gas(fallback[0]) });
      expect(Number(fallbackHeader.queueEnd - fallbackHeader.queueStart)).toBe(3);
      const [challenged] = parseEventLogs({ abi: bridgeArtifact().abi, logs: challenges[0]!.receipt.logs, eventName: "BatchChallenged" });
      expect(challenged?.args).toMatchObject({ kind: "chunk", at: 1n });

      // DirectSurgery: the measured lifecycle is the second one to reach a review; its case id
      // picks out its other steps (propose by the id in its Proposed log, the rest by argument).
      const reviews = calls(directSurgery, "review");
      expect(reviews).toHaveLength(2);
      const caseId = reviews[1]!.args[0] as bigint;
      const proposedId = (s: Sent) => parseEventLogs({ abi: directSurgeryArtifact().abi, logs: s.receipt.logs, eventName: "Proposed" })[0]!.args;
      const propose = calls(directSurgery, "propose").filter((s) => (proposedId(s) as { caseId: bigint }).caseId === caseId);
      expect(propose).toHaveLength(1);
      const ofCase = (functionName: string) => {
        const matching = calls(directSurgery, functionName).filter((s) => s.args[0] === caseId);
        expect(matching, `${functionName} of case ${caseId}`).toHaveLength(1);
        return gas(matching[0]);
      };
      const lifecycle = {
        propose: gas(propose[0]),
        offer: ofCase("offer"),
        accept: ofCase("accept"),
        plan: ofCase("plan"),
        confirm: ofCase("confirm"),
        record: ofCase("record"),
        close: ofCase("close"),
        review: ofCase("review"),
      };
      expect(report.directSurgery.steps).toEqual({
        setLicense: gas(calls(directSurgery, "setLicense")[0]),
        ...lifecycle,
        cancel: gas(calls(directSurgery, "cancel")[0]),
        markNoShow: gas(calls(directSurgery, "markNoShow")[0]),
      });
      expect(report.directSurgery.lifecycleTotal).toBe(Object.values(lifecycle).reduce((a, b) => a + b, 0));

      // Sanity bounds that hold whatever the compiler does.
      // Calldata costs 16 gas per non-zero byte, or 40 under the EIP-7623 floor; nothing else grows with the data.
      expect(submitBatch.perByte).toBeGreaterThanOrEqual(16);
      expect(submitBatch.perByte).toBeLessThanOrEqual(41);
      // A step root is 32 calldata bytes plus its share of the Merkle commitment's hashing.
      expect(submitBatch.perStep).toBeGreaterThanOrEqual(32 * 16);
      expect(submitBatch.perStep).toBeLessThanOrEqual(32 * 41 + 200);
      for (const g of [
        deposit,
        ...forceTransaction.map((s) => s.gas),
        fallbackSubmitBatch.gas,
        finalizeWithdrawal.firstInWord,
        finalizeWithdrawal.sameWord,
        ...Object.values(report.directSurgery.steps),
      ]) {
        expect(g).toBeGreaterThan(21_000);
        expect(g).toBeLessThan(200_000);
      }
      expect(finalizeWithdrawal.firstInWord).toBeGreaterThan(finalizeWithdrawal.sameWord);
      // A longer forced transaction costs more (calldata and its hash, and the log's data).
      expect(forceTransaction[1]!.gas).toBeGreaterThan(forceTransaction[0]!.gas);
      expect(formatGasReport(report)).toMatch(new RegExp(`^DirectSurgery lifecycle \\(propose→…→review\\) +${report.directSurgery.lifecycleTotal}$`, "m"));
    });
  });
});
