// Every error code the node answers with, its HTTP status and message.
import type { SutureClient } from "../client/createSutureClient";
import type { ErrorCatalogueView } from "../types/json";

export type GetErrorCatalogueParameters = Record<never, never>;
export type GetErrorCatalogueReturnType = ErrorCatalogueView["errors"];

export async function getErrorCatalogue(client: SutureClient, _parameters: GetErrorCatalogueParameters = {}): Promise<GetErrorCatalogueReturnType> {
  return (await client.request<ErrorCatalogueView>({ path: "/v1/errors" })).errors;
}
