// An account's balance, nonce, published encryption key and roles.
import type { Address } from "viem";
import type { SutureClient } from "../client/createSutureClient";
import type { AccountView } from "../types/json";

export type GetAccountParameters = { address: Address };
export type GetAccountReturnType = AccountView;

export async function getAccount(client: SutureClient, { address }: GetAccountParameters): Promise<GetAccountReturnType> {
  return client.request<GetAccountReturnType>({ path: `/v1/accounts/${address}` });
}
