// Incidents, automatic insurance claims and two-party resolutions: success paths with the money
// they move, and every rejection rule.
import { describe, expect, it } from "vitest";
import { ETH, h32, TestChain, testGenesis } from "./testing/harness";
import { createWorld, DAY, type World } from "./testing/world";
import { caseIn, caseOf, doctorStats, policyOf, type TestCase } from "./testing/cases";
import { checkConservation } from "./testing/conservation";

function report(w: World, tc: TestCase, by: "patient" | "doctor", complication = "infection"): { incidentId: bigint; payout: bigint } {
  const r = w.chain.ok(by === "patient" ? tc.patient : tc.doctor, "ReportIncident", {
    caseId: tc.caseId,
    complication,
    evidenceHash: h32(`${by}-${complication}`),
  });
  return { incidentId: r.incidentId, payout: r.payout };
}

const incidentOf = (w: World, id: bigint) => w.chain.state.get("incident", id.toString())!;

/** A fresh world with a case in `status` and an incident the patient reported on it. */
function openIncident(status: "CONFIRMED" | "EXECUTED" | "CLOSED" = "EXECUTED", complication = "infection") {
  const w = createWorld();
  const tc = caseIn(w, status);
  return { w, tc, incidentId: report(w, tc, "patient", complication).incidentId };
}

const resolution = (incidentId: bigint, refund: bigint, label = "a") => ({ incidentId, refund, resolutionHash: h32(label) });

describe("# ReportIncident", () => {
  it("Should open an unattested incident when the patient reports, paying nothing yet", () => {
    const w = createWorld();
    const tc = caseIn(w, "EXECUTED");
    const { incidentId, payout } = report(w, tc, "patient");
    expect(payout).toBe(0n);
    expect(incidentOf(w, incidentId)).toMatchObject({ caseId: tc.caseId, reporter: tc.patient.address, attested: false, status: "OPEN", payout: 0n });
    expect(caseOf(w, tc.caseId)).toMatchObject({ openIncidents: 1, incidentIds: [incidentId] });
    expect(doctorStats(w).incidentsOpen).toBe(1);
  });

  it("Should pay the covered complication from the reserve when the doctor attests the patient's report", () => {
    const w = createWorld();
    const tc = caseIn(w, "EXECUTED");
    const before = w.chain.balance(tc.patient);
    const { incidentId } = report(w, tc, "patient");
    const attested = report(w, tc, "doctor");
    expect(attested).toEqual({ incidentId, payout: 2n * ETH });
    expect(incidentOf(w, incidentId)).toMatchObject({ attested: true, payout: 2n * ETH, status: "OPEN" });
    expect(w.chain.balance(tc.patient)).toBe(before + 2n * ETH);
    expect(policyOf(w)).toMatchObject({ reserve: 48n * ETH, paidOut: 2n * ETH });
    expect(caseOf(w, tc.caseId)).toMatchObject({ openIncidents: 1, claimedComplications: ["infection"] });
    expect(doctorStats(w).incidentsOpen).toBe(1);
    checkConservation(w.chain.state);
  });

  it("Should pay a covered complication the doctor reports first, and only once per case", () => {
    const w = createWorld();
    const tc = caseIn(w, "CLOSED");
    expect(report(w, tc, "doctor").payout).toBe(2n * ETH);
    expect(report(w, tc, "doctor").payout).toBe(0n);
    expect(report(w, tc, "patient").payout).toBe(0n);
    expect(policyOf(w).paidOut).toBe(2n * ETH);
    expect(caseOf(w, tc.caseId).openIncidents).toBe(3);
  });

  it("Should open but not pay a complication the policy does not list, or a case planned without insurance", () => {
    const w = createWorld();
    expect(report(w, caseIn(w, "EXECUTED"), "doctor", "scarring").payout).toBe(0n);
    expect(report(w, caseIn(w, "EXECUTED", { patient: w.patients[1], policyId: 0n }), "doctor").payout).toBe(0n);
    expect(policyOf(w).paidOut).toBe(0n);
  });

  it("Should not pay once the term's window has passed, but still open the incident", () => {
    const w = createWorld();
    const tc = caseIn(w, "EXECUTED");
    w.chain.advance(30 * DAY);
    expect(report(w, tc, "doctor").payout).toBe(2n * ETH);
    const late = caseIn(w, "EXECUTED", { patient: w.patients[1] });
    w.chain.advance(30 * DAY + 1);
    const { incidentId, payout } = report(w, late, "doctor");
    expect(payout).toBe(0n);
    expect(incidentOf(w, incidentId).status).toBe("OPEN");
  });

  it("Should cap a payout at what is left of the reserve", () => {
    const w = createWorld();
    const { policyId } = w.chain.ok(w.insurer, "PublishPolicy", {
      procedures: ["rhinoplasty"],
      terms: [
        { complication: "infection", payout: 3n * ETH, windowDays: 30 },
        { complication: "bleeding", payout: 3n * ETH, windowDays: 30 },
      ],
      premium: 0n,
      cap: 4n * ETH,
    });
    const tc = caseIn(w, "EXECUTED", { policyId });
    expect(report(w, tc, "doctor", "infection").payout).toBe(3n * ETH);
    expect(report(w, tc, "doctor", "bleeding").payout).toBe(ETH);
    expect(policyOf(w, policyId)).toMatchObject({ reserve: 0n, paidOut: 4n * ETH });
    const other = caseIn(w, "EXECUTED", { patient: w.patients[1], policyId });
    expect(report(w, other, "doctor", "infection").payout).toBe(0n);
    checkConservation(w.chain.state);
  });

  it("Should not pay a claim before the surgery is recorded: coverage starts with the surgery", () => {
    const w = createWorld();
    const tc = caseIn(w, "CONFIRMED");
    report(w, tc, "patient");
    expect(report(w, tc, "doctor").payout).toBe(0n);
    expect(policyOf(w).paidOut).toBe(0n);
    // Cancelling refunds the premium; had the claim paid, the insurer would have paid out for nothing.
    w.chain.ok(tc.patient, "CancelSurgery", { caseId: tc.caseId, reasonHash: h32("r") });
    expect(policyOf(w).reserve).toBe(50n * ETH);
    checkConservation(w.chain.state);
  });

  it("Should pay a complication reported before the surgery once the doctor attests it after the surgery", () => {
    const { w, tc, incidentId } = openIncident("CONFIRMED");
    w.chain.advance(7 * DAY);
    w.chain.ok(tc.doctor, "RecordSurgery", { caseId: tc.caseId, recordHash: h32("rec"), packsUsed: [] });
    expect(report(w, tc, "doctor")).toEqual({ incidentId, payout: 2n * ETH });
  });

  it("Should not let a third party report", () => {
    const w = createWorld();
    const tc = caseIn(w, "EXECUTED");
    expect(w.chain.fails(w.drB, "ReportIncident", { caseId: tc.caseId, complication: "infection", evidenceHash: h32("e") })).toBe("NOT_CASE_PARTY");
  });

  it.each(["", " infection", "x".repeat(65)])("Should not report the complication %j", (complication) => {
    const w = createWorld();
    const tc = caseIn(w, "EXECUTED");
    expect(w.chain.fails(tc.patient, "ReportIncident", { caseId: tc.caseId, complication, evidenceHash: h32("e") })).toBe("INVALID_FIELD");
  });

  it("Should not report after the incident window since the surgery", () => {
    const w = createWorld({ chain: new TestChain({ params: testGenesis({ incidentWindowSeconds: 10 * DAY }) }) });
    const tc = caseIn(w, "CLOSED");
    w.chain.advance(10 * DAY);
    report(w, tc, "patient", "swelling");
    w.chain.advance(1);
    expect(w.chain.fails(tc.patient, "ReportIncident", { caseId: tc.caseId, complication: "infection", evidenceHash: h32("e") })).toBe(
      "INCIDENT_WINDOW_CLOSED",
    );
    expect(doctorStats(w).incidentsOpen).toBe(1);
  });
});

describe("# ProposeResolution", () => {
  it("Should record the proposal, replacing an earlier one", () => {
    const { w, tc, incidentId } = openIncident();
    w.chain.ok(tc.patient, "ProposeResolution", resolution(incidentId, 3n * ETH));
    w.chain.ok(tc.doctor, "ProposeResolution", resolution(incidentId, ETH, "b"));
    expect(incidentOf(w, incidentId).proposal).toEqual({ proposer: tc.doctor.address, refund: ETH, resolutionHash: h32("b") });
  });

  it("Should not propose on an unknown incident", () => {
    const w = createWorld();
    expect(w.chain.fails(w.patients[0]!, "ProposeResolution", resolution(7n, 0n))).toBe("INCIDENT_NOT_FOUND");
  });

  it("Should not let a third party propose", () => {
    const { w, incidentId } = openIncident();
    expect(w.chain.fails(w.patients[1]!, "ProposeResolution", resolution(incidentId, 0n))).toBe("NOT_CASE_PARTY");
  });

  it("Should not propose on a resolved incident", () => {
    const { w, tc, incidentId } = openIncident();
    w.chain.ok(tc.doctor, "ProposeResolution", resolution(incidentId, 0n));
    w.chain.ok(tc.patient, "AcceptResolution", resolution(incidentId, 0n));
    expect(w.chain.fails(tc.patient, "ProposeResolution", resolution(incidentId, ETH, "b"))).toBe("INCIDENT_NOT_OPEN");
  });
});

describe("# AcceptResolution", () => {
  it("Should refund from the case's escrow first and resolve the incident", () => {
    const w = createWorld();
    const tc = caseIn(w, "EXECUTED");
    const before = w.chain.balance(tc.patient);
    const { incidentId } = report(w, tc, "patient");
    w.chain.ok(tc.doctor, "ProposeResolution", resolution(incidentId, 2n * ETH));
    expect(w.chain.ok(tc.patient, "AcceptResolution", resolution(incidentId, 2n * ETH)).refund).toBe(2n * ETH);
    expect(w.chain.balance(tc.patient)).toBe(before + 2n * ETH);
    expect(w.chain.balance(tc.doctor)).toBe(0n);
    expect(caseOf(w, tc.caseId)).toMatchObject({ escrow: 3n * ETH, openIncidents: 0 });
    expect(incidentOf(w, incidentId)).toMatchObject({ status: "RESOLVED", refund: 2n * ETH, resolvedAt: w.chain.time });
    expect(doctorStats(w)).toMatchObject({ incidentsOpen: 0, incidentsResolved: 1 });
    // The case can now be finalized: the open incident no longer blocks it.
    w.chain.advance(w.chain.state.params.closeTimeoutSeconds);
    w.chain.ok(tc.doctor, "FinalizeSurgery", { caseId: tc.caseId });
    expect(w.chain.balance(tc.doctor)).toBe(3n * ETH);
    checkConservation(w.chain.state);
  });

  it("Should take what the escrow does not cover from the doctor's balance", () => {
    const { w, tc, incidentId } = openIncident("CLOSED");
    w.chain.ok(tc.patient, "ProposeResolution", resolution(incidentId, 4n * ETH));
    w.chain.ok(tc.doctor, "AcceptResolution", resolution(incidentId, 4n * ETH));
    expect(w.chain.balance(tc.doctor)).toBe(ETH);
    checkConservation(w.chain.state);
  });

  it("Should not accept on an unknown incident", () => {
    const w = createWorld();
    expect(w.chain.fails(w.patients[0]!, "AcceptResolution", resolution(3n, 0n))).toBe("INCIDENT_NOT_FOUND");
  });

  it("Should not let a third party accept", () => {
    const { w, tc, incidentId } = openIncident();
    w.chain.ok(tc.patient, "ProposeResolution", resolution(incidentId, 0n));
    expect(w.chain.fails(w.drB, "AcceptResolution", resolution(incidentId, 0n))).toBe("NOT_CASE_PARTY");
  });

  it("Should not accept when nothing was proposed", () => {
    const { w, tc, incidentId } = openIncident();
    expect(w.chain.fails(tc.doctor, "AcceptResolution", resolution(incidentId, 0n))).toBe("NO_RESOLUTION_PROPOSED");
  });

  it("Should not let the proposer accept their own proposal", () => {
    const { w, tc, incidentId } = openIncident();
    w.chain.ok(tc.patient, "ProposeResolution", resolution(incidentId, ETH));
    expect(w.chain.fails(tc.patient, "AcceptResolution", resolution(incidentId, ETH))).toBe("NOT_COUNTERPARTY");
  });

  it("Should not accept a resolution whose hash changed since it was read", () => {
    const { w, tc, incidentId } = openIncident();
    w.chain.ok(tc.patient, "ProposeResolution", resolution(incidentId, ETH));
    expect(w.chain.fails(tc.doctor, "AcceptResolution", resolution(incidentId, ETH, "b"))).toBe("RESOLUTION_MISMATCH");
  });

  it("Should not accept a refund other than the one the acceptor signed, even under the same hash", () => {
    const w = createWorld();
    const tc = caseIn(w, "CLOSED");
    w.chain.deposit(tc.doctor, 100n * ETH);
    const { incidentId } = report(w, tc, "patient");
    w.chain.ok(tc.patient, "ProposeResolution", resolution(incidentId, ETH));
    // The patient swaps the amount under the same hash before the doctor's acceptance lands.
    w.chain.ok(tc.patient, "ProposeResolution", resolution(incidentId, 90n * ETH));
    expect(w.chain.fails(tc.doctor, "AcceptResolution", resolution(incidentId, ETH))).toBe("RESOLUTION_MISMATCH");
    expect(w.chain.balance(tc.doctor)).toBe(105n * ETH);
  });

  it("Should not accept a resolution on a resolved incident", () => {
    const { w, tc, incidentId } = openIncident();
    w.chain.ok(tc.patient, "ProposeResolution", resolution(incidentId, 0n));
    w.chain.ok(tc.doctor, "AcceptResolution", resolution(incidentId, 0n));
    expect(w.chain.fails(tc.doctor, "AcceptResolution", resolution(incidentId, 0n))).toBe("INCIDENT_NOT_OPEN");
    expect(doctorStats(w)).toMatchObject({ incidentsOpen: 0, incidentsResolved: 1 });
  });

  it("Should not accept a refund the escrow and the doctor's balance cannot cover", () => {
    const { w, tc, incidentId } = openIncident("CLOSED");
    w.chain.ok(tc.patient, "ProposeResolution", resolution(incidentId, 5n * ETH + 1n));
    expect(w.chain.fails(tc.doctor, "AcceptResolution", resolution(incidentId, 5n * ETH + 1n))).toBe("INSUFFICIENT_BALANCE");
    expect(w.chain.balance(tc.doctor)).toBe(5n * ETH);
    expect(incidentOf(w, incidentId).status).toBe("OPEN");
  });

  it("Should let a resolution refund the patient of a cancelled case from the doctor's balance", () => {
    const { w, tc, incidentId } = openIncident("CONFIRMED", "allergy");
    w.chain.ok(tc.doctor, "CancelSurgery", { caseId: tc.caseId, reasonHash: h32("r") });
    w.chain.deposit(tc.doctor, ETH);
    w.chain.ok(tc.doctor, "ProposeResolution", resolution(incidentId, ETH));
    w.chain.ok(tc.patient, "AcceptResolution", resolution(incidentId, ETH));
    expect(w.chain.balance(tc.patient)).toBe(21n * ETH);
    expect(doctorStats(w).incidentsOpen).toBe(0);
    checkConservation(w.chain.state);
  });
});
