// Encrypted records: the chain holds who may read what (wrapped keys), never the content.
import { reject } from "../../errors";
import type { Tx } from "../../protocol";
import { nextId, type HandlerContext, type HandlerResult } from "../context";
import { hasDuplicates } from "../validation";

const MAX_READERS = 16;

export function createRecord({ st, tx, from, block }: HandlerContext<Tx<"CreateRecord">>): HandlerResult {
  const { subject, ciphertextHash, readers } = tx.message;
  if (from !== subject && !(st.get("doctor", from) && st.get("relation", `${from}:${subject}`))) reject("NOT_TREATING_DOCTOR");
  if (readers.length === 0 || readers.length > MAX_READERS || hasDuplicates(readers, (r) => r.reader) || readers.some((r) => r.wrappedKey === "0x")) {
    reject("INVALID_RECORD", `1 to ${MAX_READERS} distinct readers with wrapped keys`);
  }
  const id = nextId(st, "nextRecordId");
  st.put("record", id.toString(), { id, subject, author: from, ciphertextHash, readers, createdAt: block.timestamp });
  return { recordId: id };
}

export function grantAccess({ st, tx, from }: HandlerContext<Tx<"GrantAccess">>): HandlerResult {
  const { recordId, reader, wrappedKey } = tx.message;
  const record = st.get("record", recordId.toString()) ?? reject("RECORD_NOT_FOUND");
  if (record.subject !== from) reject("NOT_RECORD_SUBJECT");
  if (record.readers.some((r) => r.reader === reader)) reject("READER_EXISTS");
  if (wrappedKey === "0x" || record.readers.length >= MAX_READERS) reject("INVALID_RECORD", `1 to ${MAX_READERS} readers with wrapped keys`);
  st.put("record", record.id.toString(), { ...record, readers: [...record.readers, { reader, wrappedKey }] });
  return {};
}

export function revokeAccess({ st, tx, from }: HandlerContext<Tx<"RevokeAccess">>): HandlerResult {
  const { recordId, reader } = tx.message;
  const record = st.get("record", recordId.toString()) ?? reject("RECORD_NOT_FOUND");
  if (record.subject !== from) reject("NOT_RECORD_SUBJECT");
  if (!record.readers.some((r) => r.reader === reader)) reject("READER_NOT_FOUND");
  st.put("record", record.id.toString(), { ...record, readers: record.readers.filter((r) => r.reader !== reader) });
  return {};
}
