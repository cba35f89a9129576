// PublishPolicy, signed by insurer: publish a coded policy and lock its cap as the payout reserve.
import { defineTransaction, type TransactionParameters, type TransactionReceipt } from "./defineTransaction";

export type PublishPolicyParameters = TransactionParameters<"PublishPolicy">;
export type PublishPolicyReturnType = TransactionReceipt & { policyId: bigint };
export const publishPolicy = defineTransaction<"PublishPolicy", { policyId: bigint }>("PublishPolicy");
