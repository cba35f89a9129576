// Recent batches, newest first.
import type { SutureClient } from "../client/createSutureClient";
import type { BatchView } from "../types/json";
import { queryString } from "../utils/queryString";

export type GetBatchesParameters = { before?: number; limit?: number };
export type GetBatchesReturnType = BatchView[];

export async function getBatches(client: SutureClient, parameters: GetBatchesParameters = {}): Promise<GetBatchesReturnType> {
  return (await client.request<{ batches: BatchView[] }>({ path: `/v1/batches${queryString(parameters)}` })).batches;
}
