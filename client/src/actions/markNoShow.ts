// MarkNoShow, signed by doctor, after appointment + grace: the escrow goes to the doctor.
import { defineTransaction, type TransactionParameters, type TransactionReceipt } from "./defineTransaction";

export type MarkNoShowParameters = TransactionParameters<"MarkNoShow">;
export type MarkNoShowReturnType = TransactionReceipt & { paid: bigint };
export const markNoShow = defineTransaction<"MarkNoShow", { paid: bigint }>("MarkNoShow");
