// GET /v1/patients/:address: a patient's public reliability record (zeros for an unknown address).
import { Type } from "@sinclair/typebox";
import { Address, Count } from "./primitives";

export const PatientReliability = Type.Object({
  address: Address,
  proposals: Count,
  noShows: Count,
  cancellations: Count,
  lateCancellations: Count,
  reschedules: Count,
  closed: Count,
});
