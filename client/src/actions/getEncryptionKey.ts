// A reader's published encryption key, or NoEncryptionKeyError when they have none.
import type { Address, Hex } from "viem";
import type { SutureClient } from "../client/createSutureClient";
import { NoEncryptionKeyError } from "../errors";
import { getAccount } from "./getAccount";

export type GetEncryptionKeyParameters = { address: Address };
export type GetEncryptionKeyReturnType = Hex;

export async function getEncryptionKey(client: SutureClient, { address }: GetEncryptionKeyParameters): Promise<GetEncryptionKeyReturnType> {
  const { encryptionKey } = await getAccount(client, { address });
  if (!encryptionKey) throw new NoEncryptionKeyError(address);
  return encryptionKey;
}
