// The fee schedule as GET /v1/fees and /v1/status publish it (docs/protocol.md "Fees").
import { Type } from "@sinclair/typebox";
import { Count, Uint } from "./primitives";

export const FeeScheduleJson = Type.Object({
  perByte: Uint,
  perWorkUnit: Uint,
});

export const FeesJson = Type.Object({
  current: FeeScheduleJson,
  pending: Type.Union([Type.Null(), Type.Object({ schedule: FeeScheduleJson, effectiveAt: Uint })], {
    description: "an announced schedule and the block time from which it applies",
  }),
  noticeSeconds: Count,
  formula: Type.String(),
});
