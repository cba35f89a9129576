// CloseSurgery, signed by the patient: the escrow goes to the doctor and, unless `review: false`,
// a review commitment derived from the patient's key and the case id enters the review tree, so
// the patient can post an anonymous review later (postReview) from the same key.
import { requirePrivateKey } from "../accounts";
import { resolveAccount, type SutureClient } from "../client/createSutureClient";
import { deriveReviewCommitment } from "../reviews/deriveReviewCommitment";
import { defineTransaction, type TransactionParameters, type TransactionReceipt } from "./defineTransaction";

export type CloseSurgeryParameters = TransactionParameters<"CloseSurgery", "reviewCommitment"> & { review?: boolean };
export type CloseSurgeryReturnType = TransactionReceipt & { paid: bigint; leafIndex: number | null; reviewCommitment: bigint };

const send = defineTransaction<"CloseSurgery", { paid: bigint; leafIndex: number | null }>("CloseSurgery");

export async function closeSurgery(client: SutureClient, { review = true, ...parameters }: CloseSurgeryParameters): Promise<CloseSurgeryReturnType> {
  const account = resolveAccount(client, parameters.signer);
  const reviewCommitment =
    parameters.reviewCommitment ??
    (review ? deriveReviewCommitment({ privateKey: requirePrivateKey(account, "a review commitment"), caseId: parameters.caseId }) : 0n);
  return { ...(await send(client, { ...parameters, signer: account, reviewCommitment })), reviewCommitment };
}
