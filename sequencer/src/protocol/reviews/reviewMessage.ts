// The review content bound into the proof as the public signal `message`.
import { encodeAbiParameters, keccak256, type Hex } from "viem";

export type ReviewMessageParameters = { rating: number; worthIt: boolean; textHash: Hex };

/**
 * message = uint256(keccak256(abi.encode(uint8 rating, bool worthIt, bytes32 textHash))) >> 8.
 * Dropping the low byte leaves 248 bits, always below the BN254 scalar field, so the value is
 * a field element by construction and Solidity computes the same number with one shift.
 */
export function reviewMessage({ rating, worthIt, textHash }: ReviewMessageParameters): bigint {
  if (!Number.isInteger(rating) || rating < 0 || rating > 255) throw new RangeError(`rating must be a uint8, got ${rating}`);
  if (!/^0x[0-9a-fA-F]{64}$/.test(textHash)) throw new TypeError(`textHash must be 32 bytes, got ${textHash}`);
  const encoded = encodeAbiParameters([{ type: "uint8" }, { type: "bool" }, { type: "bytes32" }], [rating, worthIt, textHash]);
  return BigInt(keccak256(encoded)) >> 8n;
}
