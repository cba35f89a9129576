// Creates an encrypted record: seals the content for every reader (their published encryption
// keys), uploads the ciphertext to the blob store, and registers it with CreateRecord (signed by
// the subject, or by a doctor treating the subject).
import type { Address, Hex, LocalAccount } from "viem";
import type { SutureAccount } from "../accounts";
import { resolveAccount, type SutureClient } from "../client/createSutureClient";
import { sealRecord, type RecordContent } from "../records";
import { defineTransaction, type TransactionReceipt } from "./defineTransaction";
import { getEncryptionKey } from "./getEncryptionKey";
import { uploadBlob } from "./uploadBlob";

export type CreateRecordParameters = {
  subject: Address;
  content: RecordContent;
  /** Who may read it; the author is added when missing, so they can re-share it. */
  readers: readonly Address[];
  signer?: Hex | LocalAccount | SutureAccount;
};
export type CreateRecordReturnType = TransactionReceipt & { recordId: bigint; ciphertextHash: Hex };

const send = defineTransaction<"CreateRecord", { recordId: bigint }>("CreateRecord");

export async function createRecord(
  client: SutureClient,
  { subject, content, readers, signer: accountParam }: CreateRecordParameters,
): Promise<CreateRecordReturnType> {
  const account = resolveAccount(client, accountParam);
  const all = [...new Set([...readers, account.address].map((a) => a.toLowerCase() as Address))];
  const keyed = await Promise.all(all.map(async (reader) => ({ reader, encryptionKey: await getEncryptionKey(client, { address: reader }) })));
  const sealed = sealRecord({ content, readers: keyed });
  await uploadBlob(client, { data: sealed.ciphertext, signer: account });
  const receipt = await send(client, { subject, ciphertextHash: sealed.ciphertextHash, readers: sealed.readers, signer: account });
  return { ...receipt, ciphertextHash: sealed.ciphertextHash };
}
