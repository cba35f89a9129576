// The content-addressed blob store: POST /v1/blobs (raw bytes in, authorized by the uploader's
// EIP-712 BlobUpload signature in headers: docs/protocol.md "Blob upload authorization"),
// GET /v1/blobs/:hash, and an account's storage quota (GET /v1/accounts/:address/storage).
import { Type } from "@sinclair/typebox";
import { Address, Bytes32, Count, hex, Uint } from "./primitives";

/** The request headers of an upload (lower case, as HTTP/2 and fastify give them). */
export const BLOB_HEADERS = {
  hash: "suture-blob-hash",
  size: "suture-blob-size",
  uploader: "suture-uploader",
  expiry: "suture-expiry",
  signature: "suture-signature",
} as const;

const Decimal = (description: string, maxLength: number) => Type.String({ pattern: "^(0|[1-9][0-9]*)$", maxLength, description });

export const BlobUploadHeaders = Type.Object({
  [BLOB_HEADERS.hash]: hex("bytes32", { description: "keccak256 of the body" }),
  [BLOB_HEADERS.size]: Decimal("length of the body in bytes (uint32)", 10),
  [BLOB_HEADERS.uploader]: Type.Optional(hex("address", { description: "the account the upload is charged to; the signature must recover it" })),
  [BLOB_HEADERS.expiry]: Type.Optional(Decimal("last second (Unix time) the authorization is good for (uint64); at most an hour ahead", 20)),
  [BLOB_HEADERS.signature]: Type.Optional(
    Type.String({
      pattern: "^0x[0-9a-fA-F]{130}$",
      description: "65-byte signature of EIP-712 BlobUpload(hash, size, expiry) in the Suture domain; omit only for the text of a posted review",
    }),
  ),
});

export const BlobStored = Type.Object({
  hash: Bytes32,
  size: Count,
  stored: Type.Boolean({ description: "false when the blob was already stored (nothing was counted)" }),
});
export const BlobParams = Type.Object({ hash: Bytes32 });
/** Raw bytes (application/octet-stream), in a request body or an answer. */
export const Binary = Type.Unsafe<Uint8Array>({ type: "string", format: "binary", description: "raw bytes" });

export const StorageQuota = Type.Object({
  address: Address,
  used: Count,
  blobs: Count,
  allowed: Type.Integer({ minimum: 0, description: "bytes this account may hold now: min(accountMaxBytes, balance / perByte)" }),
  balance: Uint,
  perByte: Uint,
  limits: Type.Object({
    blobMaxBytes: Count,
    accountMaxBytes: Count,
    nodeMaxBytes: Count,
    authMaxSeconds: Type.Integer({ minimum: 1, description: "how far ahead an upload's expiry may be" }),
  }),
  node: Type.Object({ used: Count, blobs: Count }),
});
