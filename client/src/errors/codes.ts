// Error codes the SDK and CLI can throw: the protocol's table (node rejections, reused as is) plus
// the codes of failures that happen on the client side (transport, keys, records, L1).
import { ERROR_CODES, NOT_FOUND_CODES, type NotFoundEntity } from "../../../sequencer/src/errors";

/** The node's 404 code for each entity it reads (CASE_NOT_FOUND, ...); NotFoundError carries one. */
export { NOT_FOUND_CODES, type NotFoundEntity };

export const CLIENT_ERROR_CODES = {
  NODE_UNREACHABLE: "The node did not answer (is it running at this URL?)",
  NODE_ERROR: "The node answered with an unexpected response",
  TIMEOUT: "Timed out waiting",
  INVALID_ARGUMENT: "An argument is missing or malformed",
  NO_PRIVATE_KEY: "This needs the account's private key (a signer-only account cannot derive it)",
  KEYSTORE_INVALID: "The keystore file is not a Suture keystore",
  KEYSTORE_PASSWORD: "Wrong keystore password (or the keystore is corrupted)",
  NO_ENCRYPTION_KEY: "The reader has not published an encryption key (SetEncryptionKey)",
  NOT_A_READER: "This account is not a reader of the record",
  WRONG_KEY: "The wrapped key does not open with this account's encryption key",
  RECORD_TAMPERED: "The record's ciphertext does not match its hash or fails authentication",
  NO_L1: "This needs an L1 RPC URL and the bridge address",
  L1_REVERTED: "The L1 transaction reverted",
  REVIEW_LEAF_MISSING: "The review tree has no leaf for this case (closed without a review commitment?)",
} as const;

export type ClientErrorCode = keyof typeof CLIENT_ERROR_CODES;
export type NodeErrorCode = keyof typeof ERROR_CODES;
export type SutureErrorCode = NodeErrorCode | ClientErrorCode;

export function defaultMessage(code: SutureErrorCode): string {
  if (code in CLIENT_ERROR_CODES) return CLIENT_ERROR_CODES[code as ClientErrorCode];
  return (ERROR_CODES as Record<string, { message: string }>)[code]?.message ?? code;
}
