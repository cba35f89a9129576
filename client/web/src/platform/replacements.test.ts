// The browser stand-ins against the modules they replace: same exports, same results.
import { describe, expect, it } from "vitest";
import * as nativeKeccak from "../../../../sequencer/src/crypto/keccak256";
import * as nativeSignature from "../../../../sequencer/src/protocol/signature";
import * as realConfig from "../../../../circuits/config";
import * as browserKeccak from "./keccak256";
import * as browserSignature from "./signature";
import * as browserConfig from "./circuitsConfig";
import { BARE_REPLACEMENTS, BROWSER_REPLACEMENTS } from "./replacements";
import { existsSync } from "node:fs";

const KEYS = [
  "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
  "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
  `0x${"01".padStart(64, "0")}`,
] as const;

describe("browser stand-ins", () => {
  it("Should name existing files on both sides of the table", () => {
    for (const [from, to] of Object.entries(BROWSER_REPLACEMENTS)) {
      expect(existsSync(from), from).toBe(true);
      expect(existsSync(to), to).toBe(true);
    }
    for (const to of Object.values(BARE_REPLACEMENTS)) expect(existsSync(to), to).toBe(true);
  });

  it("Should export what the replaced modules export", () => {
    expect(Object.keys(browserSignature).sort()).toEqual(Object.keys(nativeSignature).sort());
    expect(Object.keys(browserKeccak).sort()).toEqual(Object.keys(nativeKeccak).sort());
    expect(browserConfig.REVIEW_CIRCUIT).toEqual(realConfig.REVIEW_CIRCUIT);
  });

  it("Should sign byte for byte as libsecp256k1 does, and recover the same signers", () => {
    for (const [i, key] of KEYS.entries()) {
      const digest = nativeKeccak.keccak256(new TextEncoder().encode(`digest ${i}`));
      const signature = browserSignature.signDigest(key, digest);
      expect(signature).toBe(nativeSignature.signDigest(key, digest));
      expect(browserSignature.privateKeyToAddress(key)).toBe(nativeSignature.privateKeyToAddress(key));
      expect(browserSignature.recoverSigner(digest, signature)).toBe(nativeSignature.recoverSigner(digest, signature));
    }
  });

  it("Should reject the same malformed signatures with the same codes", () => {
    const digest = nativeKeccak.keccak256(new Uint8Array([1]));
    const good = nativeSignature.signDigest(KEYS[0], digest);
    const highS = `${good.slice(0, 66)}${"ff".repeat(32)}${good.slice(-2)}` as const;
    const badV = `${good.slice(0, -2)}1d` as const;
    for (const sig of [highS, badV, "0x1234"] as `0x${string}`[]) {
      const codeOf = (f: () => unknown) => {
        try {
          f();
          return null;
        } catch (e) {
          return (e as { code?: string }).code;
        }
      };
      expect(codeOf(() => browserSignature.recoverSigner(digest, sig))).toBe(codeOf(() => nativeSignature.recoverSigner(digest, sig)));
    }
    const compressed = "0x0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798" as const;
    expect(browserSignature.isCompressedPublicKey(compressed)).toBe(true);
    expect(browserSignature.isCompressedPublicKey(`0x02${"ff".repeat(32)}`)).toBe(nativeSignature.isCompressedPublicKey(`0x02${"ff".repeat(32)}`));
  });

  it("Should hash as hash-wasm does", () => {
    const parts = [new Uint8Array([1, 2, 3]), new Uint8Array(0), new Uint8Array(200).fill(7)];
    expect(browserKeccak.keccak256Parts(...parts)).toEqual(nativeKeccak.keccak256Parts(...parts));
    expect(browserKeccak.keccak256(parts[2]!)).toEqual(nativeKeccak.keccak256(parts[2]!));
  });
});
