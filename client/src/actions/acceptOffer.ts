// AcceptOffer, signed by patient: accept the offer; the deposit moves into escrow.
import { defineTransaction, type TransactionParameters, type TransactionReceipt } from "./defineTransaction";

export type AcceptOfferParameters = TransactionParameters<"AcceptOffer">;
export type AcceptOfferReturnType = TransactionReceipt & {};
export const acceptOffer = defineTransaction<"AcceptOffer", {}>("AcceptOffer");
