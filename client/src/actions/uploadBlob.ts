// Stores bytes in the node's content-addressed blob store, signed by the account they are charged
// to: an EIP-712 BlobUpload(hash, size, expiry) authorization in the transactions' domain, sent
// in headers, so the node checks it and the account's quota before it reads the body. The answer's
// hash is checked here, so a node cannot file the blob under another hash. `unsigned` is for the
// text of a posted review only (an author's signature would name them; the node takes those
// texts unsigned once the review is on chain).
import { keccak256, type Hex, type LocalAccount } from "viem";
import { BLOB_UPLOAD_TYPE, blobUploadTypes, signBlobUpload, type BlobUpload } from "../../../sequencer/src/protocol";
import { BLOB_HEADERS } from "../../../sequencer/src/protocol/api";
import type { SutureAccount } from "../accounts";
import { resolveAccount, type SutureClient } from "../client/createSutureClient";
import { SutureClientError } from "../errors";
import type { BlobStoredView } from "../types/json";

export type UploadBlobParameters = {
  data: Uint8Array;
  /** The account the upload is charged to (the client's by default). */
  signer?: Hex | LocalAccount | SutureAccount;
  /** Seconds the authorization stays good for (default 300; the node takes at most an hour). */
  expiresIn?: number;
  /** Send no signature: only for the text of a review already on chain. */
  unsigned?: boolean;
};
export type UploadBlobReturnType = BlobStoredView;

/** Signs an upload authorization with the account: libsecp256k1 for a raw key, signTypedData for a viem account. */
export async function signBlobUploadAuthorization(
  client: SutureClient,
  { upload, signer }: { upload: BlobUpload; signer?: Hex | LocalAccount | SutureAccount },
): Promise<{ uploader: string; signature: Hex }> {
  const account = resolveAccount(client, signer);
  const domain = await client.getDomain();
  if (account.privateKey) return signBlobUpload({ domain, privateKey: account.privateKey, upload });
  const { EIP712Domain: _domain, ...types } = blobUploadTypes();
  const signature = await account.signer!.signTypedData({ domain, types, primaryType: BLOB_UPLOAD_TYPE, message: upload } as never);
  return { uploader: account.address, signature };
}

export async function uploadBlob(
  client: SutureClient,
  { data, signer, expiresIn = 300, unsigned = false }: UploadBlobParameters,
): Promise<UploadBlobReturnType> {
  const hash = keccak256(data);
  const headers: Record<string, string> = { [BLOB_HEADERS.hash]: hash, [BLOB_HEADERS.size]: String(data.length) };
  if (!unsigned) {
    const upload = { hash, size: data.length, expiry: BigInt(Math.floor(Date.now() / 1000) + expiresIn) };
    const { uploader, signature } = await signBlobUploadAuthorization(client, { upload, signer });
    Object.assign(headers, { [BLOB_HEADERS.uploader]: uploader, [BLOB_HEADERS.expiry]: upload.expiry.toString(), [BLOB_HEADERS.signature]: signature });
  }
  const answer = await client.request<UploadBlobReturnType>({ path: "/v1/blobs", bytes: data, headers });
  if (answer.hash !== hash) throw new SutureClientError("NODE_ERROR", `the node filed the blob under ${answer.hash}, expected ${hash}`);
  return answer;
}
