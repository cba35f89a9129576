// Published insurance policies: one page, ids ascending. Pass the answer's `next` as `after` for
// the next page (null on the last).
import type { SutureClient } from "../client/createSutureClient";
import type { PolicyListView } from "../types/json";
import { queryString } from "../utils/queryString";

export type GetPoliciesParameters = {
  /** Policies per page (node default 50, at most 200). */
  limit?: number;
  /** The `next` of the previous page. */
  after?: string;
};
export type GetPoliciesReturnType = PolicyListView;

export async function getPolicies(client: SutureClient, parameters: GetPoliciesParameters = {}): Promise<GetPoliciesReturnType> {
  return client.request<GetPoliciesReturnType>({ path: `/v1/policies${queryString(parameters)}` });
}
