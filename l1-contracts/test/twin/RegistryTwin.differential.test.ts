// The STF's Solidity twin against the TypeScript STF, registries: every transaction type of
// RegistryTwin (and RegistryTwinB), accepted and rejected by each of its rules, with fees off and
// on; the string rules of validation.ts character by character; a seeded random sequence; and
// the worst-case gas of a RegisterMedicine of 100 packs over a deep state tree.
import { beforeAll, describe, expect, it } from "vitest";
import { bytesToHex, encodeFunctionData, type Address, type Hex } from "viem";
import { encodeTx, type Tx } from "../../../sequencer/src/protocol";
import { DEFAULT_FEES, proveStep } from "../../../sequencer/src/state";
import {
  actor,
  BRIDGE,
  ETH,
  gtin,
  h32,
  L2_CHAIN_ID,
  PROPOSER,
  TestChain,
  testGenesis,
  type Actor,
  type TestMessage,
} from "../../../sequencer/src/stf/testing/harness";
import { plantNeighbours } from "../../../sequencer/src/stf/testing/deepPaths";
import { prng } from "../../../sequencer/src/stf/testing/prng";
import { caseIn } from "../../../sequencer/src/stf/testing/cases";
import { createWorld, DAY, YEAR, type World } from "../../../sequencer/src/stf/testing/world";
import { abiWitness, encodeWitness } from "../../../sequencer/src/tree";
import { readArtifact } from "../../scripts/artifacts";
import { loadFixture, type Fixture } from "../fixture";
import { TwinChecker } from "./twinChecker";

const MAX_UINT64 = 2n ** 64n - 1n;
const MAX_UINT256 = 2n ** 256n - 1n;
const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
/** Every character JavaScript's `trim()` strips. */
const WHITE_SPACE = [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0x1680, ...range(0x2000, 0x200a), 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff];
/** Characters next to them (in code point or in UTF-8 bytes) that `trim()` keeps. */
const NOT_WHITE_SPACE = [0x08, 0x0e, 0x1f, 0x21, 0x7f, 0x85, 0x9f, 0xa1, 0x167f, 0x1681, 0x180e, 0x1fff, 0x200b, 0x2027, 0x202a, 0x202e, 0x2030, 0x205e];
const NOT_WHITE_SPACE_2 = [0x2060, 0x2fff, 0x3001, 0xfefe, 0xff00, 0xfffd, 0xffff, 0x10000, 0x1f600, 0x10ffff];

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

type Term = { complication: string; payout: bigint; windowDays: number };

function profile(overrides: Partial<TestMessage<"RegisterDoctor">> = {}): TestMessage<"RegisterDoctor"> {
  return { specialties: ["rhinoplasty"], latE6: 0, lonE6: 0, acceptedInsurers: [], profileHash: h32("profile"), ...overrides };
}

function license(w: World, doctor: Actor, overrides: Partial<TestMessage<"AttestLicense">> = {}): TestMessage<"AttestLicense"> {
  return {
    doctor: doctor.address,
    jurisdiction: "US-NY",
    licenseNumberHash: h32("lic"),
    npi: "1234567893",
    status: 1,
    expiresAt: BigInt(w.chain.time + YEAR),
    ...overrides,
  };
}

function medicine(w: World, overrides: Partial<TestMessage<"RegisterMedicine">> = {}): TestMessage<"RegisterMedicine"> {
  return { gtin: w.gtin, lot: "L7", expiry: BigInt(w.chain.time + YEAR), serials: ["L7-0", "L7-1"], ...overrides };
}

function policy(overrides: Partial<TestMessage<"PublishPolicy">> = {}): TestMessage<"PublishPolicy"> {
  return {
    procedures: ["rhinoplasty"],
    terms: [{ complication: "infection", payout: ETH, windowDays: 30 }],
    premium: ETH / 100n,
    cap: 10n * ETH,
    ...overrides,
  };
}

/** Runs transactions through the twin and checks each TypeScript outcome is the expected one. */
class Steps {
  readonly codes = new Set<string>();
  constructor(
    readonly twin: TwinChecker,
    readonly chain: TestChain,
  ) {}

  async expect(code: string, tx: Tx, label = `${tx.type} → ${code}`): Promise<void> {
    const receipt = await this.twin.tx(tx, label);
    const got = receipt.status === "ok" ? "ok" : receipt.error.code;
    expect(got, label).toBe(code);
    this.codes.add(`${tx.type}:${got}`);
  }

  /** When set, the next transaction signed gets its sender's account nonce plus this (a wrong nonce). */
  nonceShift: bigint | null = null;

  sign<T extends Parameters<TestChain["sign"]>[1]>(who: Actor, type: T, message: TestMessage<T>): Tx {
    const shift = this.nonceShift;
    this.nonceShift = null;
    if (shift === null) return this.chain.sign(who, type, message) as unknown as Tx;
    const current = this.chain.state.get("account", who.address)?.nonce ?? 0n;
    const nonce = current + shift >= 0n ? current + shift : current + 1n;
    return this.chain.sign(who, type, { ...message, nonce }) as unknown as Tx;
  }
}

describe("RegistryTwin ≡ TypeScript STF", () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await loadFixture({ fraudVerifier: "real" });
  });

  const newWorld = (fees: boolean) => createWorld({ chain: new TestChain({ params: testGenesis(fees ? { fees: DEFAULT_FEES } : {}) }) });

  for (const fees of [false, true]) {
    describe(`fees ${fees ? "on" : "off"}`, () => {
      it("Should agree on AdmitParticipant: both roles, removal, every rejection", async () => {
        const w = newWorld(fees);
        const s = new Steps(new TwinChecker(f, w.chain), w.chain);
        const who = actor("participant").address;
        await s.expect("ok", s.sign(w.medReg, "AdmitParticipant", { account: who, role: 1, active: true }));
        await s.expect("ok", s.sign(w.insReg, "AdmitParticipant", { account: who, role: 2, active: true }));
        await s.expect("ok", s.sign(w.medReg, "AdmitParticipant", { account: who, role: 1, active: false }));
        await s.expect("ok", s.sign(w.medReg, "AdmitParticipant", { account: who, role: 1, active: false }), "removal of a removed role (no change)");
        await s.expect(
          "ok",
          s.sign(w.insReg, "AdmitParticipant", { account: actor("new-insurer").address, role: 2, active: false }),
          "removal of a new account",
        );
        await s.expect("ok", s.sign(w.insReg, "AdmitParticipant", { account: "0x0000000000000000000000000000000000000000", role: 2, active: true }));
        for (const role of [0, 3, 255]) await s.expect("INVALID_ROLE", s.sign(w.medReg, "AdmitParticipant", { account: who, role, active: true }));
        await s.expect("NOT_AUTHORIZED", s.sign(w.insReg, "AdmitParticipant", { account: who, role: 1, active: true }));
        await s.expect("NOT_AUTHORIZED", s.sign(w.medReg, "AdmitParticipant", { account: who, role: 2, active: true }));
        await s.expect("NOT_AUTHORIZED", s.sign(w.board, "AdmitParticipant", { account: who, role: 1, active: true }));
        await s.expect("NOT_AUTHORIZED", s.sign(w.maker, "AdmitParticipant", { account: who, role: 1, active: true }));
        await frameRejections(s, w, fees, (who, frame) => s.sign(who, "AdmitParticipant", { account: who.address, role: 1, active: true, ...frame }));
      });

      it("Should agree on RegisterDoctor: new and updated profiles, bounds, every rejection", async () => {
        const w = newWorld(fees);
        caseIn(w, "PROPOSED");
        const s = new Steps(new TwinChecker(f, w.chain), w.chain);
        const dr = actor("dr-c");
        if (fees) w.chain.deposit(dr, ETH);
        const insurers = Array.from({ length: 33 }, (_, i) => actor(`i${i}`).address);
        await s.expect("ok", s.sign(dr, "RegisterDoctor", profile({ specialties: ["facelift"], latE6: -90_000_000, lonE6: 180_000_000 })));
        await s.expect("ok", s.sign(dr, "RegisterDoctor", profile({ latE6: 90_000_000, lonE6: -180_000_000, acceptedInsurers: insurers.slice(0, 32) })));
        w.chain.advance(DAY);
        // drA has a license and stats (a proposed case): both are kept, as is its registration time.
        await s.expect("ok", s.sign(w.drA, "RegisterDoctor", profile({ specialties: ["facelift", "otoplasty"], acceptedInsurers: [w.insurer.address] })));
        const eight = Array.from({ length: 8 }, (_, i) => `${"é".repeat(47)}${i}`);
        await s.expect(
          "ok",
          s.sign(dr, "RegisterDoctor", profile({ specialties: eight, profileHash: `0x${"ff".repeat(32)}` })),
          "8 specialties of 48 characters",
        );
        await s.expect("ok", s.sign(dr, "RegisterDoctor", profile({ specialties: ["😀".repeat(24)] })), "48 UTF-16 units in 24 emoji (96 bytes)");
        await s.expect("ok", s.sign(dr, "RegisterDoctor", profile({ specialties: ["a", "A", "a b", "ä", "a\u0308"] })), "distinct strings that look alike");
        const invalid: Array<[string, TestMessage<"RegisterDoctor">]> = [
          ["no specialties", profile({ specialties: [] })],
          ["9 specialties", profile({ specialties: Array.from({ length: 9 }, (_, i) => `s${i}`) })],
          ["128 specialties", profile({ specialties: Array.from({ length: 128 }, (_, i) => `s${i}`) })],
          ["a repeated specialty", profile({ specialties: ["a", "b", "a"] })],
          ["a repeated non-ASCII specialty", profile({ specialties: ["ß😀", "ß😀"] })],
          ["an empty specialty", profile({ specialties: ["ok", ""] })],
          ["a padded specialty", profile({ specialties: ["face "] })],
          ["a 49-character specialty", profile({ specialties: ["x".repeat(49)] })],
          ["49 UTF-16 units (a 4-byte character last)", profile({ specialties: [`${"x".repeat(47)}😀`] })],
          ["a latitude beyond 90°", profile({ latE6: 90_000_001 })],
          ["a latitude beyond -90°", profile({ latE6: -90_000_001 })],
          ["the smallest int32 latitude", profile({ latE6: INT32_MIN })],
          ["the largest int32 longitude", profile({ lonE6: INT32_MAX })],
          ["a longitude beyond 180°", profile({ lonE6: 180_000_001 })],
          ["a longitude beyond -180°", profile({ lonE6: -180_000_001 })],
          ["a repeated insurer", profile({ acceptedInsurers: [insurers[0]!, insurers[1]!, insurers[0]!] })],
          ["33 insurers", profile({ acceptedInsurers: insurers })],
          ["128 insurers", profile({ acceptedInsurers: Array.from({ length: 128 }, (_, i) => actor(`j${i}`).address) })],
        ];
        for (const [label, message] of invalid) await s.expect("INVALID_PROFILE", s.sign(dr, "RegisterDoctor", message), label);
        await frameRejections(s, w, fees, (who, frame) => s.sign(who, "RegisterDoctor", { ...profile(), ...frame }));
      });

      it("Should agree on AttestLicense: statuses, NPIs, expiries, every rejection", async () => {
        const w = newWorld(fees);
        const s = new Steps(new TwinChecker(f, w.chain), w.chain);
        const dr = actor("dr-c");
        if (fees) w.chain.deposit(dr, ETH);
        w.chain.ok(dr, "RegisterDoctor", profile());
        for (const status of [1, 2, 3]) await s.expect("ok", s.sign(w.board, "AttestLicense", license(w, dr, { status })));
        await s.expect("ok", s.sign(w.board, "AttestLicense", license(w, dr, { npi: "" })), "no NPI");
        for (const npi of ["1245319599", "1003000126", "0000000006", "9999999995", "5555555551"]) {
          await s.expect("ok", s.sign(w.board, "AttestLicense", license(w, w.drA, { npi })), `NPI ${npi}`);
        }
        await s.expect(
          "ok",
          s.sign(w.board, "AttestLicense", license(w, w.drB, { expiresAt: MAX_UINT64, jurisdiction: "ü".repeat(64) })),
          "max expiry, 64 characters",
        );
        await s.expect("ok", s.sign(w.board, "AttestLicense", license(w, w.drB, { expiresAt: 1n, licenseNumberHash: `0x${"00".repeat(32)}` })));
        await s.expect("NOT_AUTHORIZED", s.sign(w.medReg, "AttestLicense", license(w, w.drA, { status: 3 })));
        await s.expect("NOT_AUTHORIZED", s.sign(w.drA, "AttestLicense", license(w, w.drA)));
        await s.expect(
          "NOT_AUTHORIZED",
          s.sign(w.drA, "AttestLicense", license(w, actor("nobody"), { status: 0 })),
          "not the board, before the doctor is read",
        );
        await s.expect("NOT_DOCTOR", s.sign(w.board, "AttestLicense", license(w, actor("nobody"))));
        await s.expect("NOT_DOCTOR", s.sign(w.board, "AttestLicense", license(w, actor("nobody"), { status: 0, npi: "1" })), "no doctor before the status");
        const invalid: Array<[string, Partial<TestMessage<"AttestLicense">>]> = [
          ["status 0", { status: 0 }],
          ["status 4", { status: 4 }],
          ["status 255", { status: 255 }],
          ["no jurisdiction", { jurisdiction: "" }],
          ["a padded jurisdiction", { jurisdiction: "\u3000US" }],
          ["a 65-character jurisdiction", { jurisdiction: "J".repeat(65) }],
          ["no expiry", { expiresAt: 0n }],
          ["no expiry and a bad NPI", { expiresAt: 0n, npi: "1" }],
        ];
        for (const [label, overrides] of invalid) await s.expect("INVALID_LICENSE", s.sign(w.board, "AttestLicense", license(w, w.drA, overrides)), label);
        for (const npi of ["1234567890", "1234567894", "123456789", "12345678930", "12345678a3", "0000000000", " 123456789", "１234567893", "١٢٣٤٥٦٧٨٩٣"]) {
          await s.expect("INVALID_NPI", s.sign(w.board, "AttestLicense", license(w, w.drA, { npi })), `NPI ${npi}`);
        }
        await frameRejections(s, w, fees, (who, frame) => s.sign(who, "AttestLicense", { ...license(w, w.drA), ...frame }));
      });

      it("Should agree on RegisterMedicine: new lots, added packs, 100 packs, every rejection", async () => {
        const w = newWorld(fees);
        const s = new Steps(new TwinChecker(f, w.chain), w.chain);
        const expiry = BigInt(w.chain.time + YEAR);
        await s.expect("ok", s.sign(w.maker, "RegisterMedicine", medicine(w, { expiry })));
        await s.expect("ok", s.sign(w.maker, "RegisterMedicine", medicine(w, { expiry, serials: ["L7-2"] })), "a pack added to the lot");
        await s.expect(
          "ok",
          s.sign(w.maker, "RegisterMedicine", medicine(w, { expiry: BigInt(w.chain.time + 1), lot: "L8", serials: ["L7-3"] })),
          "expiry now + 1",
        );
        const hundred = Array.from({ length: 100 }, (_, i) => `${"Z".repeat(17)}${String(i).padStart(3, "0")}`);
        await s.expect(
          "ok",
          s.sign(w.maker, "RegisterMedicine", medicine(w, { lot: "B100", serials: hundred, expiry: MAX_UINT64 })),
          "100 packs of 20 characters",
        );
        const punctuation = `!"%&'()*+,-./:;<=>?_`;
        await s.expect(
          "ok",
          s.sign(w.maker, "RegisterMedicine", medicine(w, { lot: punctuation, serials: [punctuation, "aZ09"] })),
          "every punctuation mark allowed",
        );
        for (const g of ["00012345600012", "10614141000415", gtin("0000000000000"), gtin("9999999999999")]) {
          await s.expect("ok", s.sign(w.maker, "RegisterMedicine", medicine(w, { gtin: g, serials: ["G"] })), `GTIN ${g}`);
        }
        await s.expect("NOT_AUTHORIZED", s.sign(w.insurer, "RegisterMedicine", medicine(w)));
        await s.expect("NOT_AUTHORIZED", s.sign(w.medReg, "RegisterMedicine", medicine(w, { gtin: "x", serials: [] })), "no participant leaf, before the GTIN");
        for (const g of [
          "07612345678901",
          "0761234567890",
          "076123456789012",
          "0761234567890a",
          "",
          "０７６１２３４５６７８９０",
          "07612345678 0",
          "-7612345678900",
        ]) {
          await s.expect("INVALID_GTIN", s.sign(w.maker, "RegisterMedicine", medicine(w, { gtin: g })), `GTIN ${JSON.stringify(g)}`);
        }
        const invalid: Array<[string, Partial<TestMessage<"RegisterMedicine">>]> = [
          ["no serials", { serials: [] }],
          ["101 serials", { serials: Array.from({ length: 101 }, (_, i) => `s${i}`) }],
          ["128 serials", { serials: Array.from({ length: 128 }, (_, i) => `s${i}`) }],
          ["a repeated serial", { serials: ["a", "b", "a"] }],
          ["a serial with a space", { serials: ["a b"] }],
          ["a 21-character serial", { serials: ["x".repeat(21)] }],
          ["an empty serial", { serials: ["x", ""] }],
          ["a non-ASCII serial", { serials: ["é"] }],
          ["an empty lot", { lot: "" }],
          ["a lot with a space", { lot: "L 7" }],
          ["a 21-character lot", { lot: "L".repeat(21) }],
          ["an expiry now", { expiry: BigInt(w.chain.time) }],
          ["an expiry in the past", { expiry: 1n }],
          ["no expiry", { expiry: 0n }],
        ];
        for (const [label, overrides] of invalid) await s.expect("INVALID_MEDICINE", s.sign(w.maker, "RegisterMedicine", medicine(w, overrides)), label);
        const other = actor("maker-2");
        if (fees) w.chain.deposit(other, ETH);
        w.chain.ok(w.medReg, "AdmitParticipant", { account: other.address, role: 1, active: true });
        const l1 = w.chain.state.get("lot", `${w.gtin}/L1`)!.expiry;
        await s.expect("LOT_MISMATCH", s.sign(other, "RegisterMedicine", medicine(w, { lot: "L1", serials: ["x"], expiry: l1 })), "another manufacturer");
        await s.expect("LOT_MISMATCH", s.sign(w.maker, "RegisterMedicine", medicine(w, { lot: "L1", serials: ["x"], expiry: l1 + 1n })), "another expiry");
        await s.expect("ok", s.sign(w.maker, "RegisterMedicine", medicine(w, { lot: "L1", serials: ["x"], expiry: l1 })), "a pack added to L1");
        w.chain.ok(w.maker, "RecallLot", { gtin: w.gtin, lot: "L2" });
        const l2 = w.chain.state.get("lot", `${w.gtin}/L2`)!.expiry;
        await s.expect("MEDICINE_RECALLED", s.sign(w.maker, "RegisterMedicine", medicine(w, { lot: "L2", serials: ["L2-new"], expiry: l2 })));
        await s.expect(
          "MEDICINE_ALREADY_REGISTERED",
          s.sign(w.maker, "RegisterMedicine", medicine(w, { serials: ["new", "L1-0"] })),
          "the second serial exists",
        );
        await s.expect(
          "MEDICINE_ALREADY_REGISTERED",
          s.sign(w.maker, "RegisterMedicine", medicine(w, { serials: ["L1-0", "new"] })),
          "the first serial exists",
        );
        const lastExists = [...Array.from({ length: 99 }, (_, i) => `n${i}`), hundred[99]!];
        await s.expect(
          "MEDICINE_ALREADY_REGISTERED",
          s.sign(w.maker, "RegisterMedicine", medicine(w, { lot: "L9", serials: lastExists })),
          "the 100th serial exists",
        );
        // Deactivated manufacturers lose the right.
        w.chain.ok(w.medReg, "AdmitParticipant", { account: other.address, role: 1, active: false });
        await s.expect("NOT_AUTHORIZED", s.sign(other, "RegisterMedicine", medicine(w, { lot: "L5" })), "a removed manufacturer");
        await frameRejections(s, w, fees, (who, frame) => s.sign(who, "RegisterMedicine", medicine(w, { lot: "F", serials: ["F1"], ...frame })));
      });

      it("Should agree on RecallLot: by the manufacturer or the regulator, every rejection", async () => {
        const w = newWorld(fees);
        const s = new Steps(new TwinChecker(f, w.chain), w.chain);
        const other = actor("maker-2");
        if (fees) w.chain.deposit(other, ETH);
        w.chain.ok(w.medReg, "AdmitParticipant", { account: other.address, role: 1, active: true });
        await s.expect("NOT_AUTHORIZED", s.sign(other, "RecallLot", { gtin: w.gtin, lot: "L1" }), "another manufacturer (the params leaf is read)");
        await s.expect("NOT_AUTHORIZED", s.sign(w.drA, "RecallLot", { gtin: w.gtin, lot: "L1" }));
        await s.expect("ok", s.sign(w.maker, "RecallLot", { gtin: w.gtin, lot: "L1" }), "by the manufacturer (no params read)");
        await s.expect("LOT_ALREADY_RECALLED", s.sign(w.maker, "RecallLot", { gtin: w.gtin, lot: "L1" }));
        await s.expect("LOT_ALREADY_RECALLED", s.sign(w.medReg, "RecallLot", { gtin: w.gtin, lot: "L1" }));
        await s.expect("ok", s.sign(w.medReg, "RecallLot", { gtin: w.gtin, lot: "L2" }), "by the regulator");
        for (const [g, lot] of [
          [w.gtin, "L9"],
          [w.gtin, "😀".repeat(64)],
        ] as const) {
          await s.expect("LOT_NOT_FOUND", s.sign(w.maker, "RecallLot", { gtin: g, lot }), `lot ${JSON.stringify(`${g}/${lot}`)}`);
        }
        // Not a GTIN: refused before any lookup (a lot id splits at the end of its 14-digit GTIN).
        for (const [g, lot] of [
          ["", ""],
          [w.gtin.slice(0, 13), "L1"],
          [`${w.gtin}/L1`, ""],
        ] as const) {
          await s.expect("INVALID_GTIN", s.sign(w.maker, "RecallLot", { gtin: g, lot }), `gtin ${JSON.stringify(g)}`);
        }
        // A lot whose name has a slash, found through the same composite key.
        w.chain.ok(w.maker, "RegisterMedicine", medicine(w, { lot: "A/B", serials: ["AB"] }));
        await s.expect("ok", s.sign(w.medReg, "RecallLot", { gtin: w.gtin, lot: "A/B" }));
        await frameRejections(s, w, fees, (who, frame) => s.sign(who, "RecallLot", { gtin: w.gtin, lot: "L9", ...frame }));
      });

      it("Should agree on PublishPolicy: the reserve locked from the balance, every rejection", async () => {
        const w = newWorld(fees);
        const s = new Steps(new TwinChecker(f, w.chain), w.chain);
        await s.expect("ok", s.sign(w.insurer, "PublishPolicy", policy({ premium: 0n })));
        await s.expect("ok", s.sign(w.insurer, "PublishPolicy", policy({ cap: ETH, premium: MAX_UINT256 })), "payout = cap, max premium");
        const sixteen = Array.from({ length: 16 }, (_, i) => `${"😀".repeat(31)}${String(i).padStart(2, "0")}`);
        const terms16: Term[] = sixteen.map((c, i) => ({ complication: c, payout: BigInt(i + 1), windowDays: i % 2 ? 1 : 3650 }));
        await s.expect(
          "ok",
          s.sign(w.insurer, "PublishPolicy", policy({ procedures: sixteen, terms: terms16, cap: 16n })),
          "16 procedures and terms of 64 UTF-16 units",
        );
        const balance = w.chain.balance(w.insurer);
        const feeReserve = fees ? ETH / 10n : 0n;
        await s.expect("ok", s.sign(w.insurer, "PublishPolicy", policy({ cap: balance - feeReserve })), "most of the balance locked");
        await s.expect("INSUFFICIENT_BALANCE", s.sign(w.insurer, "PublishPolicy", policy({ cap: ETH })), "the cap above the balance");
        w.chain.deposit(w.insurer, 100n * ETH);
        await s.expect("INSUFFICIENT_BALANCE", s.sign(w.insurer, "PublishPolicy", policy({ cap: MAX_UINT256 })), "the largest cap");
        await s.expect("NOT_AUTHORIZED", s.sign(w.maker, "PublishPolicy", policy()));
        await s.expect("NOT_AUTHORIZED", s.sign(w.insReg, "PublishPolicy", policy({ cap: 0n })), "no participant leaf, before the policy's checks");
        const c = (complication: string, payout = 1n, windowDays = 1): Term => ({ complication, payout, windowDays });
        const invalid: Array<[string, TestMessage<"PublishPolicy">]> = [
          ["no procedures", policy({ procedures: [] })],
          ["a repeated procedure", policy({ procedures: ["a", "b", "a"] })],
          ["17 procedures", policy({ procedures: Array.from({ length: 17 }, (_, i) => `p${i}`) })],
          ["128 procedures", policy({ procedures: Array.from({ length: 128 }, (_, i) => `p${i}`) })],
          ["an empty procedure", policy({ procedures: [""] })],
          ["a padded procedure", policy({ procedures: ["rhinoplasty\n"] })],
          ["a 65-character procedure", policy({ procedures: ["p".repeat(65)] })],
          ["no terms", policy({ terms: [] })],
          ["a repeated complication", policy({ terms: [c("a"), c("b"), c("a", 2n)] })],
          ["17 terms", policy({ terms: Array.from({ length: 17 }, (_, i) => c(`c${i}`)) })],
          ["128 terms", policy({ terms: Array.from({ length: 128 }, (_, i) => c(`c${i}`)) })],
          ["an empty complication", policy({ terms: [c("")] })],
          ["a padded complication", policy({ terms: [c("\u00a0a")] })],
          ["a zero payout", policy({ terms: [c("a", 0n)] })],
          ["a payout above the cap", policy({ terms: [c("a", 10n * ETH + 1n)] })],
          ["a max payout", policy({ terms: [c("a", MAX_UINT256)], cap: MAX_UINT256 - 1n })],
          ["a zero window", policy({ terms: [c("a", 1n, 0)] })],
          ["a window over ten years", policy({ terms: [c("a", 1n, 3651)] })],
          ["the largest window", policy({ terms: [c("a", 1n, 2 ** 32 - 1)] })],
          ["a zero cap", policy({ cap: 0n, terms: [c("a", 0n)] })],
          ["a zero cap, valid terms otherwise", policy({ cap: 0n })],
        ];
        for (const [label, message] of invalid) await s.expect("INVALID_POLICY", s.sign(w.insurer, "PublishPolicy", message), label);
        w.chain.ok(w.insReg, "AdmitParticipant", { account: w.insurer.address, role: 2, active: false });
        await s.expect("NOT_AUTHORIZED", s.sign(w.insurer, "PublishPolicy", policy()), "a removed insurer");
        await frameRejections(s, w, fees, (who, frame) => s.sign(who, "PublishPolicy", policy(frame)));
      });

      it("Should agree on ReleaseReserve: closing, releasing after the last claim window, every rejection", async () => {
        const w = newWorld(fees);
        const s = new Steps(new TwinChecker(f, w.chain), w.chain);
        const release = (policyId: bigint, who: Actor = w.insurer, frame: Partial<TestMessage<"ReleaseReserve">> = {}) =>
          s.sign(who, "ReleaseReserve", { policyId, ...frame });
        const publish = (terms: Term[]) => w.chain.ok(w.insurer, "PublishPolicy", policy({ terms, premium: 0n })).policyId as bigint;
        await s.expect("POLICY_NOT_FOUND", release(0n), "policy 0");
        await s.expect("POLICY_NOT_FOUND", release(99n), "an unknown policy");
        await s.expect("POLICY_NOT_FOUND", release(MAX_UINT64), "the largest id");
        await s.expect("NOT_AUTHORIZED", release(w.policyId, w.maker), "by a manufacturer");
        const other = actor("insurer-2");
        w.chain.deposit(other, ETH);
        w.chain.ok(w.insReg, "AdmitParticipant", { account: other.address, role: 2, active: true });
        await s.expect("NOT_AUTHORIZED", release(w.policyId, other), "by another insurer");
        // A case awaiting its surgery: the first release only closes, the next is refused.
        const tc = caseIn(w, "CONFIRMED");
        await s.expect("ok", release(w.policyId), "closes, releases nothing (a case awaits its surgery)");
        expect(w.chain.state.get("policy", w.policyId.toString())).toMatchObject({ closed: true, released: 0n, pendingCases: 1 });
        await s.expect("POLICY_CLAIMS_OPEN", release(w.policyId), "a case awaits its surgery");
        w.chain.advance(7 * DAY);
        w.chain.ok(tc.doctor, "RecordSurgery", { caseId: tc.caseId, recordHash: h32("rec"), packsUsed: [] });
        // The term's 30 days are shorter than the incident window: they end the claims.
        await s.expect("POLICY_CLAIMS_OPEN", release(w.policyId), "the day of the surgery");
        w.chain.advance(30 * DAY);
        await s.expect("POLICY_CLAIMS_OPEN", release(w.policyId), "the last second of the term's window");
        w.chain.advance(1);
        await s.expect("ok", release(w.policyId), "after the last claim window");
        expect(w.chain.state.get("policy", w.policyId.toString())).toMatchObject({ reserve: 0n, released: 50n * ETH });
        await s.expect("RESERVE_EMPTY", release(w.policyId), "released already");
        // Claims that used up the reserve: nothing left to release once closed.
        const small = w.chain.ok(
          w.insurer,
          "PublishPolicy",
          policy({ terms: [{ complication: "infection", payout: ETH, windowDays: 1 }], cap: ETH, premium: 0n }),
        ).policyId as bigint;
        const claimed = caseIn(w, "EXECUTED", { patient: w.patients[2], policyId: small });
        w.chain.ok(claimed.doctor, "ReportIncident", { caseId: claimed.caseId, complication: "infection", evidenceHash: h32("e") });
        await s.expect("ok", release(small), "closes a policy its claims emptied");
        await s.expect("RESERVE_EMPTY", release(small), "a closed, empty policy");
        // A policy no case bound: released at once. One whose term outlasts the incident window.
        await s.expect("ok", release(publish([{ complication: "infection", payout: ETH, windowDays: 1 }])), "an unused policy");
        const long = publish([
          { complication: "infection", payout: ETH, windowDays: 3650 },
          { complication: "bleeding", payout: ETH, windowDays: 2 },
        ]);
        const late = caseIn(w, "EXECUTED", { patient: w.patients[1], policyId: long });
        await s.expect("ok", release(long), "closes a policy with an operated case");
        const window = w.chain.state.params.incidentWindowSeconds;
        w.chain.advance(window);
        await s.expect("POLICY_CLAIMS_OPEN", release(long), "the last second of the incident window");
        w.chain.advance(1);
        await s.expect("ok", release(long), "after the incident window");
        expect(w.chain.state.get("case", late.caseId.toString())!.status).toBe("EXECUTED");
        await frameRejections(s, w, fees, (who, frame) => release(w.policyId, who, frame));
      });
    });
  }

  it("Should agree on every ASCII character in serials and lots", async () => {
    const w = newWorld(false);
    const s = new Steps(new TwinChecker(f, w.chain), w.chain);
    const rng = prng(7);
    for (let c = 0; c < 128; c++) {
      const ch = String.fromCharCode(c);
      const ok = /^[A-Za-z0-9!"%&'()*+,\-./:;<=>?_]$/.test(ch);
      const serial = `S${rng.int(1e9)}${ch}`;
      await s.expect(
        ok ? "ok" : "INVALID_MEDICINE",
        s.sign(w.maker, "RegisterMedicine", medicine(w, { serials: [serial] })),
        `serial with U+${c.toString(16)}`,
      );
      await s.expect(
        ok ? "ok" : "INVALID_MEDICINE",
        s.sign(w.maker, "RegisterMedicine", medicine(w, { lot: ch, serials: [`T${c}`] })),
        `lot U+${c.toString(16)}`,
      );
    }
    for (const ch of ["\u0080", "é", "€", "😀", "\u{10ffff}"]) {
      await s.expect("INVALID_MEDICINE", s.sign(w.maker, "RegisterMedicine", medicine(w, { serials: [`S${ch}`] })), `serial with ${JSON.stringify(ch)}`);
    }
  });

  it("Should agree on trim() at both ends of a code for every JavaScript white space character and its neighbours", async () => {
    const w = newWorld(false);
    const s = new Steps(new TwinChecker(f, w.chain), w.chain);
    const dr = actor("dr-ws");
    for (const cp of [...WHITE_SPACE, ...NOT_WHITE_SPACE, ...NOT_WHITE_SPACE_2]) {
      const ch = String.fromCodePoint(cp);
      const ws = WHITE_SPACE.includes(cp);
      expect(ch.trim() === "", `U+${cp.toString(16)}`).toBe(ws);
      const code = ws ? "INVALID_PROFILE" : "ok";
      await s.expect(code, s.sign(dr, "RegisterDoctor", profile({ specialties: [`${ch}a`] })), `leading U+${cp.toString(16)}`);
      await s.expect(code, s.sign(dr, "RegisterDoctor", profile({ specialties: [`a${ch}`] })), `trailing U+${cp.toString(16)}`);
      await s.expect(code, s.sign(dr, "RegisterDoctor", profile({ specialties: [ch] })), `only U+${cp.toString(16)}`);
      await s.expect("ok", s.sign(dr, "RegisterDoctor", profile({ specialties: [`a${ch}b`] })), `inner U+${cp.toString(16)}`);
    }
    // UTF-16 length at the limit with characters of every UTF-8 width.
    for (const [unit, n] of [
      ["a", 48],
      ["é", 48],
      ["€", 48],
      ["😀", 24],
    ] as const) {
      await s.expect("ok", s.sign(dr, "RegisterDoctor", profile({ specialties: [unit.repeat(n)] })), `${unit} × ${n}`);
      await s.expect("INVALID_PROFILE", s.sign(dr, "RegisterDoctor", profile({ specialties: [`${unit.repeat(n)}x`] })), `${unit} × ${n} + 1`);
    }
    expect(s.codes).toEqual(new Set(["RegisterDoctor:ok", "RegisterDoctor:INVALID_PROFILE"]));
  });

  it("Should treat registry transactions that do not decode or recover as steps that change nothing", async () => {
    const w = newWorld(false);
    const twin = new TwinChecker(f, w.chain);
    // Signed one at a time: the maker signs two of them, each with its next nonce.
    const txs = [
      () => w.chain.sign(w.medReg, "AdmitParticipant", { account: actor("x").address, role: 1, active: true }),
      () => w.chain.sign(actor("dr-x"), "RegisterDoctor", profile({ specialties: ["a", "b"] })),
      () => w.chain.sign(w.board, "AttestLicense", license(w, w.drA)),
      () => w.chain.sign(w.maker, "RegisterMedicine", medicine(w)),
      () => w.chain.sign(w.maker, "RecallLot", { gtin: w.gtin, lot: "L1" }),
      () => w.chain.sign(w.insurer, "PublishPolicy", policy()),
      () => w.chain.sign(w.insurer, "ReleaseReserve", { policyId: w.policyId }),
    ];
    for (const sign of txs) {
      const tx = sign();
      const good = encodeTx(tx);
      await twin.bytes(good.subarray(0, good.length - 1), `${tx.type} truncated`);
      await twin.bytes(new Uint8Array([...good, 0]), `${tx.type} with a trailing byte`);
      await twin.bytes(good.subarray(0, 3), `${tx.type} cut after its nonce`);
      const badV = good.slice();
      badV[badV.length - 1] = 29;
      await twin.bytes(badV, `${tx.type} v = 29`);
      const otherSigner = good.slice();
      otherSigner[good.length - 40]! ^= 1;
      // Another s: either no signer recovers (unreadable) or another one does (with no rights, or a doctor's profile).
      await twin.bytes(otherSigner, `${tx.type} by another signer`);
      expect(await twin.bytes(good, tx.type)).toMatchObject({ status: "ok" });
    }
    // A string that is not UTF-8 (RegisterDoctor's first specialty "a" → 0xff).
    const doctor = encodeTx(w.chain.sign(actor("dr-y"), "RegisterDoctor", profile({ specialties: ["a"] })));
    const at = doctor.indexOf(0x61);
    const notUtf8 = doctor.slice();
    notUtf8[at] = 0xff;
    expect(await twin.bytes(notUtf8, "a specialty that is not UTF-8")).toBeNull();
  });

  it("Should agree on a seeded random sequence of registry transactions and transfers", async () => {
    const seed = Number(process.env.REGISTRY_TWIN_SEED ?? 0x7e61_5721);
    const rng = prng(seed);
    const w = newWorld(true);
    const twin = new TwinChecker(f, w.chain);
    const s = new Steps(twin, w.chain);
    const makers = [w.maker, actor("maker-2"), actor("maker-3")];
    const insurers = [w.insurer, actor("insurer-2")];
    const doctors = [w.drA, w.drB, actor("dr-c"), actor("dr-d")];
    const others = [w.patients[0]!, actor("stranger")];
    const everyone = [w.medReg, w.insReg, w.board, ...makers, ...insurers, ...doctors, ...others];
    for (const a of everyone) w.chain.deposit(a, 50n * ETH);
    const gtins = [w.gtin, gtin("0000000000000"), gtin("4006381333931"), "4006381333930"];
    const lots = ["L1", "L2", "L3", "L4", "L/5", "L 6"];
    const serialPool = [...Array.from({ length: 40 }, (_, i) => `S${i}`), "L1-0", "L2-3", "bad serial"];
    const codes = ["rhinoplasty", "facelift", "otoplasty", "infection", "ä", "😀", " pad", "pad\t", "", "x".repeat(49)];
    const lotExpiry = new Map<string, bigint>();
    const expiryFor = (g: string, lot: string) => lotExpiry.get(`${g}/${lot}`) ?? BigInt(w.chain.time + YEAR + rng.int(1000));
    const pickSome = <T>(xs: readonly T[], max: number): T[] => Array.from({ length: rng.int(max + 1) }, () => rng.pick(xs));
    const STEPS = 320;
    const counts = new Map<string, number>();

    for (let i = 0; i < STEPS; i++) {
      if (rng.chance(0.1)) w.chain.advance(1 + rng.int(3 * DAY));
      const kind = rng.int(7);
      if (rng.chance(0.03)) s.nonceShift = rng.pick([1n, 2n, -1n]);
      let tx: Tx;
      if (kind === 0) {
        const role = rng.pick([1, 2, 1, 2, 0, 3]);
        const signer = rng.chance(0.85) ? (role === 2 ? w.insReg : w.medReg) : rng.pick(everyone);
        const account = (role === 2 ? rng.pick(insurers) : rng.pick(makers)).address;
        tx = s.sign(signer, "AdmitParticipant", { account, role, active: rng.chance(0.85) });
      } else if (kind === 1) {
        tx = s.sign(rng.pick(doctors), "RegisterDoctor", {
          specialties: pickSome(codes.slice(0, rng.chance(0.8) ? 6 : codes.length), 3),
          latE6: rng.chance(0.9) ? rng.int(180_000_001) - 90_000_000 : rng.pick([90_000_001, -90_000_001, INT32_MIN]),
          lonE6: rng.chance(0.9) ? rng.int(360_000_001) - 180_000_000 : rng.pick([180_000_001, INT32_MAX]),
          acceptedInsurers: pickSome(insurers, 2).map((a) => a.address),
          profileHash: h32(rng.int(1e9)),
        });
      } else if (kind === 2) {
        tx = s.sign(rng.chance(0.85) ? w.board : rng.pick(everyone), "AttestLicense", {
          doctor: rng.pick(doctors).address,
          jurisdiction: rng.pick(["US-NY", "US-CA", "", " US"]),
          licenseNumberHash: h32(rng.int(1e9)),
          npi: rng.pick(["1234567893", "1245319599", "", "1234567890", "12345"]),
          status: rng.pick([1, 2, 3, 1, 0, 4]),
          expiresAt: rng.chance(0.9) ? BigInt(w.chain.time + rng.int(3 * YEAR)) : 0n,
        });
      } else if (kind === 3) {
        const g = rng.chance(0.9) ? rng.pick(gtins.slice(0, 3)) : rng.pick(gtins);
        const lot = rng.pick(lots);
        const expiry = rng.chance(0.85) ? expiryFor(g, lot) : rng.pick([BigInt(w.chain.time), BigInt(w.chain.time + 2 * YEAR)]);
        const serials = Array.from({ length: rng.chance(0.05) ? 0 : 1 + rng.int(rng.chance(0.1) ? 100 : 4) }, () =>
          rng.chance(0.9) ? `${rng.pick(serialPool)}${rng.chance(0.5) ? rng.int(100) : ""}` : rng.pick(serialPool),
        );
        const signer = rng.chance(0.85) ? rng.pick(makers) : rng.pick(everyone);
        tx = s.sign(signer, "RegisterMedicine", { gtin: g, lot, expiry, serials });
      } else if (kind === 4) {
        const known = [...lotExpiry.keys()];
        const [g, lot] = known.length > 0 && rng.chance(0.8) ? (rng.pick(known).split(/\/(.*)/s) as [string, string]) : [rng.pick(gtins), rng.pick(lots)];
        tx = s.sign(rng.chance(0.5) ? rng.pick(makers) : rng.pick(everyone), "RecallLot", { gtin: g, lot });
      } else if (kind === 5) {
        const cap = rng.chance(0.1) ? 0n : BigInt(1 + rng.int(30)) * ETH;
        const terms = Array.from({ length: rng.chance(0.05) ? 0 : 1 + rng.int(3) }, () => ({
          complication: rng.pick(codes),
          payout: rng.chance(0.9) ? BigInt(1 + rng.int(Number(cap / ETH) + 1)) * (ETH / 2n) : 0n,
          windowDays: rng.chance(0.9) ? 1 + rng.int(3650) : rng.pick([0, 3651]),
        }));
        tx = s.sign(rng.chance(0.85) ? rng.pick(insurers) : rng.pick(everyone), "PublishPolicy", {
          procedures: pickSome(codes.slice(0, rng.chance(0.8) ? 6 : codes.length), 3),
          terms,
          premium: BigInt(rng.int(1000)) * 10n ** 15n,
          cap,
        });
      } else {
        const from = rng.pick(everyone);
        tx = s.sign(from, "Transfer", { to: rng.pick(everyone).address, amount: rng.chance(0.9) ? BigInt(1 + rng.int(20)) * ETH : 0n });
      }
      const receipt = await twin.tx(tx, `random step ${i} (${tx.type})`);
      const outcome = `${tx.type}:${receipt.status === "ok" ? "ok" : receipt.error.code}`;
      counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
      if (tx.type === "RegisterMedicine" && receipt.status === "ok") {
        const m = tx.message as { gtin: string; lot: string; expiry: bigint };
        lotExpiry.set(`${m.gtin}/${m.lot}`, m.expiry);
      }
    }
    expect(twin.steps).toHaveLength(STEPS);
    console.log(`RegistryTwin random sequence (seed ${seed}): ${[...counts].map(([k, n]) => `${k} ×${n}`).join(", ")}`);
    for (const type of ["AdmitParticipant", "RegisterDoctor", "AttestLicense", "RegisterMedicine", "RecallLot", "PublishPolicy"]) {
      expect(counts.get(`${type}:ok`), `${type} accepted at least once`).toBeGreaterThan(0);
      expect([...counts.keys()].filter((k) => k.startsWith(`${type}:`) && !k.endsWith(":ok")).length, `${type} rejected at least once`).toBeGreaterThan(0);
    }
  });

  describe("# gas", () => {
    it("Should fit the largest registry steps in one L1 transaction, over a tree 20 levels deep", async () => {
      const rng = prng(99);
      const w = newWorld(true);
      const { publicClient, deployment } = f;
      const abi = readArtifact("FraudVerifier").abi;
      const insurer2 = actor("insurer-2");
      const drBig = actor("dr-big");
      w.chain.deposit(insurer2, 10n * ETH);
      w.chain.deposit(drBig, ETH);
      w.chain.ok(w.insReg, "AdmitParticipant", { account: insurer2.address, role: 2, active: true });
      const lot = "W".repeat(20);
      const serials = Array.from({ length: 100 }, (_, i) => `${"W".repeat(17)}${String(i).padStart(3, "0")}`);
      // 64 UTF-16 units in 4-byte characters: 128 bytes per string.
      const code = (tag: string, i: number) => `${"😀".repeat(30)}${tag}${String(i).padStart(3, "0")}`;
      const steps: Array<{ tx: Tx }> = [
        {
          tx: w.chain.sign(w.maker, "RegisterMedicine", { gtin: w.gtin, lot, expiry: MAX_UINT64, serials }) as unknown as Tx,
        },
        {
          tx: w.chain.sign(insurer2, "PublishPolicy", {
            procedures: Array.from({ length: 16 }, (_, i) => code("p", i)),
            terms: Array.from({ length: 16 }, (_, i) => ({ complication: code("c", i), payout: ETH, windowDays: 3650 })),
            premium: MAX_UINT256,
            cap: 5n * ETH,
          }) as unknown as Tx,
        },
        {
          tx: w.chain.sign(drBig, "RegisterDoctor", {
            specialties: Array.from({ length: 8 }, (_, i) => `${"😀".repeat(22)}s${i}`),
            latE6: -90_000_000,
            lonE6: 180_000_000,
            acceptedInsurers: Array.from({ length: 32 }, (_, i) => actor(`gas-i${i}`).address),
            profileHash: h32("big"),
          }) as unknown as Tx,
        },
      ];
      const lines: string[] = [];
      for (const { tx } of steps) {
        // A dry run finds the leaves the step touches; each then gets a path of 20 levels or more
        // (filler leaves sharing 0..20 leading bits with it; a new key's slot holds the last one),
        // as in a random 10^6-leaf tree.
        const state = w.chain.state;
        plantNeighbours(state, rng, 20, () => w.chain.apply(tx));
        const { result: receipt, preRoot, postRoot, witness } = proveStep(state, () => w.chain.apply(tx));
        expect(receipt.status, tx.type).toBe("ok");
        const txBytes = bytesToHex(encodeTx(tx));
        const ctx = {
          blockNumber: w.chain.blockNumber,
          timestamp: BigInt(w.chain.time),
          feeRecipient: PROPOSER.address,
          chainId: BigInt(L2_CHAIN_ID),
          bridge: BRIDGE as Address,
        };
        const call = { address: deployment.fraudVerifier, abi, functionName: "applyTransaction", args: [preRoot, ctx, txBytes, abiWitness(witness)] } as const;
        expect(await publicClient.readContract(call), tx.type).toBe(postRoot);
        const depths = [...witness.reads, ...witness.writes].map((x) => x.proof.siblings.length);
        const witnessBytes = (encodeWitness(witness).length - 2) / 2;
        const data = encodeFunctionData(call);
        const floor = calldataFloor(data);
        // Sent as a transaction with the largest gas limit Osaka allows (eth_estimateGas searches
        // above that cap and fails): gasUsed covers execution, intrinsic cost and EIP-7623's floor.
        const hash = await f.wallets.stranger.sendTransaction({ to: deployment.fraudVerifier, data, gas: 2n ** 24n - 1n });
        const { status, gasUsed: gas } = await publicClient.waitForTransactionReceipt({ hash });
        expect(status, `${tx.type} within 2^24 - 1 gas`).toBe("success");
        lines.push(
          `${tx.type}: ${gas} gas; ${witness.reads.length} reads, ${witness.writes.length} writes, ` +
            `${Math.min(...depths)}-${Math.max(...depths)} siblings; witness ${witnessBytes} bytes, transaction ${(txBytes.length - 2) / 2} bytes; ` +
            `EIP-7623 calldata floor of the call ${floor} gas`,
        );
        expect(Math.min(...depths)).toBeGreaterThanOrEqual(20);
        expect(gas).toBeLessThan(2n ** 24n);
      }
      console.log(`RegistryTwin largest steps, fees on, 20-deep tree:\n  ${lines.join("\n  ")}`);
    });
  });
});

/** EIP-7623's floor for calldata `data`: 21000 + 10 gas per token (a zero byte 1 token, any other byte 4). */
function calldataFloor(data: Hex): number {
  let tokens = 0;
  for (let i = 2; i < data.length; i += 2) tokens += data.slice(i, i + 2) === "00" ? 1 : 4;
  return 21_000 + 10 * tokens;
}

/** A transaction of one type signed by `who`, with the given nonce and maxFee (the harness's when undefined). */
type Make = (who: Actor, frame: { nonce?: bigint; maxFee?: bigint }) => Tx;

/** The nonce and fee rules every registry type goes through first (applyTransaction's frame). */
async function frameRejections(s: Steps, w: World, fees: boolean, make: Make): Promise<void> {
  const nonce = w.chain.state.get("account", w.maker.address)!.nonce;
  expect(nonce).toBeGreaterThan(0n);
  await s.expect("NONCE_TOO_HIGH", make(w.maker, { nonce: nonce + 1n }), "nonce too high");
  await s.expect("NONCE_TOO_LOW", make(w.maker, { nonce: nonce - 1n }), "nonce too low");
  if (!fees) return;
  await s.expect("FEE_ABOVE_MAX", make(w.maker, { maxFee: 0n }), "maxFee 0");
  await s.expect("INSUFFICIENT_FEE_BALANCE", make(actor("penniless"), {}), "an account that cannot pay its fee");
}
