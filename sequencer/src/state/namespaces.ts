// Namespaces of the state tree: one byte each, the first byte of every leaf key's preimage.
// The withdrawal namespace (0x09) and its uint64 id encoding are fixed by the bridge.
import type { GenesisParams } from "./genesis";
import type {
  Account,
  Case,
  Doctor,
  FeeState,
  Incident,
  Lot,
  Meta,
  Pack,
  Participant,
  PatientStats,
  Policy,
  Review,
  ReviewTreeMeta,
  SutureRecord,
  Withdrawal,
} from "./entities";

export const NAMESPACES = {
  account: 1,
  participant: 2,
  doctor: 3,
  patient: 4,
  case: 5,
  pack: 6,
  lot: 7,
  policy: 8,
  withdrawal: 9,
  record: 10,
  incident: 11,
  review: 12,
  nullifier: 13,
  relation: 14,
  meta: 15,
  reviewTree: 16,
  params: 17,
  fees: 18,
} as const;

export type Namespace = keyof typeof NAMESPACES;

/** The value type stored under each namespace. */
export type NamespaceValue = {
  account: Account;
  participant: Participant;
  doctor: Doctor;
  patient: PatientStats;
  case: Case;
  pack: Pack;
  lot: Lot;
  policy: Policy;
  withdrawal: Withdrawal;
  record: SutureRecord;
  incident: Incident;
  review: Review;
  nullifier: { reviewId: bigint };
  relation: { cases: number };
  meta: Meta;
  reviewTree: ReviewTreeMeta;
  params: GenesisParams;
  fees: FeeState;
};
