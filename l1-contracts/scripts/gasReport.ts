// Gas report: what each bridge operation and each step of the direct-L1 baseline costs, measured
// on the in-process Hardhat network (hardfork from hardhat.config.cjs; Hardhat 2.29 defaults to
// Osaka, so calldata-heavy transactions pay the EIP-7623 floor). `gasReport()` is what the
// benchmarks call; `tsx l1-contracts/scripts/gasReport.ts [--json]` prints it.
import { fileURLToPath } from "node:url";
import { resolve } from "node:path";
import { bytesToHex, concatHex, keccak256, toHex, type Hex, type TransactionReceipt } from "viem";
import { BridgeDriver } from "../test/bridgeDriver";
import { deployFixture, send, type Fixture } from "../test/fixture";
import { WithdrawalTree } from "../test/withdrawalTree";
import { directSurgeryArtifact } from "./artifacts";

export type GasReportParameters = {
  /** Batch data sizes to measure submitBatch at (bytes). */
  batchSizes?: number[];
  /** L2 transactions per batch for the per-transaction figures. */
  txsPerBatch?: number;
  /** Compressed bytes per L2 transaction for the per-transaction figures. */
  bytesPerTx?: number[];
  /** Withdrawal leaves in the state tree when measuring finalizeWithdrawal. */
  withdrawalsInTree?: number;
};

export type GasReportReturnType = {
  bridge: {
    /** A deposit once the queue is in use (the very first one also initialises the length slot). */
    deposit: number;
    submitBatch: {
      /** Gas of a batch by calldata size (incompressible data). */
      samples: { bytes: number; gas: number }[];
      /** Gas of a batch with the smallest sample size (empty data by default): the per-batch fixed cost, 21 000 intrinsic included. */
      fixed: number;
      /** Marginal gas per byte of batch data, from the two largest samples. */
      perByte: number;
      /** L1 gas per L2 transaction, measured on a `txsPerBatch × bytesPerTx`-byte batch (intrinsic and fixed costs shared). */
      perL2Tx: { txsPerBatch: number; bytesPerTx: number; gas: number }[];
    };
    /** finalizeWithdrawal: the first withdrawal of a 256-id bitmap word, and a later one. */
    finalizeWithdrawal: { firstInWord: number; sameWord: number; proofDepth: number };
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
  txsPerBatch = 500,
  bytesPerTx = [16, 32, 64],
  withdrawalsInTree = 1000,
}: GasReportParameters = {}): Promise<GasReportReturnType> {
  const f = await deployFixture({ challengeWindowSeconds: 60 });
  const perTxSizes = bytesPerTx.map((b) => b * txsPerBatch);
  const bridge = await measureBridge(f, { batchSizes: [...new Set([...batchSizes, ...perTxSizes])], withdrawalsInTree });
  const gasAt = (bytes: number) => bridge.samples.find((s) => s.bytes === bytes)!.gas;
  const sizes = [...new Set(batchSizes)].sort((x, y) => x - y);
  if (sizes.length < 2) throw new Error("gasReport: give at least two batch sizes");
  const [a, b] = sizes.slice(-2) as [number, number];
  return {
    bridge: {
      deposit: bridge.deposit,
      submitBatch: {
        samples: sizes.map((bytes) => ({ bytes, gas: gasAt(bytes) })),
        fixed: gasAt(sizes[0]!),
        perByte: (gasAt(b) - gasAt(a)) / (b - a),
        perL2Tx: bytesPerTx.map((b) => ({ txsPerBatch, bytesPerTx: b, gas: Math.round(gasAt(b * txsPerBatch) / txsPerBatch) })),
      },
      finalizeWithdrawal: bridge.finalizeWithdrawal,
    },
    directSurgery: await measureDirectSurgery(f),
  };
}

async function measureBridge(f: Fixture, { batchSizes, withdrawalsInTree }: { batchSizes: number[]; withdrawalsInTree: number }) {
  const bridge = new BridgeDriver(f);
  await bridge.deposit("alice", f.accounts.alice, 10n ** 20n);
  const deposit = gas(await bridge.deposit("bob", f.accounts.bob, 10n ** 18n));

  // Withdrawal leaves, so the batches claim a realistic root and finalizeWithdrawal has real proofs.
  const tree = await WithdrawalTree.create();
  for (let id = 0n; id < BigInt(withdrawalsInTree); id++) tree.add({ id, recipient: f.accounts.carol, amount: 1000n + id });
  // A first batch puts the cursor slots in their steady (non-zero) state before measuring.
  const { header } = await bridge.submitNext({ data: "0x00", postStateRoot: tree.root() });
  const samples: { bytes: number; gas: number }[] = [];
  for (const bytes of [...batchSizes].sort((a, b) => a - b)) {
    const { receipt } = await bridge.submitNext({ data: pseudoRandomBytes(bytes, `batch ${bytes}`), postStateRoot: tree.root() });
    samples.push({ bytes, gas: gas(receipt) });
  }

  await f.hre.network.provider.request({ method: "evm_increaseTime", params: [120] });
  const withdraw = async (id: bigint) => gas(await bridge.finalize(header, { id, recipient: f.accounts.carol, amount: 1000n + id }, tree.siblings(id)));
  const firstInWord = await withdraw(0n);
  const sameWord = await withdraw(1n);
  return { deposit, samples, finalizeWithdrawal: { firstInWord, sameWord, proofDepth: tree.siblings(1n).length } };
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
    ...bridge.submitBatch.samples.map((s): [string, string] => [`SutureBridge.submitBatch (${s.bytes} B data)`, `${s.gas}`]),
    [`submitBatch fixed cost (${bridge.submitBatch.samples[0]!.bytes} B data)`, `${bridge.submitBatch.fixed}`],
    ["submitBatch marginal gas per data byte", bridge.submitBatch.perByte.toFixed(2)],
    ...bridge.submitBatch.perL2Tx.map((p): [string, string] => [`L1 gas per L2 tx (${p.txsPerBatch}-tx batch, ${p.bytesPerTx} B/tx)`, `${p.gas}`]),
    [`SutureBridge.finalizeWithdrawal (first in bitmap word, depth ${bridge.finalizeWithdrawal.proofDepth})`, `${bridge.finalizeWithdrawal.firstInWord}`],
    ["SutureBridge.finalizeWithdrawal (later in the word)", `${bridge.finalizeWithdrawal.sameWord}`],
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
