// Publishes the account's record encryption key (derived from its private key) with
// SetEncryptionKey, unless the node already has that very key.
import type { Hex, LocalAccount } from "viem";
import { deriveEncryptionKey, requirePrivateKey, type SutureAccount } from "../accounts";
import { resolveAccount, type SutureClient } from "../client/createSutureClient";
import { getAccount } from "./getAccount";
import { setEncryptionKey } from "./setEncryptionKey";
import type { TransactionReceipt } from "./submitTransaction";

export type PublishEncryptionKeyParameters = { signer?: Hex | LocalAccount | SutureAccount };
export type PublishEncryptionKeyReturnType = { encryptionKey: Hex; receipt: TransactionReceipt | null };

export async function publishEncryptionKey(
  client: SutureClient,
  { signer: accountParam }: PublishEncryptionKeyParameters = {},
): Promise<PublishEncryptionKeyReturnType> {
  const account = resolveAccount(client, accountParam);
  const { publicKey } = deriveEncryptionKey({ privateKey: requirePrivateKey(account, "an encryption key") });
  const current = await getAccount(client, { address: account.address });
  if (current.encryptionKey === publicKey) return { encryptionKey: publicKey, receipt: null };
  return { encryptionKey: publicKey, receipt: await setEncryptionKey(client, { encryptionKey: publicKey, signer: account }) };
}
