// One insurance policy with its remaining reserve.
import type { SutureClient } from "../client/createSutureClient";
import type { PolicyView } from "../types/json";

export type GetPolicyParameters = { policyId: bigint };
export type GetPolicyReturnType = PolicyView;

export async function getPolicy(client: SutureClient, { policyId }: GetPolicyParameters): Promise<GetPolicyReturnType> {
  return client.request<GetPolicyReturnType>({ path: `/v1/policies/${policyId}` });
}
