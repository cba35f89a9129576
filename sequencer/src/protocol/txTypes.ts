// The one definition of every Suture transaction: its EIP-712 fields, from which the JSON form,
// the binary batch encoding, the typed-data digest and the published schema are all derived.
// Order matters: the binary encoding and the EIP-712 struct follow the field order below, and
// `code` is the type byte in batches. Append new types; never renumber.

export const STRUCT_TYPES = {
  PackRef: [
    { name: "gtin", type: "string" },
    { name: "serial", type: "string" },
  ],
  PolicyTerm: [
    { name: "complication", type: "string" },
    { name: "payout", type: "uint256" },
    { name: "windowDays", type: "uint32" },
  ],
  ReaderKey: [
    { name: "reader", type: "address" },
    { name: "wrappedKey", type: "bytes" },
  ],
} as const;

/** Who may sign a type; enforced by the STF (roles) and documented in the schema. */
export type Signer =
  | "any"
  | "patient"
  | "doctor"
  | "case party"
  | "licensing board"
  | "medicine regulator"
  | "insurance regulator"
  | "regulator of the role"
  | "manufacturer"
  | "insurer"
  | "record subject"
  | "governance"
  | "unsigned";

/** Bounds on variable-length fields keep a single transaction small and decoding cheap. */
export const MAX_STRING_BYTES = 256;
export const MAX_BYTES_LENGTH = 1024;
export const MAX_ARRAY_LENGTH = 128;

export const TX_TYPES = {
  SetEncryptionKey: { code: 1, signer: "any", fields: [{ name: "encryptionKey", type: "bytes" }] },
  Transfer: {
    code: 2,
    signer: "any",
    fields: [
      { name: "to", type: "address" },
      { name: "amount", type: "uint256" },
    ],
  },
  Withdraw: {
    code: 3,
    signer: "any",
    fields: [
      { name: "recipient", type: "address" },
      { name: "amount", type: "uint256" },
    ],
  },
  AdmitParticipant: {
    code: 4,
    // The medicine regulator admits manufacturers, the insurance regulator insurers (ROLE_REGULATORS).
    signer: "regulator of the role",
    fields: [
      { name: "account", type: "address" },
      { name: "role", type: "uint8" },
      { name: "active", type: "bool" },
    ],
  },
  RegisterDoctor: {
    code: 5,
    signer: "any",
    fields: [
      { name: "specialties", type: "string[]" },
      { name: "latE6", type: "int32" },
      { name: "lonE6", type: "int32" },
      { name: "acceptedInsurers", type: "address[]" },
      { name: "profileHash", type: "bytes32" },
    ],
  },
  AttestLicense: {
    code: 6,
    signer: "licensing board",
    fields: [
      { name: "doctor", type: "address" },
      { name: "jurisdiction", type: "string" },
      { name: "licenseNumberHash", type: "bytes32" },
      { name: "npi", type: "string" },
      { name: "status", type: "uint8" },
      { name: "expiresAt", type: "uint64" },
    ],
  },
  RegisterMedicine: {
    code: 7,
    signer: "manufacturer",
    fields: [
      { name: "gtin", type: "string" },
      { name: "lot", type: "string" },
      { name: "expiry", type: "uint64" },
      { name: "serials", type: "string[]" },
    ],
  },
  RecallLot: {
    code: 8,
    signer: "manufacturer",
    fields: [
      { name: "gtin", type: "string" },
      { name: "lot", type: "string" },
    ],
  },
  PublishPolicy: {
    code: 9,
    signer: "insurer",
    fields: [
      { name: "procedures", type: "string[]" },
      { name: "terms", type: "PolicyTerm[]" },
      { name: "premium", type: "uint256" },
      { name: "cap", type: "uint256" },
    ],
  },
  ProposeSurgery: {
    code: 10,
    signer: "patient",
    fields: [
      { name: "doctor", type: "address" },
      { name: "procedure", type: "string" },
      { name: "requestedTime", type: "uint64" },
      { name: "detailsHash", type: "bytes32" },
    ],
  },
  OfferSchedule: {
    code: 11,
    signer: "doctor",
    fields: [
      { name: "caseId", type: "uint64" },
      { name: "appointmentTime", type: "uint64" },
      { name: "deposit", type: "uint256" },
      { name: "price", type: "uint256" },
      { name: "freeCancelBefore", type: "uint32" },
      { name: "lateCancelFeeBps", type: "uint16" },
    ],
  },
  AcceptOffer: { code: 12, signer: "patient", fields: [{ name: "caseId", type: "uint64" }] },
  RequestReschedule: {
    code: 13,
    signer: "case party",
    fields: [
      { name: "caseId", type: "uint64" },
      { name: "newTime", type: "uint64" },
    ],
  },
  AcceptReschedule: { code: 14, signer: "case party", fields: [{ name: "caseId", type: "uint64" }] },
  CancelSurgery: {
    code: 15,
    signer: "case party",
    fields: [
      { name: "caseId", type: "uint64" },
      { name: "reasonHash", type: "bytes32" },
    ],
  },
  MarkNoShow: { code: 16, signer: "doctor", fields: [{ name: "caseId", type: "uint64" }] },
  ProposePlan: {
    code: 17,
    signer: "doctor",
    fields: [
      { name: "caseId", type: "uint64" },
      { name: "packs", type: "PackRef[]" },
      { name: "policyId", type: "uint64" },
      { name: "planHash", type: "bytes32" },
    ],
  },
  ConfirmPlan: {
    code: 18,
    signer: "patient",
    fields: [
      { name: "caseId", type: "uint64" },
      { name: "planHash", type: "bytes32" },
    ],
  },
  RecordSurgery: {
    code: 19,
    signer: "doctor",
    fields: [
      { name: "caseId", type: "uint64" },
      { name: "recordHash", type: "bytes32" },
      { name: "packsUsed", type: "PackRef[]" },
    ],
  },
  PostSummary: {
    code: 20,
    signer: "doctor",
    fields: [
      { name: "caseId", type: "uint64" },
      { name: "summaryHash", type: "bytes32" },
    ],
  },
  ReportIncident: {
    code: 21,
    signer: "case party",
    fields: [
      { name: "caseId", type: "uint64" },
      { name: "complication", type: "string" },
      { name: "evidenceHash", type: "bytes32" },
    ],
  },
  ProposeResolution: {
    code: 22,
    signer: "case party",
    fields: [
      { name: "incidentId", type: "uint64" },
      { name: "refund", type: "uint256" },
      { name: "resolutionHash", type: "bytes32" },
    ],
  },
  AcceptResolution: {
    code: 23,
    signer: "case party",
    // The acceptor signs the refund itself, not only the proposer's hash: otherwise the proposer
    // could swap the amount under the same hash before the acceptance lands.
    fields: [
      { name: "incidentId", type: "uint64" },
      { name: "refund", type: "uint256" },
      { name: "resolutionHash", type: "bytes32" },
    ],
  },
  CloseSurgery: {
    code: 24,
    signer: "patient",
    fields: [
      { name: "caseId", type: "uint64" },
      { name: "reviewCommitment", type: "uint256" },
    ],
  },
  FinalizeSurgery: { code: 25, signer: "doctor", fields: [{ name: "caseId", type: "uint64" }] },
  AddReviewCommitment: {
    code: 26,
    signer: "patient",
    fields: [
      { name: "caseId", type: "uint64" },
      { name: "reviewCommitment", type: "uint256" },
    ],
  },
  CreateRecord: {
    code: 27,
    signer: "any",
    fields: [
      { name: "subject", type: "address" },
      { name: "ciphertextHash", type: "bytes32" },
      { name: "readers", type: "ReaderKey[]" },
    ],
  },
  GrantAccess: {
    code: 28,
    signer: "record subject",
    fields: [
      { name: "recordId", type: "uint64" },
      { name: "reader", type: "address" },
      { name: "wrappedKey", type: "bytes" },
    ],
  },
  RevokeAccess: {
    code: 29,
    signer: "record subject",
    fields: [
      { name: "recordId", type: "uint64" },
      { name: "reader", type: "address" },
    ],
  },
  ReplyToReview: {
    code: 30,
    signer: "doctor",
    fields: [
      { name: "reviewId", type: "uint64" },
      { name: "textHash", type: "bytes32" },
    ],
  },
  PostReview: {
    code: 31,
    signer: "unsigned",
    fields: [
      { name: "doctor", type: "address" },
      { name: "rating", type: "uint8" },
      { name: "worthIt", type: "bool" },
      { name: "textHash", type: "bytes32" },
      { name: "root", type: "uint256" },
      { name: "nullifier", type: "uint256" },
      { name: "proof", type: "uint256[8]" },
    ],
  },
  SetFeeSchedule: {
    code: 32,
    signer: "governance",
    fields: [
      { name: "perByte", type: "uint256" },
      { name: "perWorkUnit", type: "uint256" },
      { name: "effectiveAt", type: "uint64" },
    ],
  },
  // Closes the policy to new plans and returns to the insurer the part of its reserve no case can
  // claim any more (all of it once no bound case can claim; docs/protocol.md "Where L2 money is held").
  ReleaseReserve: { code: 33, signer: "insurer", fields: [{ name: "policyId", type: "uint64" }] },
} as const satisfies Record<string, { code: number; signer: Signer; fields: ReadonlyArray<{ name: string; type: string }> }>;

export type TxType = keyof typeof TX_TYPES;
export type SignedTxType = { [K in TxType]: (typeof TX_TYPES)[K]["signer"] extends "unsigned" ? never : K }[TxType];
export type StructName = keyof typeof STRUCT_TYPES;

/**
 * Fields every signed message starts with: the sender's next nonce, and the most the sender will
 * pay in fees for it (the charged fee never exceeds it). The sender itself is not a field: it is
 * recovered from the signature (as in Ethereum), which keeps 20 bytes per transaction out of
 * every batch.
 */
export const SIGNED_PREFIX = [
  { name: "nonce", type: "uint64" },
  { name: "maxFee", type: "uint256" },
] as const;

export const TX_TYPE_BY_CODE: ReadonlyMap<number, TxType> = new Map((Object.keys(TX_TYPES) as TxType[]).map((name) => [TX_TYPES[name].code, name]));

export function isSigned(type: TxType): type is SignedTxType {
  return TX_TYPES[type].signer !== "unsigned";
}

/** The full field list of a type's message, prefix included for signed types. */
export function messageFields(type: TxType): ReadonlyArray<{ name: string; type: string }> {
  return isSigned(type) ? [...SIGNED_PREFIX, ...TX_TYPES[type].fields] : TX_TYPES[type].fields;
}
