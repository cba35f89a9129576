// The per-case review secret s. Derived, never stored: the patient can recompute it from their key
// and the case id on any device (to publish the commitment at close, and later to prove), and
// nobody can go back from s (or the public commitment Poseidon(s)) to the key.
import { hkdf } from "@noble/hashes/hkdf.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToBigInt, hexToBytes, numberToBytes, type Hex } from "viem";
import { SNARK_SCALAR_FIELD } from "../../../sequencer/src/protocol/reviews/constants";

/** HKDF salt: separates this use of the patient key from every other (signatures, encryption). */
export const REVIEW_SECRET_DOMAIN = "suture/review-secret/v1";

export type DeriveReviewSecretParameters = { privateKey: Hex; caseId: bigint };

/**
 * s = HKDF-SHA256(ikm = privateKey, salt = REVIEW_SECRET_DOMAIN, info = caseId as uint256, 48 bytes)
 * mod p. 48 bytes (384 bits) reduced mod the 254-bit p leave a bias below 2^-128.
 */
export function deriveReviewSecret({ privateKey, caseId }: DeriveReviewSecretParameters): bigint {
  if (!/^0x[0-9a-fA-F]{64}$/.test(privateKey)) throw new TypeError("privateKey must be 32 bytes of hex");
  if (caseId < 0n || caseId >= 1n << 256n) throw new RangeError("caseId must be a uint256");
  const okm = hkdf(sha256, hexToBytes(privateKey), new TextEncoder().encode(REVIEW_SECRET_DOMAIN), numberToBytes(caseId, { size: 32 }), 48);
  return bytesToBigInt(okm) % SNARK_SCALAR_FIELD;
}
