// A transaction's status: pending, included, batched, final or rejected.
import type { Hex } from "viem";
import type { SutureClient } from "../client/createSutureClient";
import type { TransactionStatus } from "../types/json";

export type GetTransactionParameters = { hash: Hex };
export type GetTransactionReturnType = TransactionStatus;

export async function getTransaction(client: SutureClient, { hash }: GetTransactionParameters): Promise<GetTransactionReturnType> {
  return client.request<GetTransactionReturnType>({ path: `/v1/tx/${hash}` });
}
