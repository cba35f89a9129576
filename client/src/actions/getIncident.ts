// One incident.
import type { SutureClient } from "../client/createSutureClient";
import type { IncidentView } from "../types/json";

export type GetIncidentParameters = { incidentId: bigint };
export type GetIncidentReturnType = IncidentView;

export async function getIncident(client: SutureClient, { incidentId }: GetIncidentParameters): Promise<GetIncidentReturnType> {
  return client.request<GetIncidentReturnType>({ path: `/v1/incidents/${incidentId}` });
}
