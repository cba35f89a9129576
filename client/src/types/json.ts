// Shapes of the node's JSON answers: the Static<> of the very TypeBox schemas the node serializes
// with (sequencer/src/protocol/api), so the SDK's types cannot drift from what is served.
import type { Static } from "@sinclair/typebox";
import type {
  AccountJson,
  BatchHeaderJson,
  BatchJson,
  BatchList,
  BatchRoots,
  BlobStored,
  BlockJson,
  BulkSubmitResult,
  CaseJson,
  CaseList,
  CircuitManifest,
  ContractsJson,
  DoctorProfile as DoctorProfileJson,
  DoctorReviews,
  DoctorSearch,
  ErrorCatalogue,
  IncidentJson,
  LotJson,
  MedicineJson,
  NodeStatus as NodeStatusJson,
  PatientReliability as PatientReliabilityJson,
  PolicyJson,
  PolicyList,
  RecordJson,
  RecordList,
  ReviewJson,
  ReviewTreeJson,
  StorageQuota,
  TxSchemaJson,
  TxStatus,
  WithdrawalJson,
  WithdrawalProof as WithdrawalProofJson,
} from "../../../sequencer/src/protocol/api";

export type AccountView = Static<typeof AccountJson>;
export type CaseView = Static<typeof CaseJson>;
export type CaseListView = Static<typeof CaseList>;
export type IncidentView = Static<typeof IncidentJson>;
export type LotView = Static<typeof LotJson>;
export type PolicyView = Static<typeof PolicyJson>;
export type PolicyListView = Static<typeof PolicyList>;
export type RecordView = Static<typeof RecordJson>;
export type RecordListView = Static<typeof RecordList>;
export type ReviewView = Static<typeof ReviewJson>;
export type WithdrawalView = Static<typeof WithdrawalJson>;
export type MedicineView = Static<typeof MedicineJson>;
export type DoctorProfile = Static<typeof DoctorProfileJson>;
export type DoctorSearchView = Static<typeof DoctorSearch>;
export type DoctorReviewsView = Static<typeof DoctorReviews>;
export type PatientReliability = Static<typeof PatientReliabilityJson>;
export type NodeStatus = Static<typeof NodeStatusJson>;
export type BlockView = Static<typeof BlockJson>;
export type BatchHeaderView = Static<typeof BatchHeaderJson>;
export type BatchView = Static<typeof BatchJson>;
export type BatchListView = Static<typeof BatchList>;
export type BatchRootsView = Static<typeof BatchRoots>;
export type WithdrawalProof = Static<typeof WithdrawalProofJson>;
export type TransactionStatus = Static<typeof TxStatus>;
export type BulkSubmitView = Static<typeof BulkSubmitResult>;
export type ReviewTreeView = Static<typeof ReviewTreeJson>;
export type BlobStoredView = Static<typeof BlobStored>;
export type StorageQuotaView = Static<typeof StorageQuota>;
export type TxSchemaView = Static<typeof TxSchemaJson>;
export type ErrorCatalogueView = Static<typeof ErrorCatalogue>;
export type ContractsView = Static<typeof ContractsJson>;
export type CircuitManifestView = Static<typeof CircuitManifest>;
