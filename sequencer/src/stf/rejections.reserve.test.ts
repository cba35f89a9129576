// ReleaseReserve: an insurer closes its policy and takes its reserve back once no case bound to
// the policy can claim; every rejection rule, and the claims a closed policy still pays.
import { describe, expect, it } from "vitest";
import { actor, ETH, h32, TestChain, testGenesis } from "./testing/harness";
import { createWorld, DAY, type World } from "./testing/world";
import { caseIn, policyOf, type TestCase } from "./testing/cases";
import { checkConservation } from "./testing/conservation";
import { checkInvariants, checkReleasedReserves } from "./testing/invariants";

/** The world's policy pays 2 ETH for an infection within 30 days (the incident window is longer): its claims end 30 days after the surgery. */
const HORIZON = 30 * DAY;

const release = (w: World, policyId: bigint = w.policyId) => w.chain.ok(w.insurer, "ReleaseReserve", { policyId });
const refused = (w: World, policyId: bigint = w.policyId) => w.chain.fails(w.insurer, "ReleaseReserve", { policyId });
const attest = (w: World, tc: TestCase, complication = "infection") =>
  w.chain.ok(tc.doctor, "ReportIncident", { caseId: tc.caseId, complication, evidenceHash: h32(complication) }).payout as bigint;

function checkBooks(w: World): void {
  checkConservation(w.chain.state);
  checkInvariants(w.chain.state);
  checkReleasedReserves(w.chain.state, w.chain.time);
}

describe("# ReleaseReserve", () => {
  it("Should close a policy no case ever bound and return its whole reserve to the insurer", () => {
    const w = createWorld();
    const before = w.chain.balance(w.insurer);
    expect(release(w)).toEqual({ released: 50n * ETH });
    expect(w.chain.balance(w.insurer)).toBe(before + 50n * ETH);
    expect(policyOf(w)).toMatchObject({ closed: true, reserve: 0n, released: 50n * ETH, paidOut: 0n, cap: 50n * ETH });
    checkBooks(w);
  });

  it("Should release the reserve of a policy whose bound cases all left before their surgery", () => {
    const w = createWorld();
    const cancelled = caseIn(w, "CONFIRMED");
    const noShow = caseIn(w, "CONFIRMED", { patient: w.patients[1] });
    expect(policyOf(w).pendingCases).toBe(2);
    w.chain.ok(cancelled.doctor, "CancelSurgery", { caseId: cancelled.caseId, reasonHash: h32("r") });
    w.chain.advance(7 * DAY + w.chain.state.params.noShowGraceSeconds);
    w.chain.ok(noShow.doctor, "MarkNoShow", { caseId: noShow.caseId });
    expect(policyOf(w)).toMatchObject({ pendingCases: 0, boundCases: 0, lastSurgeryAt: null });
    expect(release(w).released).toBe(50n * ETH);
    checkBooks(w);
  });

  it("Should only close the policy, releasing nothing, while a bound case awaits its surgery, and keep paying its claim", () => {
    const w = createWorld();
    const tc = caseIn(w, "CONFIRMED");
    const before = w.chain.balance(w.insurer);
    expect(release(w)).toEqual({ released: 0n });
    expect(policyOf(w)).toMatchObject({ closed: true, reserve: 50n * ETH, released: 0n, pendingCases: 1 });
    expect(w.chain.balance(w.insurer)).toBe(before);
    expect(refused(w)).toBe("POLICY_CLAIMS_OPEN");
    w.chain.advance(7 * DAY);
    w.chain.ok(tc.doctor, "RecordSurgery", { caseId: tc.caseId, recordHash: h32("rec"), packsUsed: [] });
    expect(policyOf(w)).toMatchObject({ pendingCases: 0, lastSurgeryAt: w.chain.time });
    const surgeryAt = w.chain.time;
    expect(refused(w)).toBe("POLICY_CLAIMS_OPEN");
    // The last moment the term allows: the claim is paid in full from the closed policy.
    w.chain.advance(HORIZON);
    expect(refused(w)).toBe("POLICY_CLAIMS_OPEN");
    expect(attest(w, tc)).toBe(2n * ETH);
    expect(w.chain.time).toBe(surgeryAt + HORIZON);
    w.chain.advance(1);
    expect(release(w)).toEqual({ released: 48n * ETH });
    expect(policyOf(w)).toMatchObject({ reserve: 0n, paidOut: 2n * ETH, released: 48n * ETH });
    checkBooks(w);
  });

  it("Should wait for the claim window of the latest surgery among several bound cases", () => {
    const w = createWorld();
    const first = caseIn(w, "EXECUTED");
    w.chain.advance(10 * DAY);
    const second = caseIn(w, "EXECUTED", { patient: w.patients[1] });
    const secondAt = w.chain.time;
    expect(policyOf(w).lastSurgeryAt).toBe(secondAt);
    expect(release(w).released).toBe(0n);
    w.chain.advance(HORIZON - 10 * DAY + 1);
    // The first case's window is over, the second's is not: it still claims in full.
    expect(attest(w, first)).toBe(0n);
    expect(refused(w)).toBe("POLICY_CLAIMS_OPEN");
    expect(attest(w, second)).toBe(2n * ETH);
    w.chain.advance(secondAt + HORIZON + 1 - w.chain.time);
    expect(release(w).released).toBe(48n * ETH);
    checkBooks(w);
  });

  it("Should end a policy's claims with the incident window when it is shorter than the longest term", () => {
    const chain = new TestChain({ params: testGenesis({ incidentWindowSeconds: 10 * DAY }) });
    const w = createWorld({ chain });
    const tc = caseIn(w, "EXECUTED");
    const surgeryAt = w.chain.time;
    w.chain.advance(10 * DAY);
    expect(release(w).released).toBe(0n);
    expect(refused(w)).toBe("POLICY_CLAIMS_OPEN");
    w.chain.advance(1);
    // No report is possible any more, so no claim: the reserve comes back.
    expect(w.chain.fails(tc.doctor, "ReportIncident", { caseId: tc.caseId, complication: "infection", evidenceHash: h32("x") })).toBe("INCIDENT_WINDOW_CLOSED");
    expect(w.chain.time).toBe(surgeryAt + 10 * DAY + 1);
    expect(release(w).released).toBe(50n * ETH);
    checkBooks(w);
  });

  it("Should reject new plans and confirmations on a closed policy, and let the doctor plan again without it", () => {
    const w = createWorld();
    const planned = caseIn(w, "PLANNED");
    const scheduled = caseIn(w, "SCHEDULED", { patient: w.patients[1] });
    release(w);
    expect(w.chain.fails(planned.patient, "ConfirmPlan", { caseId: planned.caseId, planHash: planned.planHash })).toBe("POLICY_CLOSED");
    const plan = { caseId: scheduled.caseId, packs: scheduled.packs, planHash: scheduled.planHash };
    expect(w.chain.fails(scheduled.doctor, "ProposePlan", { ...plan, policyId: w.policyId })).toBe("POLICY_CLOSED");
    w.chain.ok(planned.doctor, "ProposePlan", { caseId: planned.caseId, packs: planned.packs, policyId: 0n, planHash: h32("uninsured") });
    w.chain.ok(planned.patient, "ConfirmPlan", { caseId: planned.caseId, planHash: h32("uninsured") });
    expect(policyOf(w)).toMatchObject({ boundCases: 0, pendingCases: 0 });
    checkBooks(w);
  });

  it("Should reject a release of an unknown policy", () => {
    const w = createWorld();
    expect(refused(w, 0n)).toBe("POLICY_NOT_FOUND");
    expect(refused(w, 2n)).toBe("POLICY_NOT_FOUND");
  });

  it("Should reject a release by anyone but the policy's insurer, another insurer included", () => {
    const w = createWorld();
    const other = actor("other-insurer");
    w.chain.ok(w.insReg, "AdmitParticipant", { account: other.address, role: 2, active: true });
    for (const who of [other, w.drA, w.insReg]) expect(w.chain.fails(who, "ReleaseReserve", { policyId: w.policyId })).toBe("NOT_AUTHORIZED");
    expect(policyOf(w)).toMatchObject({ closed: false, reserve: 50n * ETH });
  });

  it("Should reject a second release once the reserve is back with the insurer", () => {
    const w = createWorld();
    release(w);
    expect(refused(w)).toBe("RESERVE_EMPTY");
  });

  it("Should reject a release of a closed policy whose claims used up the reserve, and close one that is still open", () => {
    const w = createWorld();
    const { policyId } = w.chain.ok(w.insurer, "PublishPolicy", {
      procedures: ["rhinoplasty"],
      terms: [{ complication: "infection", payout: 2n * ETH, windowDays: 1 }],
      premium: 0n,
      cap: 2n * ETH,
    });
    const tc = caseIn(w, "EXECUTED", { policyId });
    expect(attest(w, tc)).toBe(2n * ETH);
    // Open, with claims still possible: the release only closes it.
    expect(release(w, policyId)).toEqual({ released: 0n });
    expect(refused(w, policyId)).toBe("RESERVE_EMPTY");
    w.chain.advance(2 * DAY);
    expect(refused(w, policyId)).toBe("RESERVE_EMPTY");
    expect(policyOf(w, policyId)).toMatchObject({ closed: true, reserve: 0n, paidOut: 2n * ETH, released: 0n });
    checkBooks(w);
  });
});
