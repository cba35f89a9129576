// A withdrawal leaf.
import type { SutureClient } from "../client/createSutureClient";
import type { WithdrawalView } from "../types/json";

export type GetWithdrawalParameters = { withdrawalId: bigint };
export type GetWithdrawalReturnType = WithdrawalView;

export async function getWithdrawal(client: SutureClient, { withdrawalId }: GetWithdrawalParameters): Promise<GetWithdrawalReturnType> {
  return client.request<GetWithdrawalReturnType>({ path: `/v1/withdrawals/${withdrawalId}` });
}
