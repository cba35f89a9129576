// Everything finalizeWithdrawal needs: the batch header, the state-tree siblings, finality.
import type { SutureClient } from "../client/createSutureClient";
import type { WithdrawalProof } from "../types/json";

export type GetWithdrawalProofParameters = { withdrawalId: bigint };
export type GetWithdrawalProofReturnType = WithdrawalProof;

export async function getWithdrawalProof(client: SutureClient, { withdrawalId }: GetWithdrawalProofParameters): Promise<GetWithdrawalProofReturnType> {
  return client.request<GetWithdrawalProofReturnType>({ path: `/v1/proofs/withdrawal/${withdrawalId}` });
}
