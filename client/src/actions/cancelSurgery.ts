// CancelSurgery, signed by either party: cancel; the escrow is refunded by the agreed terms.
import { defineTransaction, type TransactionParameters, type TransactionReceipt, ZERO_HASH } from "./defineTransaction";

export type CancelSurgeryParameters = TransactionParameters<"CancelSurgery", "reasonHash">;
export type CancelSurgeryReturnType = TransactionReceipt & { refunded: bigint; fee: bigint };
export const cancelSurgery = defineTransaction<"CancelSurgery", { refunded: bigint; fee: bigint }, "reasonHash">("CancelSurgery", { reasonHash: ZERO_HASH });
