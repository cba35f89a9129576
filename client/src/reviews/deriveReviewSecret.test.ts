import { hkdfSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { SNARK_SCALAR_FIELD } from "../../../sequencer/src/protocol";
import { deriveReviewSecret, REVIEW_SECRET_DOMAIN } from "./deriveReviewSecret";

const privateKey = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
const otherKey = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

describe("deriveReviewSecret", () => {
  it("Should be HKDF-SHA256(key, domain, caseId as uint256, 48 bytes) mod p (node:crypto reference)", () => {
    const okm = hkdfSync("sha256", Buffer.from(privateKey.slice(2), "hex"), REVIEW_SECRET_DOMAIN, Buffer.from(42n.toString(16).padStart(64, "0"), "hex"), 48);
    const expected = BigInt(`0x${Buffer.from(okm).toString("hex")}`) % SNARK_SCALAR_FIELD;
    expect(deriveReviewSecret({ privateKey, caseId: 42n })).toBe(expected);
  });

  it("Should be recoverable: the same key and case give the same secret on any device (golden vector)", () => {
    // Pinned: computed once with Python's hmac/hashlib HKDF (RFC 5869) outside this code base, so a
    // change to the derivation, its salt or the caseId encoding cannot pass unnoticed; a patient's
    // existing commitments would no longer open.
    const golden = 0x12ca3f5184ddfd915e83fa0dc15602758aea262e2f72874fda7ed6c0481e2dffn;
    expect(deriveReviewSecret({ privateKey, caseId: 7n })).toBe(golden);
  });

  it("Should differ per case and per key, and stay below p", () => {
    const secrets = [
      deriveReviewSecret({ privateKey, caseId: 1n }),
      deriveReviewSecret({ privateKey, caseId: 2n }),
      deriveReviewSecret({ privateKey: otherKey, caseId: 1n }),
    ];
    expect(new Set(secrets).size).toBe(3);
    for (const secret of secrets) expect(secret < SNARK_SCALAR_FIELD).toBe(true);
  });

  it("Should not accept a malformed key or case id", () => {
    expect(() => deriveReviewSecret({ privateKey: "0x1234", caseId: 1n })).toThrow(TypeError);
    expect(() => deriveReviewSecret({ privateKey, caseId: -1n })).toThrow(RangeError);
  });
});
