// Stores bytes in the node's content-addressed blob store; answers their keccak256 hash (checked
// here, so a node cannot file the blob under another hash).
import { keccak256 } from "viem";
import type { SutureClient } from "../client/createSutureClient";
import { SutureClientError } from "../errors";
import type { BlobStoredView } from "../types/json";

export type UploadBlobParameters = { data: Uint8Array };
export type UploadBlobReturnType = BlobStoredView;

export async function uploadBlob(client: SutureClient, { data }: UploadBlobParameters): Promise<UploadBlobReturnType> {
  const answer = await client.request<UploadBlobReturnType>({ path: "/v1/blobs", bytes: data });
  const expected = keccak256(data);
  if (answer.hash !== expected) throw new SutureClientError("NODE_ERROR", `the node filed the blob under ${answer.hash}, expected ${expected}`);
  return answer;
}
