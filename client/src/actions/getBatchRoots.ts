// The state root after every transaction of a batch.
import type { Hex } from "viem";
import type { SutureClient } from "../client/createSutureClient";

export type GetBatchRootsParameters = { index: number };
export type GetBatchRootsReturnType = { index: number; roots: Hex[] };

export async function getBatchRoots(client: SutureClient, { index }: GetBatchRootsParameters): Promise<GetBatchRootsReturnType> {
  return client.request<GetBatchRootsReturnType>({ path: `/v1/batches/${index}/roots` });
}
