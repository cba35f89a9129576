// Decrypts a record blob with a reader's wrapped key. The blob is checked against the registered
// hash first (the node's store is not trusted), then AES-GCM authenticates it; either failure is
// RecordTamperedError. A wrapped key that does not open is WrongKeyError.
import { gcm } from "@noble/ciphers/aes.js";
import { hexToBytes, keccak256, type Hex } from "viem";
import { RecordTamperedError } from "../errors";
import { eciesDecrypt } from "./ecies";
import { RECORD_MAGIC, RECORD_NONCE_BYTES, type RecordHeader } from "./sealRecord";

export type OpenRecordParameters = {
  ciphertext: Uint8Array;
  /** The registered hash; checked when given. */
  ciphertextHash?: Hex;
  wrappedKey: Hex;
  /** The reader's encryption private key (deriveEncryptionKey). */
  encryptionPrivateKey: Uint8Array;
};

export type OpenRecordReturnType = RecordHeader & { bytes: Uint8Array; json?: unknown };

export function unwrapContentKey(wrappedKey: Hex, encryptionPrivateKey: Uint8Array): Uint8Array {
  return eciesDecrypt(encryptionPrivateKey, hexToBytes(wrappedKey));
}

export function openRecord({ ciphertext, ciphertextHash, wrappedKey, encryptionPrivateKey }: OpenRecordParameters): OpenRecordReturnType {
  if (ciphertextHash && keccak256(ciphertext) !== ciphertextHash.toLowerCase()) {
    throw new RecordTamperedError("the ciphertext's hash differs from the registered one", { expected: ciphertextHash, actual: keccak256(ciphertext) });
  }
  const contentKey = unwrapContentKey(wrappedKey, encryptionPrivateKey);
  const prefix = ciphertext.subarray(0, RECORD_MAGIC.length);
  if (ciphertext.length < RECORD_MAGIC.length + RECORD_NONCE_BYTES + 16 || !prefix.every((b, i) => b === RECORD_MAGIC[i])) {
    throw new RecordTamperedError("not a Suture record blob (bad prefix or too short)");
  }
  const nonce = ciphertext.slice(RECORD_MAGIC.length, RECORD_MAGIC.length + RECORD_NONCE_BYTES);
  let plain: Uint8Array;
  try {
    plain = gcm(contentKey, nonce, RECORD_MAGIC).decrypt(ciphertext.subarray(RECORD_MAGIC.length + RECORD_NONCE_BYTES));
  } catch {
    throw new RecordTamperedError("AES-GCM authentication failed: the ciphertext was altered");
  }
  const headLength = new DataView(plain.buffer, plain.byteOffset).getUint16(0);
  const header = JSON.parse(new TextDecoder().decode(plain.subarray(2, 2 + headLength))) as RecordHeader;
  const bytes = plain.subarray(2 + headLength);
  return header.contentType === "application/json" ? { ...header, bytes, json: JSON.parse(new TextDecoder().decode(bytes)) } : { ...header, bytes };
}
