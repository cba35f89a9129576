import { describe, expect, it } from "vitest";
import { KeystoreInvalidError, KeystorePasswordError } from "../errors";
import { decryptKeystore, encryptKeystore } from "./keystore";
import { toSutureAccount } from "./toSutureAccount";

const KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d" as const;
const FAST = { scryptN: 2 ** 10 };

describe("keystore", () => {
  it("Should round-trip a key with the right password and never store it in clear", () => {
    const ks = encryptKeystore({ privateKey: KEY, password: "correct horse", ...FAST });
    expect(ks.address).toBe(toSutureAccount(KEY).address);
    expect(JSON.stringify(ks)).not.toContain(KEY.slice(2));
    expect(decryptKeystore({ keystore: JSON.parse(JSON.stringify(ks)), password: "correct horse" })).toBe(KEY);
  });

  it("Should not open with a wrong password", () => {
    const ks = encryptKeystore({ privateKey: KEY, password: "correct horse", ...FAST });
    expect(() => decryptKeystore({ keystore: ks, password: "battery staple" })).toThrow(KeystorePasswordError);
    // decryptKeystore is synchronous, so the throw is asserted directly (no try/catch that would pass if nothing threw).
    expect(() => decryptKeystore({ keystore: ks, password: "" })).toThrow(
      expect.objectContaining({ name: "KeystorePasswordError", code: "KEYSTORE_PASSWORD" }),
    );
  });

  it("Should not open a file whose address was edited (the address is authenticated)", () => {
    const ks = encryptKeystore({ privateKey: KEY, password: "pw", ...FAST });
    const edited = { ...ks, address: "0x000000000000000000000000000000000000dead" };
    expect(() => decryptKeystore({ keystore: edited, password: "pw" })).toThrow(KeystorePasswordError);
  });

  it("Should reject a file that is not a Suture keystore", () => {
    expect(() => decryptKeystore({ keystore: { version: 3, crypto: {} }, password: "pw" })).toThrow(KeystoreInvalidError);
    const ks = encryptKeystore({ privateKey: KEY, password: "pw", ...FAST });
    expect(() => decryptKeystore({ keystore: { ...ks, crypto: { ...ks.crypto, kdfparams: { ...ks.crypto.kdfparams, n: 1000 } } }, password: "pw" })).toThrow(
      KeystoreInvalidError,
    );
  });
});
