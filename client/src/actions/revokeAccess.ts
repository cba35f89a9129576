// RevokeAccess, signed by record subject: remove a reader (content they already fetched cannot be unread).
import { defineTransaction, type TransactionParameters, type TransactionReceipt } from "./defineTransaction";

export type RevokeAccessParameters = TransactionParameters<"RevokeAccess">;
export type RevokeAccessReturnType = TransactionReceipt & {};
export const revokeAccess = defineTransaction<"RevokeAccess", {}>("RevokeAccess");
