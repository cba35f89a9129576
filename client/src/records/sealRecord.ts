// Encrypts a record for its readers: one random AES-256-GCM content key encrypts the content; the
// content key is wrapped (ECIES) once per reader. The blob that goes to the node's store is
//   "SR" || version 1 || nonce (12) || AES-GCM(ciphertext || tag), the 3-byte prefix as AAD,
// and its plaintext is a small JSON header (content type, optional file name) then the content.
import { gcm } from "@noble/ciphers/aes.js";
import { randomBytes } from "node:crypto";
import { bytesToHex, hexToBytes, keccak256, type Address, type Hex } from "viem";
import { eciesEncrypt } from "./ecies";

export const RECORD_MAGIC = new Uint8Array([0x53, 0x52, 0x01]);
export const RECORD_NONCE_BYTES = 12;

export type RecordContent = { json: unknown } | { bytes: Uint8Array; contentType?: string; name?: string };
export type RecordHeader = { contentType: string; name?: string };

export type SealRecordParameters = {
  content: RecordContent;
  /** Each reader with its published 33-byte encryption key. */
  readers: ReadonlyArray<{ reader: Address; encryptionKey: Hex }>;
};

export type SealRecordReturnType = {
  ciphertext: Uint8Array;
  ciphertextHash: Hex;
  readers: { reader: Address; wrappedKey: Hex }[];
  /** The content key, to wrap for later readers without decrypting. */
  contentKey: Uint8Array;
};

export function encodeRecordPlaintext(content: RecordContent): Uint8Array {
  const header: RecordHeader =
    "json" in content
      ? { contentType: "application/json" }
      : { contentType: content.contentType ?? "application/octet-stream", ...(content.name && { name: content.name }) };
  const body = "json" in content ? new TextEncoder().encode(JSON.stringify(content.json)) : content.bytes;
  const head = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(2 + head.length + body.length);
  new DataView(out.buffer).setUint16(0, head.length);
  out.set(head, 2);
  out.set(body, 2 + head.length);
  return out;
}

export function wrapContentKey(contentKey: Uint8Array, encryptionKey: Hex): Hex {
  return bytesToHex(eciesEncrypt(hexToBytes(encryptionKey), contentKey));
}

export function sealRecord({ content, readers }: SealRecordParameters): SealRecordReturnType {
  const contentKey = new Uint8Array(randomBytes(32));
  const nonce = randomBytes(RECORD_NONCE_BYTES);
  const sealed = gcm(contentKey, nonce, RECORD_MAGIC).encrypt(encodeRecordPlaintext(content));
  const ciphertext = new Uint8Array(RECORD_MAGIC.length + RECORD_NONCE_BYTES + sealed.length);
  ciphertext.set(RECORD_MAGIC);
  ciphertext.set(nonce, RECORD_MAGIC.length);
  ciphertext.set(sealed, RECORD_MAGIC.length + RECORD_NONCE_BYTES);
  return {
    ciphertext,
    ciphertextHash: keccak256(ciphertext),
    readers: readers.map(({ reader, encryptionKey }) => ({ reader: reader.toLowerCase() as Address, wrappedKey: wrapContentKey(contentKey, encryptionKey) })),
    contentKey,
  };
}
