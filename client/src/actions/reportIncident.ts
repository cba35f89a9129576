// ReportIncident, signed by either party: report a complication; a doctor-attested one a bound policy covers pays the patient at once.
import { defineTransaction, type TransactionParameters, type TransactionReceipt, ZERO_HASH } from "./defineTransaction";

export type ReportIncidentParameters = TransactionParameters<"ReportIncident", "evidenceHash">;
export type ReportIncidentReturnType = TransactionReceipt & { incidentId: bigint; payout: bigint };
export const reportIncident = defineTransaction<"ReportIncident", { incidentId: bigint; payout: bigint }, "evidenceHash">("ReportIncident", {
  evidenceHash: ZERO_HASH,
});
