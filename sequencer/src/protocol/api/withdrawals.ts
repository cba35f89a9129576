// Withdrawals: the L2 leaf (GET /v1/withdrawals/:id) and everything finalizeWithdrawal(header,
// withdrawal, siblings) needs on L1 (GET /v1/proofs/withdrawal/:id).
import { Type } from "@sinclair/typebox";
import { BatchHeaderJson, BatchStatus } from "./chain";
import { Address, Bytes32, Count, Nullable, Timestamp, Uint } from "./primitives";

export const WithdrawalJson = Type.Object({ id: Uint, recipient: Address, amount: Uint, createdAt: Timestamp });

export const WithdrawalProof = Type.Object({
  withdrawal: Type.Object({ id: Uint, recipient: Address, amount: Uint }),
  batchIndex: Count,
  header: BatchHeaderJson,
  siblings: Type.Array(Bytes32, { description: "state-tree siblings of the withdrawal leaf against header.postStateRoot" }),
  status: BatchStatus,
  final: Type.Boolean(),
  finalAt: Nullable(Timestamp),
});
