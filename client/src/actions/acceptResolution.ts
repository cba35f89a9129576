// AcceptResolution, signed by the other party: accept the proposed refund (signing the amount).
import { defineTransaction, type TransactionParameters, type TransactionReceipt, ZERO_HASH } from "./defineTransaction";

export type AcceptResolutionParameters = TransactionParameters<"AcceptResolution", "resolutionHash">;
export type AcceptResolutionReturnType = TransactionReceipt & { refund: bigint };
export const acceptResolution = defineTransaction<"AcceptResolution", { refund: bigint }, "resolutionHash">("AcceptResolution", { resolutionHash: ZERO_HASH });
