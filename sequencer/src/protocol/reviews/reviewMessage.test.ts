import { keccak_256 } from "@noble/hashes/sha3.js";
import { describe, expect, it } from "vitest";
import { SNARK_SCALAR_FIELD } from "./constants";
import { reviewMessage } from "./reviewMessage";

const textHash = `0x${"ab".repeat(32)}` as const;

/** abi.encode(uint8, bool, bytes32) by hand: three 32-byte big-endian words. */
function referenceMessage(rating: number, worthIt: boolean, hash: string): bigint {
  const words = new Uint8Array(96);
  words[31] = rating;
  words[63] = worthIt ? 1 : 0;
  words.set(Buffer.from(hash.slice(2), "hex"), 64);
  return BigInt(`0x${Buffer.from(keccak_256(words)).toString("hex")}`) >> 8n;
}

describe("reviewMessage", () => {
  it("Should equal uint256(keccak256(abi.encode(rating, worthIt, textHash))) >> 8", () => {
    expect(reviewMessage({ rating: 4, worthIt: true, textHash })).toBe(referenceMessage(4, true, textHash));
    expect(reviewMessage({ rating: 1, worthIt: false, textHash })).toBe(referenceMessage(1, false, textHash));
  });

  it("Should be below the scalar field for every input (248 bits)", () => {
    const message = reviewMessage({ rating: 5, worthIt: true, textHash: `0x${"ff".repeat(32)}` });
    expect(message < 1n << 248n && message < SNARK_SCALAR_FIELD).toBe(true);
  });

  it("Should change with each field of the review", () => {
    const base = reviewMessage({ rating: 3, worthIt: true, textHash });
    expect(reviewMessage({ rating: 2, worthIt: true, textHash })).not.toBe(base);
    expect(reviewMessage({ rating: 3, worthIt: false, textHash })).not.toBe(base);
    expect(reviewMessage({ rating: 3, worthIt: true, textHash: `0x${"cd".repeat(32)}` })).not.toBe(base);
  });

  it("Should not accept a rating that is not a uint8 or a text hash that is not 32 bytes", () => {
    expect(() => reviewMessage({ rating: 256, worthIt: true, textHash })).toThrow(RangeError);
    expect(() => reviewMessage({ rating: 1.5, worthIt: true, textHash })).toThrow(RangeError);
    expect(() => reviewMessage({ rating: 1, worthIt: true, textHash: "0x12" })).toThrow(TypeError);
  });
});
