// A block with its transactions (hash, type, sender, post-state root), or the latest one.
import type { SutureClient } from "../client/createSutureClient";
import type { BlockView } from "../types/json";

export type GetBlockParameters = { number?: bigint | "latest" };
export type GetBlockReturnType = BlockView;

export async function getBlock(client: SutureClient, { number = "latest" }: GetBlockParameters = {}): Promise<GetBlockReturnType> {
  return client.request<GetBlockReturnType>({ path: `/v1/blocks/${number}` });
}
