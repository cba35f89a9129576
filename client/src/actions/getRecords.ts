// Records about a subject, or readable by a reader (metadata and wrapped keys only).
import type { Address } from "viem";
import type { SutureClient } from "../client/createSutureClient";
import type { RecordView } from "../types/json";
import { queryString } from "../utils/queryString";

export type GetRecordsParameters = { subject?: Address; reader?: Address };
export type GetRecordsReturnType = RecordView[];

export async function getRecords(client: SutureClient, parameters: GetRecordsParameters): Promise<GetRecordsReturnType> {
  return (await client.request<{ records: RecordView[] }>({ path: `/v1/records${queryString(parameters)}` })).records;
}
