// A populated test world: regulators, a manufacturer with two lots, an insurer with a policy,
// two licensed surgeons and three funded patients. Shared by STF tests and benchmarks.
import { actor, ETH, gtin, h32, TestChain, type Actor } from "./harness";

export const YEAR = 365 * 86_400;
export const DAY = 86_400;

export type World = {
  chain: TestChain;
  board: Actor;
  medReg: Actor;
  insReg: Actor;
  maker: Actor;
  insurer: Actor;
  drA: Actor;
  drB: Actor;
  patients: Actor[];
  gtin: string;
  policyId: bigint;
  lots: { good: string; recalled: string };
};

export function createWorld({ chain = new TestChain(), packsPerLot = 20 } = {}): World {
  const board = actor("board");
  const medReg = actor("medicine-regulator");
  const insReg = actor("insurance-regulator");
  const maker = actor("maker");
  const insurer = actor("insurer");
  const drA = actor("dr-a");
  const drB = actor("dr-b");
  const patients = [actor("p1"), actor("p2"), actor("p3")];
  const g = gtin("0761234567890");
  // With fees on, every actor needs something to pay them with before its first transaction.
  const fees = chain.state.get("fees", "")!.current;
  if (fees.perByte > 0n || fees.perWorkUnit > 0n) for (const a of [board, medReg, insReg, maker, drA, drB]) chain.deposit(a, ETH);

  chain.ok(medReg, "AdmitParticipant", { account: maker.address, role: 1, active: true });
  chain.ok(insReg, "AdmitParticipant", { account: insurer.address, role: 2, active: true });
  for (const [dr, lat] of [
    [drA, 40_712_800],
    [drB, 40_730_600],
  ] as const) {
    chain.ok(dr, "RegisterDoctor", {
      specialties: ["rhinoplasty", "blepharoplasty"],
      latE6: lat,
      lonE6: -74_006_000,
      acceptedInsurers: [insurer.address],
      profileHash: h32(dr.name),
    });
    chain.ok(board, "AttestLicense", {
      doctor: dr.address,
      jurisdiction: "US-NY",
      licenseNumberHash: h32(`lic-${dr.name}`),
      npi: "1234567893",
      status: 1,
      expiresAt: BigInt(chain.time + 2 * YEAR),
    });
  }
  const expiry = BigInt(chain.time + YEAR);
  const serials = (lot: string) => Array.from({ length: packsPerLot }, (_, i) => `${lot}-${i}`);
  chain.ok(maker, "RegisterMedicine", { gtin: g, lot: "L1", expiry, serials: serials("L1") });
  chain.ok(maker, "RegisterMedicine", { gtin: g, lot: "L2", expiry, serials: serials("L2") });

  chain.deposit(insurer, 100n * ETH);
  const { policyId } = chain.ok(insurer, "PublishPolicy", {
    procedures: ["rhinoplasty"],
    terms: [{ complication: "infection", payout: 2n * ETH, windowDays: 30 }],
    premium: ETH / 10n,
    cap: 50n * ETH,
  });
  for (const p of patients) chain.deposit(p, 20n * ETH);
  return { chain, board, medReg, insReg, maker, insurer, drA, drB, patients, gtin: g, policyId, lots: { good: "L1", recalled: "L2" } };
}

/** Proposes, offers and accepts a case; returns its id. */
export function scheduleCase(w: World, patient: Actor, doctor: Actor, opts: { price?: bigint; deposit?: bigint; inSeconds?: number } = {}): bigint {
  const { chain } = w;
  const time = BigInt(chain.time + (opts.inSeconds ?? 7 * DAY));
  const { caseId } = chain.ok(patient, "ProposeSurgery", {
    doctor: doctor.address,
    procedure: "rhinoplasty",
    requestedTime: time,
    detailsHash: h32("details"),
  });
  chain.ok(doctor, "OfferSchedule", {
    caseId,
    appointmentTime: time,
    deposit: opts.deposit ?? ETH,
    price: opts.price ?? 5n * ETH,
    freeCancelBefore: 2 * DAY,
    lateCancelFeeBps: 5_000,
  });
  chain.ok(patient, "AcceptOffer", { caseId });
  return caseId;
}
