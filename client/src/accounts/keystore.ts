// Password-encrypted key file for the CLI: scrypt (N=2^17, r=8, p=1) stretches the password into
// an AES-256-GCM key; the address is authenticated data, so a file edited to show another address
// fails to open. The plain key never touches the disk.
import { gcm } from "@noble/ciphers/aes.js";
import { scrypt } from "@noble/hashes/scrypt.js";
import { randomBytes } from "node:crypto";
import { bytesToHex, hexToBytes, type Address, type Hex } from "viem";
import { KeystoreInvalidError, KeystorePasswordError } from "../errors";
import { toSutureAccount } from "./toSutureAccount";

export type Keystore = {
  version: 1;
  address: Address;
  crypto: {
    kdf: "scrypt";
    kdfparams: { n: number; r: number; p: number; dklen: 32; salt: Hex };
    cipher: "aes-256-gcm";
    nonce: Hex;
    /** ciphertext || 16-byte tag */
    ciphertext: Hex;
  };
};

export const DEFAULT_SCRYPT_N = 2 ** 17;

export type EncryptKeystoreParameters = { privateKey: Hex; password: string; scryptN?: number };

export function encryptKeystore({ privateKey, password, scryptN = DEFAULT_SCRYPT_N }: EncryptKeystoreParameters): Keystore {
  const { address } = toSutureAccount(privateKey);
  const salt = randomBytes(32);
  const nonce = randomBytes(12);
  const key = scrypt(password, salt, { N: scryptN, r: 8, p: 1, dkLen: 32 });
  const ciphertext = gcm(key, nonce, hexToBytes(address)).encrypt(hexToBytes(privateKey));
  return {
    version: 1,
    address,
    crypto: {
      kdf: "scrypt",
      kdfparams: { n: scryptN, r: 8, p: 1, dklen: 32, salt: bytesToHex(salt) },
      cipher: "aes-256-gcm",
      nonce: bytesToHex(nonce),
      ciphertext: bytesToHex(ciphertext),
    },
  };
}

export type DecryptKeystoreParameters = { keystore: unknown; password: string };

export function decryptKeystore({ keystore, password }: DecryptKeystoreParameters): Hex {
  const ks = parseKeystore(keystore);
  const { n, r, p, salt } = ks.crypto.kdfparams;
  const key = scrypt(password, hexToBytes(salt), { N: n, r, p, dkLen: 32 });
  let plain: Uint8Array;
  try {
    plain = gcm(key, hexToBytes(ks.crypto.nonce), hexToBytes(ks.address)).decrypt(hexToBytes(ks.crypto.ciphertext));
  } catch {
    throw new KeystorePasswordError();
  }
  const privateKey = bytesToHex(plain);
  if (toSutureAccount(privateKey).address !== ks.address.toLowerCase()) throw new KeystoreInvalidError("the key does not match the keystore's address");
  return privateKey;
}

function parseKeystore(value: unknown): Keystore {
  const ks = value as Keystore;
  const c = ks?.crypto;
  const hex = (v: unknown) => typeof v === "string" && /^0x[0-9a-fA-F]*$/.test(v);
  if (
    ks?.version !== 1 ||
    !hex(ks.address) ||
    c?.kdf !== "scrypt" ||
    c.cipher !== "aes-256-gcm" ||
    !hex(c.nonce) ||
    !hex(c.ciphertext) ||
    !hex(c.kdfparams?.salt)
  ) {
    throw new KeystoreInvalidError("not a Suture keystore (version 1, scrypt, aes-256-gcm)");
  }
  const { n, r, p } = c.kdfparams;
  if (![n, r, p].every((x) => Number.isInteger(x) && x > 0) || (n & (n - 1)) !== 0 || n > 2 ** 20) throw new KeystoreInvalidError("bad scrypt parameters");
  return ks;
}
