// The EIP-712 domain and the typed-data definition of every transaction type.
import type { TxSchema } from "../../../sequencer/src/protocol";
import type { SutureClient } from "../client/createSutureClient";

export type GetSchemaParameters = Record<never, never>;
export type GetSchemaReturnType = TxSchema;

export async function getSchema(client: SutureClient, _parameters: GetSchemaParameters = {}): Promise<GetSchemaReturnType> {
  return client.request<GetSchemaReturnType>({ path: `/v1/schema` });
}
