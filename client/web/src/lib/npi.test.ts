import { describe, expect, it } from "vitest";
import { isValidNpi } from "./npi";

describe("isValidNpi", () => {
  it("Should accept NPIs whose Luhn digit (with prefix 80840) is right, and nothing else", () => {
    expect(isValidNpi("1234567893")).toBe(true); // the CMS example
    expect(isValidNpi("1234567894")).toBe(false);
    expect(isValidNpi("123456789")).toBe(false);
    expect(isValidNpi("12345678a3")).toBe(false);
  });
});
