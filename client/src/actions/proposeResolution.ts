// ProposeResolution, signed by either party: propose a refund that settles an incident.
import { defineTransaction, type TransactionParameters, type TransactionReceipt, ZERO_HASH } from "./defineTransaction";

export type ProposeResolutionParameters = TransactionParameters<"ProposeResolution", "resolutionHash">;
export type ProposeResolutionReturnType = TransactionReceipt & {};
export const proposeResolution = defineTransaction<"ProposeResolution", {}, "resolutionHash">("ProposeResolution", { resolutionHash: ZERO_HASH });
