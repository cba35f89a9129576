// The state's entities. Every value is plain data (bigints for money and ids) so it hashes,
// stores and serves without adapters.
import type { Address, Hex } from "viem";
import type { PackRef, PolicyTerm, ReaderKey } from "../protocol";
import type { FeeSchedule } from "./genesis";

export const CASE_STATUSES = ["PROPOSED", "OFFERED", "SCHEDULED", "PLANNED", "CONFIRMED", "EXECUTED", "CLOSED", "CANCELLED", "NO_SHOW"] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const LICENSE_STATUSES = ["ACTIVE", "SUSPENDED", "REVOKED"] as const;
export type LicenseStatus = (typeof LICENSE_STATUSES)[number];

export const INCIDENT_STATUSES = ["OPEN", "RESOLVED"] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** Who closed a case (`Case.closedBy`) and who cancelled it (`Case.cancelledBy`). */
export const CLOSED_BY = ["patient", "timeout"] as const;
export const CANCELLED_BY = ["patient", "doctor"] as const;

export const PARTICIPANT_ROLES = { 1: "manufacturer", 2: "insurer" } as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[keyof typeof PARTICIPANT_ROLES];

export type Account = { balance: bigint; nonce: bigint; encryptionKey: Hex | null };

export type Participant = { manufacturer: boolean; insurer: boolean };

export type License = {
  board: Address;
  jurisdiction: string;
  licenseNumberHash: Hex;
  npi: string;
  status: LicenseStatus;
  expiresAt: bigint;
  attestedAt: number;
};

export type DoctorStats = {
  cases: Record<CaseStatus, number>;
  cancellationsByDoctor: number;
  incidentsOpen: number;
  incidentsResolved: number;
  reviewCount: number;
  ratingSum: number;
  worthItCount: number;
  /** Review-tree leaves of this doctor: the anonymity set of a review of them. */
  reviewCommitments: number;
};

export type Doctor = {
  address: Address;
  specialties: string[];
  latE6: number;
  lonE6: number;
  acceptedInsurers: Address[];
  profileHash: Hex;
  registeredAt: number;
  license: License | null;
  stats: DoctorStats;
};

export type PatientStats = {
  proposals: number;
  noShows: number;
  cancellations: number;
  lateCancellations: number;
  reschedules: number;
  closed: number;
};

export type Offer = {
  appointmentTime: bigint;
  deposit: bigint;
  price: bigint;
  freeCancelBefore: number;
  lateCancelFeeBps: number;
};

export type Plan = { packs: PackRef[]; policyId: bigint; planHash: Hex; premium: bigint };

export type Case = {
  id: bigint;
  patient: Address;
  doctor: Address;
  procedure: string;
  status: CaseStatus;
  requestedTime: bigint;
  detailsHash: Hex;
  createdAt: number;
  offer: Offer | null;
  appointmentTime: bigint;
  reschedule: { requester: Address; newTime: bigint } | null;
  reschedules: number;
  plan: Plan | null;
  confirmedPlan: boolean;
  /** Price-side escrow held for the doctor. */
  escrow: bigint;
  /** Premium held until the surgery is recorded, then paid to the insurer. */
  premiumEscrow: bigint;
  recordHash: Hex | null;
  packsUsed: PackRef[];
  executedAt: number | null;
  summaryHash: Hex | null;
  closedAt: number | null;
  closedBy: (typeof CLOSED_BY)[number] | null;
  cancelledBy: (typeof CANCELLED_BY)[number] | null;
  reviewCommitment: bigint | null;
  openIncidents: number;
  incidentIds: bigint[];
  claimedComplications: string[];
  /** Running hash over every accepted transaction on this case: the case's full history. */
  historyHash: Hex;
  updatedAt: number;
};

export const PACK_STATUSES = ["ACTIVE", "RESERVED", "DISPENSED"] as const;
export type PackStatus = (typeof PACK_STATUSES)[number];
export type Pack = {
  gtin: string;
  serial: string;
  lot: string;
  manufacturer: Address;
  expiry: bigint;
  status: PackStatus;
  caseId: bigint | null;
};

export type Lot = {
  gtin: string;
  lot: string;
  manufacturer: Address;
  expiry: bigint;
  packs: number;
  recalled: boolean;
  recalledAt: number | null;
};

export type Policy = {
  id: bigint;
  insurer: Address;
  procedures: string[];
  terms: PolicyTerm[];
  premium: bigint;
  cap: bigint;
  /** Locked from the insurer's balance at publication; every payout comes out of it. */
  reserve: bigint;
  paidOut: bigint;
  /** Cases that confirmed a plan with this policy and did not leave (cancel, no-show) since. */
  boundCases: number;
  createdAt: number;
  /** Set by ReleaseReserve, for good: no new plan may use the policy (ProposePlan, ConfirmPlan). */
  closed: boolean;
  /** Bound cases still CONFIRMED: each may yet be operated, and then claim. */
  pendingCases: number;
  /** The latest RecordSurgery of a case bound to this policy: its claims are open until this plus the claim horizon. */
  lastSurgeryAt: number | null;
  /** What ReleaseReserve returned to the insurer: reserve + paidOut + released = cap. */
  released: bigint;
};

export type Incident = {
  id: bigint;
  caseId: bigint;
  reporter: Address;
  complication: string;
  evidenceHash: Hex;
  /** True once the doctor has reported (attested) this complication. */
  attested: boolean;
  payout: bigint;
  status: IncidentStatus;
  proposal: { proposer: Address; refund: bigint; resolutionHash: Hex } | null;
  refund: bigint;
  openedAt: number;
  resolvedAt: number | null;
};

export type SutureRecord = {
  id: bigint;
  subject: Address;
  author: Address;
  ciphertextHash: Hex;
  readers: ReaderKey[];
  createdAt: number;
};

export type Review = {
  id: bigint;
  doctor: Address;
  rating: number;
  worthIt: boolean;
  textHash: Hex;
  nullifier: bigint;
  root: bigint;
  postedAt: number;
  reply: { textHash: Hex; at: number } | null;
};

export type Withdrawal = { id: bigint; recipient: Address; amount: bigint; createdAt: number };

export type Meta = {
  nextCaseId: bigint;
  nextPolicyId: bigint;
  nextRecordId: bigint;
  nextIncidentId: bigint;
  nextReviewId: bigint;
  nextWithdrawalId: bigint;
  /** Next L1 queue index to consume. */
  queuePosition: bigint;
  totalDeposited: bigint;
  totalWithdrawn: bigint;
};

/**
 * The review tree in the state: its Poseidon root and size as of the last block, the leaves
 * closed surgeries added since (folded into the tree once per block), and the recent roots a
 * review proof may use.
 */
/** The fee schedule in force and an announced one with the time it takes over. */
export type FeeState = { current: FeeSchedule; pending: { schedule: FeeSchedule; effectiveAt: bigint } | null };

export type ReviewTreeMeta = { root: bigint; size: number; pending: bigint[]; recentRoots: bigint[] };

export function emptyDoctorStats(): DoctorStats {
  return {
    cases: Object.fromEntries(CASE_STATUSES.map((s) => [s, 0])) as Record<CaseStatus, number>,
    cancellationsByDoctor: 0,
    incidentsOpen: 0,
    incidentsResolved: 0,
    reviewCount: 0,
    ratingSum: 0,
    worthItCount: 0,
    reviewCommitments: 0,
  };
}

export function emptyPatientStats(): PatientStats {
  return { proposals: 0, noShows: 0, cancellations: 0, lateCancellations: 0, reschedules: 0, closed: 0 };
}
