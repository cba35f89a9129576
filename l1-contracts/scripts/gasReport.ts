// Gas report: what each bridge operation and each step of the direct-L1 baseline costs, measured
// on the in-process Hardhat network (hardfork from hardhat.config.cjs; Hardhat 2.29 defaults to
// Osaka, so calldata-heavy transactions pay the EIP-7623 floor). `gasReport()` is what the
// benchmarks call; `tsx l1-contracts/scripts/gasReport.ts [--json]` prints it. Batches are posted
// as the node posts them: data split into chunks of at most MAX_CHUNK_RAW_BYTES (incompressible
// data goes raw, codec byte 0), and one committed root per step.
import { fileURLToPath } from "node:url";
import { resolve } from "node:path";
import { bytesToHex, concatHex, keccak256, toHex, type Hex, type TransactionReceipt } from "viem";
import { MAX_CHUNK_RAW_BYTES } from "../../sequencer/src/protocol";
import { BridgeDriver } from "../test/bridgeDriver";
import { deployFixture, send, type Fixture } from "../test/fixture";
import { WithdrawalTree } from "../test/withdrawalTree";
import { directSurgeryArtifact } from "./artifacts";

export type GasReportParameters = {
  /** Batch data sizes to measure submitBatch at (bytes, chunk codec bytes included), with one step. */
  batchSizes?: number[];
  /** Step counts to measure submitBatch at (with the smallest batch size). */
  stepCounts?: number[];
  /** L2 transactions per batch for the per-transaction figures (one step each, plus a fold step per chunk's block). */
  txsPerBatch?: number;
  /** Compressed bytes per L2 transaction for the per-transaction figures. */
  bytesPerTx?: number[];
  /** Withdrawal leaves in the state tree when measuring finalizeWithdrawal. */
  withdrawalsInTree?: number;
  /** Sizes of the forced transactions measured (bytes of the signed L2 transaction). */
  forcedTxBytes?: number[];
};

export type GasReportReturnType = {
  bridge: {
    /** A deposit once the queue is in use (the very first one also initialises the length slot). */
    deposit: number;
    submitBatch: {
      /** Gas of a one-step batch by data size (incompressible data, in `chunks` chunks). */
      samples: { bytes: number; chunks: number; gas: number }[];
      /** Gas of a one-step batch with the smallest sample size (one empty chunk by default): the per-batch fixed cost, 21 000 intrinsic included. */
      fixed: number;
      /** Marginal gas per byte of batch data, from the two largest samples. */
      perByte: number;
      /** Gas of a batch by its number of step roots (smallest data size). */
      stepSamples: { steps: number; gas: number }[];
      /** Marginal gas per step root (32 bytes of calldata and its share of the Merkle commitment), from the two largest step samples. */
      perStep: number;
      /** L1 gas per L2 transaction, measured on a `txsPerBatch × bytesPerTx`-byte batch with its step roots (intrinsic and fixed costs shared). */
      perL2Tx: { txsPerBatch: number; bytesPerTx: number; steps: number; gas: number }[];
    };
    /** challengeChunk proving that a full-size chunk (the second of its batch) does not decode; slashes the bond. */
    challengeChunk: { chunkBytes: number; gas: number };
    /** finalizeWithdrawal: the first withdrawal of a 256-id bitmap word, and a later one. */
    finalizeWithdrawal: { firstInWord: number; sameWord: number; proofDepth: number };
    /** forceTransaction by transaction size, once the queue and the fee total are in use. */
    forceTransaction: { bytes: number; gas: number }[];
    /**
     * submitBatch by a bonded fallback proposer once the sequencer has been inactive: a one-step
     * batch of one empty chunk (as `submitBatch.fixed`) consuming the forced transactions queued.
     */
    fallbackSubmitBatch: { queueItems: number; gas: number };
  };
  directSurgery: {
    steps: Record<"setLicense" | "propose" | "offer" | "accept" | "plan" | "confirm" | "record" | "close" | "review" | "cancel" | "markNoShow", number>;
    /** propose → offer → accept → plan → confirm → record → close → review. */
    lifecycleTotal: number;
  };
};

const DAY = 86_400n;

/** Measures everything on a fresh in-process deployment. */
export async function gasReport({
  batchSizes = [0, 10_000, 100_000],
  stepCounts = [1, 256, 1024],
  txsPerBatch = 500,
  bytesPerTx = [16, 32, 64],
  withdrawalsInTree = 1000,
  forcedTxBytes = [128, 1024],
}: GasReportParameters = {}): Promise<GasReportReturnType> {
  const sizes = [...new Set(batchSizes)].sort((x, y) => x - y);
  const steps = [...new Set(stepCounts)].sort((x, y) => x - y);
  if (sizes.length < 2) throw new Error("gasReport: give at least two batch sizes");
  if (steps.length < 2) throw new Error("gasReport: give at least two step counts");
  const f = await deployFixture({ challengeWindowSeconds: 60 });
  // Every (bytes, steps) shape measured once: the size samples, the step samples, the per-transaction batches.
  const perTx = bytesPerTx.map((b) => ({ bytes: b * txsPerBatch, steps: txsPerBatch + chunksOf(b * txsPerBatch, "").length }));
  const shapes = [...sizes.map((bytes) => ({ bytes, steps: 1 })), ...steps.map((n) => ({ bytes: sizes[0]!, steps: n })), ...perTx];
  const bridge = await measureBridge(f, { shapes, withdrawalsInTree, forcedTxBytes });
  const gasAt = (bytes: number, n: number) => bridge.samples.find((s) => s.bytes === bytes && s.steps === n)!.gas;
  const [a, b] = sizes.slice(-2) as [number, number];
  const [m, n] = steps.slice(-2) as [number, number];
  return {
    bridge: {
      deposit: bridge.deposit,
      submitBatch: {
        samples: sizes.map((bytes) => ({ bytes, chunks: chunksOf(bytes, "").length, gas: gasAt(bytes, 1) })),
        fixed: gasAt(sizes[0]!, 1),
        perByte: (gasAt(b, 1) - gasAt(a, 1)) / (b - a),
        stepSamples: steps.map((count) => ({ steps: count, gas: gasAt(sizes[0]!, count) })),
        perStep: (gasAt(sizes[0]!, n) - gasAt(sizes[0]!, m)) / (n - m),
        perL2Tx: bytesPerTx.map((b, i) => ({
          txsPerBatch,
          bytesPerTx: b,
          steps: perTx[i]!.steps,
          gas: Math.round(gasAt(perTx[i]!.bytes, perTx[i]!.steps) / txsPerBatch),
        })),
      },
      finalizeWithdrawal: bridge.finalizeWithdrawal,
      challengeChunk: bridge.challengeChunk,
      forceTransaction: bridge.forceTransaction,
      fallbackSubmitBatch: bridge.fallbackSubmitBatch,
    },
    directSurgery: await measureDirectSurgery(f),
  };
}

async function measureBridge(
  f: Fixture,
  { shapes, withdrawalsInTree, forcedTxBytes }: { shapes: { bytes: number; steps: number }[]; withdrawalsInTree: number; forcedTxBytes: number[] },
) {
  const bridge = new BridgeDriver(f);
  await bridge.deposit("alice", f.accounts.alice, 10n ** 20n);
  const deposit = gas(await bridge.deposit("bob", f.accounts.bob, 10n ** 18n));

  // Withdrawal leaves, so the batches claim a realistic root and finalizeWithdrawal has real proofs.
  const tree = await WithdrawalTree.create();
  for (let id = 0n; id < BigInt(withdrawalsInTree); id++) tree.add({ id, recipient: f.accounts.carol, amount: 1000n + id });
  // A first batch puts the cursor slots in their steady (non-zero) state before measuring.
  const { header } = await bridge.submitNext({ data: "0x00", postStateRoot: tree.root() });
  const samples: { bytes: number; steps: number; gas: number }[] = [];
  const measured = new Set<string>();
  for (const { bytes, steps } of shapes) {
    if (measured.has(`${bytes}/${steps}`)) continue;
    measured.add(`${bytes}/${steps}`);
    const data = chunksOf(bytes, `batch ${bytes}/${steps}`);
    // One block per chunk; every step but the last ends on a distinct (stand-in) root.
    const stepRoots = [...Array.from({ length: steps - 1 }, (_, i) => keccak256(toHex(`step ${bytes}/${steps}/${i}`))), tree.root()];
    const { receipt } = await bridge.submitNext({ data, stepRoots, postStateRoot: tree.root(), blocks: BigInt(data.length) });
    samples.push({ bytes, steps, gas: gas(receipt) });
  }

  await f.hre.network.provider.request({ method: "evm_increaseTime", params: [120] });
  const withdraw = async (id: bigint) => gas(await bridge.finalize(header, { id, recipient: f.accounts.carol, amount: 1000n + id }, tree.siblings(id)));
  const firstInWord = await withdraw(0n);
  const sameWord = await withdraw(1n);

  // Forced transactions: a first one puts the fee total in its steady (non-zero) state.
  await bridge.forceTransaction("alice", pseudoRandomBytes(100, "warm-up forced tx"));
  const forceTransaction: { bytes: number; gas: number }[] = [];
  for (const bytes of forcedTxBytes) {
    forceTransaction.push({ bytes, gas: gas(await bridge.forceTransaction("alice", pseudoRandomBytes(bytes, `forced tx ${bytes}`))) });
  }
  // The sequencer stops: after sequencerInactiveDelay a bonded stranger posts the next batch, consuming the queue.
  await bridge.send("stranger", "postBond", [], f.deployment.minBond);
  await f.hre.network.provider.request({ method: "evm_increaseTime", params: [f.deployment.sequencerInactiveDelaySeconds] });
  const queueItems = Number(bridge.queue.length - bridge.cursor.queueConsumed);
  const fallbackHeader = await bridge.nextHeader({ data: "0x", postStateRoot: tree.root(), proposer: f.accounts.stranger });
  const fallbackSubmitBatch = { queueItems, gas: gas(await bridge.submit(fallbackHeader, "0x", "stranger")) };

  // Last, as it rolls the chain back and slashes the bond: a batch of two full chunks of
  // incompressible bytes sent raw, whose second chunk does not decode (its counters are noise).
  const chunks = chunksOf(2 * MAX_CHUNK_RAW_BYTES, "challenged");
  const challenged = await bridge.submitNext({ data: chunks, postStateRoot: tree.root(), blocks: 2n });
  const challenge = { chunkIndex: 1n, chunk: chunks[1]!, previousChunk: chunks[0]!, chunkHashes: chunks.map((c) => keccak256(c)) };
  const challengeChunk = { chunkBytes: (chunks[1]!.length - 2) / 2, gas: gas(await bridge.send("stranger", "challengeChunk", [challenged.header, challenge])) };
  return {
    deposit,
    samples,
    finalizeWithdrawal: { firstInWord, sameWord, proofDepth: tree.siblings(1n).length },
    challengeChunk,
    forceTransaction,
    fallbackSubmitBatch,
  };
}

async function measureDirectSurgery(f: Fixture): Promise<GasReportReturnType["directSurgery"]> {
  const { abi } = directSurgeryArtifact();
  const call = async (from: "patient" | "doctor" | "governance", functionName: string, args: readonly unknown[], value?: bigint) =>
    gas(await send(f, { from, address: f.deployment.directSurgery, abi, functionName, args, value }));
  const latest = async () => (await f.publicClient.getBlock()).timestamp;
  const terms = { freeCancelSeconds: 2 * 86_400, lateRefundBps: 2_500 };
  const deposit = 10n ** 18n;
  const price = 5n * 10n ** 18n;
  const h = (s: string) => keccak256(toHex(s));

  const setLicense = await call("governance", "setLicense", [f.accounts.doctor, 1, (await latest()) + 365n * DAY, h("license")]);
  let caseId = (await f.directSurgery.read.caseCount()) as bigint;
  /** Opens a case and takes it to SCHEDULED (or further), returning the gas of each step. */
  const openCase = async (appointment: bigint) => {
    caseId += 1n;
    return {
      propose: await call("patient", "propose", [f.accounts.doctor, appointment, h(`details ${caseId}`)]),
      offer: await call("doctor", "offer", [caseId, appointment, deposit, price, terms]),
      accept: await call("patient", "accept", [caseId], deposit),
    };
  };

  const lifecycle = async () => {
    const appointment = (await latest()) + 10n * DAY;
    const opened = await openCase(appointment);
    const plan = await call("doctor", "plan", [caseId, h("plan")]);
    const confirm = await call("patient", "confirm", [caseId, h("plan")], price - deposit);
    await f.hre.network.provider.request({ method: "evm_setNextBlockTimestamp", params: [Number(appointment)] });
    const record = await call("doctor", "record", [caseId, h("record")]);
    const close = await call("patient", "close", [caseId]);
    const review = await call("patient", "review", [caseId, 5, true, h("review")]);
    return { ...opened, plan, confirm, record, close, review };
  };
  // Measured on the doctor's and patient's second case: the first one pays for first-use storage
  // (rating aggregates), which a steady-state comparison should not count.
  await lifecycle();
  const measured = await lifecycle();

  let appointment = (await latest()) + 10n * DAY;
  await openCase(appointment);
  await f.hre.network.provider.request({ method: "evm_setNextBlockTimestamp", params: [Number(appointment - DAY)] });
  const cancel = await call("patient", "cancel", [caseId]);

  appointment = (await latest()) + 10n * DAY;
  await openCase(appointment);
  await f.hre.network.provider.request({ method: "evm_setNextBlockTimestamp", params: [Number(appointment + 3600n)] });
  const markNoShow = await call("doctor", "markNoShow", [caseId]);

  const steps = { setLicense, ...measured, cancel, markNoShow };
  const lifecycleTotal = Object.values(measured).reduce((x, y) => x + y, 0);
  return { steps, lifecycleTotal };
}

function gas(receipt: TransactionReceipt): number {
  if (receipt.status !== "success") throw new Error(`measured transaction ${receipt.transactionHash} reverted`);
  return Number(receipt.gasUsed);
}

/**
 * `bytes` bytes of batch data as the node would post incompressible data: chunks of at most
 * MAX_CHUNK_RAW_BYTES, each the raw codec byte (0) and pseudo-random payload; no data is one
 * empty chunk (the bridge needs at least one).
 */
function chunksOf(bytes: number, seed: string): Hex[] {
  if (bytes === 0) return ["0x"];
  const chunks: Hex[] = [];
  for (let at = 0; at < bytes; at += MAX_CHUNK_RAW_BYTES) {
    const length = Math.min(MAX_CHUNK_RAW_BYTES, bytes - at);
    chunks.push(concatHex(["0x00", pseudoRandomBytes(length - 1, `${seed} chunk ${chunks.length}`)]));
  }
  return chunks;
}

/** Deterministic incompressible bytes (a keccak stream), standing in for compressed batch data. */
function pseudoRandomBytes(length: number, seed: string): Hex {
  const chunks: Hex[] = [];
  let block = keccak256(toHex(seed));
  for (let n = 0; n < length; n += 32) {
    chunks.push(block);
    block = keccak256(block);
  }
  return bytesToHex(Buffer.from(concatHex(chunks).slice(2), "hex").subarray(0, length));
}

/** Formats the report as the plain-text table the CLI prints. */
export function formatGasReport(report: GasReportReturnType): string {
  const { bridge, directSurgery } = report;
  const rows: [string, string][] = [
    ["SutureBridge.deposit", `${bridge.deposit}`],
    ...bridge.submitBatch.samples.map((s): [string, string] => [`SutureBridge.submitBatch (${s.bytes} B data, ${s.chunks} chunks, 1 step)`, `${s.gas}`]),
    [`submitBatch fixed cost (${bridge.submitBatch.samples[0]!.bytes} B data, 1 step)`, `${bridge.submitBatch.fixed}`],
    ["submitBatch marginal gas per data byte", bridge.submitBatch.perByte.toFixed(2)],
    ...bridge.submitBatch.stepSamples.map((s): [string, string] => [`SutureBridge.submitBatch (${s.steps} steps)`, `${s.gas}`]),
    ["submitBatch marginal gas per step root", bridge.submitBatch.perStep.toFixed(2)],
    ...bridge.submitBatch.perL2Tx.map((p): [string, string] => [
      `L1 gas per L2 tx (${p.txsPerBatch}-tx batch, ${p.bytesPerTx} B/tx, ${p.steps} steps)`,
      `${p.gas}`,
    ]),
    [`SutureBridge.finalizeWithdrawal (first in bitmap word, depth ${bridge.finalizeWithdrawal.proofDepth})`, `${bridge.finalizeWithdrawal.firstInWord}`],
    ["SutureBridge.finalizeWithdrawal (later in the word)", `${bridge.finalizeWithdrawal.sameWord}`],
    [`SutureBridge.challengeChunk (${bridge.challengeChunk.chunkBytes} B chunk that does not decode)`, `${bridge.challengeChunk.gas}`],
    ...bridge.forceTransaction.map((s): [string, string] => [`SutureBridge.forceTransaction (${s.bytes} B transaction)`, `${s.gas}`]),
    [
      `SutureBridge.submitBatch by a fallback proposer (1 empty chunk, 1 step, ${bridge.fallbackSubmitBatch.queueItems} queue items)`,
      `${bridge.fallbackSubmitBatch.gas}`,
    ],
    ...Object.entries(directSurgery.steps).map(([step, g]): [string, string] => [`DirectSurgery.${step}`, `${g}`]),
    ["DirectSurgery lifecycle (propose→…→review)", `${directSurgery.lifecycleTotal}`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(width)}  ${v.padStart(9)}`).join("\n");
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  gasReport().then(
    (report) => console.log(process.argv.includes("--json") ? JSON.stringify(report, null, 2) : formatGasReport(report)),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
