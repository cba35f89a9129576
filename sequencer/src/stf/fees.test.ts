// Fees in the STF: every signed type pays perByte × its encoded size + perWorkUnit × its work,
// never more than its maxFee, to the block's fee recipient; value stays conserved; a sender who
// cannot pay, or who signed too low a maxFee, is rejected and pays nothing; the schedule changes
// only through governance with notice.
import { secp256k1 } from "@noble/curves/secp256k1.js";
import { describe, expect, it } from "vitest";
import { encodeTx, isSigned, TX_TYPES, type Tx, type TxType } from "../protocol";
import { DEFAULT_FEES, type FeeSchedule } from "../state";
import { checkConservation } from "./testing/conservation";
import { actor, ETH, h32, PROPOSER, TestChain, testGenesis } from "./testing/harness";
import { createWorld, DAY, scheduleCase } from "./testing/world";
import { caseIn } from "./testing/cases";
import { bytesToHex } from "../crypto/bytes";

const FEES: FeeSchedule = DEFAULT_FEES;

function feeWorld(fees: FeeSchedule = FEES) {
  const w = createWorld({ chain: new TestChain({ params: testGenesis({ fees }) }) });
  w.chain.checkReviewProof = () => true;
  return w;
}

/** The fee restated from docs/protocol.md, independently of the implementation. */
function expectedFee(tx: Tx, fees: FeeSchedule): bigint {
  if (!isSigned(tx.type)) return 0n;
  const arrays = Object.values(tx.message as Record<string, unknown>).filter(Array.isArray) as unknown[][];
  const work = 1n + BigInt(arrays.reduce((n, a) => n + a.length, 0));
  return fees.perByte * BigInt(encodeTx(tx).length) + fees.perWorkUnit * work;
}

describe("# fees", () => {
  it("Should charge every signed type exactly its fee, within maxFee, to the proposer, conserving value", () => {
    const w = feeWorld();
    const { chain, drA, drB, maker, gtin, policyId } = w;
    const [p1, p2, p3] = w.patients as [(typeof w.patients)[0], (typeof w.patients)[0], (typeof w.patients)[0]];
    const governance = actor("governance");
    chain.deposit(governance, ETH);

    chain.ok(p1, "SetEncryptionKey", { encryptionKey: bytesToHex(secp256k1.getPublicKey(secp256k1.utils.randomSecretKey(), true)) });
    chain.ok(p1, "Transfer", { to: p2.address, amount: ETH });
    chain.ok(p2, "Withdraw", { recipient: p2.address, amount: ETH / 2n });
    chain.ok(maker, "RecallLot", { gtin, lot: "L2" });
    // Case 1: through plan, surgery, incident, resolution, close and a review.
    const c1 = scheduleCase(w, p1, drA);
    chain.ok(p1, "RequestReschedule", { caseId: c1, newTime: BigInt(chain.time + 8 * DAY) });
    chain.ok(drA, "AcceptReschedule", { caseId: c1 });
    chain.ok(drA, "ProposePlan", { caseId: c1, packs: [{ gtin, serial: "L1-0" }], policyId, planHash: h32("plan") });
    chain.ok(p1, "ConfirmPlan", { caseId: c1, planHash: h32("plan") });
    chain.advance(8 * DAY);
    chain.ok(drA, "RecordSurgery", { caseId: c1, recordHash: h32("record"), packsUsed: [{ gtin, serial: "L1-0" }] });
    chain.ok(drA, "PostSummary", { caseId: c1, summaryHash: h32("summary") });
    const { incidentId } = chain.ok(p1, "ReportIncident", { caseId: c1, complication: "swelling", evidenceHash: h32("evidence") });
    chain.ok(drA, "ProposeResolution", { incidentId, refund: 0n, resolutionHash: h32("resolution") });
    chain.ok(p1, "AcceptResolution", { incidentId, refund: 0n, resolutionHash: h32("resolution") });
    chain.ok(p1, "CloseSurgery", { caseId: c1, reviewCommitment: 0n });
    chain.ok(p1, "AddReviewCommitment", { caseId: c1, reviewCommitment: 4242n });
    const root = chain.state.get("reviewTree", "")!.root;
    const review = { doctor: drA.address, rating: 4, worthIt: true, textHash: h32("text"), root, nullifier: 99n, proof: [1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n] };
    const reviewReceipt = chain.apply({ type: "PostReview", from: null, message: review, signature: null } as Tx);
    expect(reviewReceipt.status).toBe("ok");
    chain.ok(drA, "ReplyToReview", { reviewId: 1n, textHash: h32("reply") });
    // Records.
    const { recordId } = chain.ok(p1, "CreateRecord", {
      subject: p1.address,
      ciphertextHash: h32("ct"),
      readers: [{ reader: p1.address, wrappedKey: "0x01" }],
    });
    chain.ok(p1, "GrantAccess", { recordId, reader: drA.address, wrappedKey: "0x02" });
    chain.ok(p1, "RevokeAccess", { recordId, reader: drA.address });
    // Case 2: a no-show; case 3: a cancellation; case 4: finalized by the doctor.
    const c2 = scheduleCase(w, p2, drB);
    chain.advance(7 * DAY + chain.state.params.noShowGraceSeconds);
    chain.ok(drB, "MarkNoShow", { caseId: c2 });
    const c3 = scheduleCase(w, p3, drA);
    chain.ok(p3, "CancelSurgery", { caseId: c3, reasonHash: h32("reason") });
    const { caseId: c4, doctor } = caseIn(w, "EXECUTED", { patient: p2, doctor: drB, policyId: 0n, serials: ["L1-5"] });
    chain.advance(chain.state.params.closeTimeoutSeconds);
    chain.ok(doctor, "FinalizeSurgery", { caseId: c4 });
    chain.ok(governance, "SetFeeSchedule", { perByte: FEES.perByte, perWorkUnit: FEES.perWorkUnit, effectiveAt: BigInt(chain.time + 7 * DAY) });
    chain.ok(w.insurer, "ReleaseReserve", { policyId: w.policyId });

    const ok = chain.log.filter(({ receipt }) => receipt.status === "ok");
    const signedTypes = (Object.keys(TX_TYPES) as TxType[]).filter(isSigned);
    expect(new Set(ok.map(({ tx }) => tx.type))).toEqual(new Set([...signedTypes, "PostReview"]));
    let paid = 0n;
    for (const { tx, receipt } of ok) {
      if (receipt.status !== "ok") continue;
      expect(receipt.fee, tx.type).toBe(expectedFee(tx, FEES));
      if (isSigned(tx.type)) {
        expect(receipt.fee, tx.type).toBeGreaterThan(0n);
        expect(receipt.fee).toBeLessThanOrEqual((tx.message as { maxFee: bigint }).maxFee);
      }
      paid += receipt.fee;
    }
    expect(reviewReceipt.status === "ok" && reviewReceipt.fee).toBe(0n);
    expect(chain.balance(PROPOSER)).toBe(paid);
    checkConservation(chain.state);
  });

  it("Should reject a maxFee one wei below the fee with FEE_ABOVE_MAX, and accept it at exactly the fee", () => {
    const { chain, patients } = feeWorld();
    const p = patients[0]!;
    const probe = chain.sign(p, "Transfer", { to: PROPOSER.address, amount: 1n, maxFee: 10n ** 18n });
    const fee = expectedFee(probe as Tx, FEES);
    // maxFee is part of the encoding: fee with the tighter maxFee is what it must cover.
    const exact = expectedFee(chain.sign(p, "Transfer", { to: PROPOSER.address, amount: 1n, maxFee: fee }) as Tx, FEES);
    expect(chain.fails(p, "Transfer", { to: PROPOSER.address, amount: 1n, maxFee: exact - 1n })).toBe("FEE_ABOVE_MAX");
    const before = chain.balance(p);
    chain.ok(p, "Transfer", { to: PROPOSER.address, amount: 1n, maxFee: exact });
    expect(chain.balance(p)).toBe(before - 1n - exact);
  });

  it("Should reject a sender who cannot pay with INSUFFICIENT_FEE_BALANCE, changing nothing", () => {
    const { chain } = feeWorld();
    const broke = actor("broke");
    expect(
      chain.fails(broke, "CreateRecord", { subject: broke.address, ciphertextHash: h32("x"), readers: [{ reader: broke.address, wrappedKey: "0x01" }] }),
    ).toBe("INSUFFICIENT_FEE_BALANCE");
    chain.deposit(broke, 1_000n);
    expect(chain.fails(broke, "SetEncryptionKey", { encryptionKey: `0x02${"11".repeat(32)}` })).toBe("INSUFFICIENT_FEE_BALANCE");
    expect(chain.balance(broke)).toBe(1_000n);
  });

  it("Should charge nothing for a transaction the handler rejects (all or nothing)", () => {
    const { chain, patients } = feeWorld();
    const p = patients[0]!;
    const before = chain.balance(p);
    expect(chain.fails(p, "Transfer", { to: PROPOSER.address, amount: before })).toBe("INSUFFICIENT_BALANCE");
    expect(chain.balance(p)).toBe(before);
  });

  it("Should charge nothing at all on a chain whose schedule is zero", () => {
    const { chain, patients } = feeWorld({ perByte: 0n, perWorkUnit: 0n });
    chain.ok(patients[0]!, "Transfer", { to: patients[1]!.address, amount: 1n, maxFee: 0n });
    expect(chain.balance(PROPOSER)).toBe(0n);
  });
});

describe("# SetFeeSchedule", () => {
  const governance = actor("governance");
  const newFees: FeeSchedule = { perByte: 2n * FEES.perByte, perWorkUnit: 0n };

  it("Should only be signed by governance", () => {
    const { chain, patients } = feeWorld();
    const p = patients[0]!;
    expect(chain.fails(p, "SetFeeSchedule", { ...newFees, effectiveAt: BigInt(chain.time + 30 * DAY) })).toBe("NOT_AUTHORIZED");
  });

  it("Should need the genesis notice period, then switch exactly at effectiveAt", () => {
    const { chain, patients } = feeWorld();
    const p = patients[0]!;
    chain.deposit(governance, ETH);
    const notice = chain.state.params.feeNoticeSeconds;
    expect(chain.fails(governance, "SetFeeSchedule", { ...newFees, effectiveAt: BigInt(chain.time + notice - 1) })).toBe("FEE_NOTICE_TOO_SHORT");
    const effectiveAt = BigInt(chain.time + notice);
    chain.ok(governance, "SetFeeSchedule", { ...newFees, effectiveAt });
    const transfer = () => chain.log.at(-1)!;
    chain.time = Number(effectiveAt) - 1;
    chain.ok(p, "Transfer", { to: PROPOSER.address, amount: 1n });
    expect(transfer().receipt).toMatchObject({ fee: expectedFee(transfer().tx, FEES) });
    chain.time = Number(effectiveAt);
    chain.ok(p, "Transfer", { to: PROPOSER.address, amount: 1n });
    expect(transfer().receipt).toMatchObject({ fee: expectedFee(transfer().tx, newFees) });
    // The announced schedule became the current one; the next announcement starts from it.
    chain.ok(governance, "SetFeeSchedule", { ...FEES, effectiveAt: BigInt(chain.time + notice) });
    expect(chain.state.get("fees", "")).toMatchObject({ current: newFees, pending: { schedule: FEES } });
  });
});
