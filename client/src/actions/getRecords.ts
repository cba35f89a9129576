// Records about a subject, or readable by a reader (metadata and wrapped keys only): one page, ids
// ascending. Pass the answer's `next` as `after` for the next page (null on the last).
import type { Address } from "viem";
import type { SutureClient } from "../client/createSutureClient";
import type { RecordListView } from "../types/json";
import { queryString } from "../utils/queryString";

export type GetRecordsParameters = {
  subject?: Address;
  reader?: Address;
  /** Records per page (node default 50, at most 200). */
  limit?: number;
  /** The `next` of the previous page. */
  after?: string;
};
export type GetRecordsReturnType = RecordListView;

export async function getRecords(client: SutureClient, parameters: GetRecordsParameters): Promise<GetRecordsReturnType> {
  return client.request<GetRecordsReturnType>({ path: `/v1/records${queryString(parameters)}` });
}
