import { describe, expect, it } from "vitest";
import { parseEther } from "viem";
import { isSigned, messageFields, TX_TYPES, type TxType } from "../../../../sequencer/src/protocol/txTypes";
import { describeTransaction } from "./describeTransaction";

const SAMPLE: Record<string, unknown> = {
  nonce: 3n,
  caseId: 12n,
  incidentId: 2n,
  recordId: 4n,
  reviewId: 5n,
  policyId: 1n,
  amount: parseEther("1.5"),
  deposit: parseEther("0.5"),
  price: parseEther("2"),
  premium: parseEther("0.1"),
  cap: parseEther("4"),
  refund: 0n,
  to: "0x00000000000000000000000000000000000000a1",
  recipient: "0x00000000000000000000000000000000000000a1",
  account: "0x00000000000000000000000000000000000000a1",
  doctor: "0x00000000000000000000000000000000000000d1",
  subject: "0x00000000000000000000000000000000000000a1",
  reader: "0x00000000000000000000000000000000000000b2",
  role: 2,
  active: true,
  status: 1,
  specialties: ["rhinoplasty"],
  procedures: ["rhinoplasty"],
  acceptedInsurers: [],
  latE6: 40_758_000,
  lonE6: -73_985_500,
  jurisdiction: "US-NY",
  npi: "",
  gtin: "09506000134352",
  lot: "L1",
  serials: ["A", "B"],
  expiry: 1_900_000_000n,
  expiresAt: 1_900_000_000n,
  requestedTime: 1_900_000_000n,
  appointmentTime: 1_900_000_000n,
  newTime: 1_900_000_000n,
  freeCancelBefore: 86_400,
  lateCancelFeeBps: 1000,
  procedure: "rhinoplasty",
  complication: "infection",
  packs: [{ gtin: "09506000134352", serial: "A" }],
  packsUsed: [{ gtin: "09506000134352", serial: "A" }],
  terms: [{ complication: "infection", payout: parseEther("1"), windowDays: 30 }],
  readers: [{ reader: "0x00000000000000000000000000000000000000b2", wrappedKey: "0x01" }],
  reviewCommitment: 77n,
};

describe("describeTransaction", () => {
  it("Should have a title, a sentence and every EIP-712 field in words for every signed type", () => {
    for (const type of Object.keys(TX_TYPES) as TxType[]) {
      if (!isSigned(type)) continue;
      const message = Object.fromEntries(messageFields(type).map((f) => [f.name, SAMPLE[f.name] ?? `0x${"ab".repeat(32)}`]));
      const d = describeTransaction(type, message);
      expect(d.title, type).not.toBe("");
      expect(d.summary, type).not.toMatch(/undefined|NaN|\[object/);
      expect(d.fields.map((f) => f.name)).toEqual(messageFields(type).map((f) => f.name));
      for (const f of d.fields) expect(f.value, `${type}.${f.name}`).not.toMatch(/undefined|NaN|\[object/);
    }
  });

  it("Should say what the money does, in ETH, and the terms in time and percent", () => {
    const offer = describeTransaction("OfferSchedule", {
      nonce: 0n,
      caseId: 12n,
      appointmentTime: 1_900_000_000n,
      deposit: parseEther("0.5"),
      price: parseEther("2"),
      freeCancelBefore: 86_400,
      lateCancelFeeBps: 1000,
    });
    expect(offer.summary).toBe(
      "Offer case #12 an appointment on 17 Mar 2030, 17:46 UTC: deposit 0.5 ETH, price 2 ETH, free cancellation until 1 d before, then a 10% fee.",
    );
    expect(offer.fields.find((f) => f.name === "deposit")).toEqual({ name: "deposit", label: "Deposit", value: "0.5 ETH", raw: "500000000000000000" });
    const close = describeTransaction("CloseSurgery", { nonce: 1n, maxFee: 10n ** 14n, caseId: 12n, reviewCommitment: 0n });
    expect(close.summary).not.toContain("review commitment");
    expect(close.fields.find((f) => f.name === "reviewCommitment")!.value).toBe("none (no review)");
    expect(close.fields.find((f) => f.name === "maxFee")).toMatchObject({ label: "Most you pay in fees", value: "0.0001 ETH" });
  });
});
