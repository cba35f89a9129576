// GET /v1/records?subject|reader (paged) and GET /v1/records/:id: a record's metadata and wrapped keys,
// never its content (the ciphertext is a blob).
import { Type } from "@sinclair/typebox";
import { IdPageQuery, NextId } from "./pages";
import { Address, Bytes32, HexBytes, Timestamp, Uint } from "./primitives";

export const ReaderKeyJson = Type.Object({ reader: Address, wrappedKey: HexBytes });

export const RecordJson = Type.Object({
  id: Uint,
  subject: Address,
  author: Address,
  ciphertextHash: Bytes32,
  readers: Type.Array(ReaderKeyJson),
  createdAt: Timestamp,
});

export const RecordList = Type.Object({ records: Type.Array(RecordJson, { description: "ids ascending" }), next: NextId });

export const RecordsQuery = Type.Object(
  {
    subject: Type.Optional(Address),
    reader: Type.Optional(Address),
    ...IdPageQuery,
  },
  { additionalProperties: false },
);
