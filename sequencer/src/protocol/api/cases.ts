// GET /v1/cases?patient|doctor (paged) and GET /v1/cases/:id: a surgery case with its public
// lifecycle data.
import { Type } from "@sinclair/typebox";
import { PackRef } from "./medicines";
import { IdPageQuery, NextId } from "./pages";
import { Address, Bytes32, Count, Names, Nullable, Timestamp, Uint } from "./primitives";

export const CASE_STATUSES = ["PROPOSED", "OFFERED", "SCHEDULED", "PLANNED", "CONFIRMED", "EXECUTED", "CLOSED", "CANCELLED", "NO_SHOW"] as const;

export const CaseStatus = Names(CASE_STATUSES, "lifecycle status of a case");

/** A count per case status. */
export const CaseCounts = Type.Object(Object.fromEntries(CASE_STATUSES.map((s) => [s, Count])) as { [K in (typeof CASE_STATUSES)[number]]: typeof Count });

export const OfferJson = Type.Object({
  appointmentTime: Uint,
  deposit: Uint,
  price: Uint,
  freeCancelBefore: Type.Integer({ minimum: 0, description: "seconds before the appointment" }),
  lateCancelFeeBps: Type.Integer({ minimum: 0, maximum: 10_000 }),
});

export const PlanJson = Type.Object({ packs: Type.Array(PackRef), policyId: Uint, planHash: Bytes32, premium: Uint });

export const CaseJson = Type.Object({
  id: Uint,
  patient: Address,
  doctor: Address,
  procedure: Type.String(),
  status: CaseStatus,
  requestedTime: Uint,
  detailsHash: Bytes32,
  createdAt: Timestamp,
  offer: Nullable(OfferJson),
  appointmentTime: Uint,
  reschedule: Nullable(Type.Object({ requester: Address, newTime: Uint })),
  reschedules: Count,
  plan: Nullable(PlanJson),
  confirmedPlan: Type.Boolean(),
  escrow: Uint,
  premiumEscrow: Uint,
  recordHash: Nullable(Bytes32),
  packsUsed: Type.Array(PackRef),
  executedAt: Nullable(Timestamp),
  summaryHash: Nullable(Bytes32),
  closedAt: Nullable(Timestamp),
  closedBy: Nullable(Names(["patient", "timeout"])),
  cancelledBy: Nullable(Names(["patient", "doctor"])),
  reviewCommitment: Nullable(Uint),
  openIncidents: Count,
  incidentIds: Type.Array(Uint),
  claimedComplications: Type.Array(Type.String()),
  historyHash: Bytes32,
  updatedAt: Timestamp,
});

export const CaseList = Type.Object({ cases: Type.Array(CaseJson, { description: "ids ascending" }), next: NextId });

export const CasesQuery = Type.Object(
  {
    patient: Type.Optional(Address),
    doctor: Type.Optional(Address),
    ...IdPageQuery,
  },
  { additionalProperties: false },
);
