// The caller's way into a record: its metadata, its wrapped key for this account, and the
// account's encryption private key. Shared by decryptRecord and grantAccess.
import type { Hex, LocalAccount } from "viem";
import { deriveEncryptionKey, requirePrivateKey, type SutureAccount } from "../accounts";
import { resolveAccount, type SutureClient } from "../client/createSutureClient";
import { NotAReaderError } from "../errors";
import type { RecordView } from "../types/json";
import { getRecord } from "./getRecord";

export type FindRecordKeyParameters = { recordId: bigint; signer?: Hex | LocalAccount | SutureAccount };
export type FindRecordKeyReturnType = { record: RecordView; wrappedKey: Hex; encryptionPrivateKey: Uint8Array; account: SutureAccount };

export async function findRecordKey(client: SutureClient, { recordId, signer: accountParam }: FindRecordKeyParameters): Promise<FindRecordKeyReturnType> {
  const account = resolveAccount(client, accountParam);
  const record = await getRecord(client, { recordId });
  const entry = record.readers.find((r) => r.reader.toLowerCase() === account.address);
  if (!entry) throw new NotAReaderError({ recordId: recordId.toString(), account: account.address });
  const { privateKey } = deriveEncryptionKey({ privateKey: requirePrivateKey(account, "decryption") });
  return { record, wrappedKey: entry.wrappedKey, encryptionPrivateKey: privateKey, account };
}
