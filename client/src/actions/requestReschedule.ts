// RequestReschedule, signed by either party: ask to move the appointment.
import { defineTransaction, type TransactionParameters, type TransactionReceipt } from "./defineTransaction";

export type RequestRescheduleParameters = TransactionParameters<"RequestReschedule">;
export type RequestRescheduleReturnType = TransactionReceipt & {};
export const requestReschedule = defineTransaction<"RequestReschedule", {}>("RequestReschedule");
