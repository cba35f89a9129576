// Registries (participants, doctors, licenses, medicine, policies) and funds (keys, transfers,
// withdrawals, nonces, deposits): success with the state left behind, and every rejection rule.
import { describe, expect, it } from "vitest";
import { secp256k1 } from "@noble/curves/secp256k1.js";
import { bytesToHex } from "../crypto/bytes";
import { applyDeposit } from "./applyDeposit";
import { isValidGtin, isValidNpi } from "./validation";
import { actor, ETH, gtin, h32, TestChain, type Actor } from "./testing/harness";
import { createWorld, DAY, YEAR, type World } from "./testing/world";
import { caseIn } from "./testing/cases";
import { checkConservation } from "./testing/conservation";

const later = (w: World, seconds: number) => BigInt(w.chain.time + seconds);

function profile(overrides: Partial<{ specialties: string[]; latE6: number; lonE6: number; acceptedInsurers: `0x${string}`[] }> = {}) {
  return { specialties: ["rhinoplasty"], latE6: 0, lonE6: 0, acceptedInsurers: [], profileHash: h32("profile"), ...overrides };
}

function license(w: World, doctor: Actor, overrides: Partial<{ jurisdiction: string; npi: string; status: number; expiresAt: bigint }> = {}) {
  return {
    doctor: doctor.address,
    jurisdiction: "US-NY",
    licenseNumberHash: h32("lic"),
    npi: "1234567893",
    status: 1,
    expiresAt: later(w, YEAR),
    ...overrides,
  };
}

function medicine(w: World, overrides: Partial<{ gtin: string; lot: string; expiry: bigint; serials: string[] }> = {}) {
  return { gtin: w.gtin, lot: "L7", expiry: later(w, YEAR), serials: ["L7-0", "L7-1"], ...overrides };
}

type Term = { complication: string; payout: bigint; windowDays: number };
function policy(overrides: Partial<{ procedures: string[]; terms: Term[]; premium: bigint; cap: bigint }> = {}) {
  return {
    procedures: ["rhinoplasty"],
    terms: [{ complication: "infection", payout: ETH, windowDays: 30 }],
    premium: ETH / 100n,
    cap: 10n * ETH,
    ...overrides,
  };
}

describe("# AdmitParticipant", () => {
  it("Should admit and remove manufacturers and insurers by their regulators", () => {
    const w = createWorld();
    const who = actor("participant");
    w.chain.ok(w.medReg, "AdmitParticipant", { account: who.address, role: 1, active: true });
    w.chain.ok(w.insReg, "AdmitParticipant", { account: who.address, role: 2, active: true });
    expect(w.chain.state.get("participant", who.address)).toEqual({ manufacturer: true, insurer: true });
    w.chain.ok(w.medReg, "AdmitParticipant", { account: who.address, role: 1, active: false });
    expect(w.chain.state.get("participant", who.address)).toEqual({ manufacturer: false, insurer: true });
    expect(w.chain.fails(who, "RegisterMedicine", medicine(w))).toBe("NOT_AUTHORIZED");
  });

  it.each([0, 3, 255])("Should not admit the unknown role %d", (role) => {
    const w = createWorld();
    expect(w.chain.fails(w.medReg, "AdmitParticipant", { account: actor("x").address, role, active: true })).toBe("INVALID_ROLE");
  });

  it("Should not let the wrong regulator or anyone else admit", () => {
    const w = createWorld();
    const who = actor("participant").address;
    expect(w.chain.fails(w.insReg, "AdmitParticipant", { account: who, role: 1, active: true })).toBe("NOT_AUTHORIZED");
    expect(w.chain.fails(w.medReg, "AdmitParticipant", { account: who, role: 2, active: true })).toBe("NOT_AUTHORIZED");
    expect(w.chain.fails(w.board, "AdmitParticipant", { account: who, role: 1, active: true })).toBe("NOT_AUTHORIZED");
    expect(w.chain.fails(w.maker, "AdmitParticipant", { account: who, role: 1, active: true })).toBe("NOT_AUTHORIZED");
    expect(w.chain.state.get("participant", who)).toBeUndefined();
  });
});

describe("# RegisterDoctor", () => {
  it("Should register a doctor with empty stats and no license", () => {
    const w = createWorld();
    const dr = actor("dr-c");
    w.chain.ok(dr, "RegisterDoctor", profile({ specialties: ["facelift"], latE6: -90_000_000, lonE6: 180_000_000 }));
    expect(w.chain.state.get("doctor", dr.address)).toMatchObject({
      specialties: ["facelift"],
      latE6: -90_000_000,
      license: null,
      registeredAt: w.chain.time,
      stats: { reviewCount: 0, cancellationsByDoctor: 0 },
    });
  });

  it("Should update a profile and keep the license, stats and registration time", () => {
    const w = createWorld();
    caseIn(w, "PROPOSED");
    const before = w.chain.state.get("doctor", w.drA.address)!;
    w.chain.advance(DAY);
    w.chain.ok(w.drA, "RegisterDoctor", profile({ specialties: ["facelift", "otoplasty"] }));
    const after = w.chain.state.get("doctor", w.drA.address)!;
    expect(after.specialties).toEqual(["facelift", "otoplasty"]);
    expect(after.license).toEqual(before.license);
    expect(after.stats).toEqual(before.stats);
    expect(after.registeredAt).toBe(before.registeredAt);
  });

  it.each([
    ["no specialties", profile({ specialties: [] })],
    ["9 specialties", profile({ specialties: Array.from({ length: 9 }, (_, i) => `s${i}`) })],
    ["a repeated specialty", profile({ specialties: ["a", "a"] })],
    ["an empty specialty", profile({ specialties: [""] })],
    ["a padded specialty", profile({ specialties: ["face "] })],
    ["a 49-character specialty", profile({ specialties: ["x".repeat(49)] })],
    ["a latitude beyond 90°", profile({ latE6: 90_000_001 })],
    ["a longitude beyond -180°", profile({ lonE6: -180_000_001 })],
    ["a repeated insurer", profile({ acceptedInsurers: [actor("i").address, actor("i").address] })],
    ["33 insurers", profile({ acceptedInsurers: Array.from({ length: 33 }, (_, i) => actor(`i${i}`).address) })],
  ])("Should not register %s", (_, message) => {
    const w = createWorld();
    expect(w.chain.fails(actor("dr-c"), "RegisterDoctor", message)).toBe("INVALID_PROFILE");
  });
});

describe("# AttestLicense", () => {
  it("Should attest a license with a valid NPI, and without one", () => {
    const w = createWorld();
    const dr = actor("dr-c");
    w.chain.ok(dr, "RegisterDoctor", profile());
    w.chain.ok(w.board, "AttestLicense", license(w, dr, { status: 2 }));
    expect(w.chain.state.get("doctor", dr.address)!.license).toMatchObject({
      board: w.board.address,
      npi: "1234567893",
      status: "SUSPENDED",
      attestedAt: w.chain.time,
    });
    w.chain.ok(w.board, "AttestLicense", license(w, dr, { npi: "", status: 3 }));
    expect(w.chain.state.get("doctor", dr.address)!.license).toMatchObject({ npi: "", status: "REVOKED" });
  });

  it("Should not let anyone but the licensing board attest", () => {
    const w = createWorld();
    expect(w.chain.fails(w.medReg, "AttestLicense", license(w, w.drA, { status: 3 }))).toBe("NOT_AUTHORIZED");
    expect(w.chain.fails(w.drA, "AttestLicense", license(w, w.drA))).toBe("NOT_AUTHORIZED");
    expect(w.chain.state.get("doctor", w.drA.address)!.license!.status).toBe("ACTIVE");
  });

  it("Should not attest a license for an unregistered doctor", () => {
    const w = createWorld();
    expect(w.chain.fails(w.board, "AttestLicense", license(w, actor("nobody")))).toBe("NOT_DOCTOR");
  });

  it.each([
    ["status 0", { status: 0 }],
    ["status 4", { status: 4 }],
    ["no jurisdiction", { jurisdiction: "" }],
    ["no expiry", { expiresAt: 0n }],
  ])("Should not attest a license with %s", (_, overrides) => {
    const w = createWorld();
    expect(w.chain.fails(w.board, "AttestLicense", license(w, w.drA, overrides))).toBe("INVALID_LICENSE");
  });

  it.each(["1234567890", "1234567894", "123456789", "12345678930", "12345678a3", "0000000000"])("Should not attest the NPI %s", (npi) => {
    const w = createWorld();
    expect(isValidNpi(npi)).toBe(false);
    expect(w.chain.fails(w.board, "AttestLicense", license(w, w.drA, { npi }))).toBe("INVALID_NPI");
  });

  it.each(["1234567893", "1245319599", "1003000126"])("Should accept the valid NPI %s", (npi) => {
    expect(isValidNpi(npi)).toBe(true);
    const w = createWorld();
    w.chain.ok(w.board, "AttestLicense", license(w, w.drA, { npi }));
  });
});

describe("# RegisterMedicine", () => {
  it("Should register packs as ACTIVE under a new lot, then add packs to it", () => {
    const w = createWorld();
    const expiry = later(w, YEAR);
    expect(w.chain.ok(w.maker, "RegisterMedicine", medicine(w, { expiry })).registered).toBe(2);
    expect(w.chain.state.get("lot", `${w.gtin}/L7`)).toEqual({
      gtin: w.gtin,
      lot: "L7",
      manufacturer: w.maker.address,
      expiry,
      packs: 2,
      recalled: false,
      recalledAt: null,
    });
    expect(w.chain.state.get("pack", `${w.gtin}/L7-1`)).toEqual({
      gtin: w.gtin,
      serial: "L7-1",
      lot: "L7",
      manufacturer: w.maker.address,
      expiry,
      status: "ACTIVE",
      caseId: null,
    });
    w.chain.ok(w.maker, "RegisterMedicine", medicine(w, { expiry, serials: ["L7-2"] }));
    expect(w.chain.state.get("lot", `${w.gtin}/L7`)!.packs).toBe(3);
  });

  it("Should not let an account that is not an admitted manufacturer register", () => {
    const w = createWorld();
    expect(w.chain.fails(w.insurer, "RegisterMedicine", medicine(w))).toBe("NOT_AUTHORIZED");
    expect(w.chain.fails(w.medReg, "RegisterMedicine", medicine(w))).toBe("NOT_AUTHORIZED");
  });

  it.each(["07612345678901", "0761234567890", "076123456789012", "0761234567890a", ""])("Should not register the GTIN %j", (g) => {
    const w = createWorld();
    expect(isValidGtin(g)).toBe(false);
    expect(w.chain.fails(w.maker, "RegisterMedicine", medicine(w, { gtin: g }))).toBe("INVALID_GTIN");
  });

  it.each(["00012345600012", "10614141000415", gtin("0000000000000")])("Should register the valid GTIN %s", (g) => {
    const w = createWorld();
    expect(isValidGtin(g)).toBe(true);
    w.chain.ok(w.maker, "RegisterMedicine", medicine(w, { gtin: g }));
  });

  it.each([
    ["no serials", { serials: [] }],
    ["101 serials", { serials: Array.from({ length: 101 }, (_, i) => `s${i}`) }],
    ["a repeated serial", { serials: ["a", "a"] }],
    ["a serial with a space", { serials: ["a b"] }],
    ["a 21-character serial", { serials: ["x".repeat(21)] }],
    ["an empty lot", { lot: "" }],
    ["a lot with a space", { lot: "L 7" }],
  ])("Should not register %s", (_, overrides) => {
    const w = createWorld();
    expect(w.chain.fails(w.maker, "RegisterMedicine", medicine(w, overrides))).toBe("INVALID_MEDICINE");
  });

  it("Should not register an expiry that is not in the future", () => {
    const w = createWorld();
    expect(w.chain.fails(w.maker, "RegisterMedicine", medicine(w, { expiry: later(w, 0) }))).toBe("INVALID_MEDICINE");
  });

  it("Should not add to a lot of another manufacturer or with another expiry", () => {
    const w = createWorld();
    const other = actor("maker-2");
    w.chain.ok(w.medReg, "AdmitParticipant", { account: other.address, role: 1, active: true });
    expect(w.chain.fails(other, "RegisterMedicine", medicine(w, { lot: "L1", serials: ["x"] }))).toBe("LOT_MISMATCH");
    expect(w.chain.fails(w.maker, "RegisterMedicine", medicine(w, { lot: "L1", serials: ["x"], expiry: later(w, 2 * YEAR) }))).toBe("LOT_MISMATCH");
    expect(w.chain.state.get("lot", `${w.gtin}/L1`)!.packs).toBe(20);
  });

  it("Should not add packs to a recalled lot", () => {
    const w = createWorld();
    const expiry = w.chain.state.get("lot", `${w.gtin}/L2`)!.expiry;
    w.chain.ok(w.maker, "RecallLot", { gtin: w.gtin, lot: "L2" });
    expect(w.chain.fails(w.maker, "RegisterMedicine", medicine(w, { lot: "L2", serials: ["L2-new"], expiry }))).toBe("MEDICINE_RECALLED");
  });

  it("Should not register a serial twice for one GTIN, even in another lot", () => {
    const w = createWorld();
    expect(w.chain.fails(w.maker, "RegisterMedicine", medicine(w, { serials: ["new", "L1-0"] }))).toBe("MEDICINE_ALREADY_REGISTERED");
    expect(w.chain.state.get("pack", `${w.gtin}/new`)).toBeUndefined();
    expect(w.chain.state.get("lot", `${w.gtin}/L7`)).toBeUndefined();
  });
});

describe("# RecallLot", () => {
  it.each(["manufacturer", "regulator"] as const)("Should recall a whole lot by its %s, irreversibly", (by) => {
    const w = createWorld();
    expect(w.chain.ok(by === "manufacturer" ? w.maker : w.medReg, "RecallLot", { gtin: w.gtin, lot: "L2" }).packs).toBe(20);
    expect(w.chain.state.get("lot", `${w.gtin}/L2`)).toMatchObject({ recalled: true, recalledAt: w.chain.time });
    expect(w.chain.fails(w.maker, "RecallLot", { gtin: w.gtin, lot: "L2" })).toBe("LOT_ALREADY_RECALLED");
    expect(w.chain.state.get("lot", `${w.gtin}/L1`)!.recalled).toBe(false);
  });

  it("Should not recall an unknown lot", () => {
    const w = createWorld();
    expect(w.chain.fails(w.maker, "RecallLot", { gtin: w.gtin, lot: "L9" })).toBe("LOT_NOT_FOUND");
  });

  it("Should not look a lot up by a GTIN that is not one (a lot key splits at the GTIN's end)", () => {
    const w = createWorld();
    // Lot "L/2" of w.gtin would otherwise be reachable as gtin "<gtin>/L", lot "2".
    w.chain.ok(w.maker, "RegisterMedicine", { gtin: w.gtin, lot: "L/2", expiry: BigInt(w.chain.time + 86400 * 365), serials: ["S-X1"] });
    expect(w.chain.fails(w.maker, "RecallLot", { gtin: `${w.gtin}/L`, lot: "2" })).toBe("INVALID_GTIN");
    expect(w.chain.state.get("lot", `${w.gtin}/L/2`)!.recalled).toBe(false);
  });

  it("Should not let another manufacturer or a doctor recall", () => {
    const w = createWorld();
    const other = actor("maker-2");
    w.chain.ok(w.medReg, "AdmitParticipant", { account: other.address, role: 1, active: true });
    expect(w.chain.fails(other, "RecallLot", { gtin: w.gtin, lot: "L1" })).toBe("NOT_AUTHORIZED");
    expect(w.chain.fails(w.drA, "RecallLot", { gtin: w.gtin, lot: "L1" })).toBe("NOT_AUTHORIZED");
    expect(w.chain.state.get("lot", `${w.gtin}/L1`)!.recalled).toBe(false);
  });
});

describe("# PublishPolicy", () => {
  it("Should lock the cap from the insurer's balance as the policy's reserve", () => {
    const w = createWorld();
    const before = w.chain.balance(w.insurer);
    const { policyId } = w.chain.ok(w.insurer, "PublishPolicy", policy({ premium: 0n }));
    expect(policyId).toBe(2n);
    expect(w.chain.balance(w.insurer)).toBe(before - 10n * ETH);
    expect(w.chain.state.get("policy", "2")).toMatchObject({
      insurer: w.insurer.address,
      cap: 10n * ETH,
      reserve: 10n * ETH,
      paidOut: 0n,
      boundCases: 0,
      premium: 0n,
    });
    checkConservation(w.chain.state);
  });

  it("Should not let an account that is not an admitted insurer publish", () => {
    const w = createWorld();
    w.chain.deposit(w.maker, 100n * ETH);
    expect(w.chain.fails(w.maker, "PublishPolicy", policy())).toBe("NOT_AUTHORIZED");
    expect(w.chain.fails(w.insReg, "PublishPolicy", policy())).toBe("NOT_AUTHORIZED");
  });

  it.each([
    ["no procedures", policy({ procedures: [] })],
    ["a repeated procedure", policy({ procedures: ["a", "a"] })],
    ["17 procedures", policy({ procedures: Array.from({ length: 17 }, (_, i) => `p${i}`) })],
    ["an empty procedure", policy({ procedures: [""] })],
    ["no terms", policy({ terms: [] })],
    [
      "a repeated complication",
      policy({
        terms: [
          { complication: "a", payout: 1n, windowDays: 1 },
          { complication: "a", payout: 2n, windowDays: 1 },
        ],
      }),
    ],
    ["17 terms", policy({ terms: Array.from({ length: 17 }, (_, i) => ({ complication: `c${i}`, payout: 1n, windowDays: 1 })) })],
    ["an empty complication", policy({ terms: [{ complication: "", payout: 1n, windowDays: 1 }] })],
    ["a zero payout", policy({ terms: [{ complication: "a", payout: 0n, windowDays: 1 }] })],
    ["a payout above the cap", policy({ terms: [{ complication: "a", payout: 10n * ETH + 1n, windowDays: 1 }] })],
    ["a zero window", policy({ terms: [{ complication: "a", payout: 1n, windowDays: 0 }] })],
    ["a window over ten years", policy({ terms: [{ complication: "a", payout: 1n, windowDays: 3651 }] })],
    ["a zero cap", policy({ cap: 0n, terms: [{ complication: "a", payout: 0n, windowDays: 1 }] })],
  ])("Should not publish a policy with %s", (_, message) => {
    const w = createWorld();
    expect(w.chain.fails(w.insurer, "PublishPolicy", message)).toBe("INVALID_POLICY");
  });

  it("Should not publish a cap the insurer cannot lock", () => {
    const w = createWorld();
    const balance = w.chain.balance(w.insurer);
    expect(w.chain.fails(w.insurer, "PublishPolicy", policy({ cap: balance + 1n }))).toBe("INSUFFICIENT_BALANCE");
    expect(w.chain.balance(w.insurer)).toBe(balance);
    expect(w.chain.state.get("meta", "")!.nextPolicyId).toBe(2n);
  });
});

describe("# SetEncryptionKey", () => {
  it("Should store a compressed secp256k1 public key", () => {
    const w = createWorld();
    const key = bytesToHex(secp256k1.getPublicKey(secp256k1.utils.randomSecretKey(), true));
    w.chain.ok(w.patients[0]!, "SetEncryptionKey", { encryptionKey: key });
    expect(w.chain.state.get("account", w.patients[0]!.address)!.encryptionKey).toBe(key);
  });

  it.each([
    ["an uncompressed key", () => bytesToHex(secp256k1.getPublicKey(secp256k1.utils.randomSecretKey(), false))],
    ["an empty key", () => "0x" as const],
    ["33 bytes off the curve", () => `0x02${"00".repeat(32)}` as const],
  ])("Should not store %s", (_, key) => {
    const w = createWorld();
    expect(w.chain.fails(w.patients[0]!, "SetEncryptionKey", { encryptionKey: key() })).toBe("INVALID_ENCRYPTION_KEY");
  });
});

describe("# Transfer", () => {
  it("Should move the amount between accounts", () => {
    const w = createWorld();
    const [p1, p2] = w.patients;
    w.chain.ok(p1!, "Transfer", { to: p2!.address, amount: 3n * ETH });
    expect([w.chain.balance(p1!), w.chain.balance(p2!)]).toEqual([17n * ETH, 23n * ETH]);
    w.chain.ok(p1!, "Transfer", { to: p1!.address, amount: ETH });
    expect(w.chain.balance(p1!)).toBe(17n * ETH);
    checkConservation(w.chain.state);
  });

  it("Should not transfer zero", () => {
    const w = createWorld();
    expect(w.chain.fails(w.patients[0]!, "Transfer", { to: w.patients[1]!.address, amount: 0n })).toBe("INVALID_AMOUNT");
  });

  it("Should not transfer more than the balance", () => {
    const w = createWorld();
    expect(w.chain.fails(w.patients[0]!, "Transfer", { to: w.patients[1]!.address, amount: 20n * ETH + 1n })).toBe("INSUFFICIENT_BALANCE");
    expect(w.chain.balance(w.patients[1]!)).toBe(20n * ETH);
  });
});

describe("# Withdraw", () => {
  it("Should debit the balance and write a withdrawal leaf", () => {
    const w = createWorld();
    const [p1] = w.patients;
    const recipient = actor("l1-recipient").address;
    expect(w.chain.ok(p1!, "Withdraw", { recipient, amount: 2n * ETH }).withdrawalId).toBe(1n);
    expect(w.chain.balance(p1!)).toBe(18n * ETH);
    expect(w.chain.state.get("withdrawal", "1")).toEqual({ id: 1n, recipient, amount: 2n * ETH, createdAt: w.chain.time });
    expect(w.chain.state.get("meta", "")!.totalWithdrawn).toBe(2n * ETH);
    checkConservation(w.chain.state);
  });

  it("Should not withdraw zero or more than the balance", () => {
    const w = createWorld();
    const [p1] = w.patients;
    expect(w.chain.fails(p1!, "Withdraw", { recipient: p1!.address, amount: 0n })).toBe("INVALID_AMOUNT");
    expect(w.chain.fails(p1!, "Withdraw", { recipient: p1!.address, amount: 21n * ETH })).toBe("INSUFFICIENT_BALANCE");
    expect(w.chain.state.get("meta", "")!.nextWithdrawalId).toBe(1n);
  });
});

describe("# nonces", () => {
  const nonceOf = (chain: TestChain, who: Actor) => chain.state.get("account", who.address)?.nonce ?? 0n;

  it("Should bump the nonce on success only", () => {
    const w = createWorld();
    const [p1, p2] = w.patients;
    w.chain.ok(p1!, "Transfer", { to: p2!.address, amount: 1n });
    expect(nonceOf(w.chain, p1!)).toBe(1n);
    w.chain.fails(p1!, "Transfer", { to: p2!.address, amount: 0n });
    expect(nonceOf(w.chain, p1!)).toBe(1n);
    w.chain.ok(p1!, "Transfer", { to: p2!.address, amount: 1n });
    expect(nonceOf(w.chain, p1!)).toBe(2n);
  });

  it("Should reject a replayed transaction with NONCE_TOO_LOW and a future one with NONCE_TOO_HIGH", () => {
    const w = createWorld();
    const [p1, p2] = w.patients;
    const tx = w.chain.sign(p1!, "Transfer", { to: p2!.address, amount: ETH, nonce: 0n });
    expect(w.chain.apply(tx).status).toBe("ok");
    const root = w.chain.state.root();
    const replay = w.chain.apply(tx);
    expect(replay.status === "rejected" && replay.error.code).toBe("NONCE_TOO_LOW");
    const future = w.chain.apply(w.chain.sign(p1!, "Transfer", { to: p2!.address, amount: ETH, nonce: 2n }));
    expect(future.status === "rejected" && future.error.code).toBe("NONCE_TOO_HIGH");
    expect(w.chain.state.root()).toBe(root);
    expect(w.chain.balance(p2!)).toBe(21n * ETH);
  });
});

describe("# deposits", () => {
  it("Should credit deposits in queue order, skipping forced transactions' indexes, and refuse a repeated or earlier index", () => {
    const chain = new TestChain();
    const to = actor("depositor").address;
    applyDeposit({ state: chain.state, deposit: { index: 0n, l1Sender: to, l2Recipient: to, amount: ETH } });
    // Item 1 was a forced transaction: the next deposit is item 2.
    applyDeposit({ state: chain.state, deposit: { index: 2n, l1Sender: to, l2Recipient: to, amount: ETH } });
    const root = chain.state.root();
    for (const index of [0n, 2n]) {
      expect(() => applyDeposit({ state: chain.state, deposit: { index, l1Sender: to, l2Recipient: to, amount: ETH } })).toThrow(
        expect.objectContaining({ code: "QUEUE_OUT_OF_ORDER" }),
      );
    }
    expect(chain.state.root()).toBe(root);
    expect(chain.balance(to)).toBe(2n * ETH);
    expect(chain.state.get("meta", "")).toMatchObject({ queuePosition: 3n, totalDeposited: 2n * ETH });
  });
});
