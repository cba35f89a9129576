// GET /v1/incidents/:id: a reported complication, its insurance payout and its resolution.
import { Type } from "@sinclair/typebox";
import { Address, Bytes32, Names, Nullable, Timestamp, Uint } from "./primitives";

export const IncidentJson = Type.Object({
  id: Uint,
  caseId: Uint,
  reporter: Address,
  complication: Type.String(),
  evidenceHash: Bytes32,
  attested: Type.Boolean({ description: "true once the doctor has reported this complication" }),
  payout: Uint,
  status: Names(["OPEN", "RESOLVED"]),
  proposal: Nullable(Type.Object({ proposer: Address, refund: Uint, resolutionHash: Bytes32 })),
  refund: Uint,
  openedAt: Timestamp,
  resolvedAt: Nullable(Timestamp),
});
