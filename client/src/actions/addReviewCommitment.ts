// AddReviewCommitment, signed by the patient of a case the doctor finalized after the timeout:
// adds the derived review commitment once, so the case can still be reviewed.
import { requirePrivateKey } from "../accounts";
import { resolveAccount, type SutureClient } from "../client/createSutureClient";
import { deriveReviewCommitment } from "../reviews/deriveReviewCommitment";
import { defineTransaction, type TransactionParameters, type TransactionReceipt } from "./defineTransaction";

export type AddReviewCommitmentParameters = TransactionParameters<"AddReviewCommitment", "reviewCommitment">;
export type AddReviewCommitmentReturnType = TransactionReceipt & { leafIndex: number; reviewCommitment: bigint };

const send = defineTransaction<"AddReviewCommitment", { leafIndex: number }>("AddReviewCommitment");

export async function addReviewCommitment(client: SutureClient, parameters: AddReviewCommitmentParameters): Promise<AddReviewCommitmentReturnType> {
  const account = resolveAccount(client, parameters.signer);
  const reviewCommitment =
    parameters.reviewCommitment ?? deriveReviewCommitment({ privateKey: requirePrivateKey(account, "a review commitment"), caseId: parameters.caseId });
  return { ...(await send(client, { ...parameters, signer: account, reviewCommitment })), reviewCommitment };
}
