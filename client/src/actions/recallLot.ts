// RecallLot, signed by manufacturer: recall every pack of a lot, irreversibly.
import { defineTransaction, type TransactionParameters, type TransactionReceipt } from "./defineTransaction";

export type RecallLotParameters = TransactionParameters<"RecallLot">;
export type RecallLotReturnType = TransactionReceipt & { packs: number };
export const recallLot = defineTransaction<"RecallLot", { packs: number }>("RecallLot");
