// Reads a record: fetches the ciphertext, checks it against the registered hash, unwraps this
// account's key and decrypts. RecordTamperedError, WrongKeyError and NotAReaderError say why not.
import type { Hex, LocalAccount } from "viem";
import type { SutureAccount } from "../accounts";
import type { SutureClient } from "../client/createSutureClient";
import { openRecord, type OpenRecordReturnType } from "../records";
import { findRecordKey } from "./findRecordKey";
import { getBlob } from "./getBlob";

export type DecryptRecordParameters = { recordId: bigint; signer?: Hex | LocalAccount | SutureAccount };
export type DecryptRecordReturnType = OpenRecordReturnType & { recordId: bigint; subject: Hex; author: Hex };

export async function decryptRecord(client: SutureClient, parameters: DecryptRecordParameters): Promise<DecryptRecordReturnType> {
  const { record, wrappedKey, encryptionPrivateKey } = await findRecordKey(client, parameters);
  const ciphertext = await getBlob(client, { hash: record.ciphertextHash });
  const opened = openRecord({ ciphertext, ciphertextHash: record.ciphertextHash, wrappedKey, encryptionPrivateKey });
  return { ...opened, recordId: parameters.recordId, subject: record.subject, author: record.author };
}
