// The STF's Solidity twin against the TypeScript STF, scheduling (ScheduleTwin and ScheduleTwinB):
// every transaction type of sequencer/src/stf/handlers/schedule.ts, accepted and rejected by each
// of its rules, with fees off and on; the pack leaves a cancellation releases, found by value in
// the witness (and a witness that drops one or offers a look-alike lot instead); and a seeded
// random walk of cases through their lifecycle checked step by step.
import type { Address, Hex } from "viem";
import { beforeAll, describe, expect, it } from "vitest";
import { bytesToHex } from "../../../sequencer/src/crypto/bytes";
import { encodeTx, type PackRef, type Tx } from "../../../sequencer/src/protocol";
import { DEFAULT_FEES, leafKey, proveStep } from "../../../sequencer/src/state";
import { actor, BRIDGE, ETH, h32, L2_CHAIN_ID, PROPOSER, TestChain, testGenesis, type Actor } from "../../../sequencer/src/stf/testing/harness";
import { createWorld, DAY, YEAR } from "../../../sequencer/src/stf/testing/world";
import { abiWitness, type StepWitness } from "../../../sequencer/src/tree";
import { readArtifact } from "../../scripts/artifacts";
import { loadFixture, type Fixture } from "../fixture";
import { TwinChecker } from "./twinChecker";

const HOUR = 3_600;
const MAX_UINT64 = 2n ** 64n - 1n;
const MAX_UINT256 = 2n ** 256n - 1n;
const SCHEDULE_TYPES = ["ProposeSurgery", "OfferSchedule", "AcceptOffer", "RequestReschedule", "AcceptReschedule", "CancelSurgery", "MarkNoShow"] as const;

/** Every code each scheduling type rejects with (its handler and the helpers it calls), and "ok". */
const EXPECTED_OUTCOMES: Record<(typeof SCHEDULE_TYPES)[number], string[]> = {
  ProposeSurgery: ["ok", "NOT_DOCTOR", "SELF_DEALING", "INVALID_FIELD", "INVALID_TIME"],
  OfferSchedule: [
    "ok",
    "CASE_NOT_FOUND",
    "NOT_CASE_DOCTOR",
    "INVALID_TRANSITION",
    "LICENSE_MISSING",
    "LICENSE_INACTIVE",
    "LICENSE_EXPIRED",
    "INVALID_TIME",
    "INVALID_TERMS",
  ],
  AcceptOffer: ["ok", "CASE_NOT_FOUND", "NOT_CASE_PATIENT", "INVALID_TRANSITION", "INVALID_TIME", "INSUFFICIENT_BALANCE"],
  RequestReschedule: ["ok", "CASE_NOT_FOUND", "NOT_CASE_PARTY", "INVALID_TRANSITION", "INVALID_TIME"],
  AcceptReschedule: ["ok", "CASE_NOT_FOUND", "NOT_CASE_PARTY", "INVALID_TRANSITION", "NO_PENDING_RESCHEDULE", "RESCHEDULE_BY_REQUESTER", "INVALID_TIME"],
  CancelSurgery: ["ok", "CASE_NOT_FOUND", "NOT_CASE_PARTY", "INVALID_TRANSITION", "INVALID_TIME"],
  MarkNoShow: ["ok", "CASE_NOT_FOUND", "NOT_CASE_DOCTOR", "INVALID_TRANSITION", "TOO_EARLY"],
};

/** Outcomes seen per transaction type. */
type Outcomes = Map<string, Set<string>>;

function record(outcomes: Outcomes, type: string, receipt: { status: string; error?: { code: string } }): void {
  const seen = outcomes.get(type) ?? new Set<string>();
  seen.add(receipt.status === "ok" ? "ok" : receipt.error!.code);
  outcomes.set(type, seen);
}

/** A seeded xorshift32 generator (reproducible walks). */
function rng(seed: number) {
  let s = seed >>> 0 || 1;
  const next = () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 2 ** 32;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
  };
}

describe("ScheduleTwin ≡ TypeScript STF", () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await loadFixture({ fraudVerifier: "real" });
  });

  for (const fees of [false, true]) {
    it(`Should compute the same root for every scheduling step and rejection, fees ${fees ? "on" : "off"}`, async () => {
      const chain = new TestChain({ params: testGenesis(fees ? { fees: DEFAULT_FEES } : {}) });
      const w = createWorld({ chain });
      const twin = new TwinChecker(f, chain);
      const outcomes: Outcomes = new Map();
      const [p1, p2, p3] = w.patients as [Actor, Actor, Actor];
      const { drA, drB } = w;
      const at = (seconds: number) => BigInt(chain.time + seconds);
      const step = async (tx: Tx) => {
        const receipt = await twin.tx(tx);
        record(outcomes, tx.type, receipt);
        return receipt;
      };
      const propose = async (patient: Actor, doctor: Address, procedure = "rhinoplasty", requestedTime = at(7 * DAY)) => {
        const r = await step(chain.sign(patient, "ProposeSurgery", { doctor, procedure, requestedTime, detailsHash: h32("details") }));
        return r.status === "ok" ? (r.result.caseId as bigint) : 0n;
      };
      const terms = (caseId: bigint, appointmentTime: bigint, t: { deposit?: bigint; price?: bigint; freeCancelBefore?: number; bps?: number } = {}) => ({
        caseId,
        appointmentTime,
        deposit: t.deposit ?? ETH,
        price: t.price ?? 5n * ETH,
        freeCancelBefore: t.freeCancelBefore ?? 2 * DAY,
        lateCancelFeeBps: t.bps ?? 5_000,
      });
      /** A case proposed, offered and accepted, all three checked. */
      const scheduled = async (patient: Actor, doctor: Actor, inSeconds = 7 * DAY, t: Parameters<typeof terms>[2] = {}) => {
        const caseId = await propose(patient, doctor.address, "rhinoplasty", at(inSeconds));
        await step(chain.sign(doctor, "OfferSchedule", terms(caseId, at(inSeconds), t)));
        await step(chain.sign(patient, "AcceptOffer", { caseId }));
        return caseId;
      };
      let nextSerial = 0;
      /** A plan (TypeScript only: the plan handlers have their own twin) over fresh packs of lot L1. */
      const plan = (caseId: bigint, doctor: Actor, packs: number, policyId = w.policyId): PackRef[] => {
        const refs = Array.from({ length: packs }, () => ({ gtin: w.gtin, serial: `L1-${nextSerial++}` }));
        chain.ok(doctor, "ProposePlan", { caseId, packs: refs, policyId, planHash: h32(`plan-${caseId}`) });
        return refs;
      };
      const confirm = (caseId: bigint, patient: Actor) => chain.ok(patient, "ConfirmPlan", { caseId, planHash: h32(`plan-${caseId}`) });

      // ProposeSurgery.
      const c1 = await propose(p1, drA.address);
      await propose(p1, drA.address); // the relation counts a second case
      await propose(p2, drB.address, "blepharoplasty", MAX_UINT64);
      await propose(p1, actor("nobody").address);
      await propose(p1, p1.address);
      await propose(drA, drA.address);
      await propose(drA, drB.address); // a doctor may be another doctor's patient
      for (const procedure of [
        "",
        " rhinoplasty",
        "rhinoplasty ",
        "\trhinoplasty",
        "rhinoplasty\n",
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
        " ",
        "x".repeat(65),
        "é".repeat(65),
        "😀".repeat(33),
        "€".repeat(65),
        "é".repeat(128),
        "x".repeat(256),
      ]) {
        await propose(p3, drA.address, procedure);
      }
      for (const procedure of [
        "x",
        "x".repeat(64),
        "é".repeat(64),
        "€".repeat(64),
        "😀".repeat(32),
        "a b",
        "\u200bx\u200b",
        "x\u180e",
        "x\u0085",
        "nose job",
      ]) {
        await propose(p3, drB.address, procedure);
      }
      await propose(p1, drA.address, "rhinoplasty", at(0));
      await propose(p1, drA.address, "rhinoplasty", at(-1));
      await propose(p1, drA.address, "rhinoplasty", 0n);
      await propose(p1, drA.address, "rhinoplasty", at(1));

      // OfferSchedule.
      await step(chain.sign(drA, "OfferSchedule", terms(999n, at(DAY))));
      await step(chain.sign(drA, "OfferSchedule", terms(MAX_UINT64, at(DAY))));
      await step(chain.sign(drB, "OfferSchedule", terms(c1, at(DAY))));
      await step(chain.sign(p1, "OfferSchedule", terms(c1, at(DAY))));
      await step(chain.sign(drA, "OfferSchedule", terms(c1, at(0))));
      await step(chain.sign(drA, "OfferSchedule", terms(c1, at(DAY), { price: 0n, deposit: 0n })));
      await step(chain.sign(drA, "OfferSchedule", terms(c1, at(DAY), { deposit: 5n * ETH + 1n })));
      await step(chain.sign(drA, "OfferSchedule", terms(c1, at(DAY), { bps: 10_001 })));
      await step(chain.sign(drA, "OfferSchedule", terms(c1, at(DAY), { bps: 65_535 })));
      await step(chain.sign(drA, "OfferSchedule", terms(c1, at(10 * DAY))));
      await step(chain.sign(drA, "OfferSchedule", terms(c1, at(10 * DAY))));
      const drN = actor("dr-unlicensed");
      chain.deposit(drN, ETH);
      chain.ok(drN, "RegisterDoctor", { specialties: ["rhinoplasty"], latE6: 0, lonE6: 0, acceptedInsurers: [], profileHash: h32("n") });
      const cN = await propose(p2, drN.address);
      await step(chain.sign(drN, "OfferSchedule", terms(cN, at(DAY))));
      const attest = (status: number, expiresAt: bigint) =>
        chain.ok(w.board, "AttestLicense", { doctor: drN.address, jurisdiction: "US-NY", licenseNumberHash: h32("lic-n"), npi: "", status, expiresAt });
      attest(2, at(YEAR));
      await step(chain.sign(drN, "OfferSchedule", terms(cN, at(DAY))));
      attest(3, at(YEAR));
      await step(chain.sign(drN, "OfferSchedule", terms(cN, at(DAY))));
      attest(1, at(0));
      await step(chain.sign(drN, "OfferSchedule", terms(cN, at(DAY))));
      attest(1, at(1));
      await step(
        chain.sign(drN, "OfferSchedule", terms(cN, MAX_UINT64, { price: MAX_UINT256, deposit: MAX_UINT256, freeCancelBefore: 2 ** 32 - 1, bps: 10_000 })),
      );

      // AcceptOffer.
      await step(chain.sign(p1, "AcceptOffer", { caseId: 999n }));
      await step(chain.sign(p2, "AcceptOffer", { caseId: c1 }));
      await step(chain.sign(drA, "AcceptOffer", { caseId: c1 }));
      await step(chain.sign(p2, "AcceptOffer", { caseId: cN })); // a deposit of 2^256 - 1
      await step(chain.sign(p1, "AcceptOffer", { caseId: c1 }));
      await step(chain.sign(p1, "AcceptOffer", { caseId: c1 }));
      const cSoon = await propose(p2, drB.address, "rhinoplasty", at(HOUR));
      await step(chain.sign(drB, "OfferSchedule", terms(cSoon, at(HOUR), { deposit: 0n })));
      chain.advance(HOUR);
      await step(chain.sign(p2, "AcceptOffer", { caseId: cSoon }));
      const cFree = await propose(p2, drB.address);
      await step(chain.sign(drB, "OfferSchedule", terms(cFree, at(7 * DAY), { deposit: 0n, price: 1n })));
      await step(chain.sign(p2, "AcceptOffer", { caseId: cFree })); // nothing to debit

      // RequestReschedule and AcceptReschedule.
      await step(chain.sign(p1, "RequestReschedule", { caseId: 999n, newTime: at(DAY) }));
      await step(chain.sign(p2, "RequestReschedule", { caseId: c1, newTime: at(DAY) }));
      await step(chain.sign(p2, "RequestReschedule", { caseId: cN, newTime: at(DAY) }));
      await step(chain.sign(p1, "RequestReschedule", { caseId: c1, newTime: at(0) }));
      await step(chain.sign(p1, "AcceptReschedule", { caseId: 999n }));
      await step(chain.sign(p1, "AcceptReschedule", { caseId: c1 }));
      await step(chain.sign(p2, "AcceptReschedule", { caseId: c1 }));
      await step(chain.sign(p2, "AcceptReschedule", { caseId: cN }));
      await step(chain.sign(p1, "RequestReschedule", { caseId: c1, newTime: at(12 * DAY) }));
      await step(chain.sign(p1, "AcceptReschedule", { caseId: c1 }));
      await step(chain.sign(drA, "AcceptReschedule", { caseId: c1 })); // the patient asked: counted
      await step(chain.sign(drA, "RequestReschedule", { caseId: c1, newTime: at(HOUR) }));
      await step(chain.sign(p1, "RequestReschedule", { caseId: c1, newTime: MAX_UINT64 })); // replaces the doctor's
      await step(chain.sign(drA, "RequestReschedule", { caseId: c1, newTime: at(HOUR) }));
      chain.advance(HOUR);
      await step(chain.sign(p1, "AcceptReschedule", { caseId: c1 }));
      await step(chain.sign(drA, "RequestReschedule", { caseId: c1, newTime: at(9 * DAY) }));
      await step(chain.sign(p1, "AcceptReschedule", { caseId: c1 })); // the doctor asked: not counted

      // CancelSurgery.
      await step(chain.sign(p1, "CancelSurgery", { caseId: 999n, reasonHash: h32("r") }));
      await step(chain.sign(p3, "CancelSurgery", { caseId: c1, reasonHash: h32("r") }));
      const cProposed = await propose(p3, drA.address);
      await step(chain.sign(p3, "CancelSurgery", { caseId: cProposed, reasonHash: h32("r") }));
      await step(chain.sign(p3, "CancelSurgery", { caseId: cProposed, reasonHash: h32("r") }));
      const cOffered = await propose(p3, drA.address, "rhinoplasty", at(DAY));
      await step(chain.sign(drA, "OfferSchedule", terms(cOffered, at(DAY))));
      await step(chain.sign(p3, "CancelSurgery", { caseId: cOffered, reasonHash: h32("r") })); // late, but nothing escrowed
      const cByDoctor = await propose(p3, drB.address);
      await step(chain.sign(drB, "CancelSurgery", { caseId: cByDoctor, reasonHash: h32("r") }));
      // Patient, early: a full refund.
      const cEarly = await scheduled(p1, drB, 7 * DAY);
      await step(chain.sign(p1, "CancelSurgery", { caseId: cEarly, reasonHash: h32("r") }));
      // Patient, late: the fee rounds down as bigint division does (3 * 3333 / 10000 = 0, 7 * 3333 / 10000 = 2).
      for (const [deposit, bps] of [
        [3n, 3_333],
        [7n, 3_333],
        [ETH + 1n, 9_999],
        [ETH, 10_000],
        [ETH, 0],
      ] as const) {
        const c = await scheduled(p1, drB, DAY, { deposit, bps });
        await step(chain.sign(p1, "CancelSurgery", { caseId: c, reasonHash: h32("r") }));
      }
      // An escrow whose product with the fee rate passes 2^256 (TypeScript's bigints do not overflow).
      const whale = actor("whale");
      chain.deposit(whale, 2n ** 255n + 10n * ETH);
      const cWhale = await scheduled(whale, drB, DAY, { deposit: 2n ** 255n - 1n, price: 2n ** 255n - 1n, bps: 9_999 });
      await step(chain.sign(whale, "CancelSurgery", { caseId: cWhale, reasonHash: h32("r") }));
      // Doctor, after the appointment: full refund, counted against the doctor.
      const cDoctorLate = await scheduled(p2, drA, HOUR);
      chain.advance(2 * HOUR);
      await step(chain.sign(drA, "CancelSurgery", { caseId: cDoctorLate, reasonHash: h32("r") }));
      // Patient after the appointment: not until the close timeout; then a full refund counted against the doctor.
      const cAbandoned = await scheduled(p2, drA, HOUR);
      const closeTimeout = chain.state.params.closeTimeoutSeconds;
      chain.advance(HOUR);
      await step(chain.sign(p2, "CancelSurgery", { caseId: cAbandoned, reasonHash: h32("r") }));
      chain.advance(closeTimeout - 1);
      await step(chain.sign(p2, "CancelSurgery", { caseId: cAbandoned, reasonHash: h32("r") }));
      chain.advance(1);
      await step(chain.sign(p2, "CancelSurgery", { caseId: cAbandoned, reasonHash: h32("r") }));
      // Planned and confirmed cases: packs go back to ACTIVE, the policy unbinds, the premium is refunded.
      const cPlanned = await scheduled(p1, drA, 10 * DAY);
      plan(cPlanned, drA, 2);
      await step(chain.sign(p1, "CancelSurgery", { caseId: cPlanned, reasonHash: h32("r") }));
      const cConfirmed = await scheduled(p1, drA, DAY);
      plan(cConfirmed, drA, 3);
      confirm(cConfirmed, p1);
      await step(chain.sign(p1, "CancelSurgery", { caseId: cConfirmed, reasonHash: h32("r") })); // late: the fee on the whole price
      const cConfirmedUninsured = await scheduled(p2, drB, 10 * DAY);
      plan(cConfirmedUninsured, drB, 1, 0n);
      confirm(cConfirmedUninsured, p2);
      await step(chain.sign(drB, "CancelSurgery", { caseId: cConfirmedUninsured, reasonHash: h32("r") }));
      const cEmptyPlan = await scheduled(p3, drB, 10 * DAY);
      plan(cEmptyPlan, drB, 0);
      confirm(cEmptyPlan, p3);
      await step(chain.sign(p3, "CancelSurgery", { caseId: cEmptyPlan, reasonHash: h32("r") }));

      // MarkNoShow.
      const grace = chain.state.params.noShowGraceSeconds;
      await step(chain.sign(drA, "MarkNoShow", { caseId: 999n }));
      const cNoShow = await scheduled(p3, drA, DAY);
      await step(chain.sign(drB, "MarkNoShow", { caseId: cNoShow }));
      await step(chain.sign(p3, "MarkNoShow", { caseId: cNoShow }));
      await step(chain.sign(drA, "MarkNoShow", { caseId: cNoShow }));
      chain.advance(DAY + grace - 1);
      await step(chain.sign(drA, "MarkNoShow", { caseId: cNoShow }));
      chain.advance(1);
      await step(chain.sign(drA, "MarkNoShow", { caseId: cNoShow }));
      await step(chain.sign(drA, "MarkNoShow", { caseId: cNoShow }));
      const proposedOnly = await propose(p3, drA.address);
      await step(chain.sign(drA, "MarkNoShow", { caseId: proposedOnly }));
      const cNoShowConfirmed = await scheduled(p1, drB, DAY);
      plan(cNoShowConfirmed, drB, 2);
      confirm(cNoShowConfirmed, p1);
      chain.advance(DAY + grace);
      await step(chain.sign(drB, "MarkNoShow", { caseId: cNoShowConfirmed }));
      const cNoShowPlanned = await scheduled(p2, drA, DAY);
      plan(cNoShowPlanned, drA, 1);
      chain.advance(DAY + grace);
      await step(chain.sign(drA, "MarkNoShow", { caseId: cNoShowPlanned }));

      // The signed-transaction frame around these handlers.
      const c9 = await propose(p1, drA.address);
      await step(chain.sign(drA, "OfferSchedule", { ...terms(c9, at(DAY)), nonce: 1000n }));
      await step(chain.sign(drA, "OfferSchedule", { ...terms(c9, at(DAY)), nonce: 0n }));
      if (fees) {
        await step(chain.sign(drA, "OfferSchedule", { ...terms(c9, at(DAY)), maxFee: 0n }));
        await step(chain.sign(actor("penniless"), "ProposeSurgery", { doctor: drA.address, procedure: "x", requestedTime: at(DAY), detailsHash: h32("d") }));
      }

      for (const type of SCHEDULE_TYPES) {
        expect([...(outcomes.get(type) ?? [])].sort(), type).toEqual(expect.arrayContaining(EXPECTED_OUTCOMES[type]));
      }
    });
  }

  it("Should leave a case with a full plan (32 packs, insured) within L1 gas limits", async () => {
    const chain = new TestChain({ params: testGenesis({ fees: DEFAULT_FEES }) });
    const w = createWorld({ chain, packsPerLot: 70 });
    const twin = new TwinChecker(f, chain, { measureGas: true });
    const [p1, p2] = w.patients as [Actor, Actor];
    const leave = async (patient: Actor, by: "patient" | "doctor" | "no-show", first: number) => {
      const time = BigInt(chain.time + DAY);
      const { caseId } = chain.ok(patient, "ProposeSurgery", { doctor: w.drA.address, procedure: "rhinoplasty", requestedTime: time, detailsHash: h32("d") });
      chain.ok(w.drA, "OfferSchedule", { caseId, appointmentTime: time, deposit: ETH, price: 5n * ETH, freeCancelBefore: 2 * DAY, lateCancelFeeBps: 3_333 });
      chain.ok(patient, "AcceptOffer", { caseId });
      const packs = Array.from({ length: 32 }, (_, i) => ({ gtin: w.gtin, serial: `L1-${first + i}` }));
      chain.ok(w.drA, "ProposePlan", { caseId, packs, policyId: w.policyId, planHash: h32("p") });
      chain.ok(patient, "ConfirmPlan", { caseId, planHash: h32("p") });
      if (by === "no-show") {
        chain.advance(DAY + chain.state.params.noShowGraceSeconds);
        return twin.tx(chain.sign(w.drA, "MarkNoShow", { caseId }));
      }
      return twin.tx(chain.sign(by === "patient" ? patient : w.drA, "CancelSurgery", { caseId, reasonHash: h32("r") }));
    };
    expect(await leave(p1, "patient", 0)).toMatchObject({ status: "ok" });
    expect(await leave(p2, "doctor", 32)).toMatchObject({ status: "ok" });
    expect(await leave(p1, "no-show", 0)).toMatchObject({ status: "ok" });
    await twin.tx(
      chain.sign(p2, "ProposeSurgery", { doctor: w.drB.address, procedure: "é".repeat(128), requestedTime: BigInt(chain.time + DAY), detailsHash: h32("d") }),
    );
    const largest = twin.steps.reduce((max, s) => (s.gas > max.gas ? s : max));
    console.log(`ScheduleTwin: largest step ${largest.label} at ${largest.gas} gas`);
    expect(largest.gas).toBeLessThan(16_000_000n);
  });

  it("Should treat scheduling bytes that do not decode as a step that changes nothing", async () => {
    const chain = new TestChain();
    const w = createWorld({ chain });
    const twin = new TwinChecker(f, chain);
    const [p1] = w.patients as [Actor];
    const day = BigInt(chain.time + DAY);
    const makers: Array<() => Tx> = [
      () => chain.sign(p1, "ProposeSurgery", { doctor: w.drA.address, procedure: "rhinoplasty", requestedTime: day, detailsHash: h32("d") }),
      () => chain.sign(w.drA, "OfferSchedule", { caseId: 1n, appointmentTime: day, deposit: 1n, price: 2n, freeCancelBefore: 0, lateCancelFeeBps: 0 }),
      () => chain.sign(p1, "AcceptOffer", { caseId: 1n }),
      () => chain.sign(p1, "RequestReschedule", { caseId: 1n, newTime: day + BigInt(DAY) }),
      () => chain.sign(w.drA, "AcceptReschedule", { caseId: 1n }),
      () => chain.sign(p1, "CancelSurgery", { caseId: 1n, reasonHash: h32("r") }),
      () => chain.sign(w.drA, "MarkNoShow", { caseId: 1n }),
    ];
    for (const make of makers) {
      const tx = make();
      const good = encodeTx(tx);
      await twin.bytes(good.subarray(0, good.length - 1), `${tx.type} truncated`);
      await twin.bytes(new Uint8Array([...good, 0]), `${tx.type} with a trailing byte`);
      await twin.bytes(good.subarray(0, 1), `${tx.type} type byte only`);
      const badV = good.slice();
      badV[badV.length - 1] = 29;
      await twin.bytes(badV, `${tx.type} with v = 29`);
    }
    const outcomes = [];
    for (const make of makers.slice(0, 6)) {
      const tx = make();
      outcomes.push((await twin.bytes(encodeTx(tx), tx.type))?.status);
    }
    expect(outcomes).toEqual(["ok", "ok", "ok", "ok", "ok", "ok"]);
  });

  it("Should find a released pack by value in the witness, and settle nothing with a witness that drops it or offers its look-alike lot", async () => {
    const chain = new TestChain();
    const w = createWorld({ chain });
    const [p1] = w.patients as [Actor];
    const { drA, maker } = w;
    // A lot named like a pack's serial: its leaf begins with the same two hashes as that pack's.
    chain.ok(maker, "RegisterMedicine", { gtin: w.gtin, lot: "L1-0", expiry: BigInt(chain.time + YEAR), serials: ["Z-0"] });
    const time = BigInt(chain.time + 7 * DAY);
    const { caseId } = chain.ok(p1, "ProposeSurgery", { doctor: drA.address, procedure: "rhinoplasty", requestedTime: time, detailsHash: h32("d") });
    chain.ok(drA, "OfferSchedule", { caseId, appointmentTime: time, deposit: ETH, price: 5n * ETH, freeCancelBefore: DAY, lateCancelFeeBps: 100 });
    chain.ok(p1, "AcceptOffer", { caseId });
    chain.ok(drA, "ProposePlan", { caseId, packs: [{ gtin: w.gtin, serial: "L1-0" }], policyId: 0n, planHash: h32("p") });
    chain.autoSeal = false;
    const tx = chain.sign(p1, "CancelSurgery", { caseId, reasonHash: h32("r") });
    const lotKeyId = `${w.gtin}/L1-0`;
    // The TypeScript step, with the look-alike lot read as well (it changes nothing there).
    const { preRoot, postRoot, witness } = proveStep(chain.state, () => {
      chain.state.get("lot", lotKeyId);
      return chain.apply(tx);
    });
    expect(chain.state.get("pack", `${w.gtin}/L1-0`)!.status).toBe("ACTIVE");
    const abi = readArtifact("FraudVerifier").abi;
    const run = (wit: StepWitness) =>
      f.publicClient.readContract({
        address: f.deployment.fraudVerifier,
        abi,
        functionName: "applyTransaction",
        args: [
          preRoot,
          {
            blockNumber: chain.blockNumber,
            timestamp: BigInt(chain.time),
            feeRecipient: PROPOSER.address,
            chainId: BigInt(L2_CHAIN_ID),
            bridge: BRIDGE as Address,
          },
          bytesToHex(encodeTx(tx)),
          abiWitness(wit),
        ],
      }) as Promise<Hex>;
    expect(await run(witness)).toBe(postRoot);
    const packKey = bytesToHex(leafKey("pack", `${w.gtin}/L1-0`));
    expect(witness.reads.map((r) => r.key)).toEqual(expect.arrayContaining([packKey, bytesToHex(leafKey("lot", lotKeyId))]));
    const withoutPack = { reads: witness.reads.filter((r) => r.key !== packKey), writes: witness.writes };
    await expect(run(withoutPack)).rejects.toThrow(/ScheduleTwinB_PackNotInWitness/);
  });

  for (const seed of (process.env.SCHEDULE_TWIN_SEEDS ?? "20241202,7").split(",").map(Number)) {
    it(`Should compute the same root at every step of a seeded random walk of cases, with transfers (seed ${seed})`, async () => {
      const chain = new TestChain({ params: testGenesis({ fees: DEFAULT_FEES }) });
      const w = createWorld({ chain, packsPerLot: 40 });
      const twin = new TwinChecker(f, chain);
      const r = rng(seed);
      const outcomes: Outcomes = new Map();
      const patients = [...w.patients, actor("p4")];
      const doctors = [w.drA, w.drB];
      const everyone = [...patients, ...doctors, actor("stranger")];
      for (const a of everyone) chain.deposit(a, 50n * ETH);
      const procedures = ["rhinoplasty", "blepharoplasty", "", " x", "é".repeat(64), "x".repeat(65), "😀"];
      const LIVE = new Set(["PROPOSED", "OFFERED", "SCHEDULED", "PLANNED", "CONFIRMED"]);
      let serial = 0;
      const cases = () => Array.from({ length: Number(chain.state.get("meta", "")!.nextCaseId) - 1 }, (_, i) => chain.state.get("case", String(i + 1))!);
      const timeAhead = () => BigInt(chain.time + (r.chance(0.08) ? -r.int(HOUR) : 1 + r.int(5 * DAY)));
      const actorOf = (address: Address) => everyone.find((a) => a.address === address)!;
      /** Mostly the right party, sometimes anyone. */
      const as = (address: Address) => (r.chance(0.1) ? r.pick(everyone) : actorOf(address));

      let checked = 0;
      let planned = 0;
      while (checked < 320) {
        const roll = r.int(100);
        const all = cases();
        const live = all.filter((c) => LIVE.has(c.status));
        let tx: Tx | undefined;
        if (roll < 6) {
          chain.advance(r.pick([60, HOUR, 3 * HOUR, DAY, 2 * DAY]));
        } else if (roll < 7) {
          chain.advance(chain.state.params.closeTimeoutSeconds);
        } else if (roll < 20 || all.length === 0) {
          const doctor = r.chance(0.05) ? r.pick(everyone).address : r.pick(doctors).address;
          tx = chain.sign(r.pick(patients), "ProposeSurgery", { doctor, procedure: r.pick(procedures), requestedTime: timeAhead(), detailsHash: h32(roll) });
        } else if (roll < 28) {
          tx = chain.sign(r.pick(everyone), "Transfer", {
            to: r.pick(everyone).address,
            amount: r.chance(0.1) ? 0n : BigInt(r.int(3)) * ETH + BigInt(r.int(1000)),
          });
        } else {
          // A case (mostly a live one), and mostly the step its status calls for.
          const c = live.length > 0 && r.chance(0.9) ? r.pick(live) : r.chance(0.9) ? r.pick(all) : { ...all[0]!, id: BigInt(all.length + 1 + r.int(3)) };
          const caseId = c.id;
          const natural: Record<string, string[]> = {
            PROPOSED: ["OfferSchedule", "OfferSchedule", "OfferSchedule", "CancelSurgery"],
            OFFERED: ["AcceptOffer", "AcceptOffer", "AcceptOffer", "CancelSurgery"],
            SCHEDULED: ["RequestReschedule", "AcceptReschedule", "ProposePlan", "ProposePlan", "CancelSurgery", "MarkNoShow"],
            PLANNED: ["ConfirmPlan", "ConfirmPlan", "ProposePlan", "CancelSurgery", "MarkNoShow", "RequestReschedule"],
            CONFIRMED: ["CancelSurgery", "MarkNoShow", "AcceptReschedule"],
          };
          const type = r.chance(0.8) && natural[c.status] ? r.pick(natural[c.status]!) : r.pick([...SCHEDULE_TYPES]);
          const other = (address: Address) => (address === c.patient ? c.doctor : c.patient);
          const requester = c.reschedule?.requester;
          if (type === "OfferSchedule") {
            const price = r.chance(0.05) ? 0n : BigInt(1 + r.int(4)) * ETH + BigInt(r.int(1000));
            const deposit = r.chance(0.05) ? price + 1n : r.chance(0.2) ? 0n : price / BigInt(1 + r.int(5));
            tx = chain.sign(as(c.doctor), "OfferSchedule", {
              caseId,
              appointmentTime: timeAhead(),
              deposit,
              price,
              freeCancelBefore: r.int(3 * DAY),
              lateCancelFeeBps: r.chance(0.05) ? 10_001 + r.int(50_000) : r.int(10_001),
            });
          } else if (type === "AcceptOffer") {
            tx = chain.sign(as(c.patient), "AcceptOffer", { caseId });
          } else if (type === "RequestReschedule") {
            tx = chain.sign(as(r.chance(0.5) ? c.patient : c.doctor), "RequestReschedule", { caseId, newTime: timeAhead() });
          } else if (type === "AcceptReschedule") {
            tx = chain.sign(as(requester && r.chance(0.9) ? other(requester) : c.patient), "AcceptReschedule", { caseId });
          } else if (type === "CancelSurgery") {
            tx = chain.sign(as(r.chance(0.6) ? c.patient : c.doctor), "CancelSurgery", { caseId, reasonHash: h32(roll) });
          } else if (type === "MarkNoShow") {
            tx = chain.sign(as(c.doctor), "MarkNoShow", { caseId });
          } else if (type === "ProposePlan") {
            // TypeScript only (the plan handlers have their own twin): fresh packs, or ones another case may hold.
            const packs = Array.from({ length: r.int(4) }, () => ({ gtin: w.gtin, serial: `L1-${r.chance(0.8) ? serial++ % 40 : r.int(40)}` }));
            const planHash = h32(`plan-${caseId}`);
            const receipt = chain.apply(chain.sign(actorOf(c.doctor), "ProposePlan", { caseId, packs, policyId: r.chance(0.5) ? w.policyId : 0n, planHash }));
            if (receipt.status === "ok") planned++;
          } else if (type === "ConfirmPlan") {
            chain.apply(chain.sign(actorOf(c.patient), "ConfirmPlan", { caseId, planHash: h32(`plan-${caseId}`) }));
          } else {
            tx = chain.sign(as(c.patient), "ProposeSurgery", {
              doctor: c.doctor,
              procedure: "rhinoplasty",
              requestedTime: timeAhead(),
              detailsHash: h32(roll),
            });
          }
        }
        if (!tx) continue;
        const receipt = await twin.tx(tx);
        record(outcomes, tx.type, receipt);
        checked++;
      }
      const ok = [...outcomes.entries()].filter(([, seen]) => seen.has("ok")).map(([type]) => type);
      expect(ok).toEqual(expect.arrayContaining([...SCHEDULE_TYPES, "Transfer"]));
      const statuses = new Set(cases().map((c) => c.status));
      expect([...statuses]).toEqual(expect.arrayContaining(["CANCELLED", "NO_SHOW"]));
      expect(planned).toBeGreaterThan(5);
      const leftWithPacks = cases().filter((c) => (c.status === "CANCELLED" || c.status === "NO_SHOW") && (c.plan?.packs.length ?? 0) > 0);
      expect(leftWithPacks.length).toBeGreaterThan(0);
      expect(twin.steps.length).toBe(checked);
    });
  }
});
