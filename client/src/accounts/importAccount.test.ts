import { describe, expect, it } from "vitest";
import { mnemonicToAccount, privateKeyToAccount } from "viem/accounts";
import { SutureClientError } from "../errors";
import { createAccount } from "./createAccount";
import { deriveEncryptionKey } from "./deriveEncryptionKey";
import { importAccount } from "./importAccount";
import { toSutureAccount } from "./toSutureAccount";

const HARDHAT_MNEMONIC = "test test test test test test test test test test test junk";

describe("accounts", () => {
  it("Should import Hardhat's mnemonic as its well-known account 0, with the private key", () => {
    const account = importAccount({ mnemonic: HARDHAT_MNEMONIC });
    expect(account.address).toBe("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");
    expect(account.privateKey).toBe("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
    expect(importAccount({ mnemonic: HARDHAT_MNEMONIC, addressIndex: 1 }).address).toBe("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
  });

  it("Should reject a mnemonic with a bad checksum word", () => {
    expect(() => importAccount({ mnemonic: HARDHAT_MNEMONIC.replace("junk", "test") })).toThrow(SutureClientError);
  });

  it("Should create a fresh mnemonic account that re-imports to the same key", () => {
    const created = createAccount({ mnemonic: true });
    expect(created.mnemonic!.split(" ")).toHaveLength(12);
    expect(importAccount({ mnemonic: created.mnemonic! }).privateKey).toBe(created.privateKey);
    expect(createAccount().mnemonic).toBeNull();
  });

  it("Should keep the private key of a viem HD account and not invent one for a plain signer", () => {
    expect(toSutureAccount(mnemonicToAccount(HARDHAT_MNEMONIC)).privateKey).toBe("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
    const signerOnly = toSutureAccount(privateKeyToAccount("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"));
    expect(signerOnly.privateKey).toBeNull();
    expect(signerOnly.signer).not.toBeNull();
  });

  it("Should derive a stable compressed encryption key that differs from the signing key", () => {
    const key = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80" as const;
    const a = deriveEncryptionKey({ privateKey: key });
    expect(a.publicKey).toMatch(/^0x0[23][0-9a-f]{64}$/);
    expect(deriveEncryptionKey({ privateKey: key }).publicKey).toBe(a.publicKey);
    expect(Buffer.from(a.privateKey).toString("hex")).not.toBe(key.slice(2));
  });
});
