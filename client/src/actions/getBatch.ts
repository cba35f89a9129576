// One batch: header, L1 transaction, finality.
import type { SutureClient } from "../client/createSutureClient";
import type { BatchView } from "../types/json";

export type GetBatchParameters = { index: number };
export type GetBatchReturnType = BatchView;

export async function getBatch(client: SutureClient, { index }: GetBatchParameters): Promise<GetBatchReturnType> {
  return client.request<GetBatchReturnType>({ path: `/v1/batches/${index}` });
}
