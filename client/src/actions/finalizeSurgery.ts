// FinalizeSurgery, signed by doctor, after the close timeout with no open incident: close and take the escrow.
import { defineTransaction, type TransactionParameters, type TransactionReceipt } from "./defineTransaction";

export type FinalizeSurgeryParameters = TransactionParameters<"FinalizeSurgery">;
export type FinalizeSurgeryReturnType = TransactionReceipt & { paid: bigint };
export const finalizeSurgery = defineTransaction<"FinalizeSurgery", { paid: bigint }>("FinalizeSurgery");
