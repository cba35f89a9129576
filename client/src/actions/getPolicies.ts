// Every published insurance policy.
import type { SutureClient } from "../client/createSutureClient";
import type { PolicyView } from "../types/json";

export type GetPoliciesReturnType = PolicyView[];

export async function getPolicies(client: SutureClient): Promise<GetPoliciesReturnType> {
  return (await client.request<{ policies: PolicyView[] }>({ path: "/v1/policies" })).policies;
}
