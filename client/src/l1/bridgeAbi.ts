// The part of SutureBridge's ABI the client calls (deposit, forceTransaction, finalizeWithdrawal,
// isWithdrawn, batches, the force-inclusion settings),
// kept here so the SDK works without compiled Hardhat artifacts. A test checks it against the
// compiled ABI.
import type { Address, Hex } from "viem";
import { BATCH_HEADER_ABI, type BatchHeader } from "../../../sequencer/src/protocol/batch/batchHeader";

const batchHeader = { name: "header", ...BATCH_HEADER_ABI } as const;

export const BRIDGE_ABI = [
  {
    type: "function",
    name: "deposit",
    stateMutability: "payable",
    inputs: [{ name: "l2Recipient", type: "address" }],
    outputs: [{ name: "index", type: "uint64" }],
  },
  {
    type: "function",
    name: "finalizeWithdrawal",
    stateMutability: "nonpayable",
    inputs: [
      batchHeader,
      {
        name: "withdrawal",
        type: "tuple",
        components: [
          { name: "id", type: "uint64" },
          { name: "recipient", type: "address" },
          { name: "amount", type: "uint256" },
        ],
      },
      { name: "siblings", type: "bytes32[]" },
    ],
    outputs: [],
  },
  { type: "function", name: "isWithdrawn", stateMutability: "view", inputs: [{ name: "id", type: "uint64" }], outputs: [{ name: "", type: "bool" }] },
  {
    type: "function",
    name: "forceTransaction",
    stateMutability: "payable",
    inputs: [{ name: "transaction", type: "bytes" }],
    outputs: [{ name: "index", type: "uint64" }],
  },
  { type: "function", name: "forcedTransactionFee", stateMutability: "view", inputs: [], outputs: [{ name: "", type: "uint256" }] },
  { type: "function", name: "forceInclusionDelay", stateMutability: "view", inputs: [], outputs: [{ name: "", type: "uint64" }] },
  { type: "function", name: "queuedAt", stateMutability: "view", inputs: [{ name: "", type: "uint64" }], outputs: [{ name: "", type: "uint64" }] },
  {
    type: "function",
    name: "batches",
    stateMutability: "view",
    inputs: [{ name: "", type: "uint64" }],
    outputs: [
      { name: "headerHash", type: "bytes32" },
      { name: "submittedAt", type: "uint64" },
      { name: "finalAt", type: "uint64" },
      { name: "prevLastTimestamp", type: "uint64" },
    ],
  },
] as const;

/** A batch header as the node's JSON serves it (integers as decimal strings or numbers). */
export type BatchHeaderJson = { [K in keyof BatchHeader]: BatchHeader[K] extends bigint ? string | number : Hex | Address };

/** The header as the bridge takes it (integers as bigints). */
export function batchHeaderFromJson(h: BatchHeaderJson): BatchHeader {
  return {
    ...h,
    batchIndex: BigInt(h.batchIndex),
    stepCount: BigInt(h.stepCount),
    queueStart: BigInt(h.queueStart),
    queueEnd: BigInt(h.queueEnd),
    firstBlock: BigInt(h.firstBlock),
    lastBlock: BigInt(h.lastBlock),
    firstTimestamp: BigInt(h.firstTimestamp),
    lastTimestamp: BigInt(h.lastTimestamp),
  } as BatchHeader;
}
