// The account's record encryption key pair. Derived from the signing key (HKDF with its own
// label) rather than reusing it: the two uses stay separate, yet the key is recoverable from the
// account alone on any device. The public half (33-byte compressed) is what SetEncryptionKey
// publishes.
import { secp256k1 } from "@noble/curves/secp256k1.js";
import { hkdf } from "@noble/hashes/hkdf.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, hexToBytes, type Hex } from "viem";

export const ENCRYPTION_KEY_DOMAIN = "suture/encryption-key/v1";

export type DeriveEncryptionKeyParameters = { privateKey: Hex };
export type DeriveEncryptionKeyReturnType = { privateKey: Uint8Array; publicKey: Hex };

export function deriveEncryptionKey({ privateKey }: DeriveEncryptionKeyParameters): DeriveEncryptionKeyReturnType {
  // 48 bytes reduced mod n: uniform enough (bias < 2^-128) and never zero in practice; retry on 0.
  let counter = 0;
  for (;;) {
    const okm = hkdf(sha256, hexToBytes(privateKey), new TextEncoder().encode(ENCRYPTION_KEY_DOMAIN), new Uint8Array([counter]), 48);
    const scalar = BigInt(bytesToHex(okm)) % secp256k1.Point.CURVE().n;
    if (scalar !== 0n) {
      const sk = hexToBytes(`0x${scalar.toString(16).padStart(64, "0")}`);
      return { privateKey: sk, publicKey: bytesToHex(secp256k1.getPublicKey(sk, true)) };
    }
    counter++;
  }
}
