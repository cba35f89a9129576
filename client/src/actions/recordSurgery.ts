// RecordSurgery, signed by doctor, at or after the appointment: record the surgery and the packs used.
import { defineTransaction, type TransactionParameters, type TransactionReceipt } from "./defineTransaction";

export type RecordSurgeryParameters = TransactionParameters<"RecordSurgery", "packsUsed">;
export type RecordSurgeryReturnType = TransactionReceipt & {};
export const recordSurgery = defineTransaction<"RecordSurgery", {}, "packsUsed">("RecordSurgery", { packsUsed: [] });
