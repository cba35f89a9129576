// Chain reads: node status, blocks, batches (with per-transaction roots for verifiers).
import { Type } from "@sinclair/typebox";
import { Address, Bytes32, Count, Names, Nullable, Timestamp, Uint, UintId } from "./primitives";
import { FeeScheduleJson, FeesJson } from "./fees";
import { PageLimit } from "./pages";

/** sealed (not on L1 yet) | submitted (on L1, in its challenge window) | final */
export const BatchStatus = Names(["sealed", "submitted", "final"], "sealed: not on L1 yet; submitted: on L1, in its challenge window; final: past it");

export const GenesisJson = Type.Object({
  chainId: Type.Integer({ description: "L2 chain id (EIP-712 domain)" }),
  bridge: Address,
  licensingBoard: Address,
  medicineRegulator: Address,
  insuranceRegulator: Address,
  noShowGraceSeconds: Count,
  closeTimeoutSeconds: Count,
  incidentWindowSeconds: Count,
  reviewRootHistory: Count,
  governance: Address,
  fees: FeeScheduleJson,
  feeNoticeSeconds: Count,
});

export const MismatchJson = Type.Object({
  batchIndex: Count,
  kind: Names(["step", "chunk"]),
  stepIndex: Nullable(Count),
  chunkIndex: Nullable(Count),
  expectedRoot: Nullable(Bytes32),
  claimedRoot: Nullable(Bytes32),
  reason: Type.String(),
});

export const ChallengeJson = Type.Object({
  batchIndex: Count,
  kind: Names(["step", "chunk"]),
  stepIndex: Nullable(Count),
  chunkIndex: Nullable(Count),
  l1TxHash: Nullable(Bytes32),
  outcome: Names(
    ["pending", "won", "failed", "unsent"],
    "pending: being sent; won: the bridge deleted the batch; failed: the bridge refused; unsent: no CHALLENGER_KEY",
  ),
  error: Nullable(Type.String()),
});

export const NodeStatus = Type.Object({
  mode: Names(["sequencer", "verifier"]),
  role: Type.Optional(
    Type.Object(
      {
        role: Names(["sequencer", "fallback-waiting", "fallback-active"]),
        sequencer: Address,
        openAt: Nullable(Timestamp),
        text: Type.String({ description: "sequencer | fallback proposer waiting until <ISO time> | fallback proposer active" }),
      },
      {
        description:
          "sequencer mode: this node's key is the bridge's sequencer, or a fallback proposer, which the bridge lets post once no batch has come for sequencerInactiveDelay (openAt, L1 time)",
      },
    ),
  ),
  healthy: Type.Boolean({
    description:
      "false while a verifier holds a fault it has not won a challenge against (no CHALLENGER_KEY, or the bridge refused it), or while a sequencer cannot post its sealed batches to L1 (see poster)",
  }),
  poster: Type.Optional(
    Type.Object({
      healthy: Type.Boolean(),
      reason: Nullable(Type.String({ description: "why batches do not reach L1 (the bridge's revert or the transport error)" })),
      consecutiveFailures: Count,
      lastPostedAt: Nullable(Type.Integer({ description: "milliseconds since the epoch of the last successful submission" })),
    }),
  ),
  chainId: Type.Integer(),
  l1ChainId: Type.Integer(),
  bridge: Address,
  height: Nullable(Uint),
  stateRoot: Bytes32,
  genesisRoot: Bytes32,
  pendingTxs: Count,
  batches: Type.Object({ sealed: Count, posted: Count, finalized: Count }),
  challengeWindowSeconds: Count,
  genesis: GenesisJson,
  fees: FeesJson,
  verifier: Type.Optional(Type.Object({ verifiedBatches: Count, l1Batches: Count, mismatch: Nullable(MismatchJson), challenges: Type.Array(ChallengeJson) })),
});

export const BlockTxJson = Type.Object({
  hash: Bytes32,
  type: Type.String({ description: "transaction type name" }),
  from: Nullable(Address),
  stateRoot: Bytes32,
});

export const BlockJson = Type.Object({
  number: Uint,
  hash: Bytes32,
  parentHash: Bytes32,
  timestamp: Timestamp,
  stateRoot: Bytes32,
  txCount: Count,
  depositStart: Uint,
  depositCount: Count,
  stepRoots: Type.Array(Bytes32, { description: "state root after each step: each deposit credited, each transaction, the review-tree fold" }),
  batchIndex: Nullable(Count),
  txs: Type.Array(BlockTxJson),
});

export const BatchHeaderJson = Type.Object({
  batchIndex: Uint,
  prevStateRoot: Bytes32,
  postStateRoot: Bytes32,
  txDataHash: Bytes32,
  txRootsHash: Bytes32,
  stepCount: Uint,
  queueStart: Uint,
  queueEnd: Uint,
  queueHash: Bytes32,
  firstBlock: Uint,
  lastBlock: Uint,
  firstTimestamp: Uint,
  lastTimestamp: Uint,
  proposer: Address,
});

export const BatchJson = Type.Object({
  index: Count,
  status: BatchStatus,
  firstBlock: Uint,
  lastBlock: Uint,
  txCount: Count,
  bytes: Count,
  header: BatchHeaderJson,
  l1TxHash: Nullable(Bytes32),
  l1Block: Nullable(Count),
  submittedAt: Nullable(Timestamp),
  finalAt: Nullable(Timestamp),
  l1GasUsed: Nullable(Uint),
});

export const BatchList = Type.Object({
  batches: Type.Array(BatchJson, { description: "newest first" }),
  next: Nullable(Type.Integer({ minimum: 0, description: "pass as `before` for the next (older) page; null on the last page" })),
});

export const BatchRoots = Type.Object({ index: Count, roots: Type.Array(Bytes32) });

export const BlockParams = Type.Object({ number: Type.Union([UintId, Type.Literal("latest")]) });
export const BatchParams = Type.Object({ index: Type.Integer({ minimum: 0 }) });
export const BatchesQuery = Type.Object(
  {
    before: Type.Optional(Type.Integer({ minimum: 0, description: "batches with a lower index only: the `next` of the previous page" })),
    limit: Type.Optional(PageLimit),
  },
  { additionalProperties: false },
);
