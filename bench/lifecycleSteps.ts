// The benchmarks' surgery lifecycle, one definition shared by the STF benchmark (applied in
// memory) and the node benchmark's load generator (signed and sent over HTTP step by step).
// Eight transactions per case: propose, offer, accept, plan, confirm, transfer, record, close.
import type { Address } from "viem";
import type { SignedTxType } from "../sequencer/src/protocol";
import { ETH, h32 } from "../sequencer/src/stf/testing/harness";

const DAY = 86_400;

/** `requestedTime` is the patient's wish; `appointment` the time the doctor offers (and records after). */
export type CaseContext = { i: number; patient: Address; doctor: Address; caseId: bigint; requestedTime: bigint; appointment: bigint };

export type LifecycleStep = {
  name: string;
  signer: "patient" | "doctor";
  /** Only valid once the block clock reaches the appointment. */
  afterAppointment: boolean;
  txs: (c: CaseContext) => Array<{ type: SignedTxType; message: Record<string, unknown> }>;
};

export const LIFECYCLE_STEPS: LifecycleStep[] = [
  {
    name: "propose",
    signer: "patient",
    afterAppointment: false,
    txs: (c) => [{ type: "ProposeSurgery", message: { doctor: c.doctor, procedure: "rhinoplasty", requestedTime: c.requestedTime, detailsHash: h32(c.i) } }],
  },
  {
    name: "offer",
    signer: "doctor",
    afterAppointment: false,
    txs: (c) => [
      {
        type: "OfferSchedule",
        message: { caseId: c.caseId, appointmentTime: c.appointment, deposit: ETH, price: 5n * ETH, freeCancelBefore: DAY, lateCancelFeeBps: 1000 },
      },
    ],
  },
  { name: "accept", signer: "patient", afterAppointment: false, txs: (c) => [{ type: "AcceptOffer", message: { caseId: c.caseId } }] },
  {
    name: "plan",
    signer: "doctor",
    afterAppointment: false,
    txs: (c) => [{ type: "ProposePlan", message: { caseId: c.caseId, packs: [], policyId: 0n, planHash: h32(`plan${c.i}`) } }],
  },
  {
    name: "confirm+transfer",
    signer: "patient",
    afterAppointment: false,
    txs: (c) => [
      { type: "ConfirmPlan", message: { caseId: c.caseId, planHash: h32(`plan${c.i}`) } },
      { type: "Transfer", message: { to: c.doctor, amount: 1n } },
    ],
  },
  {
    name: "record",
    signer: "doctor",
    afterAppointment: true,
    txs: (c) => [{ type: "RecordSurgery", message: { caseId: c.caseId, recordHash: h32(`rec${c.i}`), packsUsed: [] } }],
  },
  {
    name: "close",
    signer: "patient",
    afterAppointment: true,
    txs: (c) => [{ type: "CloseSurgery", message: { caseId: c.caseId, reviewCommitment: BigInt(c.i + 1) } }],
  },
];

/** Transactions per case in the mix. */
export const TXS_PER_CASE = 8;
/**
 * The maxFee every benchmark transaction signs: 0.001 ETH, over ten times the fee of any lifecycle
 * transaction at DEFAULT_FEES (the largest, ProposeSurgery, ~0.00006 ETH: `tsx bench/fees.ts`), so
 * none is refused for it. What is charged is the schedule's fee, not this.
 */
export const BENCH_MAX_FEE = 10n ** 15n;
/** Transactions a patient signs per case: propose, accept, confirm, transfer, close. */
export const PATIENT_TXS_PER_CASE = 5;
/** Transactions a doctor signs per case: offer, plan, record. */
export const DOCTOR_TXS_PER_CASE = 3;
/** What a patient needs on L2 for one case: the price (deposit included), the 1-wei transfer and its fees. */
export const PATIENT_FUNDS = 5n * ETH + 1n + BigInt(PATIENT_TXS_PER_CASE) * BENCH_MAX_FEE;
