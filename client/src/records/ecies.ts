// ECIES over secp256k1 in eciesjs's default format, so records interoperate with that library:
//   ephemeral public key (65 bytes, uncompressed) || nonce (16) || tag (16) || ciphertext
//   key = HKDF-SHA256(ikm = ephemeral pk (65) || shared point (65, uncompressed), no salt, no info, 32)
//   cipher = AES-256-GCM with the 16-byte nonce.
import { gcm } from "@noble/ciphers/aes.js";
import { secp256k1 } from "@noble/curves/secp256k1.js";
import { hkdf } from "@noble/hashes/hkdf.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { randomBytes } from "node:crypto";
import { WrongKeyError } from "../errors";

const PK = 65;
const NONCE = 16;
const TAG = 16;

function sharedKey(ephemeralPublicKey: Uint8Array, sharedPoint: Uint8Array): Uint8Array {
  const ikm = new Uint8Array(ephemeralPublicKey.length + sharedPoint.length);
  ikm.set(ephemeralPublicKey);
  ikm.set(sharedPoint, ephemeralPublicKey.length);
  return hkdf(sha256, ikm, undefined, undefined, 32);
}

/** Encrypts `data` to a secp256k1 public key (33 or 65 bytes). */
export function eciesEncrypt(publicKey: Uint8Array, data: Uint8Array): Uint8Array {
  const ephemeral = secp256k1.utils.randomSecretKey();
  const ephemeralPublicKey = secp256k1.getPublicKey(ephemeral, false);
  const key = sharedKey(ephemeralPublicKey, secp256k1.getSharedSecret(ephemeral, publicKey, false));
  const nonce = randomBytes(NONCE);
  const sealed = gcm(key, nonce).encrypt(data); // ciphertext || tag
  const out = new Uint8Array(PK + NONCE + sealed.length);
  out.set(ephemeralPublicKey);
  out.set(nonce, PK);
  out.set(sealed.subarray(sealed.length - TAG), PK + NONCE);
  out.set(sealed.subarray(0, sealed.length - TAG), PK + NONCE + TAG);
  return out;
}

/** Decrypts an eciesEncrypt payload; a wrong key or an altered payload throws WrongKeyError. */
export function eciesDecrypt(privateKey: Uint8Array, payload: Uint8Array): Uint8Array {
  if (payload.length < PK + NONCE + TAG) throw new WrongKeyError("the wrapped key is too short to be an ECIES payload");
  const ephemeralPublicKey = payload.subarray(0, PK);
  const nonce = payload.subarray(PK, PK + NONCE);
  const tag = payload.subarray(PK + NONCE, PK + NONCE + TAG);
  const ciphertext = payload.subarray(PK + NONCE + TAG);
  let point: Uint8Array;
  try {
    point = secp256k1.getSharedSecret(privateKey, ephemeralPublicKey, false);
  } catch (cause) {
    throw new WrongKeyError("the wrapped key's ephemeral public key is not a curve point", { cause: String(cause) });
  }
  const sealed = new Uint8Array(ciphertext.length + TAG);
  sealed.set(ciphertext);
  sealed.set(tag, ciphertext.length);
  try {
    return gcm(sharedKey(ephemeralPublicKey, point), Uint8Array.from(nonce)).decrypt(sealed);
  } catch {
    throw new WrongKeyError();
  }
}
