// The authorization of a blob upload (docs/protocol.md "Blob upload authorization"): the uploader
// signs EIP-712 `BlobUpload(bytes32 hash,uint32 size,uint64 expiry)` in the same "Suture" domain
// as transactions. It is not a transaction: nothing goes on chain, the node checks it before it
// reads the body and counts the bytes against the signer's storage quota. An expiry instead of a
// nonce is enough: blobs are content-addressed, so replaying an authorization can only store the
// same bytes again, which the node treats as already stored.
import type { Address, Hex } from "viem";
import { hexToBytes, uintToBytes } from "../crypto/bytes";
import { keccak256, keccak256Parts } from "../crypto/keccak256";
import { SutureError } from "../errors";
import { privateKeyToAddress, recoverSigner, signDigest } from "./signature";
import { domainSeparator, EIP712_DOMAIN_FIELDS, EIP712_PREFIX, type SutureDomain } from "./typedData";

export const BLOB_UPLOAD_TYPE = "BlobUpload";

export const BLOB_UPLOAD_FIELDS = [
  { name: "hash", type: "bytes32" },
  { name: "size", type: "uint32" },
  { name: "expiry", type: "uint64" },
] as const;

/** What the uploader signs: the blob's keccak256, its length in bytes, and the last second (epoch) the authorization is good for. */
export type BlobUpload = { hash: Hex; size: number; expiry: bigint };

const TYPE_STRING = `${BLOB_UPLOAD_TYPE}(${BLOB_UPLOAD_FIELDS.map((f) => `${f.type} ${f.name}`).join(",")})`;
const TYPE_HASH = keccak256(Buffer.from(TYPE_STRING));
const UINT32_MAX = 2 ** 32 - 1;
const UINT64_MAX = (1n << 64n) - 1n;

/** The `types` object for viem's signTypedData / eth_signTypedData_v4 (EIP712Domain included). */
export function blobUploadTypes(): Record<string, Array<{ name: string; type: string }>> {
  return { EIP712Domain: [...EIP712_DOMAIN_FIELDS], [BLOB_UPLOAD_TYPE]: BLOB_UPLOAD_FIELDS.map((f) => ({ ...f })) };
}

/** The type string (encodeType) and its keccak256, as the golden vectors pin them. */
export const BLOB_UPLOAD_TYPE_STRING = TYPE_STRING;
export const BLOB_UPLOAD_TYPE_HASH: Uint8Array = TYPE_HASH;

function checkUpload({ hash, size, expiry }: BlobUpload): void {
  if (!/^0x[0-9a-fA-F]{64}$/.test(hash)) throw new SutureError("INVALID_FIELD", "hash must be 32 bytes of 0x hex", { field: "hash" });
  if (!Number.isInteger(size) || size < 0 || size > UINT32_MAX) throw new SutureError("INVALID_FIELD", "size must be a uint32", { field: "size" });
  if (expiry < 0n || expiry > UINT64_MAX) throw new SutureError("INVALID_FIELD", "expiry must be a uint64", { field: "expiry" });
}

/** EIP-712 hashStruct of an upload. */
export function blobUploadStructHash(upload: BlobUpload): Uint8Array {
  checkUpload(upload);
  return keccak256Parts(TYPE_HASH, hexToBytes(upload.hash), uintToBytes(BigInt(upload.size), 32), uintToBytes(upload.expiry, 32));
}

/** The digest the uploader signs: keccak256(0x19 ‖ 0x01 ‖ domainSeparator ‖ hashStruct(upload)). */
export function blobUploadDigest(domain: SutureDomain, upload: BlobUpload): Uint8Array {
  return keccak256Parts(EIP712_PREFIX, domainSeparator(domain), blobUploadStructHash(upload));
}

export type SignBlobUploadParameters = { domain: SutureDomain; privateKey: Hex; upload: BlobUpload };

/** Signs an upload with libsecp256k1 (65 bytes r ‖ s ‖ v, low s), as transactions are signed. */
export function signBlobUpload({ domain, privateKey, upload }: SignBlobUploadParameters): { uploader: Address; signature: Hex } {
  return { uploader: privateKeyToAddress(privateKey), signature: signDigest(privateKey, blobUploadDigest(domain, upload)) };
}

export type RecoverBlobUploaderParameters = {
  domain: SutureDomain;
  upload: BlobUpload;
  signature: Hex;
  /** The uploader the request names; must be the recovered signer (BAD_SIGNATURE otherwise). */
  claimed: Address;
};

/** The signer of an upload authorization; BAD_SIGNATURE when it is not `claimed`. */
export function recoverBlobUploader({ domain, upload, signature, claimed }: RecoverBlobUploaderParameters): Address {
  const signer = recoverSigner(blobUploadDigest(domain, upload), signature);
  if (signer !== claimed.toLowerCase()) {
    throw new SutureError("BAD_SIGNATURE", "the upload signature does not recover the uploader (wrong key, hash, size, expiry or domain?)", {
      uploader: claimed,
      recovered: signer,
    });
  }
  return signer;
}
