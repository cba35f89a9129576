import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { hashTypedData, keccak256 as viemKeccak256, recoverTypedDataAddress } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { bytesToHex, hexToBytes } from "../crypto/bytes";
import { SutureError } from "../errors";
import {
  decodeTx,
  eip712Types,
  encodeTx,
  getSchema,
  messageFields,
  parseTx,
  recoverSigner,
  recoverTx,
  signTx,
  STRUCT_TYPES,
  sutureDomain,
  txHash,
  txToJson,
  TX_TYPES,
  typedDataDigest,
  type StructName,
  type Tx,
  type TxType,
} from "./index";

const domain = sutureDomain({ chainId: 31_337_001, verifyingContract: "0x5fbdb2315678afecb367f032d93f642f64180aa3" });
const KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d" as const;
const account = privateKeyToAccount(KEY);

const hexBytes = (n: number) => fc.uint8Array({ minLength: n, maxLength: n }).map((b) => bytesToHex(b));

/** An arbitrary value of a schema field type, derived from the schema itself. */
function arb(type: string): fc.Arbitrary<unknown> {
  const arr = /^(.*)\[(\d*)\]$/.exec(type);
  if (arr) {
    const n = arr[2] ? Number(arr[2]) : null;
    return fc.array(arb(arr[1]!), n === null ? { maxLength: 4 } : { minLength: n, maxLength: n });
  }
  if (type in STRUCT_TYPES) return fc.record(Object.fromEntries(STRUCT_TYPES[type as StructName].map((f) => [f.name, arb(f.type)])));
  switch (type) {
    case "address":
      return hexBytes(20);
    case "bytes32":
      return hexBytes(32);
    case "bytes":
      return fc.uint8Array({ maxLength: 40 }).map((b) => bytesToHex(b));
    case "string":
      return fc.string({ maxLength: 20 });
    case "bool":
      return fc.boolean();
    case "uint8":
      return fc.integer({ min: 0, max: 255 });
    case "uint16":
      return fc.integer({ min: 0, max: 65535 });
    case "uint32":
      return fc.integer({ min: 0, max: 2 ** 32 - 1 });
    case "int32":
      return fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });
    case "uint64":
      return fc.bigInt({ min: 0n, max: 2n ** 64n - 1n });
    case "uint256":
      return fc.bigInt({ min: 0n, max: 2n ** 256n - 1n });
  }
  throw new Error(type);
}

const arbMessage = (type: TxType) =>
  fc.record(Object.fromEntries(messageFields(type).map((f) => [f.name, arb(f.type)]))) as fc.Arbitrary<Record<string, unknown>>;
const TYPES = Object.keys(TX_TYPES) as TxType[];

describe("protocol", () => {
  it("Should give every type a unique code", () => {
    const codes = TYPES.map((t) => TX_TYPES[t].code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it("Should match viem's EIP-712 digest for every type", () => {
    for (const type of TYPES) {
      fc.assert(
        fc.property(arbMessage(type), (message) => {
          const ours = bytesToHex(typedDataDigest(domain, type, message));
          const theirs = hashTypedData({ domain, types: eip712Types(type), primaryType: type, message } as never);
          expect(ours).toBe(theirs);
        }),
        { numRuns: 15 },
      );
    }
  });

  it("Should round-trip every type through the binary encoding and JSON", () => {
    for (const type of TYPES) {
      fc.assert(
        fc.property(arbMessage(type), hexBytes(65), (message, sig) => {
          const signed = TX_TYPES[type].signer !== "unsigned";
          const tx = { type, from: signed ? account.address.toLowerCase() : null, message, signature: signed ? sig : null } as never;
          const bytes = encodeTx(tx);
          expect(decodeTx(bytes)).toEqual({ type, message, signature: signed ? sig : null });
          const parsed = parseTx(JSON.parse(JSON.stringify(txToJson(tx))));
          expect(parsed.message).toEqual(message);
        }),
        { numRuns: 20 },
      );
    }
  });

  it("Should recover the same signer as viem for a wallet-signed transaction", async () => {
    const message = { nonce: 3n, maxFee: 7n, to: "0x00000000000000000000000000000000000000aa", amount: 10n ** 18n };
    const signature = await account.signTypedData({ domain, types: eip712Types("Transfer"), primaryType: "Transfer", message } as never);
    const tx = recoverTx({ domain, tx: { type: "Transfer", message, signature }, claimedFrom: account.address });
    expect(tx.from).toBe(account.address.toLowerCase());
    const ours = signTx({ domain, privateKey: KEY, type: "Transfer", message: message as never });
    expect(
      await recoverTypedDataAddress({ domain, types: eip712Types("Transfer"), primaryType: "Transfer", message, signature: ours.signature! } as never),
    ).toBe(account.address);
  });

  it("Should not accept a signature for another chain id or verifying contract", () => {
    const tx = signTx({
      domain,
      privateKey: KEY,
      type: "Transfer",
      message: { nonce: 0n, maxFee: 7n, to: "0x00000000000000000000000000000000000000aa", amount: 1n } as never,
    });
    const other = sutureDomain({ chainId: 1, verifyingContract: domain.verifyingContract });
    expect(() => recoverTx({ domain: other, tx, claimedFrom: account.address })).toThrow(SutureError);
    const otherContract = sutureDomain({ chainId: domain.chainId, verifyingContract: "0x0000000000000000000000000000000000000001" });
    expect(recoverTx({ domain: otherContract, tx }).from).not.toBe(account.address.toLowerCase());
  });

  it("Should reject high-s signatures", () => {
    const tx = signTx({ domain, privateKey: KEY, type: "AcceptOffer", message: { nonce: 0n, maxFee: 7n, caseId: 1n } as never });
    const sig = hexToBytes(tx.signature!);
    const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
    let s = 0n;
    for (let i = 32; i < 64; i++) s = (s << 8n) | BigInt(sig[i]!);
    const high = N - s;
    for (let i = 63; i >= 32; i--) sig[i] = Number((high >> BigInt(8 * (63 - i))) & 0xffn);
    sig[64] = sig[64] === 27 ? 28 : 27;
    const digest = typedDataDigest(domain, "AcceptOffer", tx.message as never);
    expect(() => recoverSigner(digest, sig)).toThrow(expect.objectContaining({ code: "SIGNATURE_MALLEABLE" }));
  });

  it("Should reject malformed binary: trailing bytes, truncation, unknown type, non-canonical varints, bad bools", () => {
    const tx = signTx({ domain, privateKey: KEY, type: "AcceptOffer", message: { nonce: 5n, maxFee: 7n, caseId: 9n } as never });
    const bytes = encodeTx(tx);
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as SutureError).code;
      }
      return "none";
    };
    expect(code(() => decodeTx(new Uint8Array([...bytes, 0])))).toBe("DECODE_ERROR");
    expect(code(() => decodeTx(bytes.subarray(0, bytes.length - 1)))).toBe("DECODE_ERROR");
    expect(code(() => decodeTx(new Uint8Array([200, ...bytes.subarray(1)])))).toBe("DECODE_ERROR");
    expect(code(() => decodeTx(new Uint8Array([bytes[0]!, 0x85, 0x00, ...bytes.subarray(2)])))).toBe("DECODE_ERROR");
    const review = encodeTx({
      type: "PostReview",
      from: null,
      signature: null,
      message: {
        doctor: `0x${"11".repeat(20)}`,
        rating: 5,
        worthIt: true,
        textHash: `0x${"22".repeat(32)}`,
        root: 1n,
        nullifier: 2n,
        proof: Array(8).fill(3n),
      },
    } as never);
    const badBool = new Uint8Array(review);
    badBool[1 + 20 + 1] = 2;
    expect(code(() => decodeTx(badBool))).toBe("DECODE_ERROR");
  });

  it("Should reject JSON with unknown types, missing, extra or mistyped fields", () => {
    const good = { type: "AcceptOffer", from: account.address, message: { nonce: "0", maxFee: "7", caseId: "1" }, signature: `0x${"11".repeat(65)}` };
    const code = (v: unknown) => {
      try {
        parseTx(v);
      } catch (e) {
        return (e as SutureError).code;
      }
      return "none";
    };
    expect(code(good)).toBe("none");
    expect(code({ ...good, type: "Nope" })).toBe("UNKNOWN_TX_TYPE");
    expect(code({ ...good, message: { nonce: "0", maxFee: "7" } })).toBe("INVALID_FIELD");
    expect(code({ ...good, message: { ...good.message, extra: 1 } })).toBe("INVALID_FIELD");
    expect(code({ ...good, message: { nonce: "0", maxFee: "7", caseId: "-1" } })).toBe("INVALID_FIELD");
    expect(code({ ...good, message: { nonce: "0", maxFee: "7", caseId: (2n ** 64n).toString() } })).toBe("INVALID_FIELD");
    expect(code({ ...good, message: { nonce: 0.5, maxFee: "7", caseId: "1" } })).toBe("INVALID_FIELD");
    expect(code({ ...good, signature: "0x12" })).toBe("BAD_SIGNATURE");
    expect(code({ ...good, surprise: true })).toBe("INVALID_FIELD");
    expect(code([])).toBe("INVALID_FIELD");
  });

  it("Should require `from` on signed types and refuse it on unsigned ones", () => {
    const signed = { type: "AcceptOffer", message: { nonce: "0", maxFee: "7", caseId: "1" }, signature: `0x${"11".repeat(65)}` };
    const error = (v: unknown) => {
      try {
        parseTx(v);
      } catch (e) {
        return { code: (e as SutureError).code, field: (e as SutureError).details.field };
      }
      return null;
    };
    expect(error(signed)).toEqual({ code: "INVALID_FIELD", field: "from" });
    expect(error({ ...signed, from: null })).toEqual({ code: "INVALID_FIELD", field: "from" });
    expect(error({ ...signed, from: "0x1234" })).toMatchObject({ code: "INVALID_FIELD", field: "from" });
    expect(parseTx({ ...signed, from: account.address }).claimedFrom).toBe(account.address.toLowerCase());
    const review = {
      type: "PostReview",
      message: { doctor: account.address, rating: 5, worthIt: true, textHash: `0x${"22".repeat(32)}`, root: "1", nullifier: "2", proof: Array(8).fill("3") },
    };
    expect(error(review)).toBeNull();
    expect(error({ ...review, from: account.address })).toEqual({ code: "INVALID_FIELD", field: "from" });
  });

  it("Should publish every type's EIP-712 definition", () => {
    const schema = getSchema({ chainId: domain.chainId, verifyingContract: domain.verifyingContract });
    expect(Object.keys(schema.types)).toEqual(TYPES);
    expect(schema.types.ProposePlan!.types.PackRef).toEqual(STRUCT_TYPES.PackRef);
    expect(schema.types.PostReview!.signed).toBe(false);
  });

  it("Should hash a transaction over its binary form", () => {
    const a = signTx({ domain, privateKey: KEY, type: "AcceptOffer", message: { nonce: 0n, maxFee: 7n, caseId: 1n } as never });
    const encoded = encodeTx(a);
    // Independent of txCodec's own keccak: viem's keccak256 over the bytes encodeTx produced.
    expect(txHash(a)).toBe(viemKeccak256(encoded));
    // Every byte after the type byte (nonce, maxFee, caseId, each signature byte) is covered: flip one and
    // the hash of the decoded transaction is keccak256 of the changed bytes, not the original hash.
    expect(encoded.length).toBe(1 + 1 + 1 + 1 + 65);
    for (let i = 1; i < encoded.length; i++) {
      const changed = Uint8Array.from(encoded);
      changed[i]! ^= 0x01;
      const view = decodeTx(changed) as Tx;
      expect(txHash(view), `byte ${i} changed`).toBe(viemKeccak256(changed));
      expect(txHash(view), `byte ${i} changed`).not.toBe(txHash(a));
    }
  });
});
