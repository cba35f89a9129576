// Transfer, signed by any account: move L2 balance to another address.
import { defineTransaction, type TransactionParameters, type TransactionReceipt } from "./defineTransaction";

export type TransferParameters = TransactionParameters<"Transfer">;
export type TransferReturnType = TransactionReceipt & {};
export const transfer = defineTransaction<"Transfer", {}>("Transfer");
