// Doctor search with the node's open ranking formula (returned with the results): filters for
// specialty, distance from a point, minimum (Bayesian) rating, license status and insurer.
import type { SearchDoctorsParameters as NodeSearchParameters } from "../../../sequencer/src/reputation/readModels";
import type { SutureClient } from "../client/createSutureClient";
import type { DoctorProfile } from "../types/json";
import { queryString } from "../utils/queryString";

/** The node's own filter type: specialty, lat/lon + maxKm, minRating, license (ACTIVE by default), insurer, limit. */
export type SearchDoctorsParameters = NodeSearchParameters;

export type SearchDoctorsReturnType = { formula: string; results: (DoctorProfile & { distanceKm: number | null })[] };

export async function searchDoctors(client: SutureClient, parameters: SearchDoctorsParameters = {}): Promise<SearchDoctorsReturnType> {
  return client.request<SearchDoctorsReturnType>({ path: `/v1/doctors${queryString(parameters)}` });
}
