// The cases of a patient, of a doctor, or of both together: one page, ids ascending. Pass the
// answer's `next` as `after` for the next page (null on the last).
import type { Address } from "viem";
import type { SutureClient } from "../client/createSutureClient";
import type { CaseListView } from "../types/json";
import { queryString } from "../utils/queryString";

export type GetCasesParameters = ({ patient: Address; doctor?: Address } | { doctor: Address; patient?: Address }) & {
  /** Cases per page (node default 50, at most 200). */
  limit?: number;
  /** The `next` of the previous page. */
  after?: string;
};
export type GetCasesReturnType = CaseListView;

export async function getCases(client: SutureClient, parameters: GetCasesParameters): Promise<GetCasesReturnType> {
  return client.request<GetCasesReturnType>({ path: `/v1/cases${queryString(parameters)}` });
}
