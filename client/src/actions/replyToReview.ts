// ReplyToReview, signed by doctor: one public reply to a review of theirs (never changes the rating).
import { defineTransaction, type TransactionParameters, type TransactionReceipt } from "./defineTransaction";

export type ReplyToReviewParameters = TransactionParameters<"ReplyToReview">;
export type ReplyToReviewReturnType = TransactionReceipt & {};
export const replyToReview = defineTransaction<"ReplyToReview", {}>("ReplyToReview");
