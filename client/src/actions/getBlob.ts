// Fetches a blob by hash. The bytes are returned as served: callers that need integrity compare
// the hash (decryptRecord does, and reports RECORD_TAMPERED).
import type { Hex } from "viem";
import type { SutureClient } from "../client/createSutureClient";

export type GetBlobParameters = { hash: Hex };
export type GetBlobReturnType = Uint8Array;

export async function getBlob(client: SutureClient, { hash }: GetBlobParameters): Promise<GetBlobReturnType> {
  return client.request<Uint8Array>({ path: `/v1/blobs/${hash}`, raw: true });
}
