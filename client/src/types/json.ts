// Shapes of the node's JSON answers, derived from the state's entity types: the API serves
// bigints (uint64/uint256) as decimal strings, everything else as is.
import type { Address, Hex } from "viem";
import type { Account, Case, Doctor, Incident, Lot, Pack, PatientStats, Policy, Review, SutureRecord, Withdrawal } from "../../../sequencer/src/state";

export type Jsonify<T> = T extends bigint ? string : T extends Array<infer U> ? Jsonify<U>[] : T extends object ? { [K in keyof T]: Jsonify<T[K]> } : T;

export type AccountView = Jsonify<Account> & { address: Address; roles: string[] };
export type CaseView = Jsonify<Case>;
export type IncidentView = Jsonify<Incident>;
export type LotView = Jsonify<Lot>;
export type PolicyView = Jsonify<Policy>;
export type RecordView = Jsonify<SutureRecord>;
export type ReviewView = Jsonify<Review>;
export type WithdrawalView = Jsonify<Withdrawal>;
export type MedicineView = Jsonify<Pack> & { status: Pack["status"] | "RECALLED"; recalled: boolean; expired: boolean };

export type DoctorProfile = Jsonify<Doctor> & {
  licenseStatus: { status: "ACTIVE" | "SUSPENDED" | "REVOKED" | "EXPIRED" | "NONE"; valid: boolean };
  reputation: {
    casesByStatus: Doctor["stats"]["cases"];
    completionRate: number;
    overdueUnclosed: number;
    cancellationsByDoctor: number;
    incidentsOpen: number;
    incidentsResolved: number;
    reviewCount: number;
    meanRating: number | null;
    bayesRating: number;
    worthItPercent: number | null;
    score: number;
  };
};

export type PatientReliability = PatientStats & { address: Address };

export type NodeStatus = {
  mode: "sequencer" | "verifier";
  healthy: boolean;
  chainId: number;
  l1ChainId: number;
  bridge: Address;
  height: string | null;
  stateRoot: Hex;
  genesisRoot: Hex;
  pendingTxs: number;
  batches: { sealed: number; posted: number; finalized: number };
  challengeWindowSeconds: number;
  verifier?: { verifiedBatches: number; l1Batches: number; mismatch: unknown };
};

export type BatchHeaderJson = {
  batchIndex: string;
  prevStateRoot: Hex;
  postStateRoot: Hex;
  txDataHash: Hex;
  txRootsHash: Hex;
  queueStart: string;
  queueEnd: string;
  queueHash: Hex;
  firstBlock: string;
  lastBlock: string;
  firstTimestamp: string;
  lastTimestamp: string;
};

export type BatchView = {
  index: number;
  status: "sealed" | "submitted" | "final";
  firstBlock: string;
  lastBlock: string;
  txCount: number;
  bytes: number;
  header: BatchHeaderJson;
  l1TxHash: Hex | null;
  l1Block: string | null;
  submittedAt: number | null;
  finalAt: number | null;
  l1GasUsed: string | null;
};

export type WithdrawalProof = {
  withdrawal: { id: string; recipient: Address; amount: string };
  batchIndex: number;
  header: BatchHeaderJson;
  siblings: Hex[];
  status: "sealed" | "submitted" | "final";
  final: boolean;
  finalAt: number | null;
};

export type TransactionStatus = {
  hash: Hex;
  status: "pending" | "included" | "batched" | "final" | "rejected";
  blockNumber?: string;
  index?: number;
  stateRoot?: Hex;
  result?: Record<string, unknown>;
  error?: { code: string; message: string; details?: Record<string, unknown> };
};

export type ReviewTreeView = { depth: number; root: string; size: number; recentRoots: string[]; leaves: string[] };
