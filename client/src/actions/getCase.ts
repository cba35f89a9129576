// One case with its public lifecycle data.
import type { SutureClient } from "../client/createSutureClient";
import type { CaseView } from "../types/json";

export type GetCaseParameters = { caseId: bigint };
export type GetCaseReturnType = CaseView;

export async function getCase(client: SutureClient, { caseId }: GetCaseParameters): Promise<GetCaseReturnType> {
  return client.request<GetCaseReturnType>({ path: `/v1/cases/${caseId}` });
}
