import { describe, expect, it } from "vitest";
import { BN254_BASE_FIELD, SNARK_SCALAR_FIELD } from "./constants";
import { assertInField, isInBaseField, isInField } from "./isInField";

describe("isInField", () => {
  it("Should accept 0 and p - 1", () => {
    expect(isInField(0n)).toBe(true);
    expect(isInField(SNARK_SCALAR_FIELD - 1n)).toBe(true);
  });

  it("Should not accept p, p + x (aliases of x) or negatives", () => {
    expect(isInField(SNARK_SCALAR_FIELD)).toBe(false);
    expect(isInField(SNARK_SCALAR_FIELD + 5n)).toBe(false);
    expect(isInField(-1n)).toBe(false);
    expect(() => assertInField(SNARK_SCALAR_FIELD, "s")).toThrow(/s must be/);
  });

  it("Should bound proof coordinates by the base field q, which is larger than p", () => {
    expect(BN254_BASE_FIELD > SNARK_SCALAR_FIELD).toBe(true);
    expect(isInBaseField(SNARK_SCALAR_FIELD)).toBe(true);
    expect(isInBaseField(BN254_BASE_FIELD - 1n)).toBe(true);
    expect(isInBaseField(BN254_BASE_FIELD)).toBe(false);
  });
});
