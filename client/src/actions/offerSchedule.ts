// OfferSchedule, signed by doctor (active license): offer an appointment, deposit, price and cancellation terms.
import { defineTransaction, type TransactionParameters, type TransactionReceipt } from "./defineTransaction";

export type OfferScheduleParameters = TransactionParameters<"OfferSchedule", "freeCancelBefore" | "lateCancelFeeBps">;
export type OfferScheduleReturnType = TransactionReceipt & {};
export const offerSchedule = defineTransaction<"OfferSchedule", {}, "freeCancelBefore" | "lateCancelFeeBps">("OfferSchedule", {
  freeCancelBefore: 86_400,
  lateCancelFeeBps: 0,
});
