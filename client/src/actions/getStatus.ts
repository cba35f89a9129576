// Node status: mode, chain id, bridge, height, batches and finality, verifier progress.
import type { SutureClient } from "../client/createSutureClient";
import type { NodeStatus } from "../types/json";

export type GetStatusParameters = Record<never, never>;
export type GetStatusReturnType = NodeStatus;

export async function getStatus(client: SutureClient, _parameters: GetStatusParameters = {}): Promise<GetStatusReturnType> {
  return client.request<GetStatusReturnType>({ path: `/v1/status` });
}
