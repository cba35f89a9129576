// The cases of a patient or of a doctor.
import type { Address } from "viem";
import type { SutureClient } from "../client/createSutureClient";
import type { CaseView } from "../types/json";
import { queryString } from "../utils/queryString";

export type GetCasesParameters = { patient: Address; doctor?: never } | { doctor: Address; patient?: never };
export type GetCasesReturnType = CaseView[];

export async function getCases(client: SutureClient, parameters: GetCasesParameters): Promise<GetCasesReturnType> {
  return (await client.request<{ cases: CaseView[] }>({ path: `/v1/cases${queryString(parameters)}` })).cases;
}
