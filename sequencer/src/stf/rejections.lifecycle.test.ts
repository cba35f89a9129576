// Every lifecycle transaction: its success with the state it leaves, and every rule it rejects by.
import { describe, expect, it } from "vitest";
import { CASE_STATUSES, type CaseStatus } from "../state";
import type { SignedTxType } from "../protocol";
import { SNARK_SCALAR_FIELD } from "../protocol";
import { REVIEW_TREE_CAPACITY } from "./handlers/close";
import { actor, ETH, gtin, h32, TestChain, testGenesis, type Actor } from "./testing/harness";
import { createWorld, DAY, YEAR, scheduleCase, type World } from "./testing/world";
import { caseIn, caseOf, doctorStats, packOf, patientStats, policyOf, type TestCase } from "./testing/cases";
import { checkConservation } from "./testing/conservation";

const HOUR = 3_600;
const later = (w: World, seconds: number) => BigInt(w.chain.time + seconds);

/** A registered doctor whose license the test controls (none until attested). */
function newDoctor(w: World, name = "dr-new"): Actor {
  const dr = actor(name);
  w.chain.ok(dr, "RegisterDoctor", { specialties: ["rhinoplasty"], latE6: 0, lonE6: 0, acceptedInsurers: [w.insurer.address], profileHash: h32(name) });
  return dr;
}

function attest(w: World, dr: Actor, status: number, expiresAt = later(w, YEAR)): void {
  w.chain.ok(w.board, "AttestLicense", { doctor: dr.address, jurisdiction: "US-NY", licenseNumberHash: h32(`lic-${dr.name}`), npi: "", status, expiresAt });
}

function propose(w: World, patient: Actor, doctor: Actor, requestedTime = later(w, 7 * DAY)): bigint {
  return w.chain.ok(patient, "ProposeSurgery", { doctor: doctor.address, procedure: "rhinoplasty", requestedTime, detailsHash: h32("details") }).caseId;
}

function offerMessage(
  caseId: bigint,
  appointmentTime: bigint,
  terms: { deposit?: bigint; price?: bigint; freeCancelBefore?: number; lateCancelFeeBps?: number } = {},
) {
  return {
    caseId,
    appointmentTime,
    deposit: terms.deposit ?? ETH,
    price: terms.price ?? 5n * ETH,
    freeCancelBefore: terms.freeCancelBefore ?? 2 * DAY,
    lateCancelFeeBps: terms.lateCancelFeeBps ?? 5_000,
  };
}

describe("# ProposeSurgery", () => {
  it("Should open a PROPOSED case and count it for the doctor, the patient and their relation", () => {
    const w = createWorld();
    const [p1] = w.patients;
    const time = later(w, 7 * DAY);
    const caseId = propose(w, p1!, w.drA, time);
    expect(caseId).toBe(1n);
    expect(caseOf(w, caseId)).toMatchObject({
      status: "PROPOSED",
      patient: p1!.address,
      doctor: w.drA.address,
      requestedTime: time,
      appointmentTime: time,
      escrow: 0n,
    });
    expect(doctorStats(w).cases.PROPOSED).toBe(1);
    expect(patientStats(w)!.proposals).toBe(1);
    expect(w.chain.state.get("relation", `${w.drA.address}:${p1!.address}`)).toEqual({ cases: 1 });
    expect(w.chain.state.get("meta", "")!.nextCaseId).toBe(2n);
  });

  it("Should not propose if the doctor is not registered", () => {
    const w = createWorld();
    expect(
      w.chain.fails(w.patients[0]!, "ProposeSurgery", {
        doctor: actor("nobody").address,
        procedure: "rhinoplasty",
        requestedTime: later(w, DAY),
        detailsHash: h32("d"),
      }),
    ).toBe("NOT_DOCTOR");
  });

  it("Should not let a doctor propose a surgery to themselves", () => {
    const w = createWorld();
    expect(
      w.chain.fails(w.drA, "ProposeSurgery", { doctor: w.drA.address, procedure: "rhinoplasty", requestedTime: later(w, DAY), detailsHash: h32("d") }),
    ).toBe("SELF_DEALING");
  });

  it.each(["", " rhinoplasty", "x".repeat(65)])("Should not propose if the procedure is %j", (procedure) => {
    const w = createWorld();
    expect(w.chain.fails(w.patients[0]!, "ProposeSurgery", { doctor: w.drA.address, procedure, requestedTime: later(w, DAY), detailsHash: h32("d") })).toBe(
      "INVALID_FIELD",
    );
  });

  it.each([0, -1])("Should not propose if the requested time is now%+d seconds", (offset) => {
    const w = createWorld();
    expect(
      w.chain.fails(w.patients[0]!, "ProposeSurgery", {
        doctor: w.drA.address,
        procedure: "rhinoplasty",
        requestedTime: later(w, offset),
        detailsHash: h32("d"),
      }),
    ).toBe("INVALID_TIME");
    expect(w.chain.state.get("meta", "")!.nextCaseId).toBe(1n);
  });
});

describe("# OfferSchedule", () => {
  it("Should store the terms, move the case to OFFERED and the doctor's count with it", () => {
    const w = createWorld();
    const caseId = propose(w, w.patients[0]!, w.drA);
    const appointment = later(w, 10 * DAY);
    w.chain.ok(w.drA, "OfferSchedule", offerMessage(caseId, appointment, { deposit: 5n * ETH, lateCancelFeeBps: 10_000 }));
    const c = caseOf(w, caseId);
    expect(c.status).toBe("OFFERED");
    expect(c.appointmentTime).toBe(appointment);
    expect(c.offer).toEqual({ appointmentTime: appointment, deposit: 5n * ETH, price: 5n * ETH, freeCancelBefore: 2 * DAY, lateCancelFeeBps: 10_000 });
    expect(doctorStats(w).cases).toMatchObject({ PROPOSED: 0, OFFERED: 1 });
  });

  it("Should not offer on an unknown case", () => {
    const w = createWorld();
    expect(w.chain.fails(w.drA, "OfferSchedule", offerMessage(99n, later(w, DAY)))).toBe("CASE_NOT_FOUND");
  });

  it("Should not let anyone but the case's doctor offer", () => {
    const w = createWorld();
    const caseId = propose(w, w.patients[0]!, w.drA);
    expect(w.chain.fails(w.drB, "OfferSchedule", offerMessage(caseId, later(w, DAY)))).toBe("NOT_CASE_DOCTOR");
    expect(w.chain.fails(w.patients[0]!, "OfferSchedule", offerMessage(caseId, later(w, DAY)))).toBe("NOT_CASE_DOCTOR");
    expect(caseOf(w, caseId).status).toBe("PROPOSED");
  });

  it("Should not offer if the doctor has no license", () => {
    const w = createWorld();
    const dr = newDoctor(w);
    const caseId = propose(w, w.patients[0]!, dr);
    expect(w.chain.fails(dr, "OfferSchedule", offerMessage(caseId, later(w, DAY)))).toBe("LICENSE_MISSING");
  });

  it.each([
    [2, "SUSPENDED"],
    [3, "REVOKED"],
  ])("Should not offer if the license is %s (%s)", (status) => {
    const w = createWorld();
    const dr = newDoctor(w);
    attest(w, dr, status);
    const caseId = propose(w, w.patients[0]!, dr);
    expect(w.chain.fails(dr, "OfferSchedule", offerMessage(caseId, later(w, 2 * DAY)))).toBe("LICENSE_INACTIVE");
    attest(w, dr, 1);
    w.chain.ok(dr, "OfferSchedule", offerMessage(caseId, later(w, 2 * DAY)));
    expect(caseOf(w, caseId).status).toBe("OFFERED");
  });

  it("Should not offer once the license has expired (at its expiry second)", () => {
    const w = createWorld();
    const dr = newDoctor(w);
    attest(w, dr, 1, later(w, DAY));
    const caseId = propose(w, w.patients[0]!, dr, later(w, 10 * DAY));
    w.chain.advance(DAY - 1);
    w.chain.ok(dr, "OfferSchedule", offerMessage(caseId, later(w, 9 * DAY)));
    const second = propose(w, w.patients[1]!, dr, later(w, 10 * DAY));
    w.chain.advance(1);
    expect(w.chain.fails(dr, "OfferSchedule", offerMessage(second, later(w, 9 * DAY)))).toBe("LICENSE_EXPIRED");
  });

  it("Should not offer an appointment that is not in the future", () => {
    const w = createWorld();
    const caseId = propose(w, w.patients[0]!, w.drA);
    expect(w.chain.fails(w.drA, "OfferSchedule", offerMessage(caseId, later(w, 0)))).toBe("INVALID_TIME");
  });

  it.each([
    ["a zero price", { price: 0n, deposit: 0n }],
    ["a deposit above the price", { price: ETH, deposit: ETH + 1n }],
    ["a fee above 100%", { lateCancelFeeBps: 10_001 }],
  ])("Should not offer %s", (_, terms) => {
    const w = createWorld();
    const caseId = propose(w, w.patients[0]!, w.drA);
    expect(w.chain.fails(w.drA, "OfferSchedule", offerMessage(caseId, later(w, DAY), terms))).toBe("INVALID_TERMS");
  });
});

describe("# AcceptOffer", () => {
  it("Should move the deposit from the patient into escrow and schedule the case", () => {
    const w = createWorld();
    const { caseId, patient } = caseIn(w, "OFFERED");
    w.chain.ok(patient, "AcceptOffer", { caseId });
    expect(caseOf(w, caseId)).toMatchObject({ status: "SCHEDULED", escrow: ETH });
    expect(w.chain.balance(patient)).toBe(19n * ETH);
    expect(doctorStats(w).cases).toMatchObject({ OFFERED: 0, SCHEDULED: 1 });
    checkConservation(w.chain.state);
  });

  it("Should not let anyone but the case's patient accept", () => {
    const w = createWorld();
    const { caseId } = caseIn(w, "OFFERED");
    expect(w.chain.fails(w.patients[1]!, "AcceptOffer", { caseId })).toBe("NOT_CASE_PATIENT");
    expect(w.chain.fails(w.drA, "AcceptOffer", { caseId })).toBe("NOT_CASE_PATIENT");
  });

  it("Should not accept an offer whose appointment has passed", () => {
    const w = createWorld();
    const { caseId, patient } = caseIn(w, "OFFERED");
    w.chain.advance(7 * DAY);
    expect(w.chain.fails(patient, "AcceptOffer", { caseId })).toBe("INVALID_TIME");
  });

  it("Should not accept if the patient cannot pay the deposit", () => {
    const w = createWorld();
    const poor = actor("poor");
    w.chain.deposit(poor, ETH - 1n);
    const { caseId } = caseIn(w, "OFFERED", { patient: poor });
    expect(w.chain.fails(poor, "AcceptOffer", { caseId })).toBe("INSUFFICIENT_BALANCE");
    expect(w.chain.balance(poor)).toBe(ETH - 1n);
    expect(caseOf(w, caseId)).toMatchObject({ status: "OFFERED", escrow: 0n });
  });
});

describe("# RequestReschedule / AcceptReschedule", () => {
  it.each(["patient", "doctor"] as const)("Should move the appointment when the %s asks and the other accepts", (requester) => {
    const w = createWorld();
    const { caseId, patient, doctor } = caseIn(w, "SCHEDULED");
    const [asker, accepter] = requester === "patient" ? [patient, doctor] : [doctor, patient];
    const newTime = later(w, 20 * DAY);
    w.chain.ok(asker, "RequestReschedule", { caseId, newTime });
    expect(caseOf(w, caseId).reschedule).toEqual({ requester: asker.address, newTime });
    const { appointmentTime } = w.chain.ok(accepter, "AcceptReschedule", { caseId });
    expect(appointmentTime).toBe(newTime);
    expect(caseOf(w, caseId)).toMatchObject({ status: "SCHEDULED", appointmentTime: newTime, reschedule: null, reschedules: 1 });
    expect(patientStats(w, patient)!.reschedules).toBe(requester === "patient" ? 1 : 0);
  });

  it("Should not let a third party request or accept a reschedule", () => {
    const w = createWorld();
    const { caseId, patient } = caseIn(w, "SCHEDULED");
    expect(w.chain.fails(w.drB, "RequestReschedule", { caseId, newTime: later(w, 20 * DAY) })).toBe("NOT_CASE_PARTY");
    w.chain.ok(patient, "RequestReschedule", { caseId, newTime: later(w, 20 * DAY) });
    expect(w.chain.fails(w.patients[1]!, "AcceptReschedule", { caseId })).toBe("NOT_CASE_PARTY");
  });

  it("Should not request a new time that is not in the future", () => {
    const w = createWorld();
    const { caseId, patient } = caseIn(w, "SCHEDULED");
    expect(w.chain.fails(patient, "RequestReschedule", { caseId, newTime: later(w, 0) })).toBe("INVALID_TIME");
  });

  it("Should not accept when nothing was requested", () => {
    const w = createWorld();
    const { caseId, doctor } = caseIn(w, "SCHEDULED");
    expect(w.chain.fails(doctor, "AcceptReschedule", { caseId })).toBe("NO_PENDING_RESCHEDULE");
  });

  it("Should not let the requester accept their own request", () => {
    const w = createWorld();
    const { caseId, patient } = caseIn(w, "SCHEDULED");
    w.chain.ok(patient, "RequestReschedule", { caseId, newTime: later(w, 20 * DAY) });
    expect(w.chain.fails(patient, "AcceptReschedule", { caseId })).toBe("RESCHEDULE_BY_REQUESTER");
  });

  it("Should not accept a requested time that has passed meanwhile", () => {
    const w = createWorld();
    const { caseId, patient, doctor } = caseIn(w, "SCHEDULED");
    w.chain.ok(patient, "RequestReschedule", { caseId, newTime: later(w, DAY) });
    w.chain.advance(DAY);
    expect(w.chain.fails(doctor, "AcceptReschedule", { caseId })).toBe("INVALID_TIME");
    expect(caseOf(w, caseId).reschedules).toBe(0);
  });
});

describe("# CancelSurgery", () => {
  it("Should cancel a proposal with nothing to refund and count it against the patient", () => {
    const w = createWorld();
    const { caseId, patient } = caseIn(w, "CANCELLED");
    expect(caseOf(w, caseId)).toMatchObject({ status: "CANCELLED", cancelledBy: "patient", escrow: 0n });
    expect(patientStats(w, patient)).toMatchObject({ cancellations: 1, lateCancellations: 0 });
    expect(w.chain.balance(patient)).toBe(20n * ETH);
  });

  it("Should refund the whole deposit when the patient cancels before the free-cancellation limit", () => {
    const w = createWorld();
    const { caseId, patient, doctor } = caseIn(w, "SCHEDULED");
    w.chain.advance(5 * DAY - 1);
    const { fee, refunded } = w.chain.ok(patient, "CancelSurgery", { caseId, reasonHash: h32("r") });
    expect([fee, refunded]).toEqual([0n, ETH]);
    expect(w.chain.balance(patient)).toBe(20n * ETH);
    expect(w.chain.balance(doctor)).toBe(0n);
    expect(patientStats(w, patient)).toMatchObject({ cancellations: 1, lateCancellations: 0 });
  });

  it("Should keep the agreed fee of the full price and refund the premium when the patient cancels a confirmed case late", () => {
    const w = createWorld();
    const { caseId, patient, doctor, packs } = caseIn(w, "CONFIRMED");
    expect(policyOf(w).boundCases).toBe(1);
    w.chain.advance(6 * DAY);
    const { fee, refunded } = w.chain.ok(patient, "CancelSurgery", { caseId, reasonHash: h32("r") });
    expect(fee).toBe((5n * ETH) / 2n);
    expect(refunded).toBe((5n * ETH) / 2n + ETH / 10n);
    expect(w.chain.balance(doctor)).toBe((5n * ETH) / 2n);
    expect(w.chain.balance(patient)).toBe(20n * ETH - (5n * ETH) / 2n);
    expect(caseOf(w, caseId)).toMatchObject({ status: "CANCELLED", escrow: 0n, premiumEscrow: 0n });
    for (const p of packs) expect(packOf(w, p.serial)).toMatchObject({ status: "ACTIVE", caseId: null });
    expect(policyOf(w).boundCases).toBe(0);
    expect(patientStats(w, patient)).toMatchObject({ cancellations: 1, lateCancellations: 1 });
    checkConservation(w.chain.state);
  });

  it("Should refund everything when the doctor cancels, and count it against the doctor", () => {
    const w = createWorld();
    const { caseId, patient, doctor, packs } = caseIn(w, "CONFIRMED");
    w.chain.advance(6 * DAY);
    w.chain.ok(doctor, "CancelSurgery", { caseId, reasonHash: h32("r") });
    expect(w.chain.balance(patient)).toBe(20n * ETH);
    expect(w.chain.balance(doctor)).toBe(0n);
    expect(caseOf(w, caseId)).toMatchObject({ status: "CANCELLED", cancelledBy: "doctor" });
    expect(packOf(w, packs[0]!.serial).status).toBe("ACTIVE");
    expect(doctorStats(w)).toMatchObject({ cancellationsByDoctor: 1 });
    expect(doctorStats(w).cases).toMatchObject({ CONFIRMED: 0, CANCELLED: 1 });
    expect(patientStats(w, patient)).toMatchObject({ cancellations: 0 });
  });

  it("Should not let a third party cancel", () => {
    const w = createWorld();
    const { caseId } = caseIn(w, "SCHEDULED");
    expect(w.chain.fails(w.drB, "CancelSurgery", { caseId, reasonHash: h32("r") })).toBe("NOT_CASE_PARTY");
    expect(caseOf(w, caseId).escrow).toBe(ETH);
  });
});

describe("# MarkNoShow", () => {
  it("Should pay the escrow to the doctor, refund the premium, release the packs and count the no-show", () => {
    const w = createWorld();
    const { caseId, patient, doctor, packs } = caseIn(w, "CONFIRMED");
    w.chain.advance(7 * DAY + w.chain.state.params.noShowGraceSeconds);
    const { paid } = w.chain.ok(doctor, "MarkNoShow", { caseId });
    expect(paid).toBe(5n * ETH);
    expect(w.chain.balance(doctor)).toBe(5n * ETH);
    expect(w.chain.balance(patient)).toBe(15n * ETH);
    expect(caseOf(w, caseId)).toMatchObject({ status: "NO_SHOW", escrow: 0n, premiumEscrow: 0n });
    for (const p of packs) expect(packOf(w, p.serial).status).toBe("ACTIVE");
    expect(policyOf(w).boundCases).toBe(0);
    expect(patientStats(w, patient)!.noShows).toBe(1);
    checkConservation(w.chain.state);
  });

  it("Should not mark a no-show before the appointment plus the grace period", () => {
    const w = createWorld();
    const { caseId, doctor } = caseIn(w, "SCHEDULED");
    w.chain.advance(7 * DAY + w.chain.state.params.noShowGraceSeconds - 1);
    expect(w.chain.fails(doctor, "MarkNoShow", { caseId })).toBe("TOO_EARLY");
    w.chain.advance(1);
    w.chain.ok(doctor, "MarkNoShow", { caseId });
  });

  it("Should not let the patient mark a no-show", () => {
    const w = createWorld();
    const { caseId, patient } = caseIn(w, "SCHEDULED");
    w.chain.advance(8 * DAY);
    expect(w.chain.fails(patient, "MarkNoShow", { caseId })).toBe("NOT_CASE_DOCTOR");
  });
});

describe("# ProposePlan", () => {
  it("Should reserve the packs for the case and quote the policy's premium", () => {
    const w = createWorld();
    const { caseId, doctor } = caseIn(w, "SCHEDULED");
    const packs = [
      { gtin: w.gtin, serial: "L1-5" },
      { gtin: w.gtin, serial: "L1-6" },
    ];
    const { premium } = w.chain.ok(doctor, "ProposePlan", { caseId, packs, policyId: w.policyId, planHash: h32("p") });
    expect(premium).toBe(ETH / 10n);
    expect(caseOf(w, caseId)).toMatchObject({ status: "PLANNED", plan: { packs, policyId: w.policyId, planHash: h32("p"), premium: ETH / 10n } });
    for (const p of packs) expect(packOf(w, p.serial)).toMatchObject({ status: "RESERVED", caseId });
  });

  it("Should accept a plan without insurance at no premium", () => {
    const w = createWorld();
    const { caseId, doctor } = caseIn(w, "SCHEDULED");
    expect(w.chain.ok(doctor, "ProposePlan", { caseId, packs: [], policyId: 0n, planHash: h32("p") }).premium).toBe(0n);
  });

  it("Should replace an unconfirmed plan, releasing only the packs it drops", () => {
    const w = createWorld();
    const { caseId, doctor } = caseIn(w, "PLANNED", { serials: ["L1-0", "L1-1"] });
    const packs = [
      { gtin: w.gtin, serial: "L1-1" },
      { gtin: w.gtin, serial: "L1-2" },
    ];
    w.chain.ok(doctor, "ProposePlan", { caseId, packs, policyId: 0n, planHash: h32("p2") });
    expect(packOf(w, "L1-0")).toMatchObject({ status: "ACTIVE", caseId: null });
    expect(packOf(w, "L1-1")).toMatchObject({ status: "RESERVED", caseId });
    expect(packOf(w, "L1-2")).toMatchObject({ status: "RESERVED", caseId });
    expect(caseOf(w, caseId).plan).toMatchObject({ policyId: 0n, premium: 0n, planHash: h32("p2") });
  });

  it("Should not let anyone but the case's doctor plan", () => {
    const w = createWorld();
    const { caseId, patient } = caseIn(w, "SCHEDULED");
    expect(w.chain.fails(patient, "ProposePlan", { caseId, packs: [], policyId: 0n, planHash: h32("p") })).toBe("NOT_CASE_DOCTOR");
  });

  it("Should not plan a pack twice or more than 32 packs", () => {
    const w = createWorld();
    const { caseId, doctor } = caseIn(w, "SCHEDULED");
    const twice = [
      { gtin: w.gtin, serial: "L1-0" },
      { gtin: w.gtin, serial: "L1-0" },
    ];
    expect(w.chain.fails(doctor, "ProposePlan", { caseId, packs: twice, policyId: 0n, planHash: h32("p") })).toBe("INVALID_PLAN");
    const many = Array.from({ length: 33 }, (_, i) => ({ gtin: w.gtin, serial: `X-${i}` }));
    expect(w.chain.fails(doctor, "ProposePlan", { caseId, packs: many, policyId: 0n, planHash: h32("p") })).toBe("INVALID_PLAN");
  });

  it("Should not name a pack by another split of its id (a GTIN that is not 14 digits), in a plan or in the packs used", () => {
    const w = createWorld();
    w.chain.ok(w.maker, "RegisterMedicine", { gtin: w.gtin, lot: "L3", expiry: later(w, YEAR), serials: ["S/1", "S/2"] });
    // `${gtin}/S` + "/" + "1" is the id of the pack (gtin, "S/1"): the node would find the pack under a name it was not registered by.
    const alias = { gtin: `${w.gtin}/S`, serial: "1" };
    const scheduled = caseIn(w, "SCHEDULED");
    expect(w.chain.fails(scheduled.doctor, "ProposePlan", { caseId: scheduled.caseId, packs: [alias], policyId: 0n, planHash: h32("p") })).toBe("INVALID_PLAN");
    const { caseId, doctor } = caseIn(w, "CONFIRMED", { serials: ["S/1", "S/2"] });
    w.chain.advance(7 * DAY);
    expect(w.chain.fails(doctor, "RecordSurgery", { caseId, recordHash: h32("rec"), packsUsed: [alias] })).toBe("INVALID_PLAN");
    w.chain.ok(doctor, "RecordSurgery", { caseId, recordHash: h32("rec"), packsUsed: [{ gtin: w.gtin, serial: "S/1" }] });
  });

  it("Should not plan an unregistered pack", () => {
    const w = createWorld();
    const { caseId, doctor } = caseIn(w, "SCHEDULED");
    expect(w.chain.fails(doctor, "ProposePlan", { caseId, packs: [{ gtin: w.gtin, serial: "L9-0" }], policyId: 0n, planHash: h32("p") })).toBe(
      "MEDICINE_NOT_FOUND",
    );
    expect(w.chain.fails(doctor, "ProposePlan", { caseId, packs: [{ gtin: gtin("0761234567891"), serial: "L1-0" }], policyId: 0n, planHash: h32("p") })).toBe(
      "MEDICINE_NOT_FOUND",
    );
  });

  it("Should not plan a pack of a recalled lot, and the rejected plan reserves nothing", () => {
    const w = createWorld();
    const { caseId, doctor } = caseIn(w, "SCHEDULED");
    w.chain.ok(w.maker, "RecallLot", { gtin: w.gtin, lot: "L2" });
    const packs = [
      { gtin: w.gtin, serial: "L1-3" },
      { gtin: w.gtin, serial: "L2-0" },
    ];
    expect(w.chain.fails(doctor, "ProposePlan", { caseId, packs, policyId: 0n, planHash: h32("p") })).toBe("MEDICINE_RECALLED");
    expect(packOf(w, "L1-3").status).toBe("ACTIVE");
    expect(caseOf(w, caseId).status).toBe("SCHEDULED");
  });

  it("Should not plan a pack that expires at or before the appointment", () => {
    const w = createWorld();
    const { caseId, doctor } = caseIn(w, "SCHEDULED");
    const appointment = caseOf(w, caseId).appointmentTime;
    w.chain.ok(w.maker, "RegisterMedicine", { gtin: w.gtin, lot: "L3", expiry: appointment, serials: ["L3-0"] });
    w.chain.ok(w.maker, "RegisterMedicine", { gtin: w.gtin, lot: "L4", expiry: appointment + 1n, serials: ["L4-0"] });
    expect(w.chain.fails(doctor, "ProposePlan", { caseId, packs: [{ gtin: w.gtin, serial: "L3-0" }], policyId: 0n, planHash: h32("p") })).toBe(
      "MEDICINE_EXPIRED",
    );
    w.chain.ok(doctor, "ProposePlan", { caseId, packs: [{ gtin: w.gtin, serial: "L4-0" }], policyId: 0n, planHash: h32("p") });
  });

  it("Should not plan a pack reserved by another case or already dispensed", () => {
    const w = createWorld();
    const first = caseIn(w, "EXECUTED", { serials: ["L1-0", "L1-1"] }); // L1-0 dispensed, L1-1 released
    const other = caseIn(w, "PLANNED", { patient: w.patients[1], serials: ["L1-2"] });
    const { caseId, doctor } = caseIn(w, "SCHEDULED", { patient: w.patients[2] });
    const plan = (serial: string) => ({ caseId, packs: [{ gtin: w.gtin, serial }], policyId: 0n, planHash: h32("p") });
    expect(w.chain.fails(doctor, "ProposePlan", plan("L1-0"))).toBe("MEDICINE_UNAVAILABLE");
    expect(w.chain.fails(doctor, "ProposePlan", plan("L1-2"))).toBe("MEDICINE_UNAVAILABLE");
    expect(packOf(w, "L1-2")).toMatchObject({ status: "RESERVED", caseId: other.caseId });
    expect(packOf(w, "L1-0")).toMatchObject({ status: "DISPENSED", caseId: first.caseId });
    w.chain.ok(doctor, "ProposePlan", plan("L1-1"));
  });

  it("Should not plan with an unknown policy", () => {
    const w = createWorld();
    const { caseId, doctor } = caseIn(w, "SCHEDULED");
    expect(w.chain.fails(doctor, "ProposePlan", { caseId, packs: [], policyId: 42n, planHash: h32("p") })).toBe("POLICY_NOT_FOUND");
  });

  it("Should not plan with a policy that does not cover the procedure", () => {
    const w = createWorld();
    const { caseId, doctor } = caseIn(w, "SCHEDULED");
    const { policyId } = w.chain.ok(w.insurer, "PublishPolicy", {
      procedures: ["facelift"],
      terms: [{ complication: "infection", payout: ETH, windowDays: 30 }],
      premium: 1n,
      cap: ETH,
    });
    expect(w.chain.fails(doctor, "ProposePlan", { caseId, packs: [], policyId, planHash: h32("p") })).toBe("POLICY_NOT_COVERING");
  });

  it("Should not plan with an insurer the doctor does not accept", () => {
    const w = createWorld();
    const { caseId, doctor } = caseIn(w, "SCHEDULED");
    const other = actor("other-insurer");
    w.chain.ok(w.insReg, "AdmitParticipant", { account: other.address, role: 2, active: true });
    w.chain.deposit(other, ETH);
    const { policyId } = w.chain.ok(other, "PublishPolicy", {
      procedures: ["rhinoplasty"],
      terms: [{ complication: "infection", payout: ETH, windowDays: 30 }],
      premium: 1n,
      cap: ETH,
    });
    expect(w.chain.fails(doctor, "ProposePlan", { caseId, packs: [], policyId, planHash: h32("p") })).toBe("POLICY_NOT_ACCEPTED");
  });
});

describe("# ConfirmPlan", () => {
  it("Should take the rest of the price and the premium into escrow and bind the policy", () => {
    const w = createWorld();
    const { caseId, patient, planHash } = caseIn(w, "PLANNED");
    const { paid } = w.chain.ok(patient, "ConfirmPlan", { caseId, planHash });
    expect(paid).toBe(4n * ETH + ETH / 10n);
    expect(w.chain.balance(patient)).toBe(20n * ETH - 5n * ETH - ETH / 10n);
    expect(caseOf(w, caseId)).toMatchObject({ status: "CONFIRMED", escrow: 5n * ETH, premiumEscrow: ETH / 10n, confirmedPlan: true });
    expect(policyOf(w).boundCases).toBe(1);
    checkConservation(w.chain.state);
  });

  it("Should not let anyone but the case's patient confirm", () => {
    const w = createWorld();
    const { caseId, doctor, planHash } = caseIn(w, "PLANNED");
    expect(w.chain.fails(doctor, "ConfirmPlan", { caseId, planHash })).toBe("NOT_CASE_PATIENT");
  });

  it("Should not confirm a plan other than the one proposed", () => {
    const w = createWorld();
    const { caseId, patient } = caseIn(w, "PLANNED");
    expect(w.chain.fails(patient, "ConfirmPlan", { caseId, planHash: h32("another plan") })).toBe("PLAN_HASH_MISMATCH");
  });

  it("Should not confirm a plan whose lot was recalled after planning", () => {
    const w = createWorld();
    const { caseId, patient, planHash } = caseIn(w, "PLANNED");
    w.chain.ok(w.medReg, "RecallLot", { gtin: w.gtin, lot: "L1" });
    expect(w.chain.fails(patient, "ConfirmPlan", { caseId, planHash })).toBe("MEDICINE_RECALLED");
  });

  it("Should not confirm if the patient cannot pay the rest and the premium", () => {
    const w = createWorld();
    const { caseId, patient, planHash } = caseIn(w, "PLANNED");
    w.chain.ok(patient, "Transfer", { to: w.patients[1]!.address, amount: 15n * ETH });
    expect(w.chain.fails(patient, "ConfirmPlan", { caseId, planHash })).toBe("INSUFFICIENT_BALANCE");
    expect(w.chain.balance(patient)).toBe(4n * ETH);
    expect(policyOf(w).boundCases).toBe(0);
  });
});

describe("# RecordSurgery", () => {
  it("Should dispense the used packs, release the rest and pay the premium to the insurer", () => {
    const w = createWorld();
    const { caseId, doctor, packs } = caseIn(w, "CONFIRMED");
    const insurerBefore = w.chain.balance(w.insurer);
    w.chain.advance(7 * DAY);
    w.chain.ok(doctor, "RecordSurgery", { caseId, recordHash: h32("rec"), packsUsed: [packs[1]!] });
    expect(packOf(w, packs[1]!.serial)).toMatchObject({ status: "DISPENSED", caseId });
    expect(packOf(w, packs[0]!.serial)).toMatchObject({ status: "ACTIVE", caseId: null });
    expect(w.chain.balance(w.insurer)).toBe(insurerBefore + ETH / 10n);
    expect(caseOf(w, caseId)).toMatchObject({ status: "EXECUTED", recordHash: h32("rec"), executedAt: w.chain.time, premiumEscrow: 0n, escrow: 5n * ETH });
    checkConservation(w.chain.state);
  });

  it("Should not record before the appointment time", () => {
    const w = createWorld();
    const { caseId, doctor } = caseIn(w, "CONFIRMED");
    w.chain.advance(7 * DAY - 1);
    expect(w.chain.fails(doctor, "RecordSurgery", { caseId, recordHash: h32("rec"), packsUsed: [] })).toBe("TOO_EARLY");
    w.chain.advance(1);
    w.chain.ok(doctor, "RecordSurgery", { caseId, recordHash: h32("rec"), packsUsed: [] });
  });

  it("Should not let the patient record the surgery", () => {
    const w = createWorld();
    const { caseId, patient } = caseIn(w, "CONFIRMED");
    w.chain.advance(7 * DAY);
    expect(w.chain.fails(patient, "RecordSurgery", { caseId, recordHash: h32("rec"), packsUsed: [] })).toBe("NOT_CASE_DOCTOR");
  });

  it("Should not record a pack twice or a pack outside the plan", () => {
    const w = createWorld();
    const { caseId, doctor, packs } = caseIn(w, "CONFIRMED");
    w.chain.advance(7 * DAY);
    expect(w.chain.fails(doctor, "RecordSurgery", { caseId, recordHash: h32("rec"), packsUsed: [packs[0]!, packs[0]!] })).toBe("INVALID_PLAN");
    expect(w.chain.fails(doctor, "RecordSurgery", { caseId, recordHash: h32("rec"), packsUsed: [{ gtin: w.gtin, serial: "L1-19" }] })).toBe("PACK_NOT_IN_PLAN");
    expect(packOf(w, "L1-19").status).toBe("ACTIVE");
  });

  it("Should not record using a pack recalled after confirmation, but may record without it", () => {
    const w = createWorld();
    const { caseId, doctor, packs } = caseIn(w, "CONFIRMED");
    w.chain.ok(w.maker, "RecallLot", { gtin: w.gtin, lot: "L1" });
    w.chain.advance(7 * DAY);
    expect(w.chain.fails(doctor, "RecordSurgery", { caseId, recordHash: h32("rec"), packsUsed: [packs[0]!] })).toBe("MEDICINE_RECALLED");
    expect(packOf(w, packs[0]!.serial).status).toBe("RESERVED");
    w.chain.ok(doctor, "RecordSurgery", { caseId, recordHash: h32("rec"), packsUsed: [] });
    expect(packOf(w, packs[0]!.serial).status).toBe("ACTIVE");
  });
});

describe("# PostSummary", () => {
  it.each(["EXECUTED", "CLOSED"] as const)("Should store the summary hash of an %s case", (status) => {
    const w = createWorld();
    const { caseId, doctor } = caseIn(w, status);
    w.chain.ok(doctor, "PostSummary", { caseId, summaryHash: h32("summary") });
    expect(caseOf(w, caseId)).toMatchObject({ status, summaryHash: h32("summary") });
  });

  it("Should not let the patient post the summary", () => {
    const w = createWorld();
    const { caseId, patient } = caseIn(w, "EXECUTED");
    expect(w.chain.fails(patient, "PostSummary", { caseId, summaryHash: h32("summary") })).toBe("NOT_CASE_DOCTOR");
  });
});

describe("# CloseSurgery", () => {
  it("Should pay the escrow to the doctor and insert the review leaf", () => {
    const w = createWorld();
    const { caseId, patient, doctor } = caseIn(w, "EXECUTED");
    const { paid, leafIndex } = w.chain.ok(patient, "CloseSurgery", { caseId, reviewCommitment: 777n });
    expect([paid, leafIndex]).toEqual([5n * ETH, 0]);
    expect(w.chain.balance(doctor)).toBe(5n * ETH);
    expect(caseOf(w, caseId)).toMatchObject({ status: "CLOSED", escrow: 0n, closedBy: "patient", closedAt: w.chain.time, reviewCommitment: 777n });
    expect(patientStats(w, patient)!.closed).toBe(1);
    const tree = w.chain.state.get("reviewTree", "")!;
    expect(tree.size).toBe(1);
    expect(tree.root).toBe(w.chain.state.reviewTree.root);
    expect(tree.recentRoots.at(-1)).toBe(tree.root);
    expect(doctorStats(w, doctor).cases).toMatchObject({ EXECUTED: 0, CLOSED: 1 });
    checkConservation(w.chain.state);
  });

  it("Should close without a review commitment and leave the review tree alone", () => {
    const w = createWorld();
    const { caseId } = caseIn(w, "CLOSED");
    expect(caseOf(w, caseId).reviewCommitment).toBeNull();
    expect(w.chain.state.get("reviewTree", "")!.size).toBe(0);
  });

  it("Should not let the doctor close", () => {
    const w = createWorld();
    const { caseId, doctor } = caseIn(w, "EXECUTED");
    expect(w.chain.fails(doctor, "CloseSurgery", { caseId, reviewCommitment: 0n })).toBe("NOT_CASE_PATIENT");
  });

  it("Should not close with a commitment outside the scalar field", () => {
    const w = createWorld();
    const { caseId, patient } = caseIn(w, "EXECUTED");
    expect(w.chain.fails(patient, "CloseSurgery", { caseId, reviewCommitment: SNARK_SCALAR_FIELD })).toBe("INVALID_COMMITMENT");
    expect(w.chain.state.reviewTree.size).toBe(0);
    expect(caseOf(w, caseId).escrow).toBe(5n * ETH);
  });

  it("Should reject a commitment when the review tree is full (REVIEW_TREE_FULL), changing nothing, and still close without one", () => {
    const w = createWorld();
    const { caseId, patient } = caseIn(w, "EXECUTED");
    const meta = w.chain.state.get("reviewTree", "")!;
    // A full tree of 2^20 Poseidon leaves takes minutes to build: the rule reads the size, so set it.
    w.chain.state.put("reviewTree", "", { ...meta, size: REVIEW_TREE_CAPACITY, pending: [] });
    w.chain.state.commit();
    const root = w.chain.state.root();
    expect(w.chain.fails(patient, "CloseSurgery", { caseId, reviewCommitment: 777n })).toBe("REVIEW_TREE_FULL");
    expect(w.chain.state.root()).toBe(root);
    expect(caseOf(w, caseId)).toMatchObject({ status: "EXECUTED", escrow: 5n * ETH });
    expect(w.chain.ok(patient, "CloseSurgery", { caseId, reviewCommitment: 0n }).paid).toBe(5n * ETH);
    expect(w.chain.fails(patient, "AddReviewCommitment", { caseId, reviewCommitment: 5n })).toBe("REVIEW_TREE_FULL");
  });
});

describe("# FinalizeSurgery", () => {
  it("Should close the case for the doctor after the close timeout", () => {
    const w = createWorld();
    const { caseId, patient, doctor } = caseIn(w, "EXECUTED");
    w.chain.advance(w.chain.state.params.closeTimeoutSeconds - 1);
    expect(w.chain.fails(doctor, "FinalizeSurgery", { caseId })).toBe("TOO_EARLY");
    w.chain.advance(1);
    expect(w.chain.ok(doctor, "FinalizeSurgery", { caseId }).paid).toBe(5n * ETH);
    expect(w.chain.balance(doctor)).toBe(5n * ETH);
    expect(caseOf(w, caseId)).toMatchObject({ status: "CLOSED", closedBy: "timeout", escrow: 0n, reviewCommitment: null });
    expect(patientStats(w, patient)!.closed).toBe(1);
  });

  it("Should not finalize while an incident is open", () => {
    const w = createWorld();
    const { caseId, patient, doctor } = caseIn(w, "EXECUTED");
    w.chain.ok(patient, "ReportIncident", { caseId, complication: "swelling", evidenceHash: h32("e") });
    w.chain.advance(w.chain.state.params.closeTimeoutSeconds);
    expect(w.chain.fails(doctor, "FinalizeSurgery", { caseId })).toBe("INCIDENT_OPEN");
    expect(w.chain.balance(doctor)).toBe(0n);
  });

  it("Should not let the patient finalize", () => {
    const w = createWorld();
    const { caseId, patient } = caseIn(w, "EXECUTED");
    w.chain.advance(w.chain.state.params.closeTimeoutSeconds);
    expect(w.chain.fails(patient, "FinalizeSurgery", { caseId })).toBe("NOT_CASE_DOCTOR");
  });
});

describe("# AddReviewCommitment", () => {
  it("Should add the commitment once to a case closed without one", () => {
    const w = createWorld();
    const { caseId, patient } = caseIn(w, "CLOSED");
    expect(w.chain.ok(patient, "AddReviewCommitment", { caseId, reviewCommitment: 5n }).leafIndex).toBe(0);
    expect(caseOf(w, caseId).reviewCommitment).toBe(5n);
    expect(w.chain.state.get("reviewTree", "")!.size).toBe(1);
    expect(w.chain.fails(patient, "AddReviewCommitment", { caseId, reviewCommitment: 6n })).toBe("REVIEW_COMMITMENT_EXISTS");
  });

  it("Should not add a commitment to a case closed with one", () => {
    const w = createWorld();
    const { caseId, patient } = caseIn(w, "EXECUTED");
    w.chain.ok(patient, "CloseSurgery", { caseId, reviewCommitment: 9n });
    expect(w.chain.fails(patient, "AddReviewCommitment", { caseId, reviewCommitment: 10n })).toBe("REVIEW_COMMITMENT_EXISTS");
  });

  it.each([0n, SNARK_SCALAR_FIELD])("Should not add the commitment %s", (reviewCommitment) => {
    const w = createWorld();
    const { caseId, patient } = caseIn(w, "CLOSED");
    expect(w.chain.fails(patient, "AddReviewCommitment", { caseId, reviewCommitment })).toBe("INVALID_COMMITMENT");
  });

  it("Should not let the doctor add the patient's commitment", () => {
    const w = createWorld();
    const { caseId, doctor } = caseIn(w, "CLOSED");
    expect(w.chain.fails(doctor, "AddReviewCommitment", { caseId, reviewCommitment: 5n })).toBe("NOT_CASE_PATIENT");
  });
});

/** Each case step, who signs it, the statuses the lifecycle table allows it from, and a message. */
const STEPS: Array<{ type: SignedTxType; by: "patient" | "doctor"; allowed: CaseStatus[]; message: (tc: TestCase, w: World) => any }> = [
  { type: "OfferSchedule", by: "doctor", allowed: ["PROPOSED"], message: (tc, w) => offerMessage(tc.caseId, later(w, 30 * DAY)) },
  { type: "AcceptOffer", by: "patient", allowed: ["OFFERED"], message: (tc) => ({ caseId: tc.caseId }) },
  { type: "RequestReschedule", by: "patient", allowed: ["SCHEDULED"], message: (tc, w) => ({ caseId: tc.caseId, newTime: later(w, 30 * DAY) }) },
  { type: "AcceptReschedule", by: "doctor", allowed: ["SCHEDULED"], message: (tc) => ({ caseId: tc.caseId }) },
  {
    type: "CancelSurgery",
    by: "patient",
    allowed: ["PROPOSED", "OFFERED", "SCHEDULED", "PLANNED", "CONFIRMED"],
    message: (tc) => ({ caseId: tc.caseId, reasonHash: h32("r") }),
  },
  { type: "MarkNoShow", by: "doctor", allowed: ["SCHEDULED", "PLANNED", "CONFIRMED"], message: (tc) => ({ caseId: tc.caseId }) },
  {
    type: "ProposePlan",
    by: "doctor",
    allowed: ["SCHEDULED", "PLANNED"],
    message: (tc) => ({ caseId: tc.caseId, packs: [], policyId: 0n, planHash: h32("p") }),
  },
  { type: "ConfirmPlan", by: "patient", allowed: ["PLANNED"], message: (tc) => ({ caseId: tc.caseId, planHash: tc.planHash }) },
  { type: "RecordSurgery", by: "doctor", allowed: ["CONFIRMED"], message: (tc) => ({ caseId: tc.caseId, recordHash: h32("rec"), packsUsed: [] }) },
  { type: "PostSummary", by: "doctor", allowed: ["EXECUTED", "CLOSED"], message: (tc) => ({ caseId: tc.caseId, summaryHash: h32("s") }) },
  {
    type: "ReportIncident",
    by: "patient",
    allowed: ["CONFIRMED", "EXECUTED", "CLOSED"],
    message: (tc) => ({ caseId: tc.caseId, complication: "infection", evidenceHash: h32("e") }),
  },
  { type: "CloseSurgery", by: "patient", allowed: ["EXECUTED"], message: (tc) => ({ caseId: tc.caseId, reviewCommitment: 1n }) },
  { type: "FinalizeSurgery", by: "doctor", allowed: ["EXECUTED"], message: (tc) => ({ caseId: tc.caseId }) },
  { type: "AddReviewCommitment", by: "patient", allowed: ["CLOSED"], message: (tc) => ({ caseId: tc.caseId, reviewCommitment: 1n }) },
];

describe("# lifecycle table", () => {
  it.each(CASE_STATUSES)("Should reject every step the table does not allow from %s with INVALID_TRANSITION, changing nothing", (status) => {
    const w = createWorld();
    const tc = caseIn(w, status);
    const before = caseOf(w, tc.caseId);
    let checked = 0;
    for (const step of STEPS.filter((s) => !s.allowed.includes(status))) {
      const signer = step.by === "patient" ? tc.patient : tc.doctor;
      expect(w.chain.fails(signer, step.type, step.message(tc, w)), `${step.type} from ${status}`).toBe("INVALID_TRANSITION");
      checked++;
    }
    expect(caseOf(w, tc.caseId)).toEqual(before);
    expect(checked).toBeGreaterThan(0);
  });

  it.each(STEPS.map((s) => [s.type, s] as const))("Should not %s on an unknown case", (_, step) => {
    const w = createWorld();
    const tc: TestCase = { caseId: 404n, patient: w.patients[0]!, doctor: w.drA, packs: [], planHash: h32("p") };
    expect(w.chain.fails(step.by === "patient" ? tc.patient : tc.doctor, step.type, step.message(tc, w))).toBe("CASE_NOT_FOUND");
  });
});

describe("# time limits with custom genesis timeouts", () => {
  it("Should use the chain's no-show grace, not a constant", () => {
    const w = createWorld({ chain: new TestChain({ params: testGenesis({ noShowGraceSeconds: 10 }) }) });
    const caseId = scheduleCase(w, w.patients[0]!, w.drA, { inSeconds: HOUR });
    w.chain.advance(HOUR + 9);
    expect(w.chain.fails(w.drA, "MarkNoShow", { caseId })).toBe("TOO_EARLY");
    w.chain.advance(1);
    w.chain.ok(w.drA, "MarkNoShow", { caseId });
  });
});
