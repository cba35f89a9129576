// The EIP-712 domain and the typed-data definition of every transaction type.
import type { SutureClient } from "../client/createSutureClient";
import type { TxSchemaView } from "../types/json";

export type GetSchemaParameters = Record<never, never>;
export type GetSchemaReturnType = TxSchemaView;

export async function getSchema(client: SutureClient, _parameters: GetSchemaParameters = {}): Promise<GetSchemaReturnType> {
  return client.request<GetSchemaReturnType>({ path: `/v1/schema` });
}
