// The state root after every transaction of a batch.
import type { SutureClient } from "../client/createSutureClient";
import type { BatchRootsView } from "../types/json";

export type GetBatchRootsParameters = { index: number };
export type GetBatchRootsReturnType = BatchRootsView;

export async function getBatchRoots(client: SutureClient, { index }: GetBatchRootsParameters): Promise<GetBatchRootsReturnType> {
  return client.request<GetBatchRootsReturnType>({ path: `/v1/batches/${index}/roots` });
}
