// A block with its transactions (hash, type, sender, post-state root), or the latest one.
import type { Address, Hex } from "viem";
import type { SutureClient } from "../client/createSutureClient";

export type GetBlockParameters = { number?: bigint | "latest" };
export type GetBlockReturnType = {
  number: string;
  timestamp: number;
  stateRoot: Hex;
  txs: { hash: Hex; type: string; from: Address | null; stateRoot: Hex }[];
  [key: string]: unknown;
};

export async function getBlock(client: SutureClient, { number = "latest" }: GetBlockParameters = {}): Promise<GetBlockReturnType> {
  return client.request<GetBlockReturnType>({ path: `/v1/blocks/${number}` });
}
