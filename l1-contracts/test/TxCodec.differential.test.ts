// Differential test of the generated Solidity transaction codec (contracts/twin/generated) against
// the node's TypeScript codec: for the golden vectors, random transactions of every type (edge
// values included) and corrupted encodings of every kind, Solidity decode → digest → recover
// must accept exactly what decodeTx / recoverSigner accept, and give the same digest, signer and
// fee work. Also measures what the largest legal transaction of each type costs to check on L1.
// The seed is fixed (in the test names); set TX_CODEC_DIFF_SEED to explore another one.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { domainSeparator as viemDomainSeparator, hashStruct as viemHashStruct, type Address, type Hex } from "viem";
import { bytesToHex, hexToBytes } from "../../sequencer/src/crypto/bytes";
import { SutureError } from "../../sequencer/src/errors";
import {
  ByteReader,
  ByteWriter,
  decodeTx,
  eip712Types,
  encodeTx,
  isSigned,
  MAX_ARRAY_LENGTH,
  MAX_BYTES_LENGTH,
  MAX_STRING_BYTES,
  messageFields,
  recoverSigner,
  signTx,
  STRUCT_TYPES,
  sutureDomain,
  TX_TYPES,
  typedDataDigest,
  txWork,
  type SignedTxType,
  type StructName,
  type TxType,
} from "../../sequencer/src/protocol";
import { encodeField } from "../../sequencer/src/protocol/fieldCodec";
import { readArtifact } from "../scripts/artifacts";
import { loadFixture, type Fixture } from "./fixture";

const SEED = Number(process.env.TX_CODEC_DIFF_SEED ?? 0x7c0d_ec12);
/** Random transactions per type (plus one with every variable field at its largest). */
const RANDOM_PER_TYPE = 10;
/** Calldata per eth_call (the largest transactions go alone: a call gets at most 2^24 gas). */
const MAX_CALL_BYTES = 60_000;
/** The gas cap of one L1 transaction (Osaka, EIP-7825): a dispute must check any transaction within it. */
const TX_GAS_CAP = 2 ** 24;

const TYPES = Object.keys(TX_TYPES) as TxType[];
/** The first type byte no type uses (codes are appended, never renumbered). */
const NEXT_CODE = Math.max(...TYPES.map((t) => TX_TYPES[t].code)) + 1;
const VECTORS_FILE = join(dirname(fileURLToPath(import.meta.url)), "../../sequencer/src/protocol/vectors/transactions.json");
const VECTORS = JSON.parse(readFileSync(VECTORS_FILE, "utf8")) as {
  domain: { chainId: number; verifyingContract: Address };
  domainSeparator: Hex;
  vectors: { name: string; type: TxType; envelope: { from?: Address }; digest: Hex | null; encoded: Hex }[];
};
const DOMAIN = sutureDomain(VECTORS.domain);
const DOMAIN_SEPARATOR = VECTORS.domainSeparator;
const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
const HALF_N = N / 2n;

// ---------------------------------------------------------------------------------------------
// Random values

/** mulberry32: small, fast, seeded. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return {
    int,
    chance: (p: number) => next() < p,
    pick: <T>(xs: readonly T[]): T => xs[int(xs.length)]!,
    bytes: (n: number): Uint8Array => Uint8Array.from({ length: n }, () => int(256)),
    /** A uniformly random number of bits, then random bits: small and large values alike. */
    bigint: (bits: number): bigint => {
      const width = int(bits + 1);
      let v = 0n;
      for (let i = 0; i < width; i++) v = (v << 1n) | BigInt(int(2));
      return v;
    },
  };
}
type Rng = ReturnType<typeof prng>;

/** How a random message fills its fields: random sizes, or every variable field at its largest. */
type Shape = "random" | "largest" | "largestNonAscii";

/** Characters of 1 to 4 UTF-8 bytes, including the edges of each range. */
const CHARS = [
  "a",
  "Z",
  "0",
  " ",
  "\u0000",
  "\u007f",
  "é",
  "\u0080",
  "\u07ff",
  "€",
  "한",
  "\u0800",
  "\ud7ff",
  "\ue000",
  "\uffff",
  "😀",
  "\u{10000}",
  "\u{10ffff}",
];

function randomString(rng: Rng, shape: Shape): string {
  const target = shape !== "random" || rng.chance(0.15) ? MAX_STRING_BYTES : rng.chance(0.1) ? 0 : rng.int(40);
  if (shape === "largest") return "s".repeat(target);
  let s = "";
  let bytes = 0;
  for (;;) {
    const c = shape === "largestNonAscii" ? "é" : rng.chance(0.6) ? String.fromCharCode(97 + rng.int(26)) : rng.pick(CHARS);
    const n = Buffer.byteLength(c);
    if (bytes + n > target) break;
    s += c;
    bytes += n;
  }
  return s + "x".repeat(target - bytes);
}

/** A random JSON value of a schema field type (what signTx parses). */
function randomValue(rng: Rng, type: string, shape: Shape): unknown {
  const array = /^(.*)\[(\d*)\]$/.exec(type);
  const edge = shape === "random" && rng.chance(0.25);
  if (array) {
    const length = array[2] ? Number(array[2]) : shape !== "random" ? MAX_ARRAY_LENGTH : rng.chance(0.04) ? MAX_ARRAY_LENGTH : rng.int(5);
    return Array.from({ length }, () => randomValue(rng, array[1]!, shape === "random" ? "random" : shape));
  }
  if (type in STRUCT_TYPES) {
    return Object.fromEntries(STRUCT_TYPES[type as StructName].map((f) => [f.name, randomValue(rng, f.type, shape)]));
  }
  switch (type) {
    case "address":
      return bytesToHex(rng.bytes(20));
    case "bytes32":
      return bytesToHex(rng.bytes(32));
    case "bytes": {
      const n = shape !== "random" || rng.chance(0.1) ? MAX_BYTES_LENGTH : rng.chance(0.1) ? 0 : rng.int(80);
      return bytesToHex(rng.bytes(n));
    }
    case "string":
      return randomString(rng, shape);
    case "bool":
      return rng.chance(0.5);
    case "int32":
      if (shape !== "random") return -(2 ** 31);
      if (edge) return rng.pick([-(2 ** 31), 2 ** 31 - 1, -1, 0]);
      return Number(rng.bigint(31)) * (rng.chance(0.5) ? -1 : 1);
    default: {
      const bits = Number(type.slice(4));
      const max = (1n << BigInt(bits)) - 1n;
      const v = shape !== "random" ? max : edge ? rng.pick([0n, max, max >> 1n, 127n, 128n]) : rng.bigint(bits);
      return bits <= 32 ? Number(v) : v.toString();
    }
  }
}

function randomKey(rng: Rng): Hex {
  for (;;) {
    const k = rng.bytes(32);
    const v = BigInt(bytesToHex(k));
    if (v > 0n && v < N) return bytesToHex(k);
  }
}

/** The binary form of a random transaction of `type`, signed by a random key. */
function randomTx(rng: Rng, type: TxType, shape: Shape): { message: Record<string, unknown>; signature: Hex | null; bytes: Uint8Array } {
  const json = Object.fromEntries(messageFields(type).map((f) => [f.name, randomValue(rng, f.type, shape)]));
  if (!isSigned(type)) {
    // PostReview is unsigned: encode the parsed message directly (its proof words are uint256s).
    const message = Object.fromEntries(
      messageFields(type).map((f) => [
        f.name,
        f.type.startsWith("uint256") ? (Array.isArray(json[f.name]) ? (json[f.name] as string[]).map(BigInt) : BigInt(json[f.name] as string)) : json[f.name],
      ]),
    );
    return { message, signature: null, bytes: encodeTx({ type, message: message as never, signature: null as never }) };
  }
  const tx = signTx({ domain: DOMAIN, privateKey: randomKey(rng), type: type as SignedTxType, message: json as never });
  return { message: tx.message as Record<string, unknown>, signature: tx.signature, bytes: encodeTx(tx) };
}

// ---------------------------------------------------------------------------------------------
// Verdicts

/** What one side concluded about an encoding. `signer` is null for the unsigned type or a failed recovery. */
type Verdict = { decoded: false } | { decoded: true; type: TxType; digest: Hex; recovered: boolean; signer: Address | null; work: bigint };

/** The TypeScript verdict: decodeTx, then (signed types) typedDataDigest and recoverSigner. */
function tsVerdict(bytes: Uint8Array): Verdict {
  let view: ReturnType<typeof decodeTx>;
  try {
    view = decodeTx(bytes);
  } catch (e) {
    expect(e instanceof SutureError && e.code, String(e)).toBe("DECODE_ERROR");
    return { decoded: false };
  }
  const work = txWork(view);
  if (!isSigned(view.type)) {
    // The unsigned type's hashStruct, from viem (an implementation independent of the node's).
    const hashStruct = viemHashStruct as (p: { data: Record<string, unknown>; primaryType: string; types: Record<string, unknown> }) => Hex;
    const digest = hashStruct({ data: view.message, primaryType: view.type, types: eip712Types(view.type) });
    return { decoded: true, type: view.type, digest, recovered: false, signer: null, work };
  }
  const digest = typedDataDigest(DOMAIN, view.type, view.message);
  try {
    const signer = recoverSigner(digest, view.signature!);
    return { decoded: true, type: view.type, digest: bytesToHex(digest), recovered: true, signer, work };
  } catch (e) {
    expect(e instanceof SutureError && ["BAD_SIGNATURE", "SIGNATURE_MALLEABLE"].includes(e.code), String(e)).toBe(true);
    return { decoded: true, type: view.type, digest: bytesToHex(digest), recovered: false, signer: null, work };
  }
}

type TxCheck = { decoded: boolean; digest: Hex; recovered: boolean; signer: Address; work: bigint; gas: bigint };

/** One case: an encoding, a label for failures, and (for corruptions) the verdict it must get. */
type Case = { label: string; bytes: Uint8Array; expect?: "reject" | "decodes" | "badSignature" | "accept" };

describe("Generated transaction codec (Solidity) against the TypeScript codec", () => {
  let f: Fixture;
  let wire: Address;
  const harnesses = new Map<TxType, Address>();
  const wireArtifact = readArtifact("TxWireHarness");
  const harnessAbi = readArtifact("TxTransferHarness").abi;

  beforeAll(async () => {
    f = await loadFixture();
    const deploy = async (name: string) => {
      const a = readArtifact(name);
      const hash = await f.wallets.deployer.deployContract({ abi: a.abi, bytecode: a.bytecode });
      return (await f.publicClient.waitForTransactionReceipt({ hash })).contractAddress!;
    };
    wire = await deploy("TxWireHarness");
    for (const type of TYPES) harnesses.set(type, await deploy(`Tx${type}Harness`));
  });

  const callWire = (functionName: string, args: readonly unknown[]) =>
    f.publicClient.readContract({ abi: wireArtifact.abi, address: wire, functionName, args }) as Promise<any>;

  /** Calls `fn` on consecutive slices of `items` of at most MAX_CALL_BYTES of calldata. */
  async function batched<T, R>(items: T[], size: (t: T) => number, fn: (slice: T[]) => Promise<R[]>): Promise<R[]> {
    const out: R[] = [];
    let slice: T[] = [];
    let bytes = 0;
    for (const item of items) {
      if (slice.length > 0 && bytes + size(item) > MAX_CALL_BYTES) {
        out.push(...(await fn(slice)));
        slice = [];
        bytes = 0;
      }
      slice.push(item);
      bytes += size(item) + 64;
    }
    if (slice.length > 0) out.push(...(await fn(slice)));
    return out;
  }

  /** The harness of type `type` on many encodings. */
  async function check(type: TxType, encodings: Uint8Array[]): Promise<TxCheck[]> {
    return batched(
      encodings,
      (b) => b.length,
      async (slice) =>
        (await f.publicClient.readContract({
          abi: harnessAbi,
          address: harnesses.get(type)!,
          functionName: "check",
          args: [slice.map(bytesToHex), DOMAIN_SEPARATOR],
        })) as TxCheck[],
    );
  }

  /** The Solidity verdict on every encoding: TxWire.typeCode routes each to its type's harness. */
  async function solidityVerdicts(encodings: Uint8Array[]): Promise<Verdict[]> {
    const codes = await batched(
      encodings,
      (b) => b.length,
      async (slice) => {
        const [ok, code] = (await callWire("typeCodes", [slice.map(bytesToHex)])) as [boolean[], number[]];
        return ok.map((o, i) => (o ? code[i]! : null));
      },
    );
    const out: Verdict[] = encodings.map(() => ({ decoded: false }));
    for (const type of TYPES) {
      const indices = codes.flatMap((c, i) => (c === TX_TYPES[type].code ? [i] : []));
      if (indices.length === 0) continue;
      const checks = await check(
        type,
        indices.map((i) => encodings[i]!),
      );
      indices.forEach((index, k) => {
        const c = checks[k]!;
        out[index] = c.decoded
          ? { decoded: true, type, digest: c.digest, recovered: c.recovered, signer: c.recovered ? (c.signer.toLowerCase() as Address) : null, work: c.work }
          : { decoded: false };
      });
    }
    return out;
  }

  /** Both sides on every case: the same verdict, and the expected one where a case names it. */
  async function compare(cases: Case[]): Promise<Record<string, number>> {
    const sol = await solidityVerdicts(cases.map((c) => c.bytes));
    const counts: Record<string, number> = {};
    cases.forEach((c, i) => {
      const ts = tsVerdict(c.bytes);
      const context = `seed ${SEED}, ${c.label}, ${bytesToHex(c.bytes).slice(0, 200)}`;
      expect(sol[i], context).toEqual(ts);
      const outcome = !ts.decoded ? "reject" : isSigned(ts.type) && !ts.recovered ? "badSignature" : "accept";
      if (c.expect === "decodes") expect(ts.decoded, context).toBe(true);
      else if (c.expect) expect(outcome, context).toBe(c.expect);
      counts[outcome] = (counts[outcome] ?? 0) + 1;
    });
    return counts;
  }

  // -------------------------------------------------------------------------------------------

  describe("# domainSeparator", () => {
    it("Should compute the domain separator TypeScript and viem sign under", async () => {
      expect(await callWire("domainSeparator", [BigInt(DOMAIN.chainId), DOMAIN.verifyingContract])).toBe(DOMAIN_SEPARATOR);
      const other = { name: "Suture", version: "1", chainId: 1, verifyingContract: "0xffffffffffffffffffffffffffffffffffffffff" as Address };
      expect(await callWire("domainSeparator", [1n, other.verifyingContract])).toBe(viemDomainSeparator({ domain: other }));
    });
  });

  describe("# decode, digest, recover", () => {
    it("Should decode, hash and recover every golden vector as TypeScript does", async () => {
      const cases = VECTORS.vectors.map((v) => ({ label: v.name, bytes: hexToBytes(v.encoded), expect: "accept" as const }));
      await compare(cases);
      const sol = await solidityVerdicts(cases.map((c) => c.bytes));
      VECTORS.vectors.forEach((v, i) => {
        const s = sol[i]!;
        expect(s.decoded && s.type, v.name).toBe(v.type);
        if (v.digest && s.decoded) {
          expect(s.digest, v.name).toBe(v.digest);
          expect(s.signer, v.name).toBe(v.envelope.from);
        }
      });
    });

    it(`Should agree on ${RANDOM_PER_TYPE + 2} random transactions of every type, edge values included (seed ${SEED})`, async () => {
      const rng = prng(SEED);
      const cases: Case[] = [];
      for (const type of TYPES) {
        for (let i = 0; i < RANDOM_PER_TYPE; i++) cases.push({ label: `${type} #${i}`, bytes: randomTx(rng, type, "random").bytes, expect: "accept" });
        cases.push({ label: `${type} largest`, bytes: randomTx(rng, type, "largest").bytes, expect: "accept" });
        cases.push({ label: `${type} largest, non-ASCII`, bytes: randomTx(rng, type, "largestNonAscii").bytes, expect: "accept" });
      }
      expect(await compare(cases)).toEqual({ accept: cases.length });
    });

    it("Should reject a transaction given to another type's decoder", async () => {
      const rng = prng(SEED + 1);
      for (const type of TYPES) {
        const other = TYPES[(TYPES.indexOf(type) + 1) % TYPES.length]!;
        const [c] = await check(other, [randomTx(rng, type, "random").bytes]);
        expect(c!.decoded, `${type} as ${other}`).toBe(false);
      }
    });
  });

  describe("# corrupted encodings", () => {
    /** Re-encodes a transaction with the raw bytes `raw` in place of field `field`. */
    function withField(type: TxType, tx: { message: Record<string, unknown>; signature: Hex | null }, field: string, raw: Uint8Array): Uint8Array {
      const w = new ByteWriter();
      w.byte(TX_TYPES[type].code);
      for (const f of messageFields(type)) {
        if (f.name === field) w.bytes(raw);
        else encodeField(w, f.type, tx.message[f.name]);
      }
      if (tx.signature) w.hex(tx.signature);
      return w.finish();
    }
    const varint = (v: bigint | number): Uint8Array => {
      const w = new ByteWriter();
      w.varint(v);
      return w.finish();
    };
    /** The canonical varint of `v` made non-canonical with a redundant zero group. */
    const padded = (v: bigint | number): Uint8Array => {
      const b = varint(v);
      b[b.length - 1]! |= 0x80;
      return Uint8Array.from([...b, 0]);
    };
    const str = (bytes: number[]): Uint8Array => Uint8Array.from([...varint(bytes.length), ...bytes]);
    const utf8 = (s: string) => [...Buffer.from(s, "utf8")];

    it(`Should reject every truncation of several transactions (seed ${SEED + 2})`, async () => {
      const rng = prng(SEED + 2);
      const cases: Case[] = [];
      for (const type of ["Transfer", "RegisterDoctor", "PublishPolicy", "ProposePlan", "CreateRecord", "PostReview", "OfferSchedule"] as TxType[]) {
        let tx = randomTx(rng, type, "random");
        while (tx.bytes.length > 700) tx = randomTx(rng, type, "random");
        for (let n = 0; n < tx.bytes.length; n++) cases.push({ label: `${type} cut to ${n} bytes`, bytes: tx.bytes.slice(0, n), expect: "reject" });
      }
      expect(cases.length).toBeGreaterThan(1000);
      await compare(cases);
    });

    it(`Should reject a trailing byte and an unknown type byte on every type (seed ${SEED + 3})`, async () => {
      const rng = prng(SEED + 3);
      const cases: Case[] = [{ label: "empty", bytes: new Uint8Array(), expect: "reject" }];
      for (const type of TYPES) {
        const { bytes } = randomTx(rng, type, "random");
        cases.push({ label: `${type} + 0x00`, bytes: Uint8Array.from([...bytes, 0]), expect: "reject" });
        cases.push({ label: `${type} + its last byte`, bytes: Uint8Array.from([...bytes, bytes[bytes.length - 1]!]), expect: "reject" });
        for (const code of [0, NEXT_CODE, NEXT_CODE + 1, 0x80, 0xff])
          cases.push({ label: `${type} as type ${code}`, bytes: Uint8Array.from([code, ...bytes.subarray(1)]), expect: "reject" });
      }
      await compare(cases);
    });

    it(`Should treat non-canonical, over-wide and maximal varints alike (seed ${SEED + 4})`, async () => {
      const rng = prng(SEED + 4);
      const cases: Case[] = [];
      const add = (type: TxType, field: string, raw: Uint8Array, expect: Case["expect"], what: string) =>
        cases.push({ label: `${type}.${field} ${what}`, bytes: withField(type, randomTx(rng, type, "random"), field, raw), expect });
      const widths: [TxType, string, number][] = [
        ["Transfer", "nonce", 64],
        ["Transfer", "maxFee", 256],
        ["OfferSchedule", "lateCancelFeeBps", 16],
        ["OfferSchedule", "freeCancelBefore", 32],
        ["RegisterDoctor", "latE6", 32],
        ["SetFeeSchedule", "effectiveAt", 64],
      ];
      for (const [type, field, bits] of widths) {
        const max = (1n << BigInt(bits)) - 1n;
        add(type, field, padded(5), "reject", "5 with a zero group");
        add(type, field, padded(0), "reject", "0 with a zero group");
        add(type, field, padded(max), "reject", "max with a zero group");
        add(type, field, varint(max + 1n), "reject", "2^bits");
        add(type, field, varint(1n << BigInt(bits + 10)), "reject", "2^(bits+10)");
        add(type, field, Uint8Array.from([...Array(Math.ceil(bits / 7) + 1).fill(0x80), 1]), "reject", "too many groups");
        add(type, field, Uint8Array.from([...Array(Math.ceil(bits / 7) + 2).fill(0xff), 0x7f]), "reject", "all ones, too long");
        add(type, field, varint(max), "decodes", "max");
        add(type, field, varint(max >> 1n), "decodes", "max / 2");
        add(type, field, varint(0), "decodes", "0");
      }
      // Lengths are varints of at most 32 bits too.
      add("RecallLot", "gtin", Uint8Array.from([...padded(1), 0x41]), "reject", "length with a zero group");
      add("SetEncryptionKey", "encryptionKey", Uint8Array.from([...padded(2), 1, 2]), "reject", "length with a zero group");
      add("RegisterMedicine", "serials", Uint8Array.from([...padded(1), ...str([0x41])]), "reject", "array length with a zero group");
      add("RegisterMedicine", "serials", varint(1n << 32n), "reject", "array length 2^32");
      add("RegisterMedicine", "serials", varint((1n << 32n) + 1n), "reject", "array length 2^32 + 1");
      add("RecallLot", "lot", varint(1n << 32n), "reject", "length 2^32");
      add("RecallLot", "lot", varint((1n << 32n) - 1n), "reject", "length 2^32 - 1");
      await compare(cases);
    });

    it(`Should reject bools other than 0 and 1 (seed ${SEED + 5})`, async () => {
      const rng = prng(SEED + 5);
      const cases: Case[] = [];
      for (const [type, field] of [
        ["AdmitParticipant", "active"],
        ["PostReview", "worthIt"],
      ] as [TxType, string][]) {
        for (const b of [0, 1])
          cases.push({ label: `${type}.${field} = ${b}`, bytes: withField(type, randomTx(rng, type, "random"), field, Uint8Array.of(b)), expect: "decodes" });
        for (const b of [2, 3, 0x80, 0xff])
          cases.push({ label: `${type}.${field} = ${b}`, bytes: withField(type, randomTx(rng, type, "random"), field, Uint8Array.of(b)), expect: "reject" });
      }
      await compare(cases);
    });

    /** Well-formed and ill-formed UTF-8 sequences, named by what makes them so. */
    const UTF8_CASES: [string, number[], boolean][] = [
      ["U+0000", [0x00], true],
      ["U+007F", [0x7f], true],
      ["U+0080", [0xc2, 0x80], true],
      ["U+07FF", [0xdf, 0xbf], true],
      ["U+0800", [0xe0, 0xa0, 0x80], true],
      ["U+D7FF", [0xed, 0x9f, 0xbf], true],
      ["U+E000", [0xee, 0x80, 0x80], true],
      ["U+FEFF (BOM)", [0xef, 0xbb, 0xbf], true],
      ["U+FFFF", [0xef, 0xbf, 0xbf], true],
      ["U+10000", [0xf0, 0x90, 0x80, 0x80], true],
      ["U+10FFFF", [0xf4, 0x8f, 0xbf, 0xbf], true],
      ["overlong 2-byte C0 80", [0xc0, 0x80], false],
      ["overlong 2-byte C1 BF", [0xc1, 0xbf], false],
      ["overlong 3-byte E0 80 80", [0xe0, 0x80, 0x80], false],
      ["overlong 3-byte E0 9F BF", [0xe0, 0x9f, 0xbf], false],
      ["overlong 4-byte F0 80 80 80", [0xf0, 0x80, 0x80, 0x80], false],
      ["overlong 4-byte F0 8F BF BF", [0xf0, 0x8f, 0xbf, 0xbf], false],
      ["surrogate U+D800", [0xed, 0xa0, 0x80], false],
      ["surrogate U+DBFF", [0xed, 0xaf, 0xbf], false],
      ["surrogate U+DC00", [0xed, 0xb0, 0x80], false],
      ["surrogate U+DFFF", [0xed, 0xbf, 0xbf], false],
      ["surrogate pair as CESU-8", [0xed, 0xa0, 0xbd, 0xed, 0xb8, 0x80], false],
      ["U+110000", [0xf4, 0x90, 0x80, 0x80], false],
      ["F5 lead", [0xf5, 0x80, 0x80, 0x80], false],
      ["F8 lead", [0xf8, 0x88, 0x80, 0x80, 0x80], false],
      ["FF", [0xff], false],
      ["FE", [0xfe], false],
      ["lone continuation 80", [0x80], false],
      ["lone continuation BF", [0xbf], false],
      ["truncated 2-byte", [0xc3], false],
      ["truncated 3-byte", [0xe2, 0x82], false],
      ["truncated 4-byte", [0xf0, 0x9f, 0x98], false],
      ["truncated 2-byte then ASCII", [0xc3, 0x41], false],
      ["truncated 3-byte then ASCII", [0xe2, 0x82, 0x41], false],
      ["truncated 4-byte then ASCII", [0xf0, 0x9f, 0x98, 0x41], false],
      ["bad second continuation", [0xe2, 0x28, 0xa1], false],
      ["bad third continuation", [0xf0, 0x9f, 0x98, 0x28], false],
    ];

    it("Should reject invalid UTF-8 of every kind in strings, at the edges of the 32-byte ASCII runs too", async () => {
      const rng = prng(SEED + 6);
      const cases: Case[] = [];
      for (const [name, seq, valid] of UTF8_CASES) {
        const verdict = valid ? "decodes" : "reject";
        for (const [where, body] of [
          ["alone", seq],
          ["after 31 ASCII", [...utf8("a".repeat(31)), ...seq]],
          ["after 32 ASCII", [...utf8("b".repeat(32)), ...seq, ...utf8("c".repeat(40))]],
          ["after 33 ASCII", [...utf8("d".repeat(33)), ...seq, 0x41]],
          ["at byte 255", [...utf8("e".repeat(MAX_STRING_BYTES - seq.length)), ...seq]],
        ] as [string, number[]][]) {
          if (body.length > MAX_STRING_BYTES) continue;
          cases.push({
            label: `RecallLot.lot ${name} ${where}`,
            bytes: withField("RecallLot", randomTx(rng, "RecallLot", "random"), "lot", str(body)),
            expect: verdict,
          });
        }
        // In an array element and in a struct field.
        const medicine = Uint8Array.from([...varint(2), ...str(utf8("ok")), ...str(seq)]);
        cases.push({
          label: `RegisterMedicine.serials[1] ${name}`,
          bytes: withField("RegisterMedicine", randomTx(rng, "RegisterMedicine", "random"), "serials", medicine),
          expect: verdict,
        });
        const packs = Uint8Array.from([...varint(1), ...str(utf8("09506000134352")), ...str(seq)]);
        cases.push({
          label: `ProposePlan.packs[0].serial ${name}`,
          bytes: withField("ProposePlan", randomTx(rng, "ProposePlan", "random"), "packs", packs),
          expect: verdict,
        });
      }
      await compare(cases);
    });

    it(`Should agree with TextDecoder(fatal) on random byte strings (seed ${SEED + 7})`, async () => {
      const rng = prng(SEED + 7);
      const alphabet = [
        0x00, 0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xe1, 0xec, 0xed, 0xee, 0xef, 0xf0, 0xf1, 0xf3, 0xf4, 0xf5, 0xff,
      ];
      const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
      const inputs: Uint8Array[] = [];
      for (let i = 0; i < 6000; i++) {
        const n = rng.int(i % 10 === 0 ? 80 : 8);
        inputs.push(Uint8Array.from({ length: n }, () => (rng.chance(0.4) ? 0x61 : rng.pick(alphabet))));
      }
      for (const [, seq] of UTF8_CASES) inputs.push(Uint8Array.from(seq));
      const sol = await batched(
        inputs,
        (b) => b.length,
        async (slice) => (await callWire("validUtf8", [slice.map(bytesToHex)])) as boolean[],
      );
      let valid = 0;
      inputs.forEach((b, i) => {
        let ts = true;
        try {
          decoder.decode(b);
        } catch {
          ts = false;
        }
        if (ts) valid++;
        expect(sol[i], `seed ${SEED + 7}: ${bytesToHex(b)}`).toBe(ts);
      });
      // Both verdicts were exercised often.
      expect(valid).toBeGreaterThan(500);
      expect(inputs.length - valid).toBeGreaterThan(500);
    });

    it(`Should agree with ByteReader.varint on random byte strings at every width (seed ${SEED + 8})`, async () => {
      const rng = prng(SEED + 8);
      const alphabet = [0x00, 0x01, 0x02, 0x03, 0x07, 0x0f, 0x1f, 0x3f, 0x7f, 0x80, 0x81, 0xff];
      for (const bits of [16, 32, 64, 256]) {
        const inputs: Uint8Array[] = [];
        for (let i = 0; i < 1500; i++) {
          const n = 1 + rng.int(Math.ceil(bits / 7) + 3);
          inputs.push(Uint8Array.from({ length: n }, (_, j) => (j < n - 1 && rng.chance(0.8) ? 0x80 | rng.int(128) : rng.pick(alphabet))));
        }
        for (let k = 0; k <= bits + 8; k += 1) inputs.push(varint((1n << BigInt(k)) - 1n), varint(1n << BigInt(k)));
        const [ok, values] = (await callWire("varints", [inputs.map(bytesToHex), BigInt(bits)])) as [boolean[], bigint[]];
        let accepted = 0;
        inputs.forEach((b, i) => {
          const r = new ByteReader(b);
          let ts: bigint | null;
          try {
            ts = r.varint(bits);
            if (r.remaining !== 0) ts = null;
          } catch {
            ts = null;
          }
          const context = `seed ${SEED + 8}, ${bits} bits: ${bytesToHex(b)}`;
          expect(ok[i], context).toBe(ts !== null);
          if (ts !== null) {
            accepted++;
            expect(values[i], context).toBe(ts);
          }
        });
        expect(accepted).toBeGreaterThan(200);
        expect(inputs.length - accepted).toBeGreaterThan(200);
      }
    });

    it("Should reject strings, bytes and arrays one over their limit, and accept them at it", async () => {
      const rng = prng(SEED + 9);
      const tx = (type: TxType) => randomTx(rng, type, "random");
      const serials = (n: number) => Uint8Array.from([...varint(n), ...Array.from({ length: n }, () => [...str([0x41])]).flat()]);
      const readers = (n: number) => Uint8Array.from([...varint(n), ...Array.from({ length: n }, () => [...rng.bytes(20), ...varint(1), 7]).flat()]);
      const cases: Case[] = [
        { label: "string of 256 bytes", bytes: withField("RecallLot", tx("RecallLot"), "lot", str(utf8("€".repeat(85) + "x"))), expect: "decodes" },
        { label: "string of 257 bytes", bytes: withField("RecallLot", tx("RecallLot"), "lot", str(utf8("€".repeat(85) + "xy"))), expect: "reject" },
        { label: "bytes of 1024", bytes: withField("SetEncryptionKey", tx("SetEncryptionKey"), "encryptionKey", str([...rng.bytes(1024)])), expect: "decodes" },
        { label: "bytes of 1025", bytes: withField("SetEncryptionKey", tx("SetEncryptionKey"), "encryptionKey", str([...rng.bytes(1025)])), expect: "reject" },
        { label: "string[] of 128", bytes: withField("RegisterMedicine", tx("RegisterMedicine"), "serials", serials(128)), expect: "decodes" },
        { label: "string[] of 129", bytes: withField("RegisterMedicine", tx("RegisterMedicine"), "serials", serials(129)), expect: "reject" },
        { label: "ReaderKey[] of 128", bytes: withField("CreateRecord", tx("CreateRecord"), "readers", readers(128)), expect: "decodes" },
        { label: "ReaderKey[] of 129", bytes: withField("CreateRecord", tx("CreateRecord"), "readers", readers(129)), expect: "reject" },
        { label: "string length 300 with 300 bytes", bytes: withField("RecallLot", tx("RecallLot"), "lot", str(utf8("z".repeat(300)))), expect: "reject" },
      ];
      await compare(cases);
    });

    it(`Should reject v other than 27/28, high s and unrecoverable signatures, as recoverSigner does (seed ${SEED + 10})`, async () => {
      const rng = prng(SEED + 10);
      const cases: Case[] = [];
      const word = (v: bigint) => hexToBytes(`0x${v.toString(16).padStart(64, "0")}`);
      for (const type of TYPES.filter(isSigned)) {
        const { bytes } = randomTx(rng, type, "random");
        const body = bytes.subarray(0, bytes.length - 65);
        const sig = bytes.subarray(bytes.length - 65);
        const r = BigInt(bytesToHex(sig.subarray(0, 32)));
        const s = BigInt(bytesToHex(sig.subarray(32, 64)));
        const v = sig[64]!;
        const withSig = (rr: bigint, ss: bigint, vv: number) => Uint8Array.from([...body, ...word(rr), ...word(ss), vv]);
        const add = (what: string, b: Uint8Array, expect: Case["expect"]) => cases.push({ label: `${type} ${what}`, bytes: b, expect });
        add("as signed", withSig(r, s, v), "accept");
        add("other v", withSig(r, s, v === 27 ? 28 : 27), undefined);
        for (const vv of [0, 1, 26, 29, 255]) add(`v = ${vv}`, withSig(r, s, vv), "badSignature");
        add("high s (n - s)", withSig(r, N - s, v === 27 ? 28 : 27), "badSignature");
        add("s = HALF_N + 1", withSig(r, HALF_N + 1n, v), "badSignature");
        add("s = n", withSig(r, N, v), "badSignature");
        add("s = HALF_N", withSig(r, HALF_N, v), undefined);
        add("r = 0", withSig(0n, s, v), "badSignature");
        add("s = 0", withSig(r, 0n, v), "badSignature");
        add("r = n", withSig(N, s, v), "badSignature");
        add("r = 2^256 - 1", withSig((1n << 256n) - 1n, s, v), "badSignature");
        add("random r", withSig(BigInt(bytesToHex(rng.bytes(32))), s, v), undefined);
      }
      const counts = await compare(cases);
      expect(counts.accept).toBeGreaterThan(TYPES.length);
      expect(counts.badSignature).toBeGreaterThan(TYPES.length * 8);
    });

    it(`Should agree on random byte flips, insertions and deletions of random transactions (seed ${SEED + 11})`, async () => {
      const rng = prng(SEED + 11);
      const cases: Case[] = [];
      for (const type of TYPES) {
        for (let i = 0; i < 25; i++) {
          const b = [...randomTx(rng, type, "random").bytes];
          const at = rng.int(b.length);
          const op = rng.int(3);
          if (op === 0) b[at] = rng.chance(0.5) ? b[at]! ^ (1 << rng.int(8)) : rng.int(256);
          else if (op === 1) b.splice(at, 0, rng.int(256));
          else b.splice(at, 1);
          cases.push({ label: `${type} mutation ${op} at ${at}`, bytes: Uint8Array.from(b) });
        }
      }
      const counts = await compare(cases);
      expect(counts.reject).toBeGreaterThan(100);
    });
  });

  describe("# signature, fee", () => {
    it("Should return the last 65 bytes as the signature", async () => {
      const rng = prng(SEED + 12);
      const { bytes, signature } = randomTx(rng, "Transfer", "random");
      expect(await callWire("signature", [bytesToHex(bytes)])).toBe(signature);
      expect(await callWire("signature", ["0x1234"])).toBe("0x");
    });

    it("Should compute txFee, and flag a fee of 2^256 or more instead of reverting", async () => {
      const max = (1n << 256n) - 1n;
      const samples: [bigint, bigint, bigint, bigint][] = [
        [0n, 0n, 100n, 3n],
        [7n, 11n, 1234n, 129n],
        [max / 1000n, 0n, 1000n, 1n],
        [max / 1000n, 1n, 1000n, 1n],
        [max / 1000n, max, 1000n, 1n],
        [max, 0n, 2n, 0n],
        [0n, max, 0n, 2n],
        [max, max, 1n, 1n],
        [1n, max, 0n, 1n],
      ];
      for (const [perByte, perWorkUnit, length, work] of samples) {
        const exact = perByte * length + perWorkUnit * work;
        const [fits, amount] = (await callWire("fee", [perByte, perWorkUnit, length, work])) as [boolean, bigint];
        expect(fits, `${perByte} ${perWorkUnit} ${length} ${work}`).toBe(exact <= max);
        expect(amount).toBe(exact <= max ? exact : 0n);
      }
    });
  });

  describe("# gas", () => {
    it(`Should decode, hash and recover the largest legal transaction of every type within one L1 transaction's gas (seed ${SEED + 13})`, async () => {
      const rng = prng(SEED + 13);
      const rows: string[] = [];
      for (const type of TYPES) {
        const ascii = randomTx(rng, type, "largest").bytes;
        const nonAscii = randomTx(rng, type, "largestNonAscii").bytes;
        const [a, n] = [(await check(type, [ascii]))[0]!, (await check(type, [nonAscii]))[0]!];
        expect(a.decoded && n.decoded, type).toBe(true);
        expect(Number(n.gas), type).toBeLessThan(TX_GAS_CAP);
        rows.push(`${type.padEnd(20)} ${String(ascii.length).padStart(7)} B ${String(a.gas).padStart(9)} gas | non-ASCII ${String(n.gas).padStart(9)} gas`);
      }
      console.log(`decode + digest + recover of the largest legal transaction of each type:\n${rows.join("\n")}`);
    });
  });
});
