// GET /v1/medicines/:gtin/:serial (verify a pack) and GET /v1/lots/:gtin/:lot.
import { Type } from "@sinclair/typebox";
import { Address, Count, Names, Nullable, Timestamp, Uint } from "./primitives";

export const Gtin = Type.String({ pattern: "^[0-9]{14}$", description: "GTIN-14" });

export const PackRef = Type.Object({ gtin: Type.String(), serial: Type.String() });

export const PACK_STATUSES = ["ACTIVE", "RESERVED", "DISPENSED"] as const;

export const MedicineJson = Type.Object({
  gtin: Type.String(),
  serial: Type.String(),
  lot: Type.String(),
  manufacturer: Address,
  expiry: Uint,
  status: Names([...PACK_STATUSES, "RECALLED"], "RECALLED when the pack's lot is recalled and the pack was not dispensed"),
  caseId: Nullable(Uint),
  recalled: Type.Boolean(),
  expired: Type.Boolean(),
});

export const LotJson = Type.Object({
  gtin: Type.String(),
  lot: Type.String(),
  manufacturer: Address,
  expiry: Uint,
  packs: Count,
  recalled: Type.Boolean(),
  recalledAt: Nullable(Timestamp),
});

export const MedicineParams = Type.Object({ gtin: Gtin, serial: Type.String({ maxLength: 20 }) });
export const LotParams = Type.Object({ gtin: Gtin, lot: Type.String({ maxLength: 20 }) });
