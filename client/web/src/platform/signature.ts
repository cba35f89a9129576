// Browser stand-in for sequencer/src/protocol/signature.ts (the node's one uses the native
// libsecp256k1 addon, which a browser cannot load). Same exports, same results: @noble/curves
// signs deterministically (RFC 6979) with low s exactly as libsecp256k1 does, so a transaction
// signed here is byte for byte the one the CLI would sign. signature.test.ts pins the two together.
import { secp256k1 } from "@noble/curves/secp256k1.js";
import type { Address, Hex } from "viem";
import { bytesToHex, hexToBytes } from "../../../../sequencer/src/crypto/bytes";
import { keccak256 } from "../../../../sequencer/src/crypto/keccak256";
import { SutureError } from "../../../../sequencer/src/errors";

const HALF_N = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0n;

function uncompressed(publicKey: Uint8Array): Uint8Array {
  return publicKey.length === 65 ? publicKey : secp256k1.Point.fromBytes(publicKey).toBytes(false);
}

export function publicKeyToAddress(publicKey: Uint8Array): Address {
  return bytesToHex(keccak256(uncompressed(publicKey).subarray(1)).subarray(12)) as Address;
}

export function checkSignature(signature: Hex | Uint8Array): { sig: Uint8Array; recid: 0 | 1 } {
  const sig = typeof signature === "string" ? hexToBytes(signature) : signature;
  if (sig.length !== 65) throw new SutureError("BAD_SIGNATURE", "signature must be 65 bytes");
  const v = sig[64]!;
  const recid = v >= 27 ? v - 27 : v;
  if (recid !== 0 && recid !== 1) throw new SutureError("BAD_SIGNATURE", "signature v must be 27 or 28");
  let s = 0n;
  for (let i = 32; i < 64; i++) s = (s << 8n) | BigInt(sig[i]!);
  if (s > HALF_N) throw new SutureError("SIGNATURE_MALLEABLE");
  return { sig, recid };
}

export function recoverSigner(digest: Uint8Array, signature: Hex | Uint8Array): Address {
  const { sig, recid } = checkSignature(signature);
  const recovered = new Uint8Array(65);
  recovered[0] = recid;
  recovered.set(sig.subarray(0, 64), 1);
  try {
    return publicKeyToAddress(secp256k1.recoverPublicKey(recovered, digest, { prehash: false }));
  } catch (cause) {
    throw new SutureError("BAD_SIGNATURE", "signature does not recover a public key", {}, { cause });
  }
}

export function signDigest(privateKey: Hex, digest: Uint8Array): Hex {
  const recovered = secp256k1.sign(digest, hexToBytes(privateKey), { prehash: false, format: "recovered", lowS: true });
  const out = new Uint8Array(65);
  out.set(recovered.subarray(1), 0);
  out[64] = 27 + recovered[0]!;
  return bytesToHex(out);
}

export function privateKeyToAddress(privateKey: Hex): Address {
  return publicKeyToAddress(secp256k1.getPublicKey(hexToBytes(privateKey), false));
}

export function isCompressedPublicKey(key: Hex): boolean {
  const b = hexToBytes(key);
  if (b.length !== 33) return false;
  try {
    secp256k1.Point.fromBytes(b).assertValidity();
    return true;
  } catch {
    return false;
  }
}
