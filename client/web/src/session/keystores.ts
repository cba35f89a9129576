// Keys kept in this browser: each one is the SDK's keystore (scrypt + AES-256-GCM, the address as
// authenticated data; client/src/accounts/keystore.ts), stored in localStorage with a label. The
// plain key exists only in memory, after the passphrase opens it, until the tab closes or locks.
import type { Hex } from "viem";
import { decryptKeystore, encryptKeystore, type Keystore } from "../../../src/accounts/keystore";

export type StoredKey = { label: string; keystore: Keystore; createdAt: number };

const STORAGE_KEY = "suture.keystores.v1";

export function listStoredKeys(): StoredKey[] {
  try {
    const parsed = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "[]") as StoredKey[];
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}

function save(keys: StoredKey[]): void {
  localStorage.setItem(STORAGE_KEY, JSON.stringify(keys));
}

/** Encrypts `privateKey` with the passphrase and stores it (replacing a key of the same address). */
export function storeKey({ privateKey, passphrase, label }: { privateKey: Hex; passphrase: string; label: string }): StoredKey {
  const stored: StoredKey = { label, keystore: encryptKeystore({ privateKey, password: passphrase }), createdAt: Date.now() };
  save([...listStoredKeys().filter((k) => k.keystore.address !== stored.keystore.address), stored]);
  return stored;
}

/** Adds a keystore file as it is (it stays encrypted with its own passphrase). */
export function importKeystoreFile({ keystore, label }: { keystore: Keystore; label: string }): StoredKey {
  const stored: StoredKey = { label, keystore, createdAt: Date.now() };
  save([...listStoredKeys().filter((k) => k.keystore.address !== keystore.address), stored]);
  return stored;
}

export function unlockKey({ address, passphrase }: { address: string; passphrase: string }): Hex {
  const stored = listStoredKeys().find((k) => k.keystore.address.toLowerCase() === address.toLowerCase());
  if (!stored) throw new Error("no key of that address in this browser");
  return decryptKeystore({ keystore: stored.keystore, password: passphrase });
}

export function forgetKey(address: string): void {
  save(listStoredKeys().filter((k) => k.keystore.address.toLowerCase() !== address.toLowerCase()));
}
