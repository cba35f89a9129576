// Test cases in a chosen lifecycle status, and small readers for what tests assert on. Built on
// the populated world so every rejection test starts from a case that is one step away from it.
import type { CaseStatus } from "../../state";
import type { PackRef } from "../../protocol";
import { h32, type Actor } from "./harness";
import { DAY, scheduleCase, type World } from "./world";

export type CaseOptions = {
  patient?: Actor;
  doctor?: Actor;
  /** Serials (lot L1) the plan reserves; default two packs unique to the case id (ids 1..10). */
  serials?: string[];
  /** Plan with the world's policy (default) or without insurance (0n). */
  policyId?: bigint;
};

export type TestCase = { caseId: bigint; patient: Actor; doctor: Actor; packs: PackRef[]; planHash: `0x${string}` };

/**
 * Drives a fresh case to `status`: PROPOSED, OFFERED and SCHEDULED through the harness's
 * scheduleCase, PLANNED/CONFIRMED with packs and the world's policy, EXECUTED at the appointment
 * (first pack used), CLOSED by the patient with no review commitment, CANCELLED by the patient
 * while PROPOSED, NO_SHOW after the grace period. Advances the clock for the last three.
 */
export function caseIn(w: World, status: CaseStatus, opts: CaseOptions = {}): TestCase {
  const { chain } = w;
  const patient = opts.patient ?? w.patients[0]!;
  const doctor = opts.doctor ?? w.drA;
  const result = (caseId: bigint): TestCase => {
    const serials = opts.serials ?? [`L1-${2n * (caseId - 1n)}`, `L1-${2n * caseId - 1n}`];
    return { caseId, patient, doctor, packs: serials.map((serial) => ({ gtin: w.gtin, serial })), planHash: h32(`plan-${caseId}`) };
  };

  if (status === "PROPOSED" || status === "OFFERED" || status === "CANCELLED") {
    const { caseId } = chain.ok(patient, "ProposeSurgery", {
      doctor: doctor.address,
      procedure: "rhinoplasty",
      requestedTime: BigInt(chain.time + 7 * DAY),
      detailsHash: h32("details"),
    });
    if (status === "OFFERED") offer(w, caseId, doctor);
    if (status === "CANCELLED") chain.ok(patient, "CancelSurgery", { caseId, reasonHash: h32("reason") });
    return result(caseId);
  }
  const caseId = scheduleCase(w, patient, doctor);
  if (status === "SCHEDULED") return result(caseId);
  if (status === "NO_SHOW") {
    chain.advance(7 * DAY + chain.state.params.noShowGraceSeconds);
    chain.ok(doctor, "MarkNoShow", { caseId });
    return result(caseId);
  }
  const planned = result(caseId);
  const { packs, planHash } = planned;
  chain.ok(doctor, "ProposePlan", { caseId, packs, policyId: opts.policyId ?? w.policyId, planHash });
  if (status === "PLANNED") return planned;
  chain.ok(patient, "ConfirmPlan", { caseId, planHash });
  if (status === "CONFIRMED") return planned;
  chain.advance(7 * DAY);
  chain.ok(doctor, "RecordSurgery", { caseId, recordHash: h32("record"), packsUsed: packs.slice(0, 1) });
  if (status === "EXECUTED") return planned;
  chain.ok(patient, "CloseSurgery", { caseId, reviewCommitment: 0n });
  return planned;
}

/** The doctor's standard offer (deposit 1 ETH of 5 ETH, free cancel up to 2 days before, 50% fee). */
export function offer(w: World, caseId: bigint, doctor: Actor = w.drA): void {
  const c = w.chain.state.get("case", caseId.toString())!;
  w.chain.ok(doctor, "OfferSchedule", {
    caseId,
    appointmentTime: c.requestedTime,
    deposit: 10n ** 18n,
    price: 5n * 10n ** 18n,
    freeCancelBefore: 2 * DAY,
    lateCancelFeeBps: 5_000,
  });
}

export function caseOf(w: World, caseId: bigint) {
  return w.chain.state.get("case", caseId.toString())!;
}

export function packOf(w: World, serial: string) {
  return w.chain.state.get("pack", `${w.gtin}/${serial}`)!;
}

export function policyOf(w: World, policyId: bigint = w.policyId) {
  return w.chain.state.get("policy", policyId.toString())!;
}

export function doctorStats(w: World, doctor: Actor = w.drA) {
  return w.chain.state.get("doctor", doctor.address)!.stats;
}

export function patientStats(w: World, patient: Actor = w.patients[0]!) {
  return w.chain.state.get("patient", patient.address);
}
