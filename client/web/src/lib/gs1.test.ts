import { describe, expect, it } from "vitest";
import { isValidGtin, normalizeGtin, parsePackCode } from "./gs1";

const GTIN = "09506000134352";

describe("GS1 pack codes", () => {
  it("Should check GTIN check digits", () => {
    expect(isValidGtin(GTIN)).toBe(true);
    expect(isValidGtin("09506000134353")).toBe(false);
    expect(isValidGtin("9506000134352")).toBe(false);
    expect(normalizeGtin("9506000134352")).toBe(GTIN);
  });

  it("Should read the human-readable form", () => {
    expect(parsePackCode(`(01)${GTIN}(17)271231(10)L-GOOD(21)G1`)).toEqual({ gtin: GTIN, serial: "G1", lot: "L-GOOD", expiry: "271231" });
  });

  it("Should read a raw DataMatrix string with GS separators and a symbology prefix", () => {
    expect(parsePackCode(`]d201${GTIN}21SER42\u001d10LOT7\u001d17280101`)).toEqual({ gtin: GTIN, serial: "SER42", lot: "LOT7", expiry: "280101" });
    expect(parsePackCode(`01${GTIN}17280101<GS>21X9`)).toEqual({ gtin: GTIN, serial: "X9", expiry: "280101" });
  });

  it("Should refuse codes without a serial or with a bad GTIN", () => {
    expect(parsePackCode(`(01)${GTIN}(10)LOT`)).toBeNull();
    expect(parsePackCode("(01)09506000134353(21)G1")).toBeNull();
    expect(parsePackCode("hello")).toBeNull();
  });
});
