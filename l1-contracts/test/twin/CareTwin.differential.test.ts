// The STF's Solidity twin against the TypeScript STF, care group: plans and their packs, the
// surgery record, summaries, incidents with automatic payouts, and resolutions. Every type of
// CareTwin, accepted and rejected by each of its rules, with fees off and on; edge strings and
// 128-element pack lists; a seeded random sequence checked step by step; worst-case gas.
import { hexToBytes, type Hex } from "viem";
import { beforeAll, describe, expect, it } from "vitest";
import { encodeTx, type SignedTxType, type Tx } from "../../../sequencer/src/protocol";
import { DEFAULT_FEES } from "../../../sequencer/src/state";
import { actor, ETH, gtin, h32, TestChain, testGenesis, type Actor, type TestMessage } from "../../../sequencer/src/stf/testing/harness";
import { mulberry32 } from "../../../sequencer/src/stf/testing/prng";
import { caseIn, caseOf, type TestCase } from "../../../sequencer/src/stf/testing/cases";
import { createWorld, DAY, YEAR, type World } from "../../../sequencer/src/stf/testing/world";
import { loadFixture, type Fixture } from "../fixture";
import { TwinChecker } from "./twinChecker";

const CARE_TYPES = ["ProposePlan", "ConfirmPlan", "RecordSurgery", "PostSummary", "ReportIncident", "ProposeResolution", "AcceptResolution"] as const;
type CareType = (typeof CARE_TYPES)[number];

/** Every code each type's TypeScript handler (and the frame around it) can produce, "ok" for acceptance. */
const EXPECTED: Record<CareType, string[]> = {
  ProposePlan: [
    "ok",
    "CASE_NOT_FOUND",
    "NOT_CASE_DOCTOR",
    "INVALID_TRANSITION",
    "INVALID_PLAN",
    "MEDICINE_NOT_FOUND",
    "MEDICINE_RECALLED",
    "MEDICINE_EXPIRED",
    "MEDICINE_UNAVAILABLE",
    "POLICY_NOT_FOUND",
    "POLICY_NOT_COVERING",
    "POLICY_NOT_ACCEPTED",
    "POLICY_CLOSED",
    "NONCE_TOO_HIGH",
    "NONCE_TOO_LOW",
  ],
  ConfirmPlan: [
    "ok",
    "CASE_NOT_FOUND",
    "NOT_CASE_PATIENT",
    "INVALID_TRANSITION",
    "PLAN_HASH_MISMATCH",
    "MEDICINE_RECALLED",
    "POLICY_CLOSED",
    "INSUFFICIENT_BALANCE",
  ],
  RecordSurgery: ["ok", "CASE_NOT_FOUND", "NOT_CASE_DOCTOR", "INVALID_TRANSITION", "TOO_EARLY", "INVALID_PLAN", "PACK_NOT_IN_PLAN", "MEDICINE_RECALLED"],
  PostSummary: ["ok", "CASE_NOT_FOUND", "NOT_CASE_DOCTOR", "INVALID_TRANSITION"],
  ReportIncident: ["ok", "CASE_NOT_FOUND", "NOT_CASE_PARTY", "INVALID_TRANSITION", "INVALID_FIELD", "INCIDENT_WINDOW_CLOSED"],
  ProposeResolution: ["ok", "INCIDENT_NOT_FOUND", "NOT_CASE_PARTY", "INCIDENT_NOT_OPEN"],
  AcceptResolution: [
    "ok",
    "INCIDENT_NOT_FOUND",
    "NOT_CASE_PARTY",
    "INCIDENT_NOT_OPEN",
    "NO_RESOLUTION_PROPOSED",
    "NOT_COUNTERPARTY",
    "RESOLUTION_MISMATCH",
    "INSUFFICIENT_BALANCE",
  ],
};

const MAX_UINT256 = 2n ** 256n - 1n;
const MAX_UINT64 = 2n ** 64n - 1n;

/** Codes seen per type, over every test of the file. */
const seen = new Map<string, Set<string>>();

/** A world whose care steps all go through the twin (setup steps of other groups do not). */
class CareRun {
  readonly w: World;
  readonly twin: TwinChecker;

  constructor(f: Fixture, { fees = false, measureGas = false } = {}) {
    this.w = createWorld({ chain: new TestChain({ params: testGenesis(fees ? { fees: DEFAULT_FEES } : {}) }), packsPerLot: 40 });
    this.twin = new TwinChecker(f, this.w.chain, { measureGas });
  }

  get chain() {
    return this.w.chain;
  }

  /** Signs and checks one step on both sides; returns its code ("ok" when accepted). */
  async step<T extends SignedTxType>(who: Actor, type: T, message: TestMessage<T>, label?: string): Promise<string> {
    const receipt = await this.twin.tx(this.chain.sign(who, type, message) as unknown as Tx, label ?? type);
    const code = receipt.status === "ok" ? "ok" : receipt.error.code;
    if (!seen.has(type)) seen.set(type, new Set());
    seen.get(type)!.add(code);
    return code;
  }

  pack(serial: string) {
    return { gtin: this.w.gtin, serial };
  }
}

describe("CareTwin ≡ TypeScript STF", () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await loadFixture({ fraudVerifier: "real" });
  });

  for (const fees of [false, true]) {
    describe(`fees ${fees ? "on" : "off"}`, () => {
      it("Should agree on ProposePlan: plans, replacements and every rejection", async () => {
        const r = new CareRun(f, { fees });
        const { w, chain } = r;
        const plan = (caseId: bigint, packs: { gtin: string; serial: string }[], policyId = 0n) => ({ caseId, packs, policyId, planHash: h32("p") });
        const tc = caseIn(w, "SCHEDULED");
        const { caseId, doctor, patient } = tc;
        expect(await r.step(patient, "ProposePlan", plan(caseId, []))).toBe("NOT_CASE_DOCTOR");
        expect(await r.step(doctor, "ProposePlan", plan(MAX_UINT64, []))).toBe("CASE_NOT_FOUND");
        expect(await r.step(doctor, "ProposePlan", plan(caseId, [r.pack("L1-0"), r.pack("L1-0")]))).toBe("INVALID_PLAN");
        const many = Array.from({ length: 33 }, (_, i) => r.pack(`L1-${i}`));
        expect(await r.step(doctor, "ProposePlan", plan(caseId, many))).toBe("INVALID_PLAN");
        const max = Array.from({ length: 128 }, (_, i) => ({ gtin: w.gtin, serial: `X${i}`.padEnd(20, "x") }));
        expect(await r.step(doctor, "ProposePlan", plan(caseId, max), "ProposePlan 128 packs")).toBe("INVALID_PLAN");
        // Another split of a pack's id: a GTIN that is not 14 digits (and non-ASCII, empty, long ones).
        chain.ok(w.maker, "RegisterMedicine", { gtin: w.gtin, lot: "L3", expiry: BigInt(chain.time + YEAR), serials: ["S/1", "S/2"] });
        for (const bad of [`${w.gtin}/S`, "", "0761234567890", "07612345678901", "٠٧٦١٢٣٤٥٦٧٨٩٠٥", "x".repeat(256)]) {
          expect(await r.step(doctor, "ProposePlan", plan(caseId, [{ gtin: bad, serial: bad === `${w.gtin}/S` ? "1" : "L1-0" }]))).toBe("INVALID_PLAN");
        }
        expect(await r.step(doctor, "ProposePlan", plan(caseId, [r.pack("L9-0")]))).toBe("MEDICINE_NOT_FOUND");
        expect(await r.step(doctor, "ProposePlan", plan(caseId, [{ gtin: gtin("0761234567891"), serial: "L1-0" }]))).toBe("MEDICINE_NOT_FOUND");
        const appointment = caseOf(w, caseId).appointmentTime;
        chain.ok(w.maker, "RegisterMedicine", { gtin: w.gtin, lot: "E1", expiry: appointment, serials: ["E1-0"] });
        chain.ok(w.maker, "RegisterMedicine", { gtin: w.gtin, lot: "E2", expiry: appointment + 1n, serials: ["E2-0"] });
        expect(await r.step(doctor, "ProposePlan", plan(caseId, [r.pack("L1-0"), r.pack("E1-0")]))).toBe("MEDICINE_EXPIRED");
        expect(await r.step(doctor, "ProposePlan", plan(caseId, [r.pack("E2-0")], 77n))).toBe("POLICY_NOT_FOUND");
        expect(await r.step(doctor, "ProposePlan", plan(caseId, [r.pack("E2-0")], MAX_UINT64))).toBe("POLICY_NOT_FOUND");
        // A policy that does not cover the procedure; an insurer the doctor does not accept.
        const other = actor("other-insurer");
        chain.deposit(other, 10n * ETH);
        chain.ok(w.insReg, "AdmitParticipant", { account: other.address, role: 2, active: true });
        const terms = [{ complication: "infection", payout: ETH, windowDays: 30 }];
        const { policyId: notCovering } = chain.ok(w.insurer, "PublishPolicy", { procedures: ["facelift"], terms, premium: 1n, cap: ETH });
        const { policyId: notAccepted } = chain.ok(other, "PublishPolicy", { procedures: ["rhinoplasty"], terms, premium: 1n, cap: ETH });
        expect(await r.step(doctor, "ProposePlan", plan(caseId, [r.pack("E2-0")], notCovering))).toBe("POLICY_NOT_COVERING");
        expect(await r.step(doctor, "ProposePlan", plan(caseId, [r.pack("E2-0")], notAccepted))).toBe("POLICY_NOT_ACCEPTED");
        const { policyId: closed } = chain.ok(w.insurer, "PublishPolicy", { procedures: ["rhinoplasty"], terms, premium: 1n, cap: ETH });
        chain.ok(w.insurer, "ReleaseReserve", { policyId: closed });
        expect(await r.step(doctor, "ProposePlan", plan(caseId, [r.pack("E2-0")], closed))).toBe("POLICY_CLOSED");
        expect(await r.step(doctor, "ProposePlan", { ...plan(caseId, []), nonce: 99n })).toBe("NONCE_TOO_HIGH");
        // Accepted: a plan with insurance, then replacements that keep, drop and add packs.
        expect(await r.step(doctor, "ProposePlan", plan(caseId, [r.pack("L1-0"), r.pack("L1-1"), r.pack("E2-0")], w.policyId))).toBe("ok");
        expect(await r.step(doctor, "ProposePlan", { ...plan(caseId, []), nonce: 0n })).toBe("NONCE_TOO_LOW");
        expect(await r.step(doctor, "ProposePlan", plan(caseId, [r.pack("L1-1"), r.pack("L1-2"), { gtin: w.gtin, serial: "S/1" }]))).toBe("ok");
        // A pack reserved by another case, and one of a recalled lot.
        const second = caseIn(w, "SCHEDULED", { patient: w.patients[1] });
        expect(await r.step(second.doctor, "ProposePlan", plan(second.caseId, [r.pack("L1-3"), r.pack("L1-2")]))).toBe("MEDICINE_UNAVAILABLE");
        chain.ok(w.maker, "RecallLot", { gtin: w.gtin, lot: "L2" });
        expect(await r.step(second.doctor, "ProposePlan", plan(second.caseId, [r.pack("L1-3"), r.pack("L2-0")]))).toBe("MEDICINE_RECALLED");
        expect(await r.step(second.doctor, "ProposePlan", plan(second.caseId, [r.pack("L1-3")]))).toBe("ok");
        // Replacing with nothing releases everything; the same plan again keeps its own reservation.
        expect(await r.step(doctor, "ProposePlan", plan(caseId, [r.pack("L1-2")], w.policyId))).toBe("ok");
        expect(await r.step(doctor, "ProposePlan", plan(caseId, [r.pack("L1-2")], w.policyId))).toBe("ok");
        expect(await r.step(doctor, "ProposePlan", plan(caseId, []))).toBe("ok");
        const confirmed = caseIn(w, "CONFIRMED", { patient: w.patients[2], serials: ["L1-30"] });
        expect(await r.step(confirmed.doctor, "ProposePlan", plan(confirmed.caseId, []))).toBe("INVALID_TRANSITION");
      });

      it("Should agree on ConfirmPlan: payment, premium, binding and every rejection", async () => {
        const r = new CareRun(f, { fees });
        const { w, chain } = r;
        const tc = caseIn(w, "PLANNED");
        expect(await r.step(tc.doctor, "ConfirmPlan", { caseId: tc.caseId, planHash: tc.planHash })).toBe("NOT_CASE_PATIENT");
        expect(await r.step(tc.patient, "ConfirmPlan", { caseId: 999n, planHash: tc.planHash })).toBe("CASE_NOT_FOUND");
        expect(await r.step(tc.patient, "ConfirmPlan", { caseId: tc.caseId, planHash: h32("other") })).toBe("PLAN_HASH_MISMATCH");
        expect(await r.step(tc.patient, "ConfirmPlan", { caseId: tc.caseId, planHash: tc.planHash })).toBe("ok");
        expect(await r.step(tc.patient, "ConfirmPlan", { caseId: tc.caseId, planHash: tc.planHash })).toBe("INVALID_TRANSITION");
        // A recalled lot after planning.
        const recalled = caseIn(w, "PLANNED", { patient: w.patients[1], serials: ["L1-20", "L2-0"] });
        chain.ok(w.maker, "RecallLot", { gtin: w.gtin, lot: "L2" });
        expect(await r.step(recalled.patient, "ConfirmPlan", { caseId: recalled.caseId, planHash: recalled.planHash })).toBe("MEDICINE_RECALLED");
        // A patient who cannot pay; a premium so large that price + premium passes 2^256.
        const poor = actor("poor-patient");
        chain.deposit(poor, 2n * ETH);
        const broke = caseIn(w, "PLANNED", { patient: poor, serials: ["L1-21"], policyId: 0n });
        expect(await r.step(poor, "ConfirmPlan", { caseId: broke.caseId, planHash: broke.planHash })).toBe("INSUFFICIENT_BALANCE");
        const terms = [{ complication: "infection", payout: ETH, windowDays: 30 }];
        const { policyId } = chain.ok(w.insurer, "PublishPolicy", { procedures: ["rhinoplasty"], terms, premium: MAX_UINT256, cap: ETH });
        const huge = caseIn(w, "PLANNED", { patient: w.patients[2], serials: ["L1-22"], policyId });
        expect(await r.step(huge.patient, "ConfirmPlan", { caseId: huge.caseId, planHash: huge.planHash })).toBe("INSUFFICIENT_BALANCE");
        // Without insurance, and with no packs at all.
        const bare = caseIn(w, "PLANNED", { patient: w.patients[1], serials: [], policyId: 0n });
        expect(await r.step(bare.patient, "ConfirmPlan", { caseId: bare.caseId, planHash: bare.planHash })).toBe("ok");
        // A policy its insurer closed after the plan was proposed; a second case bound to a policy.
        const { policyId: closing } = chain.ok(w.insurer, "PublishPolicy", { procedures: ["rhinoplasty"], terms, premium: 1n, cap: ETH });
        const late = caseIn(w, "PLANNED", { patient: w.patients[1], serials: ["L1-23"], policyId: closing });
        const bound = caseIn(w, "PLANNED", { patient: w.patients[2], serials: ["L1-24"] });
        chain.ok(w.insurer, "ReleaseReserve", { policyId: closing });
        expect(await r.step(late.patient, "ConfirmPlan", { caseId: late.caseId, planHash: late.planHash })).toBe("POLICY_CLOSED");
        expect(await r.step(bound.patient, "ConfirmPlan", { caseId: bound.caseId, planHash: bound.planHash })).toBe("ok");
        expect(chain.state.get("policy", w.policyId.toString())).toMatchObject({ boundCases: 2, pendingCases: 2 });
      });

      it("Should agree on RecordSurgery and PostSummary: dispensing, release, premium and every rejection", async () => {
        const r = new CareRun(f, { fees });
        const { w, chain } = r;
        const tc = caseIn(w, "CONFIRMED", { serials: ["L1-0", "L1-1", "L1-2"] });
        const record = (t: TestCase, packsUsed: { gtin: string; serial: string }[]) => ({ caseId: t.caseId, recordHash: h32("rec"), packsUsed });
        expect(await r.step(tc.doctor, "RecordSurgery", record(tc, [r.pack("L1-0")]))).toBe("TOO_EARLY");
        chain.advance(7 * DAY);
        expect(await r.step(tc.patient, "RecordSurgery", record(tc, []))).toBe("NOT_CASE_DOCTOR");
        expect(await r.step(tc.doctor, "RecordSurgery", { ...record(tc, []), caseId: 999n })).toBe("CASE_NOT_FOUND");
        expect(await r.step(tc.doctor, "RecordSurgery", record(tc, [r.pack("L1-0"), r.pack("L1-0")]))).toBe("INVALID_PLAN");
        expect(await r.step(tc.doctor, "RecordSurgery", record(tc, [{ gtin: "1", serial: "L1-0" }]))).toBe("INVALID_PLAN");
        expect(await r.step(tc.doctor, "RecordSurgery", record(tc, [r.pack("L1-0"), r.pack("L1-5")]))).toBe("PACK_NOT_IN_PLAN");
        const max = Array.from({ length: 128 }, (_, i) => r.pack(i < 3 ? `L1-${i}` : `Y${i}`.padEnd(20, "y")));
        expect(await r.step(tc.doctor, "RecordSurgery", record(tc, max), "RecordSurgery 128 packs")).toBe("PACK_NOT_IN_PLAN");
        expect(await r.step(tc.doctor, "PostSummary", { caseId: tc.caseId, summaryHash: h32("s") })).toBe("INVALID_TRANSITION");
        expect(await r.step(tc.doctor, "RecordSurgery", record(tc, [r.pack("L1-2"), r.pack("L1-0")]))).toBe("ok");
        expect(await r.step(tc.doctor, "RecordSurgery", record(tc, []))).toBe("INVALID_TRANSITION");
        expect(await r.step(tc.patient, "PostSummary", { caseId: tc.caseId, summaryHash: h32("s") })).toBe("NOT_CASE_DOCTOR");
        expect(await r.step(tc.doctor, "PostSummary", { caseId: 999n, summaryHash: h32("s") })).toBe("CASE_NOT_FOUND");
        expect(await r.step(tc.doctor, "PostSummary", { caseId: tc.caseId, summaryHash: h32("s") })).toBe("ok");
        chain.ok(tc.patient, "CloseSurgery", { caseId: tc.caseId, reviewCommitment: 0n });
        expect(await r.step(tc.doctor, "PostSummary", { caseId: tc.caseId, summaryHash: `0x${"ff".repeat(32)}` })).toBe("ok");
        // A lot recalled after confirmation; no packs used at all, without insurance.
        const recalled = caseIn(w, "CONFIRMED", { patient: w.patients[1], serials: ["L2-0", "L1-10"] });
        const bare = caseIn(w, "CONFIRMED", { patient: w.patients[2], serials: ["L1-11"], policyId: 0n });
        chain.ok(w.maker, "RecallLot", { gtin: w.gtin, lot: "L2" });
        chain.advance(7 * DAY);
        expect(await r.step(recalled.doctor, "RecordSurgery", record(recalled, [r.pack("L1-10"), r.pack("L2-0")]))).toBe("MEDICINE_RECALLED");
        expect(await r.step(recalled.doctor, "RecordSurgery", record(recalled, [r.pack("L1-10")]))).toBe("ok");
        expect(await r.step(bare.doctor, "RecordSurgery", record(bare, []))).toBe("ok");
        expect(chain.state.get("policy", w.policyId.toString())).toMatchObject({ pendingCases: 0, lastSurgeryAt: chain.time });
        // A policy without premium (the surgery still starts its claim window), closed by its insurer while the case waited.
        const terms = [{ complication: "infection", payout: ETH, windowDays: 30 }];
        const { policyId: free } = chain.ok(w.insurer, "PublishPolicy", { procedures: ["rhinoplasty"], terms, premium: 0n, cap: ETH });
        const covered = caseIn(w, "CONFIRMED", { patient: w.patients[1], serials: ["L1-12"], policyId: free });
        chain.ok(w.insurer, "ReleaseReserve", { policyId: free });
        chain.advance(7 * DAY);
        expect(await r.step(covered.doctor, "RecordSurgery", record(covered, [r.pack("L1-12")]))).toBe("ok");
        expect(chain.state.get("policy", free.toString())).toMatchObject({ closed: true, pendingCases: 0, lastSurgeryAt: chain.time, reserve: ETH });
      });

      it("Should agree on ReportIncident: reports, attestations, payouts, windows and every rejection", async () => {
        const r = new CareRun(f, { fees });
        const { w, chain } = r;
        const report = (t: TestCase, complication = "infection", caseId = t.caseId) => ({ caseId, complication, evidenceHash: h32(complication) });
        const scheduled = caseIn(w, "SCHEDULED");
        expect(await r.step(scheduled.patient, "ReportIncident", report(scheduled))).toBe("INVALID_TRANSITION");
        const tc = caseIn(w, "EXECUTED");
        expect(await r.step(w.drB, "ReportIncident", report(tc))).toBe("NOT_CASE_PARTY");
        expect(await r.step(tc.patient, "ReportIncident", report(tc, "infection", 999n))).toBe("CASE_NOT_FOUND");
        // isValidCode over UTF-8: length in UTF-16 units, JavaScript's trim().
        const invalid = [
          "",
          " infection",
          "infection ",
          "\tx",
          "x\n",
          "\u00a0x",
          "x\u1680",
          "\u2000x",
          "x\u200a",
          "\u2028x",
          "x\u2029",
          "\u202fx",
          "x\u205f",
          "\u3000x",
          "x\ufeff",
        ];
        for (const s of [...invalid, "a".repeat(65), "é".repeat(65), "😷".repeat(33), `${"a".repeat(63)}😷`]) {
          expect(await r.step(tc.patient, "ReportIncident", report(tc, s)), JSON.stringify(s)).toBe("INVALID_FIELD");
        }
        for (const s of ["a".repeat(64), "é".repeat(64), "😷".repeat(32), "\u180ex\u0085", "x\u200b", "中 文", "a"]) {
          expect(await r.step(tc.patient, "ReportIncident", report(tc, s)), JSON.stringify(s)).toBe("ok");
        }
        // The patient reports, the doctor attests: paid once per case, from the reserve.
        expect(await r.step(tc.patient, "ReportIncident", report(tc))).toBe("ok");
        expect(await r.step(tc.doctor, "ReportIncident", report(tc))).toBe("ok");
        expect(await r.step(tc.doctor, "ReportIncident", report(tc))).toBe("ok");
        expect(await r.step(tc.patient, "ReportIncident", report(tc, "scarring"))).toBe("ok");
        expect(await r.step(tc.doctor, "ReportIncident", report(tc, "scarring"))).toBe("ok");
        // The doctor first, on a closed case; a case without insurance; a confirmed (not executed) case.
        const closed = caseIn(w, "CLOSED", { patient: w.patients[1] });
        expect(await r.step(closed.doctor, "ReportIncident", report(closed))).toBe("ok");
        const uninsured = caseIn(w, "EXECUTED", { patient: w.patients[2], policyId: 0n });
        expect(await r.step(uninsured.doctor, "ReportIncident", report(uninsured))).toBe("ok");
        const confirmed = caseIn(w, "CONFIRMED", { patient: w.patients[2] });
        expect(await r.step(confirmed.doctor, "ReportIncident", report(confirmed))).toBe("ok");
        // A small reserve: the payout is capped by what is left, then nothing is paid.
        const terms = [{ complication: "infection", payout: 3n * ETH, windowDays: 1 }];
        const { policyId } = chain.ok(w.insurer, "PublishPolicy", { procedures: ["rhinoplasty"], terms, premium: 0n, cap: 4n * ETH });
        const a = caseIn(w, "EXECUTED", { patient: w.patients[0], policyId });
        const b = caseIn(w, "EXECUTED", { patient: w.patients[1], policyId });
        const c = caseIn(w, "EXECUTED", { patient: w.patients[2], policyId });
        expect(await r.step(a.doctor, "ReportIncident", report(a))).toBe("ok");
        expect(await r.step(b.doctor, "ReportIncident", report(b))).toBe("ok");
        expect(await r.step(c.doctor, "ReportIncident", report(c))).toBe("ok");
        // The term's window (1 day) passes before the incident window does.
        const late = caseIn(w, "EXECUTED", { patient: w.patients[0] });
        chain.advance(30 * DAY + 1);
        expect(await r.step(late.doctor, "ReportIncident", report(late))).toBe("ok");
        chain.advance(chain.state.params.incidentWindowSeconds);
        expect(await r.step(late.patient, "ReportIncident", report(late, "bleeding"))).toBe("INCIDENT_WINDOW_CLOSED");
      });

      it("Should agree on ProposeResolution and AcceptResolution: refunds from escrow and the doctor, and every rejection", async () => {
        const r = new CareRun(f, { fees });
        const { w, chain } = r;
        const tc = caseIn(w, "EXECUTED");
        const res = (incidentId: bigint, refund: bigint, label = "a") => ({ incidentId, refund, resolutionHash: h32(label) });
        const { incidentId } = chain.ok(tc.patient, "ReportIncident", { caseId: tc.caseId, complication: "pain", evidenceHash: h32("e") });
        expect(await r.step(tc.patient, "ProposeResolution", res(999n, 1n))).toBe("INCIDENT_NOT_FOUND");
        expect(await r.step(tc.patient, "AcceptResolution", res(999n, 1n))).toBe("INCIDENT_NOT_FOUND");
        expect(await r.step(w.drB, "ProposeResolution", res(incidentId, 1n))).toBe("NOT_CASE_PARTY");
        expect(await r.step(tc.patient, "AcceptResolution", res(incidentId, 1n))).toBe("NO_RESOLUTION_PROPOSED");
        expect(await r.step(tc.doctor, "ProposeResolution", res(incidentId, 2n * ETH))).toBe("ok");
        expect(await r.step(w.drB, "AcceptResolution", res(incidentId, 2n * ETH))).toBe("NOT_CASE_PARTY");
        expect(await r.step(tc.doctor, "AcceptResolution", res(incidentId, 2n * ETH))).toBe("NOT_COUNTERPARTY");
        expect(await r.step(tc.patient, "AcceptResolution", res(incidentId, 2n * ETH, "b"))).toBe("RESOLUTION_MISMATCH");
        expect(await r.step(tc.patient, "AcceptResolution", res(incidentId, ETH))).toBe("RESOLUTION_MISMATCH");
        // A counter-proposal replaces the first; the refund passes the escrow and the doctor's balance.
        expect(await r.step(tc.patient, "ProposeResolution", res(incidentId, MAX_UINT256, "max"))).toBe("ok");
        expect(await r.step(tc.doctor, "AcceptResolution", res(incidentId, MAX_UINT256, "max"))).toBe("INSUFFICIENT_BALANCE");
        // Escrow (5 ETH) first, then 1 ETH from the doctor.
        chain.deposit(tc.doctor, 3n * ETH);
        expect(await r.step(tc.patient, "ProposeResolution", res(incidentId, 6n * ETH, "six"))).toBe("ok");
        expect(await r.step(tc.doctor, "AcceptResolution", res(incidentId, 6n * ETH, "six"))).toBe("ok");
        expect(await r.step(tc.doctor, "AcceptResolution", res(incidentId, 6n * ETH, "six"))).toBe("INCIDENT_NOT_OPEN");
        expect(await r.step(tc.patient, "ProposeResolution", res(incidentId, 1n))).toBe("INCIDENT_NOT_OPEN");
        // A zero refund, from a case whose escrow is already gone.
        const second = chain.ok(tc.doctor, "ReportIncident", { caseId: tc.caseId, complication: "swelling", evidenceHash: h32("e2") });
        expect(await r.step(tc.doctor, "ProposeResolution", res(second.incidentId, 0n, "zero"))).toBe("ok");
        expect(await r.step(tc.patient, "AcceptResolution", res(second.incidentId, 0n, "zero"))).toBe("ok");
        const third = chain.ok(tc.patient, "ReportIncident", { caseId: tc.caseId, complication: "itch", evidenceHash: h32("e3") });
        expect(await r.step(tc.patient, "ProposeResolution", res(third.incidentId, ETH / 2n, "half"))).toBe("ok");
        expect(await r.step(tc.doctor, "AcceptResolution", res(third.incidentId, ETH / 2n, "half"))).toBe("ok");
      });
    });
  }

  it("Should treat corrupted care transactions as steps that change nothing", async () => {
    const r = new CareRun(f);
    const tc = caseIn(r.w, "SCHEDULED");
    const good = encodeTx(r.chain.sign(tc.doctor, "ProposePlan", { caseId: tc.caseId, packs: [r.pack("L1-0")], policyId: 0n, planHash: h32("p") }));
    await r.twin.bytes(good.subarray(0, good.length - 1), "truncated plan");
    await r.twin.bytes(new Uint8Array([...good, 0]), "plan with a trailing byte");
    const otherSigner = good.slice();
    otherSigner[good.length - 40] ^= 1;
    await r.twin.bytes(otherSigner, "plan by another signer");
    expect(await r.twin.bytes(good, "the plan")).toMatchObject({ status: "ok" });
  });

  it("Should agree on a seeded random sequence of care steps and transfers", async () => {
    const r = new CareRun(f, { fees: true });
    const { w, chain } = r;
    const rand = mulberry32(0x5eed);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
    const cases: TestCase[] = [];
    const incidents: bigint[] = [];
    const serial = () => `${pick(["L1", "L1", "L2"])}-${Math.floor(rand() * 40)}`;
    const people = [...w.patients, w.drA, w.drB];
    const complications = ["infection", "scarring", "pain", " bad", ""];
    let steps = 0;
    let accepted = 0;
    for (let i = 0; i < 340; i++) {
      const roll = rand();
      if (cases.length === 0 || roll < 0.06) {
        const patient = pick(w.patients);
        chain.deposit(patient, 10n * ETH);
        cases.push(
          caseIn(w, pick(["SCHEDULED", "SCHEDULED", "PLANNED", "CONFIRMED", "EXECUTED"] as const), { patient, doctor: pick([w.drA, w.drB]), serials: [] }),
        );
        continue;
      }
      if (roll < 0.08) {
        chain.advance(Math.floor(rand() * 10 * DAY));
        continue;
      }
      if (roll < 0.085 && !chain.state.get("lot", `${w.gtin}/L2`)!.recalled) {
        chain.ok(w.maker, "RecallLot", { gtin: w.gtin, lot: "L2" });
        continue;
      }
      const tc = pick(cases);
      const type = pick([...CARE_TYPES, "Transfer"] as const);
      // Mostly the party the type needs, sometimes the other one or a stranger.
      const role = type === "ConfirmPlan" ? tc.patient : ["ProposePlan", "RecordSurgery", "PostSummary"].includes(type) ? tc.doctor : undefined;
      const party = role && rand() < 0.8 ? role : rand() < 0.85 ? (rand() < 0.5 ? tc.doctor : tc.patient) : pick(people);
      const caseId = rand() < 0.95 ? tc.caseId : 10_000n;
      let code: string;
      const c = caseOf(w, tc.caseId);
      if (type === "ProposePlan") {
        const packs = Array.from({ length: Math.floor(rand() * 5) }, () => r.pack(serial()));
        code = await r.step(party, "ProposePlan", { caseId, packs, policyId: pick([0n, w.policyId, w.policyId, 9n]), planHash: h32(`plan-${i % 3}`) });
      } else if (type === "ConfirmPlan") {
        code = await r.step(party, "ConfirmPlan", { caseId, planHash: rand() < 0.9 ? (c.plan?.planHash ?? h32("none")) : h32("x") });
      } else if (type === "RecordSurgery") {
        const planned = c.plan?.packs ?? [];
        const packsUsed = planned.filter(() => rand() < 0.6);
        if (rand() < 0.1) packsUsed.push(r.pack(serial()));
        code = await r.step(party, "RecordSurgery", { caseId, recordHash: h32(i), packsUsed });
      } else if (type === "PostSummary") {
        code = await r.step(party, "PostSummary", { caseId, summaryHash: h32(i) });
      } else if (type === "ReportIncident") {
        code = await r.step(party, "ReportIncident", { caseId, complication: pick(complications), evidenceHash: h32(i) });
        if (code === "ok") incidents.push(chain.state.get("meta", "")!.nextIncidentId - 1n);
      } else if (type === "ProposeResolution" || type === "AcceptResolution") {
        const incidentId = incidents.length > 0 && rand() < 0.95 ? pick(incidents) : 5_000n;
        const incident = chain.state.get("incident", incidentId.toString());
        const proposal = incident?.proposal;
        const refund = type === "AcceptResolution" && proposal && rand() < 0.8 ? proposal.refund : pick([0n, ETH / 3n, 2n * ETH, 30n * ETH]);
        const resolutionHash = type === "AcceptResolution" && proposal && rand() < 0.8 ? proposal.resolutionHash : h32(`res-${refund}`);
        const ic = incident ? caseOf(w, incident.caseId) : undefined;
        const who = ic && rand() < 0.9 ? pick([ic.patient, ic.doctor]).toLowerCase() : party.address.toLowerCase();
        const signer = [...people].find((p) => p.address.toLowerCase() === who) ?? party;
        code = await r.step(signer, type, { incidentId, refund, resolutionHash });
      } else {
        code = await r.step(party, "Transfer", { to: pick(people).address, amount: pick([0n, 1n, ETH, 100n * ETH]) });
      }
      steps++;
      if (code === "ok") accepted++;
    }
    expect(steps).toBeGreaterThan(300);
    console.log(`care twin random sequence: ${steps} steps, ${accepted} accepted`);
    expect(accepted).toBeGreaterThan(60);
  });

  it("Should settle the heaviest care steps within one L1 transaction", async () => {
    const r = new CareRun(f, { measureGas: true });
    const { w, chain } = r;
    // 32 packs, each of its own lot, replaced by 32 others: 64 packs and 32 lots touched.
    const expiry = BigInt(chain.time + YEAR);
    const lotSerial = (i: number) => `${"S".repeat(14)}${String(i).padStart(6, "0")}`;
    for (let i = 0; i < 64; i++)
      chain.ok(w.maker, "RegisterMedicine", { gtin: w.gtin, lot: `LOT${String(i).padStart(17, "0")}`, expiry, serials: [lotSerial(i)] });
    const first = Array.from({ length: 32 }, (_, i) => r.pack(lotSerial(i)));
    const second = Array.from({ length: 32 }, (_, i) => r.pack(lotSerial(32 + i)));
    const tc = caseIn(w, "SCHEDULED");
    expect(await r.step(tc.doctor, "ProposePlan", { caseId: tc.caseId, packs: first, policyId: w.policyId, planHash: h32("1") }, "ProposePlan 32")).toBe("ok");
    expect(
      await r.step(tc.doctor, "ProposePlan", { caseId: tc.caseId, packs: second, policyId: w.policyId, planHash: h32("2") }, "ProposePlan 32 for 32"),
    ).toBe("ok");
    expect(await r.step(tc.patient, "ConfirmPlan", { caseId: tc.caseId, planHash: h32("2") }, "ConfirmPlan 32")).toBe("ok");
    chain.advance(7 * DAY);
    const max = [...second, ...Array.from({ length: 96 }, (_, i) => ({ gtin: w.gtin, serial: `Z${i}`.padEnd(20, "z") }))];
    expect(await r.step(tc.doctor, "RecordSurgery", { caseId: tc.caseId, recordHash: h32("r"), packsUsed: max }, "RecordSurgery 128 (32 planned)")).toBe(
      "PACK_NOT_IN_PLAN",
    );
    expect(
      await r.step(tc.doctor, "RecordSurgery", { caseId: tc.caseId, recordHash: h32("r"), packsUsed: second.slice(0, 16) }, "RecordSurgery 16 of 32"),
    ).toBe("ok");
    const dup = Array.from({ length: 128 }, () => r.pack(lotSerial(0)));
    expect(await r.step(tc.doctor, "PostSummary", { caseId: tc.caseId, summaryHash: h32("s") })).toBe("ok");
    const scheduled = caseIn(w, "SCHEDULED", { patient: w.patients[1] });
    expect(await r.step(scheduled.doctor, "ProposePlan", { caseId: scheduled.caseId, packs: dup, policyId: 0n, planHash: h32("d") }, "ProposePlan 128")).toBe(
      "INVALID_PLAN",
    );
    expect(
      await r.step(tc.patient, "ReportIncident", { caseId: tc.caseId, complication: "😷".repeat(32), evidenceHash: h32("e") }, "ReportIncident 128 bytes"),
    ).toBe("ok");
    const heaviest = r.twin.steps.reduce((a, b) => (b.gas > a.gas ? b : a));
    // The gas estimate prices calldata at 4/16 per byte; EIP-7623 prices a calldata-heavy call at
    // its floor, 21000 + 10 per token (a zero byte is one token, any other byte four).
    const floor = (data: Hex) => {
      const bytes = hexToBytes(data);
      const zeros = bytes.filter((b) => b === 0).length;
      return 21_000n + 10n * BigInt(zeros + 4 * (bytes.length - zeros));
    };
    for (const s of r.twin.steps) {
      console.log(`care twin gas ${s.label}: ${s.gas} (calldata ${(s.calldata.length - 2) / 2} bytes, EIP-7623 floor ${floor(s.calldata)})`);
      expect(s.gas > floor(s.calldata) ? s.gas : floor(s.calldata)).toBeLessThan(16_777_216n);
    }
    expect(heaviest.gas).toBeGreaterThan(4_000_000n);
    expect(caseOf(w, tc.caseId).status).toBe("EXECUTED");
  });

  it("Should have run every rule of every care type on both sides (the tests above)", () => {
    for (const type of CARE_TYPES) expect([...(seen.get(type) ?? [])].sort(), type).toEqual(expect.arrayContaining(EXPECTED[type]));
  });
});
