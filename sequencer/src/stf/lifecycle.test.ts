// The paper's full story as one scripted walk, checking every balance and stat at the end.
import { describe, expect, it } from "vitest";
import { ETH, h32 } from "./testing/harness";
import { createWorld, DAY, scheduleCase } from "./testing/world";
import { checkConservation } from "./testing/conservation";

describe("surgery lifecycle (full story)", () => {
  it("Should run propose → close with plan, insurance, incident and payout, plus a no-show and a late cancellation", () => {
    const w = createWorld();
    const { chain, drA, drB, maker, insurer, gtin, policyId } = w;
    const [p1, p2, p3] = w.patients as [(typeof w.patients)[0], (typeof w.patients)[0], (typeof w.patients)[0]];

    // Case 1: the complete lifecycle.
    const c1 = scheduleCase(w, p1, drA);
    chain.ok(maker, "RecallLot", { gtin, lot: "L2" });
    expect(chain.fails(drA, "ProposePlan", { caseId: c1, packs: [{ gtin, serial: "L2-0" }], policyId, planHash: h32("plan") })).toBe("MEDICINE_RECALLED");
    const packs = [
      { gtin, serial: "L1-0" },
      { gtin, serial: "L1-1" },
    ];
    chain.ok(drA, "ProposePlan", { caseId: c1, packs, policyId, planHash: h32("plan") });
    expect(chain.state.get("pack", `${gtin}/L1-0`)!.status).toBe("RESERVED");
    chain.ok(p1, "ConfirmPlan", { caseId: c1, planHash: h32("plan") });
    chain.advance(7 * DAY);
    chain.ok(drA, "RecordSurgery", { caseId: c1, recordHash: h32("record"), packsUsed: [{ gtin, serial: "L1-0" }] });
    expect(chain.state.get("pack", `${gtin}/L1-0`)!.status).toBe("DISPENSED");
    expect(chain.state.get("pack", `${gtin}/L1-1`)!.status).toBe("ACTIVE");
    chain.ok(drA, "PostSummary", { caseId: c1, summaryHash: h32("summary") });
    const { incidentId, payout } = chain.ok(drA, "ReportIncident", { caseId: c1, complication: "infection", evidenceHash: h32("evidence") });
    expect(payout).toBe(2n * ETH);
    chain.ok(drA, "ProposeResolution", { incidentId, refund: 0n, resolutionHash: h32("resolution") });
    chain.ok(p1, "AcceptResolution", { incidentId, refund: 0n, resolutionHash: h32("resolution") });
    chain.ok(p1, "CloseSurgery", { caseId: c1, reviewCommitment: 12345n });
    expect(chain.state.reviewTree.size).toBe(1);

    // Case 2: a no-show.
    const c2 = scheduleCase(w, p2, drB);
    chain.advance(7 * DAY + chain.state.params.noShowGraceSeconds);
    chain.ok(drB, "MarkNoShow", { caseId: c2 });

    // Case 3: a late cancellation by the patient (inside the 2-day free window → 50% fee).
    const c3 = scheduleCase(w, p3, drA, { inSeconds: 3 * DAY });
    chain.advance(2 * DAY);
    const { fee } = chain.ok(p3, "CancelSurgery", { caseId: c3, reasonHash: h32("reason") });
    expect(fee).toBe(ETH / 2n);

    // Balances: every wei accounted for.
    expect(chain.balance(p1)).toBe(20n * ETH - 5n * ETH - ETH / 10n + 2n * ETH);
    expect(chain.balance(p2)).toBe(19n * ETH);
    expect(chain.balance(p3)).toBe(19n * ETH + ETH / 2n);
    expect(chain.balance(drA)).toBe(5n * ETH + ETH / 2n);
    expect(chain.balance(drB)).toBe(ETH);
    expect(chain.balance(insurer)).toBe(50n * ETH + ETH / 10n);
    const policy = chain.state.get("policy", policyId.toString())!;
    expect(policy.reserve).toBe(48n * ETH);
    expect(policy.paidOut).toBe(2n * ETH);
    checkConservation(chain.state);

    // Stats.
    const a = chain.state.get("doctor", drA.address)!.stats;
    expect(a.cases.CLOSED).toBe(1);
    expect(a.cases.CANCELLED).toBe(1);
    expect(a.cases.PROPOSED + a.cases.OFFERED + a.cases.SCHEDULED + a.cases.PLANNED + a.cases.CONFIRMED + a.cases.EXECUTED).toBe(0);
    expect(a.incidentsOpen).toBe(0);
    expect(a.incidentsResolved).toBe(1);
    expect(a.cancellationsByDoctor).toBe(0);
    expect(chain.state.get("doctor", drB.address)!.stats.cases.NO_SHOW).toBe(1);
    expect(chain.state.get("patient", p1.address)).toMatchObject({ proposals: 1, closed: 1, noShows: 0 });
    expect(chain.state.get("patient", p2.address)).toMatchObject({ proposals: 1, noShows: 1 });
    expect(chain.state.get("patient", p3.address)).toMatchObject({ proposals: 1, cancellations: 1, lateCancellations: 1 });
    expect(chain.state.get("case", c1.toString())!.status).toBe("CLOSED");
    expect(chain.state.get("case", c2.toString())!.status).toBe("NO_SHOW");
    expect(chain.state.get("case", c3.toString())!.status).toBe("CANCELLED");
  });
});

describe("cancellation after the appointment", () => {
  it("Should not let a patient cancel between the appointment and the close timeout, then refund in full against the doctor", () => {
    const w = createWorld();
    const { chain, drA } = w;
    const p1 = w.patients[0]!;
    const caseId = scheduleCase(w, p1, drA, { inSeconds: DAY });
    const before = chain.balance(p1);
    chain.advance(DAY + 1);
    expect(chain.fails(p1, "CancelSurgery", { caseId, reasonHash: h32("late") })).toBe("INVALID_TIME");
    chain.advance(chain.state.params.closeTimeoutSeconds);
    chain.ok(p1, "CancelSurgery", { caseId, reasonHash: h32("abandoned") });
    expect(chain.balance(p1)).toBe(before + ETH);
    expect(chain.state.get("doctor", drA.address)!.stats.cancellationsByDoctor).toBe(1);
    expect(chain.state.get("patient", p1.address)!.cancellations).toBe(0);
    checkConservation(chain.state);
  });
});
