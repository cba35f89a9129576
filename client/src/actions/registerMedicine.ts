// RegisterMedicine, signed by manufacturer: register packs (GTIN + serials) of one lot with its expiry.
import { defineTransaction, type TransactionParameters, type TransactionReceipt } from "./defineTransaction";

export type RegisterMedicineParameters = TransactionParameters<"RegisterMedicine">;
export type RegisterMedicineReturnType = TransactionReceipt & { registered: number };
export const registerMedicine = defineTransaction<"RegisterMedicine", { registered: number }>("RegisterMedicine");
