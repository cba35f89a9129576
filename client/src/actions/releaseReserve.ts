// ReleaseReserve, signed by the policy's insurer: close the policy to new plans, and take back its
// reserve once no case bound to it can claim (until then it only closes; send it again later).
import { defineTransaction, type TransactionParameters, type TransactionReceipt } from "./defineTransaction";

export type ReleaseReserveParameters = TransactionParameters<"ReleaseReserve">;
export type ReleaseReserveReturnType = TransactionReceipt & { released: bigint };
export const releaseReserve = defineTransaction<"ReleaseReserve", { released: bigint }>("ReleaseReserve");
