// Stores the body of an authorized upload: it must have the stated length and hash, and the quota
// is checked again in the same synchronous step as the write, since other uploads of the same
// account may have been stored while this body was being read.
import { bytesToHex } from "../crypto/bytes";
import { keccak256 } from "../crypto/keccak256";
import { SutureError } from "../errors";
import type { State } from "../state";
import type { Store } from "../store";
import type { AuthorizedUpload } from "./authorizeUpload";
import type { BlobPolicy } from "./policy";
import { checkStorageQuota } from "./storageQuota";

export type StoreBlobParameters = { upload: AuthorizedUpload; data: Uint8Array; state: State; store: Store; policy: BlobPolicy; now: number };

export type StoreBlobReturnType = { hash: AuthorizedUpload["hash"]; size: number; stored: boolean };

export function storeBlob({ upload, data, state, store, policy, now }: StoreBlobParameters): StoreBlobReturnType {
  const hash = bytesToHex(keccak256(data));
  if (data.length !== upload.size || hash !== upload.hash) {
    throw new SutureError("BLOB_MISMATCH", undefined, { signedSize: upload.size, size: data.length, signedHash: upload.hash, hash });
  }
  if (store.hasBlob(hash)) return { hash, size: data.length, stored: false };
  checkStorageQuota({ state, store, policy, now, owner: upload.uploader, size: data.length });
  return { hash, size: data.length, stored: store.putBlob({ hash, data, owner: upload.uploader, at: now }) };
}
