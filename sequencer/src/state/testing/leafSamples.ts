// Edge values of every namespace's leaf, for the tests of the leaf encodings (TypeScript against
// viem, and against the Solidity twin's structs): absent and present optionals, empty and long
// arrays, empty, long and non-ASCII strings, zero and the largest integers each field takes.
import type { Address, Hex } from "viem";
import { CASE_STATUSES, emptyDoctorStats, emptyPatientStats, type Case, type CaseStatus, type Doctor, type Policy } from "../entities";
import type { LeafValue } from "../leafEncoding";
import type { Namespace } from "../namespaces";

/** An id of each namespace's key form, and a value of it. */
export type LeafSample<N extends Namespace = Namespace> = { [K in N]: { label: string; namespace: K; id: string; value: LeafValue<K> } }[N];

const MAX_UINT256 = 2n ** 256n - 1n;
const MAX_UINT64 = 2n ** 64n - 1n;
/** The largest integer a `number` field holds exactly. */
const MAX_NUMBER = Number.MAX_SAFE_INTEGER;

const A1: Address = "0x00000000000000000000000000000000000000a1";
const A2: Address = "0xffffffffffffffffffffffffffffffffffffffff";
const A3: Address = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
const H1: Hex = `0x${"11".repeat(32)}`;
const H2: Hex = `0x${"ff".repeat(32)}`;
const H0: Hex = `0x${"00".repeat(32)}`;

const LONG = "rhinoplasty, revision; ".repeat(20);
const NON_ASCII = "blépharoplastie 眼瞼形成術 🙂";
const strings = ["", "a", LONG, NON_ASCII, "#1 hash-led"];

function range<T>(n: number, f: (i: number) => T): T[] {
  return Array.from({ length: n }, (_, i) => f(i));
}

const allCases = (n: number) => Object.fromEntries(CASE_STATUSES.map((s, i) => [s, n - i])) as Record<CaseStatus, number>;

const doctorMin: Doctor = {
  address: A1,
  specialties: [],
  latE6: 0,
  lonE6: 0,
  acceptedInsurers: [],
  profileHash: H0,
  registeredAt: 0,
  license: null,
  stats: emptyDoctorStats(),
};

const doctorMax: Doctor = {
  address: A2,
  specialties: [...strings, ...range(40, (i) => `specialty-${i}`)],
  latE6: -90_000_000,
  lonE6: 180_000_000,
  acceptedInsurers: range(128, (i) => `0x${i.toString(16).padStart(40, "0")}` as Address),
  profileHash: H2,
  registeredAt: MAX_NUMBER,
  license: {
    board: A3,
    jurisdiction: NON_ASCII,
    licenseNumberHash: H1,
    npi: "1234567893",
    status: "REVOKED",
    expiresAt: MAX_UINT256,
    attestedAt: MAX_NUMBER,
  },
  stats: {
    cases: allCases(MAX_NUMBER),
    cancellationsByDoctor: 1,
    incidentsOpen: 2,
    incidentsResolved: 3,
    reviewCount: 4,
    ratingSum: 5,
    worthItCount: 6,
    reviewCommitments: MAX_NUMBER,
  },
};

const caseMin: Case = {
  id: 0n,
  patient: A1,
  doctor: A1,
  procedure: "",
  status: "PROPOSED",
  requestedTime: 0n,
  detailsHash: H0,
  createdAt: 0,
  offer: null,
  appointmentTime: 0n,
  reschedule: null,
  reschedules: 0,
  plan: null,
  confirmedPlan: false,
  escrow: 0n,
  premiumEscrow: 0n,
  recordHash: null,
  packsUsed: [],
  executedAt: null,
  summaryHash: null,
  closedAt: null,
  closedBy: null,
  cancelledBy: null,
  reviewCommitment: null,
  openIncidents: 0,
  incidentIds: [],
  claimedComplications: [],
  historyHash: H0,
  updatedAt: 0,
};

const packRefs = (n: number) => range(n, (i) => ({ gtin: "09506000134352", serial: i === 1 ? NON_ASCII : `SN/${i}` }));

const caseMax: Case = {
  id: MAX_UINT256,
  patient: A2,
  doctor: A3,
  procedure: LONG,
  status: "NO_SHOW",
  requestedTime: MAX_UINT256,
  detailsHash: H2,
  createdAt: MAX_NUMBER,
  offer: { appointmentTime: MAX_UINT256, deposit: 1n, price: MAX_UINT256, freeCancelBefore: MAX_NUMBER, lateCancelFeeBps: 10_000 },
  appointmentTime: 1_900_000_000n,
  reschedule: { requester: A2, newTime: MAX_UINT256 },
  reschedules: MAX_NUMBER,
  plan: { packs: packRefs(64), policyId: MAX_UINT256, planHash: H1, premium: 7n },
  confirmedPlan: true,
  escrow: MAX_UINT256,
  premiumEscrow: 1n,
  recordHash: H2,
  packsUsed: packRefs(3),
  executedAt: MAX_NUMBER,
  summaryHash: H1,
  closedAt: 1,
  closedBy: "timeout",
  cancelledBy: "doctor",
  reviewCommitment: MAX_UINT256,
  openIncidents: MAX_NUMBER,
  incidentIds: [0n, 1n, MAX_UINT256, ...range(100, (i) => BigInt(i) ** 20n)],
  claimedComplications: [...strings, ...range(30, (i) => `complication ${i}`)],
  historyHash: H1,
  updatedAt: MAX_NUMBER,
};

const policyMax: Policy = {
  id: MAX_UINT256,
  insurer: A2,
  procedures: [...strings, ...range(60, (i) => `procedure ${i}`)],
  terms: [
    { complication: "", payout: 0n, windowDays: 0 },
    { complication: NON_ASCII, payout: MAX_UINT256, windowDays: MAX_NUMBER },
    ...range(40, (i) => ({ complication: `c${i}`, payout: BigInt(i), windowDays: i })),
  ],
  premium: MAX_UINT256,
  cap: MAX_UINT256,
  reserve: MAX_UINT256,
  paidOut: MAX_UINT256,
  boundCases: MAX_NUMBER,
  createdAt: MAX_NUMBER,
  closed: true,
  pendingCases: MAX_NUMBER,
  lastSurgeryAt: MAX_NUMBER,
  released: MAX_UINT256,
};

/** Edge values of every namespace (each namespace at least twice: its zero-ish and its fullest form). */
export const LEAF_SAMPLES: LeafSample[] = [
  { label: "no key", namespace: "account", id: A1, value: { balance: 0n, nonce: 0n, encryptionKey: null } },
  { label: "empty key", namespace: "account", id: A2, value: { balance: 1n, nonce: 2n, encryptionKey: "0x" } },
  {
    label: "max, 33-byte key",
    namespace: "account",
    id: A3,
    value: { balance: MAX_UINT256, nonce: MAX_UINT256, encryptionKey: "0x0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798" },
  },
  { label: "neither", namespace: "participant", id: A1, value: { manufacturer: false, insurer: false } },
  { label: "both", namespace: "participant", id: A2, value: { manufacturer: true, insurer: true } },
  { label: "insurer", namespace: "participant", id: A3, value: { manufacturer: false, insurer: true } },
  { label: "minimal", namespace: "doctor", id: A1, value: doctorMin },
  { label: "fullest", namespace: "doctor", id: A2, value: doctorMax },
  {
    label: "negative coordinates, active license",
    namespace: "doctor",
    id: A3,
    value: {
      ...doctorMin,
      latE6: -MAX_NUMBER,
      lonE6: -1,
      specialties: [NON_ASCII],
      license: { ...doctorMax.license!, status: "ACTIVE", expiresAt: 0n, jurisdiction: "" },
    },
  },
  { label: "empty", namespace: "patient", id: A1, value: emptyPatientStats() },
  {
    label: "max",
    namespace: "patient",
    id: A2,
    value: { proposals: MAX_NUMBER, noShows: 1, cancellations: 2, lateCancellations: 3, reschedules: 4, closed: MAX_NUMBER },
  },
  { label: "minimal", namespace: "case", id: "0", value: caseMin },
  { label: "fullest", namespace: "case", id: "115792089237316195423570985008687907853269984665640564039457584007913129639935", value: caseMax },
  {
    label: "empty plan, patient closed",
    namespace: "case",
    id: "42",
    value: { ...caseMin, status: "CLOSED", plan: { packs: [], policyId: 0n, planHash: H0, premium: 0n }, closedBy: "patient", cancelledBy: "patient" },
  },
  {
    label: "available",
    namespace: "pack",
    id: "09506000134352/SN-1",
    value: { gtin: "09506000134352", serial: "SN-1", lot: "L1", manufacturer: A1, expiry: 0n, status: "ACTIVE", caseId: null },
  },
  {
    label: "dispensed to case 0",
    namespace: "pack",
    id: "09506000134352/a/b",
    value: { gtin: "09506000134352", serial: "a/b", lot: NON_ASCII, manufacturer: A2, expiry: MAX_UINT256, status: "DISPENSED", caseId: 0n },
  },
  {
    label: "reserved",
    namespace: "pack",
    id: "00000000000000/",
    value: { gtin: "00000000000000", serial: "", lot: "", manufacturer: A3, expiry: 1n, status: "RESERVED", caseId: MAX_UINT256 },
  },
  {
    label: "not recalled",
    namespace: "lot",
    id: "09506000134352/L1",
    value: { gtin: "09506000134352", lot: "L1", manufacturer: A1, expiry: 1n, packs: 0, recalled: false, recalledAt: null },
  },
  {
    label: "recalled",
    namespace: "lot",
    id: `09506000134352/${LONG}`,
    value: { gtin: "09506000134352", lot: LONG, manufacturer: A2, expiry: MAX_UINT256, packs: MAX_NUMBER, recalled: true, recalledAt: MAX_NUMBER },
  },
  {
    label: "empty",
    namespace: "policy",
    id: "1",
    value: {
      ...policyMax,
      id: 1n,
      procedures: [],
      terms: [],
      premium: 0n,
      cap: 0n,
      reserve: 0n,
      paidOut: 0n,
      boundCases: 0,
      createdAt: 0,
      closed: false,
      pendingCases: 0,
      lastSurgeryAt: null,
      released: 0n,
    },
  },
  { label: "fullest", namespace: "policy", id: "2", value: policyMax },
  { label: "zero", namespace: "withdrawal", id: "0", value: { id: 0n, recipient: A1, amount: 0n, createdAt: 0 } },
  { label: "max", namespace: "withdrawal", id: MAX_UINT64.toString(), value: { id: MAX_UINT64, recipient: A2, amount: MAX_UINT256, createdAt: MAX_NUMBER } },
  { label: "no readers", namespace: "record", id: "7", value: { id: 7n, subject: A1, author: A1, ciphertextHash: H0, readers: [], createdAt: 0 } },
  {
    label: "many readers",
    namespace: "record",
    id: "8",
    value: {
      id: MAX_UINT256,
      subject: A2,
      author: A3,
      ciphertextHash: H2,
      readers: [
        { reader: A1, wrappedKey: "0x" },
        { reader: A2, wrappedKey: `0x${"ab".repeat(1024)}` },
        ...range(126, (i) => ({ reader: A3, wrappedKey: `0x${i.toString(16).padStart(2, "0")}` as Hex })),
      ],
      createdAt: MAX_NUMBER,
    },
  },
  {
    label: "open",
    namespace: "incident",
    id: "1",
    value: {
      id: 1n,
      caseId: 0n,
      reporter: A1,
      complication: "",
      evidenceHash: H0,
      attested: false,
      payout: 0n,
      status: "OPEN",
      proposal: null,
      refund: 0n,
      openedAt: 0,
      resolvedAt: null,
    },
  },
  {
    label: "resolved",
    namespace: "incident",
    id: "2",
    value: {
      id: MAX_UINT256,
      caseId: MAX_UINT256,
      reporter: A2,
      complication: NON_ASCII,
      evidenceHash: H2,
      attested: true,
      payout: MAX_UINT256,
      status: "RESOLVED",
      proposal: { proposer: A3, refund: MAX_UINT256, resolutionHash: H1 },
      refund: MAX_UINT256,
      openedAt: MAX_NUMBER,
      resolvedAt: MAX_NUMBER,
    },
  },
  {
    label: "no reply",
    namespace: "review",
    id: "1",
    value: { id: 1n, doctor: A1, rating: 1, worthIt: false, textHash: H0, nullifier: 0n, root: 0n, postedAt: 0, reply: null },
  },
  {
    label: "replied",
    namespace: "review",
    id: "2",
    value: {
      id: 2n,
      doctor: A2,
      rating: 5,
      worthIt: true,
      textHash: H1,
      nullifier: MAX_UINT256,
      root: MAX_UINT256,
      postedAt: MAX_NUMBER,
      reply: { textHash: H2, at: 0 },
    },
  },
  { label: "zero", namespace: "nullifier", id: "0", value: { reviewId: 0n } },
  {
    label: "field-sized",
    namespace: "nullifier",
    id: "21888242871839275222246405745257275088548364400416034343698204186575808495616",
    value: { reviewId: MAX_UINT256 },
  },
  { label: "zero", namespace: "relation", id: `${A1}:${A2}`, value: { cases: 0 } },
  { label: "max", namespace: "relation", id: `${A3}:${A3}`, value: { cases: MAX_NUMBER } },
  {
    label: "genesis",
    namespace: "meta",
    id: "",
    value: {
      nextCaseId: 1n,
      nextPolicyId: 1n,
      nextRecordId: 1n,
      nextIncidentId: 1n,
      nextReviewId: 1n,
      nextWithdrawalId: 1n,
      queuePosition: 0n,
      totalDeposited: 0n,
      totalWithdrawn: 0n,
    },
  },
  {
    label: "max",
    namespace: "meta",
    id: "",
    value: {
      nextCaseId: MAX_UINT256,
      nextPolicyId: MAX_UINT256,
      nextRecordId: MAX_UINT256,
      nextIncidentId: MAX_UINT256,
      nextReviewId: MAX_UINT256,
      nextWithdrawalId: MAX_UINT64,
      queuePosition: MAX_UINT64,
      totalDeposited: MAX_UINT256,
      totalWithdrawn: 0n,
    },
  },
  { label: "empty", namespace: "reviewTree", id: "", value: { root: 0n, size: 0, pending: [], recentRoots: [] } },
  {
    label: "full window",
    namespace: "reviewTree",
    id: "",
    value: { root: MAX_UINT256, size: MAX_NUMBER, pending: range(50, (i) => BigInt(i) << 200n), recentRoots: range(64, (i) => MAX_UINT256 - BigInt(i)) },
  },
  {
    label: "zero",
    namespace: "params",
    id: "",
    value: {
      chainId: 0,
      licensingBoard: A1,
      medicineRegulator: A1,
      insuranceRegulator: A1,
      noShowGraceSeconds: 0,
      closeTimeoutSeconds: 0,
      incidentWindowSeconds: 0,
      reviewRootHistory: 0,
      governance: A1,
      fees: { perByte: 0n, perWorkUnit: 0n },
      feeNoticeSeconds: 0,
    },
  },
  {
    label: "max",
    namespace: "params",
    id: "",
    value: {
      chainId: MAX_NUMBER,
      licensingBoard: A1,
      medicineRegulator: A2,
      insuranceRegulator: A3,
      noShowGraceSeconds: 1,
      closeTimeoutSeconds: 2,
      incidentWindowSeconds: 3,
      reviewRootHistory: 4,
      governance: A2,
      fees: { perByte: MAX_UINT256, perWorkUnit: 1n },
      feeNoticeSeconds: MAX_NUMBER,
    },
  },
  { label: "nothing pending", namespace: "fees", id: "", value: { current: { perByte: 0n, perWorkUnit: 0n }, pending: null } },
  {
    label: "change announced",
    namespace: "fees",
    id: "",
    value: { current: { perByte: 1n, perWorkUnit: MAX_UINT256 }, pending: { schedule: { perByte: MAX_UINT256, perWorkUnit: 0n }, effectiveAt: MAX_UINT256 } },
  },
];
