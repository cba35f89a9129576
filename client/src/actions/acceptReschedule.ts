// AcceptReschedule, signed by the other party: accept the new time.
import { defineTransaction, type TransactionParameters, type TransactionReceipt } from "./defineTransaction";

export type AcceptRescheduleParameters = TransactionParameters<"AcceptReschedule">;
export type AcceptRescheduleReturnType = TransactionReceipt & { appointmentTime: bigint };
export const acceptReschedule = defineTransaction<"AcceptReschedule", { appointmentTime: bigint }>("AcceptReschedule");
