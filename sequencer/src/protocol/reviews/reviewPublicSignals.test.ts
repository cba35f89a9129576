import { describe, expect, it } from "vitest";
import { REVIEW_PUBLIC_SIGNALS } from "./constants";
import { reviewPublicSignals } from "./reviewPublicSignals";

describe("reviewPublicSignals", () => {
  it("Should list root, doctor, nullifier, message in the circuit's order, doctor as a number", () => {
    expect(REVIEW_PUBLIC_SIGNALS).toEqual(["root", "doctor", "nullifier", "message"]);
    const signals = reviewPublicSignals({ root: 1n, doctor: "0x00000000000000000000000000000000000000ff", nullifier: 3n, message: 4n });
    expect(signals).toEqual([1n, 255n, 3n, 4n]);
  });
});
