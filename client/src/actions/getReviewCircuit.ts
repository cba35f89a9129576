// The review circuit's manifest: its files with sizes and sha256, the public signals in order and
// the input names.
import type { SutureClient } from "../client/createSutureClient";
import type { CircuitManifestView } from "../types/json";

export type GetReviewCircuitParameters = Record<never, never>;
export type GetReviewCircuitReturnType = CircuitManifestView;

export async function getReviewCircuit(client: SutureClient, _parameters: GetReviewCircuitParameters = {}): Promise<GetReviewCircuitReturnType> {
  return client.request<GetReviewCircuitReturnType>({ path: "/v1/circuits/review" });
}
