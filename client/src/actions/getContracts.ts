// The L1 contracts the node follows: bridge (and review verifier) addresses, ABIs, deployment
// block, chain ids and the hashes to check them by.
import type { SutureClient } from "../client/createSutureClient";
import type { ContractsView } from "../types/json";

export type GetContractsParameters = Record<never, never>;
export type GetContractsReturnType = ContractsView;

export async function getContracts(client: SutureClient, _parameters: GetContractsParameters = {}): Promise<GetContractsReturnType> {
  return client.request<GetContractsReturnType>({ path: "/v1/contracts" });
}
