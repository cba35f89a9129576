import { describe, expect, it } from "vitest";
import { SNARK_SCALAR_FIELD } from "./constants";
import { doctorToField, reviewCommitment, reviewLeaf, reviewNullifier } from "./reviewHashes";

// circomlib Poseidon test vectors (circomlibjs test/poseidon.js).
const POSEIDON1_OF_1 = 18586133768512220936620570745912940619677854269274689475585506675881198879027n;
const POSEIDON2_OF_1_2 = 7853200120776062878684798364095072458815029376092732009249414926327459813530n;
const doctor = "0x0000000000000000000000000000000000000002";

describe("review hashes", () => {
  it("Should compute commitment = Poseidon1(s) with circomlib's constants", () => {
    expect(reviewCommitment(1n)).toBe(POSEIDON1_OF_1);
  });

  it("Should compute leaf = Poseidon2(commitment, doctor) and nullifier = Poseidon2(s, doctor)", () => {
    expect(reviewLeaf(1n, doctor)).toBe(POSEIDON2_OF_1_2);
    expect(reviewNullifier(1n, doctor)).toBe(POSEIDON2_OF_1_2);
  });

  it("Should read the doctor address as a number, whatever its letter case", () => {
    const mixed = "0xAbCdEf0123456789aBcDeF0123456789AbCdEf01";
    expect(doctorToField(mixed)).toBe(doctorToField(mixed.toLowerCase() as typeof mixed));
    expect(reviewLeaf(7n, mixed)).toBe(reviewLeaf(7n, mixed.toLowerCase() as typeof mixed));
  });

  it("Should give different nullifiers for the same secret at different doctors", () => {
    expect(reviewNullifier(5n, doctor)).not.toBe(reviewNullifier(5n, "0x0000000000000000000000000000000000000003"));
  });

  it("Should not accept a secret or commitment that is not a field element (no silent mod p)", () => {
    expect(() => reviewCommitment(SNARK_SCALAR_FIELD + 1n)).toThrow(RangeError);
    expect(() => reviewNullifier(SNARK_SCALAR_FIELD, doctor)).toThrow(RangeError);
    expect(() => reviewLeaf(SNARK_SCALAR_FIELD + 1n, doctor)).toThrow(RangeError);
  });

  it("Should not accept a doctor that is not a 20-byte address", () => {
    expect(() => reviewLeaf(1n, "0x1234")).toThrow(TypeError);
  });
});
