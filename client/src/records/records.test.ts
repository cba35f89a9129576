import { describe, expect, it } from "vitest";
import { decrypt as eciesjsDecrypt, encrypt as eciesjsEncrypt } from "eciesjs";
import { bytesToHex, hexToBytes, keccak256 } from "viem";
import { deriveEncryptionKey } from "../accounts";
import { RecordTamperedError, WrongKeyError } from "../errors";
import { eciesDecrypt, eciesEncrypt } from "./ecies";
import { openRecord } from "./openRecord";
import { sealRecord } from "./sealRecord";

const alice = deriveEncryptionKey({ privateKey: `0x${"11".repeat(32)}` });
const bob = deriveEncryptionKey({ privateKey: `0x${"22".repeat(32)}` });
const mallory = deriveEncryptionKey({ privateKey: `0x${"33".repeat(32)}` });
const readers = [
  { reader: "0x00000000000000000000000000000000000000a1", encryptionKey: alice.publicKey },
  { reader: "0x00000000000000000000000000000000000000b2", encryptionKey: bob.publicKey },
] as const;

describe("record encryption", () => {
  it("Should round-trip JSON for every reader, and hash the ciphertext", () => {
    const sealed = sealRecord({ content: { json: { diagnosis: "rhinoplasty", notes: ["ok"] } }, readers });
    expect(sealed.ciphertextHash).toBe(keccak256(sealed.ciphertext));
    for (const [i, key] of [alice, bob].entries()) {
      const opened = openRecord({
        ciphertext: sealed.ciphertext,
        ciphertextHash: sealed.ciphertextHash,
        wrappedKey: sealed.readers[i]!.wrappedKey,
        encryptionPrivateKey: key.privateKey,
      });
      expect(opened.json).toEqual({ diagnosis: "rhinoplasty", notes: ["ok"] });
      expect(opened.contentType).toBe("application/json");
    }
  });

  it("Should round-trip a binary file with its name and content type", () => {
    const bytes = new Uint8Array(5000).map((_, i) => i % 251);
    const sealed = sealRecord({ content: { bytes, name: "scan.png", contentType: "image/png" }, readers });
    const opened = openRecord({ ciphertext: sealed.ciphertext, wrappedKey: sealed.readers[1]!.wrappedKey, encryptionPrivateKey: bob.privateKey });
    expect(opened).toMatchObject({ name: "scan.png", contentType: "image/png" });
    expect(Buffer.from(opened.bytes).equals(Buffer.from(bytes))).toBe(true);
  });

  it("Should report tampered ciphertext: by hash, and by AES-GCM when no hash is given", () => {
    const sealed = sealRecord({ content: { json: { a: 1 } }, readers });
    const tampered = Uint8Array.from(sealed.ciphertext);
    tampered[tampered.length - 20]! ^= 1;
    const base = { wrappedKey: sealed.readers[0]!.wrappedKey, encryptionPrivateKey: alice.privateKey };
    expect(() => openRecord({ ...base, ciphertext: tampered, ciphertextHash: sealed.ciphertextHash })).toThrow(/hash differs/);
    expect(() => openRecord({ ...base, ciphertext: tampered })).toThrow(RecordTamperedError);
    expect(() => openRecord({ ...base, ciphertext: tampered })).toThrow(expect.objectContaining({ code: "RECORD_TAMPERED" }));
  });

  it("Should fail with WrongKeyError for a wrong key or an altered wrapped key", () => {
    const sealed = sealRecord({ content: { json: { a: 1 } }, readers });
    expect(() => openRecord({ ciphertext: sealed.ciphertext, wrappedKey: sealed.readers[0]!.wrappedKey, encryptionPrivateKey: mallory.privateKey })).toThrow(
      WrongKeyError,
    );
    const wrapped = hexToBytes(sealed.readers[0]!.wrappedKey);
    wrapped[100]! ^= 1;
    expect(() => openRecord({ ciphertext: sealed.ciphertext, wrappedKey: bytesToHex(wrapped), encryptionPrivateKey: alice.privateKey })).toThrow(WrongKeyError);
    expect(() => eciesDecrypt(alice.privateKey, new Uint8Array(10))).toThrow(WrongKeyError);
  });

  it("Should interoperate with eciesjs's default format in both directions", () => {
    const message = new TextEncoder().encode("wrapped content key");
    const ours = eciesEncrypt(hexToBytes(alice.publicKey), message);
    expect(ours.length).toBe(65 + 16 + 16 + message.length);
    expect(new TextDecoder().decode(eciesjsDecrypt(alice.privateKey, ours))).toBe("wrapped content key");
    const theirs = eciesjsEncrypt(hexToBytes(alice.publicKey), message);
    expect(new TextDecoder().decode(eciesDecrypt(alice.privateKey, theirs))).toBe("wrapped content key");
  });
});
