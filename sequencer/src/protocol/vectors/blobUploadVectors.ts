// Blob upload authorization vectors (docs/protocol.md, Blob upload authorization): the EIP-712
// type string and hash, and for each input the struct hash, the digest under the vector domain,
// the signature and the uploader it recovers, computed by the production code.
import { keccak256 as viemKeccak256, type Hex } from "viem";
import { bytesToHex, hexToBytes } from "../../crypto/bytes";
import {
  blobUploadDigest,
  blobUploadStructHash,
  BLOB_UPLOAD_FIELDS,
  BLOB_UPLOAD_TYPE_HASH,
  BLOB_UPLOAD_TYPE_STRING,
  signBlobUpload,
  type BlobUpload,
} from "../index";
import { BLOB_UPLOAD_INPUTS, KEYS } from "./inputs";
import { VECTOR_DOMAIN } from "./transactionVectors";
import { toJson, type Json } from "./vectorFiles";

/** The upload a vector input stands for: hash and size of its bytes, or given outright. */
export function blobUploadOf(input: (typeof BLOB_UPLOAD_INPUTS)[number]): BlobUpload {
  if ("data" in input) return { hash: viemKeccak256(input.data as Hex), size: hexToBytes(input.data).length, expiry: input.expiry };
  return { hash: input.hash, size: input.size, expiry: input.expiry };
}

export function computeBlobUploadVectors(): Json {
  return toJson({
    description:
      "Blob upload authorizations (docs/protocol.md, Blob upload authorization): the uploader signs EIP-712 BlobUpload(hash, size, expiry) " +
      "in the transactions' domain; digest = keccak256(0x1901 ‖ domainSeparator ‖ structHash). Not a transaction: nothing of it goes on chain.",
    domain: VECTOR_DOMAIN,
    fields: BLOB_UPLOAD_FIELDS,
    encodeType: BLOB_UPLOAD_TYPE_STRING,
    typeHash: bytesToHex(BLOB_UPLOAD_TYPE_HASH),
    vectors: BLOB_UPLOAD_INPUTS.map((input) => {
      const upload = blobUploadOf(input);
      const { uploader, signature } = signBlobUpload({ domain: VECTOR_DOMAIN, privateKey: KEYS[input.signer], upload });
      return {
        name: input.name,
        signer: input.signer,
        ...("data" in input ? { data: input.data } : {}),
        upload,
        structHash: bytesToHex(blobUploadStructHash(upload)),
        digest: bytesToHex(blobUploadDigest(VECTOR_DOMAIN, upload)),
        signature,
        uploader,
      };
    }),
  });
}
