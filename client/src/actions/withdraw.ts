// Withdraw, signed by any account: burn L2 balance into a withdrawal leaf, paid on L1 once its batch is final.
import { defineTransaction, type TransactionParameters, type TransactionReceipt } from "./defineTransaction";

export type WithdrawParameters = TransactionParameters<"Withdraw">;
export type WithdrawReturnType = TransactionReceipt & { withdrawalId: bigint };
export const withdraw = defineTransaction<"Withdraw", { withdrawalId: bigint }>("Withdraw");
