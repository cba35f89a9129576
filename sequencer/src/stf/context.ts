// Shared helpers for transaction handlers: typed reads that reject with stable codes, balance
// moves, id counters, and case updates that keep the doctor's status counts and the case's
// history hash in step. Everything goes through State.put, so a rejection rolls all of it back.
import type { Address, Hex } from "viem";
import { bytesToHex, hexToBytes } from "../crypto/bytes";
import { keccak256Parts } from "../crypto/keccak256";
import { reject } from "../errors";
import type { Tx } from "../protocol";
import { emptyPatientStats, type Account, type Case, type CaseStatus, type Doctor, type Meta, type PatientStats, type State } from "../state";

/** What a block gives its transactions: its number, its time, and who receives its fees (the batch's proposer). */
export type BlockContext = { number: bigint; timestamp: number; feeRecipient: Address };

/** What a handler sees: the state, the block, the transaction and its hash. */
export type HandlerContext<T extends Tx = Tx> = {
  st: State;
  block: BlockContext;
  tx: T;
  /** The sender (zero address for unsigned transactions). */
  from: Address;
  txHash: Hex;
};

export type HandlerResult = Record<string, unknown>;

const ZERO_ACCOUNT: Account = Object.freeze({ balance: 0n, nonce: 0n, encryptionKey: null }) as Account;

export function getAccount(st: State, address: Address): Account {
  return st.get("account", address) ?? ZERO_ACCOUNT;
}

export function credit(st: State, address: Address, amount: bigint): void {
  if (amount === 0n) return;
  const a = getAccount(st, address);
  st.put("account", address, { ...a, balance: a.balance + amount });
}

export function debit(st: State, address: Address, amount: bigint): void {
  if (amount === 0n) return;
  const a = getAccount(st, address);
  if (a.balance < amount) reject("INSUFFICIENT_BALANCE", undefined, { account: address, balance: a.balance, needed: amount });
  st.put("account", address, { ...a, balance: a.balance - amount });
}

export function getMeta(st: State): Meta {
  return st.get("meta", "")!;
}

type Counter = "nextCaseId" | "nextPolicyId" | "nextRecordId" | "nextIncidentId" | "nextReviewId" | "nextWithdrawalId";

/** Allocates the next id of a kind (ids start at 1). */
export function nextId(st: State, counter: Counter): bigint {
  const meta = getMeta(st);
  st.put("meta", "", { ...meta, [counter]: meta[counter] + 1n });
  return meta[counter];
}

export function getDoctor(st: State, address: Address): Doctor {
  return st.get("doctor", address) ?? reject("NOT_DOCTOR", undefined, { doctor: address });
}

export function getCase(st: State, id: bigint): Case {
  return st.get("case", id.toString()) ?? reject("CASE_NOT_FOUND", undefined, { caseId: id });
}

export function requireStatus(c: Case, ...allowed: CaseStatus[]): void {
  if (!allowed.includes(c.status)) {
    reject("INVALID_TRANSITION", `case ${c.id} is ${c.status}; this needs ${allowed.join(" or ")}`, { caseId: c.id, status: c.status, allowed });
  }
}

export function requirePatient(c: Case, from: Address): void {
  if (from !== c.patient) reject("NOT_CASE_PATIENT", undefined, { caseId: c.id });
}

export function requireDoctor(c: Case, from: Address): void {
  if (from !== c.doctor) reject("NOT_CASE_DOCTOR", undefined, { caseId: c.id });
}

export function requireParty(c: Case, from: Address): "patient" | "doctor" {
  if (from === c.patient) return "patient";
  if (from === c.doctor) return "doctor";
  return reject("NOT_CASE_PARTY", undefined, { caseId: c.id });
}

/**
 * Writes a new version of a case: bumps its history hash with the transaction, and moves the
 * doctor's per-status count when the status changes, so reputation reads stay O(1).
 */
export function updateCase(h: HandlerContext, c: Case, patch: Partial<Case>): Case {
  const next: Case = {
    ...c,
    ...patch,
    historyHash: bytesToHex(keccak256Parts(hexToBytes(c.historyHash), hexToBytes(h.txHash))),
    updatedAt: h.block.timestamp,
  };
  if (next.status !== c.status) {
    const d = getDoctor(h.st, c.doctor);
    const cases = { ...d.stats.cases, [c.status]: d.stats.cases[c.status] - 1, [next.status]: d.stats.cases[next.status] + 1 };
    h.st.put("doctor", c.doctor, { ...d, stats: { ...d.stats, cases } });
  }
  h.st.put("case", c.id.toString(), next);
  return next;
}

export function updateDoctorStats(st: State, doctor: Address, patch: (s: Doctor["stats"]) => Partial<Doctor["stats"]>): void {
  const d = getDoctor(st, doctor);
  st.put("doctor", doctor, { ...d, stats: { ...d.stats, ...patch(d.stats) } });
}

export function bumpPatient(st: State, patient: Address, field: keyof PatientStats, by = 1): void {
  const p = st.get("patient", patient) ?? emptyPatientStats();
  st.put("patient", patient, { ...p, [field]: p[field] + by });
}
