// State leaf encodings (docs/fraud-proofs.md, "State leaves"; docs/protocol.md, "Leaf values"): the
// value of every leaf projects onto an ABI tuple, and its value hash is keccak256 of the tuple's
// `abi.encode`. The Solidity twin of the STF (l1-contracts/contracts/twin/Leaves.sol) decodes a
// leaf's pre-value from a witness, changes it and re-encodes it, so the tuple is made only of what
// Solidity handles natively: strings and variable-length bytes become their keccak256 (the STF only
// compares or copies them), enum names their index, `T | null` a `has…` flag and T (zero when
// absent).
//
// One schema per namespace gives the ABI definition, the projection (the tuple as viem takes it)
// and the encoder. The encoder is a hand-rolled ABI writer over the schema: it runs for every leaf
// a block writes, and is 3-10x faster than viem's generic `encodeAbiParameters` of the projection
// (1.5-8 µs a leaf against 11-70 µs; leafEncoding.test.ts checks the two agree byte for byte).
import type { AbiParameter, Address, Hex } from "viem";
import { keccak256 } from "../crypto/keccak256";
import { bytesToHex, hexToBytes } from "../crypto/bytes";
import type { PackRef, PolicyTerm, ReaderKey, WithdrawalLeaf } from "../protocol";
import {
  CANCELLED_BY,
  CASE_STATUSES,
  CLOSED_BY,
  INCIDENT_STATUSES,
  LICENSE_STATUSES,
  PACK_STATUSES,
  type Account,
  type Case,
  type Doctor,
  type DoctorStats,
  type FeeState,
  type Incident,
  type License,
  type Lot,
  type Meta,
  type Offer,
  type Pack,
  type Participant,
  type PatientStats,
  type Plan,
  type Policy,
  type Review,
  type ReviewTreeMeta,
  type SutureRecord,
} from "./entities";
import type { FeeSchedule, GenesisParams } from "./genesis";
import type { Namespace, NamespaceValue } from "./namespaces";

/** An ABI type without a name (a field's name comes from the tuple holding it). */
type AbiType = { type: string; components?: readonly AbiParameter[] };

/**
 * How one value is projected and ABI-encoded. `head` is its size in a tuple's head (32 for a
 * dynamic type, which the head refers to by offset). The zero variants encode T's zero value,
 * what a `T | null` field holds when it is null.
 */
interface Codec<T> {
  readonly abi: AbiType;
  readonly dynamic: boolean;
  readonly head: number;
  /** The projected value as viem's `encodeAbiParameters` takes it. */
  project(value: T): unknown;
  projectZero(): unknown;
  /** Encoded size in bytes. */
  size(value: T): number;
  sizeZero(): number;
  /** Writes the encoding at `at` (for a dynamic type: its tail) into a zero-filled buffer; returns where it ends. */
  write(out: Writer, at: number, value: T): number;
  writeZero(out: Writer, at: number): number;
}

/** A zero-filled output buffer and a view over it. */
type Writer = { bytes: Uint8Array; view: DataView };

const TWO_POW_32 = 2 ** 32;
const UINT256_LIMIT = 1n << 256n;
const UINT64_LIMIT = 1n << 64n;
const utf8 = new TextEncoder();

/** A fixed-size codec whose zero value is 32 zero bytes (the buffer already holds them). */
function word<T>(type: string, project: (value: T) => unknown, zero: unknown, write: (out: Writer, at: number, value: T) => void): Codec<T> {
  return {
    abi: { type },
    dynamic: false,
    head: 32,
    project,
    projectZero: () => zero,
    size: () => 32,
    sizeZero: () => 32,
    write(out, at, value) {
      write(out, at, value);
      return at + 32;
    },
    writeZero: (_out, at) => at + 32,
  };
}

/** Writes a non-negative integer below 2^53 into the low 8 bytes of the word at `at`. */
function writeSmall(out: Writer, at: number, value: number): void {
  out.view.setUint32(at + 24, Math.floor(value / TWO_POW_32));
  out.view.setUint32(at + 28, value >>> 0);
}

function writeUint256(out: Writer, at: number, value: bigint): void {
  if (value < 0n || value >= UINT256_LIMIT) throw new RangeError(`${value} is not a uint256`);
  if (value <= BigInt(Number.MAX_SAFE_INTEGER)) return writeSmall(out, at, Number(value));
  for (let i = at + 28, v = value; v > 0n; i -= 4, v >>= 32n) out.view.setUint32(i, Number(v & 0xffffffffn));
}

const HEX_VALUES = new Int8Array(128).fill(-1);
for (let i = 0; i < 16; i++) {
  HEX_VALUES["0123456789abcdef".charCodeAt(i)] = i;
  HEX_VALUES["0123456789ABCDEF".charCodeAt(i)] = i;
}

/** Writes a `0x` hex string of exactly `length` bytes at `at`. */
function writeHex(out: Writer, at: number, hex: string, length: number): void {
  if (hex.length !== 2 + 2 * length || hex[0] !== "0" || hex[1] !== "x") throw new TypeError(`expected ${length} bytes of 0x hex, got ${hex}`);
  for (let i = 0; i < length; i++) {
    const hi = HEX_VALUES[hex.charCodeAt(2 + 2 * i)] ?? -1;
    const lo = HEX_VALUES[hex.charCodeAt(3 + 2 * i)] ?? -1;
    if (hi < 0 || lo < 0) throw new TypeError(`not hex: ${hex}`);
    out.bytes[at + i] = (hi << 4) | lo;
  }
}

const ZERO_WORD: Hex = `0x${"00".repeat(32)}`;

/** `bigint` → uint256. */
export const uint256: Codec<bigint> = word("uint256", (v) => v, 0n, writeUint256);

/** A `bigint` the bridge fixes at uint64 (withdrawal ids). */
const uint64Big: Codec<bigint> = word(
  "uint64",
  (v) => v,
  0n,
  (out, at, v) => {
    if (v < 0n || v >= UINT64_LIMIT) throw new RangeError(`${v} is not a uint64`);
    writeUint256(out, at, v);
  },
);

/** A non-negative `number` → uint64. */
const uint64: Codec<number> = word(
  "uint64",
  (v) => v,
  0,
  (out, at, v) => {
    if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`${v} is not a uint64`);
    writeSmall(out, at, v);
  },
);

/** A signed `number` → int64 (two's complement, sign-extended over the word). */
const int64: Codec<number> = word(
  "int64",
  (v) => v,
  0,
  (out, at, v) => {
    if (!Number.isSafeInteger(v)) throw new RangeError(`${v} is not an int64`);
    if (v < 0) out.bytes.fill(0xff, at, at + 24);
    out.view.setUint32(at + 24, Math.floor(v / TWO_POW_32) >>> 0);
    out.view.setUint32(at + 28, v >>> 0);
  },
);

const bool: Codec<boolean> = word(
  "bool",
  (v) => v,
  false,
  (out, at, v) => {
    out.bytes[at + 31] = v ? 1 : 0;
  },
);

const address: Codec<Address> = word(
  "address",
  (v) => v,
  `0x${"00".repeat(20)}`,
  (out, at, v) => writeHex(out, at + 12, v, 20),
);

const bytes32: Codec<Hex> = word(
  "bytes32",
  (v) => v,
  ZERO_WORD,
  (out, at, v) => writeHex(out, at, v, 32),
);

/** A string → bytes32 keccak256 of its UTF-8. */
const stringHash: Codec<string> = word(
  "bytes32",
  (v) => bytesToHex(hashString(v)),
  ZERO_WORD,
  (out, at, v) => out.bytes.set(hashString(v), at),
);

/** Variable-length bytes → bytes32 keccak256 of them. */
const bytesHash: Codec<Hex> = word(
  "bytes32",
  (v) => bytesToHex(hashBytes(v)),
  ZERO_WORD,
  (out, at, v) => out.bytes.set(hashBytes(v), at),
);

// Hashes of strings and bytes, cached: the same ones are re-hashed every time their leaf changes
// (an account's encryption key on every transaction it pays for, a doctor's specialties on every
// case, a pack's gtin and lot). Bounded like the leaf key cache; the arrays are never handed out.
const MAX_CACHED_HASHES = 100_000;
const stringHashes = new Map<string, Uint8Array>();
const bytesHashes = new Map<string, Uint8Array>();

function cachedHash(cache: Map<string, Uint8Array>, text: string, hash: () => Uint8Array): Uint8Array {
  let h = cache.get(text);
  if (!h) {
    h = hash();
    if (cache.size >= MAX_CACHED_HASHES) cache.clear();
    cache.set(text, h);
  }
  return h;
}

function hashString(s: string): Uint8Array {
  return cachedHash(stringHashes, s, () => keccak256(utf8.encode(s)));
}

function hashBytes(hex: Hex): Uint8Array {
  return cachedHash(bytesHashes, hex, () => keccak256(hexToBytes(hex)));
}

/** An enum-like string union → uint8, its index in `names` (the lists entities.ts declares). */
function enumIndex<T extends string>(names: readonly T[]): Codec<T> {
  const index = new Map<string, number>(names.map((n, i) => [n, i]));
  const of = (v: T) => {
    const i = index.get(v);
    if (i === undefined) throw new TypeError(`${v} is not one of ${names.join(", ")}`);
    return i;
  };
  return word(
    "uint8",
    (v) => of(v),
    0,
    (out, at, v) => {
      out.bytes[at + 31] = of(v);
    },
  );
}

/** `Record<K, number>` → uint64[n], one count per key in `keys` order. */
function countsBy<K extends string>(keys: readonly K[]): Codec<Record<K, number>> {
  const size = 32 * keys.length;
  return {
    abi: { type: `uint64[${keys.length}]` },
    dynamic: false,
    head: size,
    project: (v) => keys.map((k) => v[k]),
    projectZero: () => keys.map(() => 0),
    size: () => size,
    sizeZero: () => size,
    write(out, at, v) {
      for (let i = 0; i < keys.length; i++) uint64.write(out, at + 32 * i, v[keys[i]!]);
      return at + size;
    },
    writeZero: (_out, at) => at + size,
  };
}

/** `T[]` → a dynamic array of T's projection. */
function array<T>(element: Codec<T>): Codec<readonly T[]> {
  const size = (v: readonly T[]) => {
    let n = 32 + element.head * v.length;
    if (element.dynamic) for (const e of v) n += element.size(e);
    return n;
  };
  return {
    abi: { type: `${element.abi.type}[]`, ...(element.abi.components ? { components: element.abi.components } : {}) },
    dynamic: true,
    head: 32,
    project: (v) => v.map((e) => element.project(e)),
    projectZero: () => [],
    size,
    sizeZero: () => 32,
    write(out, at, v) {
      writeSmall(out, at, v.length);
      const start = at + 32;
      let tail = start + element.head * v.length;
      for (let i = 0; i < v.length; i++) {
        if (!element.dynamic) element.write(out, start + element.head * i, v[i]!);
        else {
          writeSmall(out, start + 32 * i, tail - start);
          tail = element.write(out, tail, v[i]!);
        }
      }
      return tail;
    },
    writeZero: (_out, at) => at + 32,
  };
}

/** Marks a `T | null` field: it becomes `bool has<Name>` followed by T (T's zero value when null). */
type Nullable<T> = { readonly nullable: Codec<T> };

function nullable<T>(codec: Codec<T>): Nullable<T> {
  return { nullable: codec };
}

/** The codec of each field of T, in T's declaration order. */
type Fields<T> = { [K in keyof T]-?: null extends T[K] ? Nullable<NonNullable<T[K]>> : Codec<T[K]> };

/** One ABI tuple member (named as the Solidity struct names it): a field, or the `has…` flag of a nullable field. */
type Member = { name: string; codec: Codec<unknown>; get: (value: Record<string, unknown>) => unknown; flag?: boolean };

/** Member names of the tuples as the Solidity structs spell them: a field named after a reserved word is renamed. */
const SOLIDITY_NAMES: Record<string, string> = { address: "account" };

/** An object → a tuple of its fields' projections, in the order `fields` lists them. */
function struct<T>(fields: Fields<T>): Codec<T> {
  const members: Member[] = [];
  for (const [field, spec] of Object.entries(fields) as Array<[string, Codec<unknown> | Nullable<unknown>]>) {
    const name = SOLIDITY_NAMES[field] ?? field;
    if ("nullable" in spec) {
      members.push({ name: `has${name[0]!.toUpperCase()}${name.slice(1)}`, codec: bool as Codec<unknown>, get: (v) => v[field] !== null, flag: true });
      members.push({ name, codec: spec.nullable, get: (v) => v[field] });
    } else members.push({ name, codec: spec, get: (v) => v[field] });
  }
  const dynamic = members.some((m) => m.codec.dynamic);
  const headSize = members.reduce((n, m) => n + m.codec.head, 0);
  const isNull = (m: Member, value: unknown) => !m.flag && value === null;

  const codec: Codec<Record<string, unknown>> = {
    abi: { type: "tuple", components: members.map((m) => ({ name: m.name, ...m.codec.abi }) as AbiParameter) },
    dynamic,
    head: dynamic ? 32 : headSize,
    project(value) {
      const out: Record<string, unknown> = {};
      for (const m of members) {
        const v = m.get(value);
        out[m.name] = isNull(m, v) ? m.codec.projectZero() : m.codec.project(v);
      }
      return out;
    },
    projectZero() {
      const out: Record<string, unknown> = {};
      for (const m of members) out[m.name] = m.codec.projectZero();
      return out;
    },
    size(value) {
      if (!dynamic) return headSize;
      let n = headSize;
      for (const m of members) {
        if (!m.codec.dynamic) continue;
        const v = m.get(value);
        n += isNull(m, v) ? m.codec.sizeZero() : m.codec.size(v);
      }
      return n;
    },
    sizeZero() {
      let n = headSize;
      for (const m of members) if (m.codec.dynamic) n += m.codec.sizeZero();
      return n;
    },
    write(out, at, value) {
      let head = at;
      let tail = at + headSize;
      for (const m of members) {
        const v = m.get(value);
        if (!m.codec.dynamic) {
          if (!isNull(m, v)) m.codec.write(out, head, v);
        } else {
          writeSmall(out, head, tail - at);
          tail = isNull(m, v) ? m.codec.writeZero(out, tail) : m.codec.write(out, tail, v);
        }
        head += m.codec.head;
      }
      return tail;
    },
    writeZero(out, at) {
      let head = at;
      let tail = at + headSize;
      for (const m of members) {
        if (m.codec.dynamic) {
          writeSmall(out, head, tail - at);
          tail = m.codec.writeZero(out, tail);
        }
        head += m.codec.head;
      }
      return tail;
    },
  };
  return codec as unknown as Codec<T>;
}

const feeSchedule = struct<FeeSchedule>({ perByte: uint256, perWorkUnit: uint256 });
const packRef = struct<PackRef>({ gtin: stringHash, serial: stringHash });

/** The committed genesis parameters: the bridge address is not in the state (docs/protocol.md, "Genesis state"). */
export type CommittedParams = Omit<GenesisParams, "bridge">;

/** Every namespace's value codec; field order is entities.ts' declaration order. */
const LEAVES: { [N in Namespace]: Codec<N extends "params" ? CommittedParams : NamespaceValue[N]> } = {
  account: struct<Account>({ balance: uint256, nonce: uint256, encryptionKey: nullable(bytesHash) }),
  participant: struct<Participant>({ manufacturer: bool, insurer: bool }),
  doctor: struct<Doctor>({
    address,
    specialties: array(stringHash),
    latE6: int64,
    lonE6: int64,
    acceptedInsurers: array(address),
    profileHash: bytes32,
    registeredAt: uint64,
    license: nullable(
      struct<License>({
        board: address,
        jurisdiction: stringHash,
        licenseNumberHash: bytes32,
        npi: stringHash,
        status: enumIndex(LICENSE_STATUSES),
        expiresAt: uint256,
        attestedAt: uint64,
      }),
    ),
    stats: struct<DoctorStats>({
      cases: countsBy(CASE_STATUSES),
      cancellationsByDoctor: uint64,
      incidentsOpen: uint64,
      incidentsResolved: uint64,
      reviewCount: uint64,
      ratingSum: uint64,
      worthItCount: uint64,
      reviewCommitments: uint64,
    }),
  }),
  patient: struct<PatientStats>({
    proposals: uint64,
    noShows: uint64,
    cancellations: uint64,
    lateCancellations: uint64,
    reschedules: uint64,
    closed: uint64,
  }),
  case: struct<Case>({
    id: uint256,
    patient: address,
    doctor: address,
    procedure: stringHash,
    status: enumIndex(CASE_STATUSES),
    requestedTime: uint256,
    detailsHash: bytes32,
    createdAt: uint64,
    offer: nullable(struct<Offer>({ appointmentTime: uint256, deposit: uint256, price: uint256, freeCancelBefore: uint64, lateCancelFeeBps: uint64 })),
    appointmentTime: uint256,
    reschedule: nullable(struct<NonNullable<Case["reschedule"]>>({ requester: address, newTime: uint256 })),
    reschedules: uint64,
    plan: nullable(struct<Plan>({ packs: array(packRef), policyId: uint256, planHash: bytes32, premium: uint256 })),
    confirmedPlan: bool,
    escrow: uint256,
    premiumEscrow: uint256,
    recordHash: nullable(bytes32),
    packsUsed: array(packRef),
    executedAt: nullable(uint64),
    summaryHash: nullable(bytes32),
    closedAt: nullable(uint64),
    closedBy: nullable(enumIndex(CLOSED_BY)),
    cancelledBy: nullable(enumIndex(CANCELLED_BY)),
    reviewCommitment: nullable(uint256),
    openIncidents: uint64,
    incidentIds: array(uint256),
    claimedComplications: array(stringHash),
    historyHash: bytes32,
    updatedAt: uint64,
  }),
  pack: struct<Pack>({
    gtin: stringHash,
    serial: stringHash,
    lot: stringHash,
    manufacturer: address,
    expiry: uint256,
    status: enumIndex(PACK_STATUSES),
    caseId: nullable(uint256),
  }),
  lot: struct<Lot>({ gtin: stringHash, lot: stringHash, manufacturer: address, expiry: uint256, packs: uint64, recalled: bool, recalledAt: nullable(uint64) }),
  policy: struct<Policy>({
    id: uint256,
    insurer: address,
    procedures: array(stringHash),
    terms: array(struct<PolicyTerm>({ complication: stringHash, payout: uint256, windowDays: uint64 })),
    premium: uint256,
    cap: uint256,
    reserve: uint256,
    paidOut: uint256,
    boundCases: uint64,
    createdAt: uint64,
    closed: bool,
    pendingCases: uint64,
    lastSurgeryAt: nullable(uint64),
    released: uint256,
  }),
  // The bridge's leaf (protocol/state/withdrawalLeaf.ts): createdAt is the node's, not the leaf's.
  withdrawal: struct<WithdrawalLeaf>({ id: uint64Big, recipient: address, amount: uint256 }),
  record: struct<SutureRecord>({
    id: uint256,
    subject: address,
    author: address,
    ciphertextHash: bytes32,
    readers: array(struct<ReaderKey>({ reader: address, wrappedKey: bytesHash })),
    createdAt: uint64,
  }),
  incident: struct<Incident>({
    id: uint256,
    caseId: uint256,
    reporter: address,
    complication: stringHash,
    evidenceHash: bytes32,
    attested: bool,
    payout: uint256,
    status: enumIndex(INCIDENT_STATUSES),
    proposal: nullable(struct<NonNullable<Incident["proposal"]>>({ proposer: address, refund: uint256, resolutionHash: bytes32 })),
    refund: uint256,
    openedAt: uint64,
    resolvedAt: nullable(uint64),
  }),
  review: struct<Review>({
    id: uint256,
    doctor: address,
    rating: uint64,
    worthIt: bool,
    textHash: bytes32,
    nullifier: uint256,
    root: uint256,
    postedAt: uint64,
    reply: nullable(struct<NonNullable<Review["reply"]>>({ textHash: bytes32, at: uint64 })),
  }),
  nullifier: struct<{ reviewId: bigint }>({ reviewId: uint256 }),
  relation: struct<{ cases: number }>({ cases: uint64 }),
  meta: struct<Meta>({
    nextCaseId: uint256,
    nextPolicyId: uint256,
    nextRecordId: uint256,
    nextIncidentId: uint256,
    nextReviewId: uint256,
    nextWithdrawalId: uint256,
    queuePosition: uint256,
    totalDeposited: uint256,
    totalWithdrawn: uint256,
  }),
  reviewTree: struct<ReviewTreeMeta>({ root: uint256, size: uint64, pending: array(uint256), recentRoots: array(uint256) }),
  params: struct<CommittedParams>({
    chainId: uint64,
    licensingBoard: address,
    medicineRegulator: address,
    insuranceRegulator: address,
    noShowGraceSeconds: uint64,
    closeTimeoutSeconds: uint64,
    incidentWindowSeconds: uint64,
    reviewRootHistory: uint64,
    governance: address,
    fees: feeSchedule,
    feeNoticeSeconds: uint64,
  }),
  fees: struct<FeeState>({
    current: feeSchedule,
    pending: nullable(struct<NonNullable<FeeState["pending"]>>({ schedule: feeSchedule, effectiveAt: uint256 })),
  }),
};

/** The value a namespace's leaf projects (params: the committed parameters, without the bridge). */
export type LeafValue<N extends Namespace> = N extends "params" ? CommittedParams : NamespaceValue[N];

/** The ABI parameter of a namespace's projection: one tuple, so `abi.encode(projection)` is its leaf preimage. */
export function leafAbi(ns: Namespace): AbiParameter {
  return { name: ns, ...LEAVES[ns].abi } as AbiParameter;
}

/** A value's projection: the tuple of `leafAbi(ns)` as viem's `encodeAbiParameters` takes it (named members). */
export function projectLeaf<N extends Namespace>(ns: N, value: LeafValue<N>): Record<string, unknown> {
  return (LEAVES[ns] as Codec<LeafValue<N>>).project(value) as Record<string, unknown>;
}

/** The leaf preimage: `abi.encode(projection)`, what the leaf's value hash is the keccak256 of. */
export function encodeLeaf<N extends Namespace>(ns: N, value: LeafValue<N>): Uint8Array {
  const codec = LEAVES[ns] as Codec<LeafValue<N>>;
  // A dynamic tuple encodes as an offset (32) to itself, as abi.encode of one dynamic argument does.
  const lead = codec.dynamic ? 32 : 0;
  const bytes = new Uint8Array(lead + codec.size(value));
  const out: Writer = { bytes, view: new DataView(bytes.buffer) };
  if (codec.dynamic) writeSmall(out, 0, 32);
  codec.write(out, lead, value);
  return bytes;
}
