// GrantAccess, signed by the record's subject: unwraps the content key with the subject's own
// encryption key and wraps it for the new reader's published key; the content is not re-encrypted.
import type { Address, Hex, LocalAccount } from "viem";
import type { SutureAccount } from "../accounts";
import type { SutureClient } from "../client/createSutureClient";
import { unwrapContentKey, wrapContentKey } from "../records";
import { defineTransaction, type TransactionReceipt } from "./defineTransaction";
import { findRecordKey } from "./findRecordKey";
import { getEncryptionKey } from "./getEncryptionKey";

export type GrantAccessParameters = {
  recordId: bigint;
  reader: Address;
  /** A ready wrapped key; otherwise made from the subject's own wrap. */
  wrappedKey?: Hex;
  signer?: Hex | LocalAccount | SutureAccount;
};
export type GrantAccessReturnType = TransactionReceipt;

const send = defineTransaction<"GrantAccess">("GrantAccess");

export async function grantAccess(client: SutureClient, { recordId, reader, wrappedKey, signer }: GrantAccessParameters): Promise<GrantAccessReturnType> {
  if (!wrappedKey) {
    const own = await findRecordKey(client, { recordId, signer });
    const contentKey = unwrapContentKey(own.wrappedKey, own.encryptionPrivateKey);
    wrappedKey = wrapContentKey(contentKey, await getEncryptionKey(client, { address: reader }));
  }
  return send(client, { recordId, reader, wrappedKey, signer });
}
