// The verifier's input vector, in the order the circuit declares its public inputs.
import type { Hex } from "../../crypto";
import { REVIEW_PUBLIC_SIGNALS } from "./constants";
import { doctorToField } from "./reviewHashes";

export type ReviewPublicSignalsParameters = { root: bigint; doctor: Hex; nullifier: bigint; message: bigint };

/** [root, doctor, nullifier, message]; no range check here: the verifier does it. */
export function reviewPublicSignals(parameters: ReviewPublicSignalsParameters): bigint[] {
  const values = { ...parameters, doctor: doctorToField(parameters.doctor) };
  return REVIEW_PUBLIC_SIGNALS.map((name) => values[name]);
}
