// The content-addressed blob store: POST /v1/blobs (raw bytes in) and GET /v1/blobs/:hash.
import { Type } from "@sinclair/typebox";
import { Bytes32, Count } from "./primitives";

export const BlobStored = Type.Object({ hash: Bytes32, size: Count });
export const BlobParams = Type.Object({ hash: Bytes32 });
/** Raw bytes (application/octet-stream), in a request body or an answer. */
export const Binary = Type.Unsafe<Uint8Array>({ type: "string", format: "binary", description: "raw bytes" });
