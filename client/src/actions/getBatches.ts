// Batches, newest first: one page. Pass the answer's `next` as `before` for the next (older) page
// (null on the last).
import type { SutureClient } from "../client/createSutureClient";
import type { BatchListView } from "../types/json";
import { queryString } from "../utils/queryString";

export type GetBatchesParameters = {
  /** Only batches with a lower index: the `next` of the previous page. */
  before?: number;
  /** Batches per page (node default 50, at most 200). */
  limit?: number;
};
export type GetBatchesReturnType = BatchListView;

export async function getBatches(client: SutureClient, parameters: GetBatchesParameters = {}): Promise<GetBatchesReturnType> {
  return client.request<GetBatchesReturnType>({ path: `/v1/batches${queryString(parameters)}` });
}
