// The checks of a blob upload that need no body, cheapest first, so an upload the node will refuse
// costs it no bytes read: the blob's hash and size are stated, the size is within the per-blob
// limit, the authorization is signed and has not expired (or, unsigned, the hash is the text of a
// posted review, whose author must stay anonymous), the signature recovers the uploader, and the
// uploader's quota covers the size. What it returns bounds the body the node then reads.
import type { Address, Hex } from "viem";
import { SutureError } from "../errors";
import { recoverBlobUploader, type SutureDomain } from "../protocol";
import { BLOB_HEADERS } from "../protocol/api";
import type { State } from "../state";
import type { Store } from "../store";
import type { BlobPolicy } from "./policy";
import { checkStorageQuota } from "./storageQuota";

export type AuthorizedUpload = {
  hash: Hex;
  size: number;
  /** The account charged; null for the text of a posted review (taken unsigned). */
  uploader: Address | null;
};

export type AuthorizeUploadParameters = {
  headers: Record<string, string | string[] | undefined>;
  domain: SutureDomain;
  state: State;
  store: Store;
  policy: BlobPolicy;
  /** Seconds since the epoch. */
  now: number;
};

const header = (headers: AuthorizeUploadParameters["headers"], name: string): string | undefined => {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
};

export function authorizeUpload({ headers, domain, state, store, policy, now }: AuthorizeUploadParameters): AuthorizedUpload {
  const hashHeader = header(headers, BLOB_HEADERS.hash);
  const sizeHeader = header(headers, BLOB_HEADERS.size);
  const signature = header(headers, BLOB_HEADERS.signature);
  const uploaderHeader = header(headers, BLOB_HEADERS.uploader);
  const expiryHeader = header(headers, BLOB_HEADERS.expiry);

  if (!hashHeader || !/^0x[0-9a-fA-F]{64}$/.test(hashHeader) || !sizeHeader || !/^(0|[1-9][0-9]{0,9})$/.test(sizeHeader)) {
    throw new SutureError("INVALID_REQUEST", `state the blob's keccak256 in ${BLOB_HEADERS.hash} and its length in ${BLOB_HEADERS.size}`);
  }
  const hash = hashHeader.toLowerCase() as Hex;
  const size = Number(sizeHeader);
  if (size === 0) throw new SutureError("INVALID_REQUEST", "a blob has at least one byte");
  if (size > policy.blobMaxBytes) throw new SutureError("BLOB_TOO_LARGE", undefined, { size, blobMaxBytes: policy.blobMaxBytes });

  if (!signature) {
    // A review's author is anonymous: its text comes unsigned, taken only once the review is on chain.
    if (uploaderHeader || expiryHeader || !state.reviewsByTextHash.get(hash)) {
      throw new SutureError("BLOB_UNSIGNED", undefined, { headers: [BLOB_HEADERS.uploader, BLOB_HEADERS.expiry, BLOB_HEADERS.signature] });
    }
    if (!store.hasBlob(hash)) checkStorageQuota({ state, store, policy, now, owner: null, size });
    return { hash, size, uploader: null };
  }

  if (!uploaderHeader || !/^0x[0-9a-fA-F]{40}$/.test(uploaderHeader) || !expiryHeader || !/^(0|[1-9][0-9]{0,19})$/.test(expiryHeader)) {
    throw new SutureError("BLOB_UNSIGNED", `a signed upload names its uploader (${BLOB_HEADERS.uploader}) and expiry (${BLOB_HEADERS.expiry})`);
  }
  const expiry = BigInt(expiryHeader);
  if (expiry < BigInt(now) || expiry > BigInt(now + policy.authMaxSeconds)) {
    throw new SutureError("BLOB_AUTH_EXPIRED", undefined, { expiry, now, authMaxSeconds: policy.authMaxSeconds });
  }
  const uploader = recoverBlobUploader({ domain, upload: { hash, size, expiry }, signature: signature as Hex, claimed: uploaderHeader as Address });
  if (!store.hasBlob(hash)) checkStorageQuota({ state, store, policy, now, owner: uploader, size });
  return { hash, size, uploader };
}
