// One transaction, one encoding: inputs on which an honest sequencer and an honest verifier could
// compute different roots are refused before they reach a block. A string with a lone UTF-16
// surrogate (no UTF-8 form), invalid UTF-8 in a batch, and v = 0/1 next to 27/28 each gave two
// readings of one transaction.
import { describe, expect, it } from "vitest";
import { bytesToHex, hexToBytes } from "../crypto/bytes";
import type { SutureError } from "../errors";
import { decodeTx, encodeTx, parseTx, recoverTx, signTx, sutureDomain, txHash, txToJson, type Tx } from "./index";

const domain = sutureDomain({ chainId: 424242, verifyingContract: "0x5fbdb2315678afecb367f032d93f642f64180aa3" });
const KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d" as const;
const propose = (procedure: string) =>
  signTx({
    domain,
    privateKey: KEY,
    type: "ProposeSurgery",
    message: { nonce: 0n, maxFee: 1n, doctor: "0x9965507d1a55bcc2695c58ba16fb37d819b0a4dc", procedure, requestedTime: 1n, detailsHash: `0x${"00".repeat(32)}` },
  });
const codeOf = (f: () => unknown) => {
  try {
    f();
    return "none";
  } catch (e) {
    return (e as SutureError).code;
  }
};

describe("# strings", () => {
  it.each(["\ud800x", "x\udfff", "\udc00\ud800"])("Should refuse a string with a lone surrogate (%j) with INVALID_FIELD", (procedure) => {
    const json = { ...txToJson(propose("ok")), message: { ...txToJson(propose("ok")).message, procedure } };
    expect(codeOf(() => parseTx(json))).toBe("INVALID_FIELD");
    expect(codeOf(() => propose(procedure))).toBe("INVALID_FIELD");
  });

  it("Should keep a well-formed astral character (a surrogate pair) through bytes and back", () => {
    const tx = propose("rhinoplasty 👃 ü");
    const decoded = decodeTx(encodeTx(tx));
    expect(decoded.message.procedure).toBe("rhinoplasty 👃 ü");
    expect(bytesToHex(encodeTx(decoded as Tx))).toBe(bytesToHex(encodeTx(tx)));
  });

  it("Should refuse invalid UTF-8 in binary input with DECODE_ERROR instead of replacing it", () => {
    const bytes = encodeTx(propose("abcd"));
    const at = Buffer.from(bytes).indexOf(Buffer.from("abcd"));
    for (const bad of [
      [0xf0, 0x9f, 0x98, 0x41], // a 4-byte sequence cut short: used to decode as "\uFFFDA"
      [0xc0, 0xaf, 0x41, 0x41], // overlong encoding of "/"
      [0xed, 0xa0, 0x80, 0x41], // an encoded surrogate
    ]) {
      const changed = Uint8Array.from(bytes);
      changed.set(bad, at);
      expect(codeOf(() => decodeTx(changed))).toBe("DECODE_ERROR");
    }
  });
});

describe("# signature v", () => {
  it("Should turn a wallet's v = 0/1 into 27/28 at parsing, so the transaction has one hash", () => {
    const tx = propose("x");
    const json = txToJson(tx);
    const v = Number.parseInt(json.signature!.slice(130), 16);
    const low = `${json.signature!.slice(0, 130)}${(v - 27).toString(16).padStart(2, "0")}`;
    const parsed = parseTx({ ...json, signature: low });
    expect(parsed.signature).toBe(json.signature);
    expect(txHash({ ...tx, signature: parsed.signature })).toBe(txHash(tx));
  });

  it("Should refuse v = 0/1 in binary input (BAD_SIGNATURE at recovery)", () => {
    const bytes = encodeTx(propose("x"));
    const changed = Uint8Array.from(bytes);
    changed[changed.length - 1] = changed[changed.length - 1]! - 27;
    const view = decodeTx(changed);
    expect(codeOf(() => recoverTx({ domain, tx: view as Tx }))).toBe("BAD_SIGNATURE");
    expect(codeOf(() => recoverTx({ domain, tx: decodeTx(bytes) as Tx }))).toBe("none");
    expect(hexToBytes(view.signature!).length).toBe(65);
  });
});
