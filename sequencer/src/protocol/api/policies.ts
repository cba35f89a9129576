// GET /v1/policies (paged) and GET /v1/policies/:id: insurance policies with their reserve.
import { Type } from "@sinclair/typebox";
import { IdPageQuery, NextId } from "./pages";
import { Address, Count, Nullable, Timestamp, Uint } from "./primitives";

export const PolicyTermJson = Type.Object({ complication: Type.String(), payout: Uint, windowDays: Type.Integer({ minimum: 0 }) });

export const PolicyJson = Type.Object({
  id: Uint,
  insurer: Address,
  procedures: Type.Array(Type.String()),
  terms: Type.Array(PolicyTermJson),
  premium: Uint,
  cap: Uint,
  reserve: Uint,
  paidOut: Uint,
  boundCases: Count,
  createdAt: Timestamp,
  closed: Type.Boolean({ description: "closed by ReleaseReserve: no new plan may use it" }),
  pendingCases: Count,
  lastSurgeryAt: Nullable(Timestamp),
  released: Uint,
});

export const PolicyList = Type.Object({ policies: Type.Array(PolicyJson, { description: "ids ascending" }), next: NextId });

export const PoliciesQuery = Type.Object(IdPageQuery, { additionalProperties: false });
