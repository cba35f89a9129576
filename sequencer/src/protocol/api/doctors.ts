// Doctors: search with the open ranking formula (GET /v1/doctors) and one profile with its
// license and reputation (GET /v1/doctors/:address).
import { Type } from "@sinclair/typebox";
import { CaseCounts } from "./cases";
import { PageLimit } from "./pages";
import { Address, Bytes32, Count, Names, Nullable, Timestamp, Uint } from "./primitives";

export const LICENSE_STATUSES = ["ACTIVE", "SUSPENDED", "REVOKED"] as const;

export const LicenseJson = Type.Object({
  board: Address,
  jurisdiction: Type.String(),
  licenseNumberHash: Bytes32,
  npi: Type.String(),
  status: Names(LICENSE_STATUSES, "the attested status (LicenseStatus in /v1/schema's enums)"),
  expiresAt: Uint,
  attestedAt: Timestamp,
});

export const DoctorStatsJson = Type.Object({
  cases: CaseCounts,
  cancellationsByDoctor: Count,
  incidentsOpen: Count,
  incidentsResolved: Count,
  reviewCount: Count,
  ratingSum: Count,
  worthItCount: Count,
  reviewCommitments: Count,
});

export const DoctorJson = Type.Object({
  address: Address,
  specialties: Type.Array(Type.String()),
  latE6: Type.Integer({ description: "latitude × 10^6" }),
  lonE6: Type.Integer({ description: "longitude × 10^6" }),
  acceptedInsurers: Type.Array(Address),
  profileHash: Bytes32,
  registeredAt: Timestamp,
  license: Nullable(LicenseJson),
  stats: DoctorStatsJson,
});

export const LicenseView = Type.Object({
  status: Names([...LICENSE_STATUSES, "EXPIRED", "NONE"], "the license as of now: EXPIRED past expiresAt, NONE without an attestation"),
  valid: Type.Boolean(),
});

export const ReputationJson = Type.Object({
  casesByStatus: CaseCounts,
  completionRate: Type.Number(),
  overdueUnclosed: Count,
  cancellationsByDoctor: Count,
  incidentsOpen: Count,
  incidentsResolved: Count,
  reviewCount: Count,
  anonymitySet: Type.Integer({ minimum: 0, description: "review-tree leaves of this doctor: the anonymity set of a review of them" }),
  meanRating: Nullable(Type.Number()),
  bayesRating: Type.Number(),
  worthItPercent: Nullable(Type.Integer()),
  score: Type.Number(),
});

export const DoctorProfile = Type.Composite([DoctorJson, Type.Object({ licenseStatus: LicenseView, reputation: ReputationJson })]);

export const DoctorSearchResult = Type.Composite([DoctorProfile, Type.Object({ distanceKm: Nullable(Type.Number()) })]);

/** The ranking position of the last result of a page: its score and address. */
export const DoctorCursor = Type.String({
  pattern: "^-?[0-9]+(\\.[0-9]+)?:0x[0-9a-fA-F]{40}$",
  description: "start after this ranking position: the `next` of the previous page (opaque)",
});

export const DoctorSearch = Type.Object({
  formula: Type.String({ description: "the ranking formula the scores were computed with" }),
  results: Type.Array(DoctorSearchResult, { description: "by score, highest first; ties by address" }),
  next: Nullable(DoctorCursor),
});

export const DoctorSearchQuery = Type.Object(
  {
    specialty: Type.Optional(Type.String({ maxLength: 48 })),
    lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
    lon: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
    maxKm: Type.Optional(Type.Number({ minimum: 0 })),
    minRating: Type.Optional(Type.Number({ minimum: 0, maximum: 5 })),
    license: Type.Optional(Names(["ACTIVE", "ANY"], "ACTIVE (default): only doctors with an active, unexpired license")),
    insurer: Type.Optional(Address),
    limit: Type.Optional(PageLimit),
    after: Type.Optional(DoctorCursor),
  },
  { additionalProperties: false },
);
