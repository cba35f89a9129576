// secp256k1 signatures over EIP-712 digests, through libsecp256k1 (the `secp256k1` package):
// ~20k recoveries/s per core here against ~700/s in pure JS. High-s signatures are rejected so a
// transaction has exactly one valid encoding.
import { createRequire } from "node:module";
import type { Address, Hex } from "viem";
import { bytesToHex, hexToBytes } from "../crypto/bytes";
import { keccak256 } from "../crypto/keccak256";
import { SutureError } from "../errors";

const require = createRequire(import.meta.url);
const secp: typeof import("secp256k1") = require("secp256k1");

const HALF_N = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0n;

/** The address of an uncompressed (65-byte) or compressed public key. */
export function publicKeyToAddress(publicKey: Uint8Array): Address {
  const full = publicKey.length === 65 ? publicKey : secp.publicKeyConvert(publicKey, false);
  return bytesToHex(keccak256(full.subarray(1)).subarray(12)) as Address;
}

/** Recovers the signer of a 65-byte r‖s‖v signature (v = 27/28); throws BAD_SIGNATURE. */
export function recoverSigner(digest: Uint8Array, signature: Hex | Uint8Array): Address {
  const { sig, recid } = checkSignature(signature);
  try {
    return publicKeyToAddress(secp.ecdsaRecover(sig.subarray(0, 64), recid, digest, false));
  } catch (cause) {
    throw new SutureError("BAD_SIGNATURE", "signature does not recover a public key", {}, { cause });
  }
}

/** Checks a 65-byte r‖s‖v signature's shape (v, low s) before recovery; throws with a stable code. */
export function checkSignature(signature: Hex | Uint8Array): { sig: Uint8Array; recid: 0 | 1 } {
  const sig = typeof signature === "string" ? hexToBytes(signature) : signature;
  if (sig.length !== 65) throw new SutureError("BAD_SIGNATURE", "signature must be 65 bytes");
  const v = sig[64]!;
  // Only 27/28: with 0/1 too, every transaction would have two valid encodings and two hashes.
  // (parseTx turns a wallet's 0/1 into 27/28 before anything is hashed.)
  const recid = v - 27;
  if (recid !== 0 && recid !== 1) throw new SutureError("BAD_SIGNATURE", "signature v must be 27 or 28");
  let s = 0n;
  for (let i = 32; i < 64; i++) s = (s << 8n) | BigInt(sig[i]!);
  if (s > HALF_N) throw new SutureError("SIGNATURE_MALLEABLE");
  return { sig, recid };
}

/** Signs a digest (libsecp256k1 always returns low-s); v is 27/28. */
export function signDigest(privateKey: Hex, digest: Uint8Array): Hex {
  const { signature, recid } = secp.ecdsaSign(digest, hexToBytes(privateKey));
  const out = new Uint8Array(65);
  out.set(signature, 0);
  out[64] = 27 + recid;
  return bytesToHex(out);
}

export function privateKeyToAddress(privateKey: Hex): Address {
  return publicKeyToAddress(secp.publicKeyCreate(hexToBytes(privateKey), false));
}

/** True for a valid compressed secp256k1 public key (the records' encryption keys). */
export function isCompressedPublicKey(key: Hex): boolean {
  const b = hexToBytes(key);
  return b.length === 33 && secp.publicKeyVerify(b);
}
