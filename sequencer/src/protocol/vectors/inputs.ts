// Fixed inputs of the golden vectors: keys, domain, messages, blocks, deposits, tree writes,
// state values and review witnesses. Nothing here is random or read from the clock: the same
// inputs must give the same bytes on every machine, forever, unless a format changes on purpose.
import type { Address, Hex } from "viem";
import type { GenesisParams, NamespaceValue } from "../../state";
import type { TxType } from "../index";

// ---------------------------------------------------------------------------------------------
// Identities. Hardhat's well-known development keys (public: never hold value with them), plus
// the smallest and the largest valid secp256k1 private keys as edge cases.

export const KEYS = {
  board: "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a",
  medicineRegulator: "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6",
  insuranceRegulator: "0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a",
  doctor: "0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba",
  patient: "0x92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e",
  manufacturer: "0x4bbbf85ce3377467afe5d46f804f221813b2bb87f24d81f60f1fcdbf7cbf4356",
  insurer: "0xdbda1821b80551c9d65939329250298aa3472ba22feea921c0cf5d620ea67b97",
  /** Private key 1: the public key is the generator point. */
  one: "0x0000000000000000000000000000000000000000000000000000000000000001",
  /** Private key n - 1, the largest valid one. */
  maxKey: "0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140",
} as const satisfies Record<string, Hex>;
export type KeyName = keyof typeof KEYS;

/** The addresses of the keys above (lower case, as the protocol writes them). */
export const ADDRESSES = {
  board: "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc",
  medicineRegulator: "0x90f79bf6eb2c4f870365e785982e1f101e93b906",
  insuranceRegulator: "0x15d34aaf54267db7d7c367839aaf71a00a2c6a65",
  doctor: "0x9965507d1a55bcc2695c58ba16fb37d819b0a4dc",
  patient: "0x976ea74026e726554db657fa54763abd0c3a0aa9",
  manufacturer: "0x14dc79964da2c08b23698b3d3cc7ca32193d9955",
  insurer: "0x23618e81e3f5cdf7f54c3d65f7fbc0abf5b21e8f",
  one: "0x7e5f4552091a69125d5dfcb7b8c2659029395bdf",
  maxKey: "0x80c0dbf239224071c59dd8970ab9d542e3414ab2",
} as const satisfies Record<KeyName, Address>;

const ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";
const MAX_ADDRESS = "0xffffffffffffffffffffffffffffffffffffffff";
const bytes32 = (byte: string): Hex => `0x${byte.repeat(32)}`;

/** The devnet's L2 chain id and the bridge address of a fresh Hardhat deployment (account 0, nonce 0). */
export const DOMAIN = { chainId: 424242, verifyingContract: "0x5fbdb2315678afecb367f032d93f642f64180aa3" } as const;

// ---------------------------------------------------------------------------------------------
// Transactions, in their JSON form (what a client submits). One ordinary vector per type, named
// after the type, then edge vectors named `Type/edge`.

export type TxVectorInput = { name: string; type: TxType; signer: KeyName | null; message: Record<string, unknown> };

const UINT64_MAX = "18446744073709551615";
const UINT256_MAX = "115792089237316195423570985008687907853269984665640564039457584007913129639935";
/** BN254 scalar field order minus one: the largest public signal a review may carry. */
const FIELD_MAX = "21888242871839275222246405745257275088548364400416034343698204186575808495616";
const GTIN = "09506000134352";
const WRAPPED_KEY: Hex = `0x04${"a7".repeat(64)}${"c3".repeat(12)}${"5d".repeat(32)}${"e9".repeat(16)}`;
const PROOF = ["1", "2", "3", "4", "5", "6", "7", "8"].map((d) => `${d}${"0".repeat(70)}${d}`);

export const TX_INPUTS: TxVectorInput[] = [
  {
    name: "SetEncryptionKey",
    type: "SetEncryptionKey",
    signer: "patient",
    message: { nonce: "0", maxFee: "60000000000000", encryptionKey: "0x0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798" },
  },
  {
    name: "Transfer",
    type: "Transfer",
    signer: "patient",
    message: { nonce: "1", maxFee: "60000000000000", to: ADDRESSES.doctor, amount: "1000000000000000000" },
  },
  {
    name: "Withdraw",
    type: "Withdraw",
    signer: "patient",
    message: { nonce: "2", maxFee: "60000000000000", recipient: ADDRESSES.patient, amount: "250000000000000000" },
  },
  {
    name: "AdmitParticipant",
    type: "AdmitParticipant",
    signer: "medicineRegulator",
    message: { nonce: "0", maxFee: "60000000000000", account: ADDRESSES.manufacturer, role: 1, active: true },
  },
  {
    name: "RegisterDoctor",
    type: "RegisterDoctor",
    signer: "doctor",
    message: {
      nonce: "0",
      maxFee: "60000000000000",
      specialties: ["rhinoplasty", "blepharoplasty"],
      latE6: 52520008,
      lonE6: 13404954,
      acceptedInsurers: [ADDRESSES.insurer],
      profileHash: bytes32("aa"),
    },
  },
  {
    name: "AttestLicense",
    type: "AttestLicense",
    signer: "board",
    message: {
      nonce: "0",
      maxFee: "60000000000000",
      doctor: ADDRESSES.doctor,
      jurisdiction: "US-CA",
      licenseNumberHash: bytes32("bb"),
      npi: "1234567893",
      status: 1,
      expiresAt: "1893456000",
    },
  },
  {
    name: "RegisterMedicine",
    type: "RegisterMedicine",
    signer: "manufacturer",
    message: { nonce: "0", maxFee: "60000000000000", gtin: GTIN, lot: "LOT-2025-A", expiry: "1798761600", serials: ["SN0001", "SN0002"] },
  },
  { name: "RecallLot", type: "RecallLot", signer: "manufacturer", message: { nonce: "1", maxFee: "60000000000000", gtin: GTIN, lot: "LOT-2025-A" } },
  {
    name: "PublishPolicy",
    type: "PublishPolicy",
    signer: "insurer",
    message: {
      nonce: "0",
      maxFee: "60000000000000",
      procedures: ["rhinoplasty"],
      terms: [{ complication: "infection", payout: "500000000000000000", windowDays: 30 }],
      premium: "10000000000000000",
      cap: "5000000000000000000",
    },
  },
  {
    name: "ProposeSurgery",
    type: "ProposeSurgery",
    signer: "patient",
    message: {
      nonce: "3",
      maxFee: "60000000000000",
      doctor: ADDRESSES.doctor,
      procedure: "rhinoplasty",
      requestedTime: "1767225600",
      detailsHash: bytes32("cc"),
    },
  },
  {
    name: "OfferSchedule",
    type: "OfferSchedule",
    signer: "doctor",
    message: {
      nonce: "1",
      maxFee: "60000000000000",
      caseId: "1",
      appointmentTime: "1767312000",
      deposit: "100000000000000000",
      price: "2000000000000000000",
      freeCancelBefore: 172800,
      lateCancelFeeBps: 2500,
    },
  },
  { name: "AcceptOffer", type: "AcceptOffer", signer: "patient", message: { nonce: "4", maxFee: "60000000000000", caseId: "1" } },
  {
    name: "RequestReschedule",
    type: "RequestReschedule",
    signer: "patient",
    message: { nonce: "5", maxFee: "60000000000000", caseId: "1", newTime: "1767398400" },
  },
  { name: "AcceptReschedule", type: "AcceptReschedule", signer: "doctor", message: { nonce: "2", maxFee: "60000000000000", caseId: "1" } },
  {
    name: "CancelSurgery",
    type: "CancelSurgery",
    signer: "patient",
    message: { nonce: "6", maxFee: "60000000000000", caseId: "2", reasonHash: bytes32("dd") },
  },
  { name: "MarkNoShow", type: "MarkNoShow", signer: "doctor", message: { nonce: "3", maxFee: "60000000000000", caseId: "3" } },
  {
    name: "ProposePlan",
    type: "ProposePlan",
    signer: "doctor",
    message: { nonce: "4", maxFee: "60000000000000", caseId: "1", packs: [{ gtin: GTIN, serial: "SN0001" }], policyId: "1", planHash: bytes32("ee") },
  },
  { name: "ConfirmPlan", type: "ConfirmPlan", signer: "patient", message: { nonce: "7", maxFee: "60000000000000", caseId: "1", planHash: bytes32("ee") } },
  {
    name: "RecordSurgery",
    type: "RecordSurgery",
    signer: "doctor",
    message: { nonce: "5", maxFee: "60000000000000", caseId: "1", recordHash: bytes32("12"), packsUsed: [{ gtin: GTIN, serial: "SN0001" }] },
  },
  { name: "PostSummary", type: "PostSummary", signer: "doctor", message: { nonce: "6", maxFee: "60000000000000", caseId: "1", summaryHash: bytes32("34") } },
  {
    name: "ReportIncident",
    type: "ReportIncident",
    signer: "patient",
    message: { nonce: "8", maxFee: "60000000000000", caseId: "1", complication: "infection", evidenceHash: bytes32("56") },
  },
  {
    name: "ProposeResolution",
    type: "ProposeResolution",
    signer: "doctor",
    message: { nonce: "7", maxFee: "60000000000000", incidentId: "1", refund: "300000000000000000", resolutionHash: bytes32("78") },
  },
  {
    name: "AcceptResolution",
    type: "AcceptResolution",
    signer: "patient",
    message: { nonce: "9", maxFee: "60000000000000", incidentId: "1", refund: "300000000000000000", resolutionHash: bytes32("78") },
  },
  {
    name: "CloseSurgery",
    type: "CloseSurgery",
    signer: "patient",
    message: { nonce: "10", maxFee: "60000000000000", caseId: "1", reviewCommitment: "12345678901234567890" },
  },
  { name: "FinalizeSurgery", type: "FinalizeSurgery", signer: "doctor", message: { nonce: "8", maxFee: "60000000000000", caseId: "4" } },
  {
    name: "AddReviewCommitment",
    type: "AddReviewCommitment",
    signer: "patient",
    message: { nonce: "11", maxFee: "60000000000000", caseId: "4", reviewCommitment: "98765432109876543210" },
  },
  {
    name: "CreateRecord",
    type: "CreateRecord",
    signer: "doctor",
    message: {
      nonce: "9",
      maxFee: "60000000000000",
      subject: ADDRESSES.patient,
      ciphertextHash: bytes32("9a"),
      readers: [{ reader: ADDRESSES.patient, wrappedKey: WRAPPED_KEY }],
    },
  },
  {
    name: "GrantAccess",
    type: "GrantAccess",
    signer: "patient",
    message: { nonce: "12", maxFee: "60000000000000", recordId: "1", reader: ADDRESSES.doctor, wrappedKey: WRAPPED_KEY },
  },
  {
    name: "RevokeAccess",
    type: "RevokeAccess",
    signer: "patient",
    message: { nonce: "13", maxFee: "60000000000000", recordId: "1", reader: ADDRESSES.doctor },
  },
  {
    name: "ReplyToReview",
    type: "ReplyToReview",
    signer: "doctor",
    message: { nonce: "10", maxFee: "60000000000000", reviewId: "1", textHash: bytes32("bc") },
  },
  {
    name: "SetFeeSchedule",
    type: "SetFeeSchedule",
    signer: "board",
    message: { nonce: "11", maxFee: "60000000000000", perByte: "800000000000", perWorkUnit: "0", effectiveAt: "1768435200" },
  },
  { name: "ReleaseReserve", type: "ReleaseReserve", signer: "insurer", message: { nonce: "2", maxFee: "60000000000000", policyId: "1" } },
  {
    name: "PostReview",
    type: "PostReview",
    signer: null,
    message: {
      doctor: ADDRESSES.doctor,
      rating: 5,
      worthIt: true,
      textHash: bytes32("de"),
      root: "4417881134626180770308697923359573201005643519861877412381846989312604493735",
      nullifier: "17291908406003411151839925412325155566917404098389815290125815573722154512154",
      proof: PROOF,
    },
  },

  // Edge values.
  {
    name: "Transfer/max-values",
    type: "Transfer",
    signer: "maxKey",
    message: { nonce: UINT64_MAX, maxFee: UINT256_MAX, to: MAX_ADDRESS, amount: UINT256_MAX },
  },
  { name: "Withdraw/zero-values", type: "Withdraw", signer: "one", message: { nonce: "0", maxFee: "0", recipient: ZERO_ADDRESS, amount: "0" } },
  { name: "SetEncryptionKey/empty-bytes", type: "SetEncryptionKey", signer: "one", message: { nonce: "1", maxFee: "60000000000000", encryptionKey: "0x" } },
  {
    name: "RegisterDoctor/empty-arrays-int32-bounds",
    type: "RegisterDoctor",
    signer: "doctor",
    message: {
      nonce: "11",
      maxFee: "60000000000000",
      specialties: [],
      latE6: -2147483648,
      lonE6: 2147483647,
      acceptedInsurers: [],
      profileHash: bytes32("00"),
    },
  },
  {
    name: "RegisterDoctor/non-ascii-and-escapes",
    type: "RegisterDoctor",
    signer: "doctor",
    message: {
      nonce: "12",
      maxFee: "60000000000000",
      specialties: ["chirurgie esthétique", "整形外科", "🩺", 'tab\tnewline\n"quoted"\\', "#hash"],
      latE6: -1,
      lonE6: 1,
      acceptedInsurers: [ADDRESSES.insurer, MAX_ADDRESS],
      profileHash: bytes32("ff"),
    },
  },
  {
    name: "AttestLicense/empty-strings-max-uint",
    type: "AttestLicense",
    signer: "board",
    message: {
      nonce: "1",
      maxFee: "60000000000000",
      doctor: ADDRESSES.doctor,
      jurisdiction: "",
      licenseNumberHash: bytes32("00"),
      npi: "",
      status: 255,
      expiresAt: UINT64_MAX,
    },
  },
  {
    name: "AdmitParticipant/insurer-inactive",
    type: "AdmitParticipant",
    signer: "insuranceRegulator",
    message: { nonce: "0", maxFee: "60000000000000", account: ADDRESSES.insurer, role: 2, active: false },
  },
  {
    name: "OfferSchedule/varint-boundaries",
    type: "OfferSchedule",
    signer: "doctor",
    message: {
      nonce: "9223372036854775808",
      maxFee: "60000000000000",
      caseId: "127",
      appointmentTime: "128",
      deposit: "16383",
      price: "16384",
      freeCancelBefore: 4294967295,
      lateCancelFeeBps: 65535,
    },
  },
  {
    name: "PublishPolicy/empty-and-max",
    type: "PublishPolicy",
    signer: "insurer",
    message: {
      nonce: "1",
      maxFee: "60000000000000",
      procedures: [],
      terms: [{ complication: "", payout: UINT256_MAX, windowDays: 4294967295 }],
      premium: "0",
      cap: UINT256_MAX,
    },
  },
  { name: "ReleaseReserve/zero-and-max", type: "ReleaseReserve", signer: "insurer", message: { nonce: UINT64_MAX, maxFee: "0", policyId: UINT64_MAX } },
  {
    name: "ProposeSurgery/max-length-string",
    type: "ProposeSurgery",
    signer: "patient",
    // 128 two-byte characters: exactly the 256-byte limit, and a two-byte length prefix.
    message: { nonce: "14", maxFee: "60000000000000", doctor: ADDRESSES.doctor, procedure: "é".repeat(128), requestedTime: "0", detailsHash: bytes32("00") },
  },
  {
    name: "CreateRecord/no-readers",
    type: "CreateRecord",
    signer: "patient",
    message: { nonce: "15", maxFee: "60000000000000", subject: ADDRESSES.patient, ciphertextHash: bytes32("01"), readers: [] },
  },
  {
    name: "PostReview/field-edges",
    type: "PostReview",
    signer: null,
    message: {
      doctor: ZERO_ADDRESS,
      rating: 0,
      worthIt: false,
      textHash: bytes32("00"),
      root: FIELD_MAX,
      nullifier: "0",
      proof: ["0", "1", "127", "128", UINT64_MAX, FIELD_MAX, UINT256_MAX, "0"],
    },
  },
];

// ---------------------------------------------------------------------------------------------
// Blocks and the batch: two blocks, the first with three transactions and two deposits, the
// second empty but consuming the third deposit.

export const BLOCK_INPUTS = [
  { timestamp: 1_700_000_000, depositCount: 2, txs: ["Transfer", "ProposeSurgery", "PostReview"] },
  { timestamp: 1_700_000_002, depositCount: 1, txs: [] },
] as const;

/** Inputs of the block hash of the first block (the parent of block 0 is the genesis root). */
export const BLOCK_HASH_INPUT = { number: 0n, stateRoot: bytes32("b1") } as const;

/**
 * The committed root after each step of the batch but the last (whose root is the post-state
 * root, the withdrawal vectors' tree): the vector blocks make 8 steps (block 0: 2 deposits, 3
 * transactions, the fold; block 1: 1 deposit, the fold). Made-up roots: the bridge checks their
 * commitment at submission, not their values (a dispute does).
 */
export const STEP_ROOTS: Hex[] = [bytes32("a1"), bytes32("a2"), bytes32("a3"), bytes32("a4"), bytes32("a5"), bytes32("a6"), bytes32("a7")];

/** Root lists for the step-roots commitment: empty, one root (no hashing), three (zero padding), five (depth 3). */
export const STEP_ROOTS_CASES: Hex[][] = [[], [bytes32("a1")], STEP_ROOTS.slice(0, 3), STEP_ROOTS.slice(0, 5)];

/**
 * The batch's proposer (header.proposer, who must submit it): Hardhat account 2, the sequencer of
 * the contract tests' fixture (l1-contracts/test/fixture.ts), so that test can post the batch
 * vector. Account 2's key is also the `board` key above.
 */
export const PROPOSER: Address = ADDRESSES.board;

// ---------------------------------------------------------------------------------------------
// L1: deposits (senders are Hardhat accounts 3 and 4, so the contract test can replay them) and
// withdrawal leaves.

export const DEPOSITS = [
  { index: 0n, l1Sender: ADDRESSES.medicineRegulator, l2Recipient: ADDRESSES.patient, amount: 1n },
  { index: 1n, l1Sender: ADDRESSES.medicineRegulator, l2Recipient: ADDRESSES.doctor, amount: 1_000_000_000_000_000_000n },
  { index: 2n, l1Sender: ADDRESSES.insuranceRegulator, l2Recipient: MAX_ADDRESS, amount: 1_234_567_890_123_456_789n },
] as const;

/**
 * Forced transactions queued after the deposits (SutureBridge.forceTransaction): the L1 sender
 * (Hardhat account 4, so the contract test can replay it) and the transaction vector whose
 * encoded bytes are forced. The batch vector consumes only the deposits before them.
 */
export const FORCED_TRANSACTIONS = [{ index: 3n, l1Sender: ADDRESSES.insuranceRegulator, transaction: "Transfer" }] as const;

export const WITHDRAWALS = [
  { id: 1n, recipient: ADDRESSES.patient, amount: 250_000_000_000_000_000n },
  { id: 0n, recipient: ZERO_ADDRESS, amount: 0n },
  { id: BigInt(UINT64_MAX), recipient: MAX_ADDRESS, amount: BigInt(UINT256_MAX) },
] as const;

// ---------------------------------------------------------------------------------------------
// Blob upload authorizations (EIP-712 BlobUpload, not a transaction): an ordinary one over the
// bytes "suture", and the edges of each field.

export const BLOB_UPLOAD_INPUTS = [
  { name: "BlobUpload", signer: "patient", data: "0x737574757265", expiry: 1_767_225_600n },
  { name: "BlobUpload/empty-max-expiry", signer: "doctor", data: "0x", expiry: BigInt(UINT64_MAX) },
  { name: "BlobUpload/max-size-zero-expiry", signer: "maxKey", hash: bytes32("ff"), size: 4_294_967_295, expiry: 0n },
] as const satisfies ReadonlyArray<{ name: string; signer: KeyName; expiry: bigint } & ({ data: Hex } | { hash: Hex; size: number })>;

// ---------------------------------------------------------------------------------------------
// State.

export const GENESIS_PARAMS: GenesisParams = {
  chainId: DOMAIN.chainId,
  bridge: DOMAIN.verifyingContract,
  licensingBoard: ADDRESSES.board,
  medicineRegulator: ADDRESSES.medicineRegulator,
  insuranceRegulator: ADDRESSES.insuranceRegulator,
  noShowGraceSeconds: 7200,
  closeTimeoutSeconds: 1_209_600,
  incidentWindowSeconds: 31_536_000,
  reviewRootHistory: 64,
  governance: ADDRESSES.board,
  fees: { perByte: 400_000_000_000n, perWorkUnit: 1_000_000_000_000n },
  feeNoticeSeconds: 604_800,
};

const { bridge: _bridge, ...committedParams } = GENESIS_PARAMS;
const COMMITTED_PARAMS = committedParams as GenesisParams;

const key = (hex: string): Hex => `0x${hex.padEnd(64, "0")}`;

/** State tree writes chosen for their shapes: C and D share 7 leading bits, A is removed again. */
export const TREE_KEYS = {
  A: `0x${"00".repeat(31)}01`,
  B: key("80"),
  C: key("40"),
  D: key("41"),
  E: `0x7f${"ff".repeat(31)}`,
} as const satisfies Record<string, Hex>;

export type TreeOp = { op: "set"; key: keyof typeof TREE_KEYS; valueHash: Hex } | { op: "delete"; key: keyof typeof TREE_KEYS };

export const TREE_OPS: TreeOp[] = [
  { op: "set", key: "A", valueHash: bytes32("0a") },
  { op: "set", key: "B", valueHash: bytes32("0b") },
  { op: "set", key: "C", valueHash: bytes32("0c") },
  { op: "set", key: "D", valueHash: bytes32("0d") },
  { op: "set", key: "B", valueHash: bytes32("1b") },
  { op: "set", key: "E", valueHash: bytes32("0e") },
  { op: "delete", key: "A" },
];

/** Keys proved against the final tree: two present, one in an empty slot, one under another leaf. */
export const TREE_PROOF_KEYS: Hex[] = [TREE_KEYS.D, TREE_KEYS.B, TREE_KEYS.A, key("7f")];

const DOCTOR = ADDRESSES.doctor;
const PATIENT = ADDRESSES.patient;

/** One value per namespace, as the STF writes it (ids: lower-case addresses, decimal numbers, or composites). */
export type LeafInput = { [N in keyof NamespaceValue]: { namespace: N; id: string; value: NamespaceValue[N] } }[keyof NamespaceValue];

export const LEAF_INPUTS: LeafInput[] = [
  {
    namespace: "account",
    id: PATIENT,
    value: { balance: 1_000_000_000_000_000_000n, nonce: 3n, encryptionKey: "0x0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798" },
  },
  { namespace: "participant", id: ADDRESSES.manufacturer, value: { manufacturer: true, insurer: false } },
  {
    namespace: "doctor",
    id: DOCTOR,
    value: {
      address: DOCTOR,
      specialties: ["rhinoplasty", "chirurgie esthétique"],
      latE6: 52520008,
      lonE6: -13404954,
      acceptedInsurers: [ADDRESSES.insurer],
      profileHash: bytes32("aa"),
      registeredAt: 1_700_000_000,
      license: {
        board: ADDRESSES.board,
        jurisdiction: "US-CA",
        licenseNumberHash: bytes32("bb"),
        npi: "1234567893",
        status: "ACTIVE",
        expiresAt: 1_893_456_000n,
        attestedAt: 1_700_000_001,
      },
      stats: {
        cases: { PROPOSED: 1, OFFERED: 0, SCHEDULED: 0, PLANNED: 0, CONFIRMED: 0, EXECUTED: 0, CLOSED: 2, CANCELLED: 1, NO_SHOW: 0 },
        cancellationsByDoctor: 0,
        incidentsOpen: 0,
        incidentsResolved: 1,
        reviewCount: 1,
        ratingSum: 5,
        worthItCount: 1,
        reviewCommitments: 2,
      },
    },
  },
  { namespace: "patient", id: PATIENT, value: { proposals: 4, noShows: 0, cancellations: 1, lateCancellations: 1, reschedules: 1, closed: 2 } },
  {
    namespace: "case",
    id: "1",
    value: {
      id: 1n,
      patient: PATIENT,
      doctor: DOCTOR,
      procedure: "#1 rhinoplasty",
      status: "CLOSED",
      requestedTime: 1_767_225_600n,
      detailsHash: bytes32("cc"),
      createdAt: 1_700_000_000,
      offer: {
        appointmentTime: 1_767_312_000n,
        deposit: 100_000_000_000_000_000n,
        price: 2_000_000_000_000_000_000n,
        freeCancelBefore: 172800,
        lateCancelFeeBps: 2500,
      },
      appointmentTime: 1_767_398_400n,
      reschedule: null,
      reschedules: 1,
      plan: { packs: [{ gtin: GTIN, serial: "SN0001" }], policyId: 1n, planHash: bytes32("ee"), premium: 10_000_000_000_000_000n },
      confirmedPlan: true,
      escrow: 0n,
      premiumEscrow: 0n,
      recordHash: bytes32("12"),
      packsUsed: [{ gtin: GTIN, serial: "SN0001" }],
      executedAt: 1_767_398_500,
      summaryHash: null,
      closedAt: 1_767_400_000,
      closedBy: "patient",
      cancelledBy: null,
      reviewCommitment: 12_345_678_901_234_567_890n,
      openIncidents: 0,
      incidentIds: [1n],
      claimedComplications: ["infection"],
      historyHash: bytes32("4f"),
      updatedAt: 1_767_400_000,
    },
  },
  {
    namespace: "pack",
    id: `${GTIN}/SN0001`,
    value: { gtin: GTIN, serial: "SN0001", lot: "LOT-2025-A", manufacturer: ADDRESSES.manufacturer, expiry: 1_798_761_600n, status: "DISPENSED", caseId: 1n },
  },
  {
    namespace: "lot",
    id: `${GTIN}/LOT-2025-A`,
    value: { gtin: GTIN, lot: "LOT-2025-A", manufacturer: ADDRESSES.manufacturer, expiry: 1_798_761_600n, packs: 2, recalled: true, recalledAt: 1_767_500_000 },
  },
  {
    namespace: "policy",
    id: "1",
    value: {
      id: 1n,
      insurer: ADDRESSES.insurer,
      procedures: ["rhinoplasty"],
      terms: [{ complication: "infection", payout: 500_000_000_000_000_000n, windowDays: 30 }],
      premium: 10_000_000_000_000_000n,
      cap: 5_000_000_000_000_000_000n,
      reserve: 4_500_000_000_000_000_000n,
      paidOut: 500_000_000_000_000_000n,
      boundCases: 1,
      createdAt: 1_700_000_000,
      closed: false,
      pendingCases: 0,
      lastSurgeryAt: 1_700_100_000,
      released: 0n,
    },
  },
  { namespace: "withdrawal", id: "1", value: { id: 1n, recipient: PATIENT, amount: 250_000_000_000_000_000n, createdAt: 1_700_000_000 } },
  {
    namespace: "record",
    id: "1",
    value: {
      id: 1n,
      subject: PATIENT,
      author: DOCTOR,
      ciphertextHash: bytes32("9a"),
      readers: [{ reader: PATIENT, wrappedKey: WRAPPED_KEY }],
      createdAt: 1_767_398_600,
    },
  },
  {
    namespace: "incident",
    id: "1",
    value: {
      id: 1n,
      caseId: 1n,
      reporter: PATIENT,
      complication: 'fièvre "post-op"\u0001',
      evidenceHash: bytes32("56"),
      attested: false,
      payout: 0n,
      status: "RESOLVED",
      proposal: { proposer: DOCTOR, refund: 300_000_000_000_000_000n, resolutionHash: bytes32("78") },
      refund: 300_000_000_000_000_000n,
      openedAt: 1_767_398_700,
      resolvedAt: 1_767_398_800,
    },
  },
  {
    namespace: "review",
    id: "1",
    value: {
      id: 1n,
      doctor: DOCTOR,
      rating: 5,
      worthIt: true,
      textHash: bytes32("de"),
      nullifier: 17_291_908_406_003_411_151_839_925_412_325_155_566_917_404_098_389_815_290_125_815_573_722_154_512_154n,
      root: 4_417_881_134_626_180_770_308_697_923_359_573_201_005_643_519_861_877_412_381_846_989_312_604_493_735n,
      postedAt: 1_767_500_000,
      reply: { textHash: bytes32("bc"), at: 1_767_500_100 },
    },
  },
  { namespace: "nullifier", id: "17291908406003411151839925412325155566917404098389815290125815573722154512154", value: { reviewId: 1n } },
  { namespace: "relation", id: `${DOCTOR}:${PATIENT}`, value: { cases: 2 } },
  {
    namespace: "meta",
    id: "",
    value: {
      nextCaseId: 5n,
      nextPolicyId: 2n,
      nextRecordId: 2n,
      nextIncidentId: 2n,
      nextReviewId: 2n,
      nextWithdrawalId: 2n,
      queuePosition: 3n,
      totalDeposited: 2_234_567_890_123_456_790n,
      totalWithdrawn: 250_000_000_000_000_000n,
    },
  },
  {
    namespace: "reviewTree",
    id: "",
    value: {
      root: 4_417_881_134_626_180_770_308_697_923_359_573_201_005_643_519_861_877_412_381_846_989_312_604_493_735n,
      size: 4,
      pending: [123n],
      recentRoots: [4_417_881_134_626_180_770_308_697_923_359_573_201_005_643_519_861_877_412_381_846_989_312_604_493_735n],
    },
  },
  // The bridge address is not committed (createGenesisState leaves it out).
  { namespace: "params", id: "", value: COMMITTED_PARAMS },
  {
    namespace: "fees",
    id: "",
    value: {
      current: { perByte: 400_000_000_000n, perWorkUnit: 1_000_000_000_000n },
      pending: { schedule: { perByte: 800_000_000_000n, perWorkUnit: 0n }, effectiveAt: 1_768_435_200n },
    },
  },
];

// ---------------------------------------------------------------------------------------------
// Reviews.

/** (patient key, case id) pairs for the review secret; case ids at the uint64 edges. */
export const REVIEW_SECRET_INPUTS = [
  { privateKey: KEYS.patient, caseId: 1n },
  { privateKey: KEYS.patient, caseId: 18_446_744_073_709_551_615n },
  { privateKey: KEYS.one, caseId: 0n },
] as const;

export const REVIEW_DOCTOR = DOCTOR;
export const OTHER_DOCTOR = ADDRESSES.insurer;

/** doctorToField inputs. */
export const DOCTOR_FIELD_INPUTS: Hex[] = [DOCTOR, ZERO_ADDRESS, MAX_ADDRESS];

export const REVIEW_MESSAGE_INPUTS = [
  { rating: 1, worthIt: false, textHash: bytes32("00") },
  { rating: 5, worthIt: true, textHash: bytes32("ff") },
  { rating: 4, worthIt: true, textHash: bytes32("5e") },
] as const;

/**
 * The review tree the proof is made against: other surgeries' commitments around ours (the first
 * REVIEW_SECRET_INPUTS entry), one of them under another doctor.
 */
export const REVIEW_TREE_INPUT = {
  before: [
    { commitment: 111n, doctor: OTHER_DOCTOR },
    { commitment: 222n, doctor: DOCTOR },
  ],
  after: [{ commitment: 333n, doctor: DOCTOR }],
} as const;

/** The review proven: the third message above, by the first secret, for REVIEW_DOCTOR. */
export const REVIEW_PROOF_INPUT = { secretIndex: 0, messageIndex: 2 } as const;
