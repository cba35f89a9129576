// An account's blob storage: bytes used and allowed (its balance bonds perByte per byte, up to a
// per-account cap), and the node's limits (per blob, per account, node-wide, authorization expiry).
import type { Address } from "viem";
import type { SutureClient } from "../client/createSutureClient";
import type { StorageQuotaView } from "../types/json";

export type GetStorageQuotaParameters = { address: Address };
export type GetStorageQuotaReturnType = StorageQuotaView;

export async function getStorageQuota(client: SutureClient, { address }: GetStorageQuotaParameters): Promise<GetStorageQuotaReturnType> {
  return client.request<GetStorageQuotaReturnType>({ path: `/v1/accounts/${address}/storage` });
}
