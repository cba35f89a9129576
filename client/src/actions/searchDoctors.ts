// Doctor search with the node's open ranking formula (returned with the results): filters for
// specialty, distance from a point, minimum (Bayesian) rating, license status and insurer; one
// page of the ranking, the next after the answer's `next` (null on the last page).
import type { Static } from "@sinclair/typebox";
import type { DoctorSearchQuery } from "../../../sequencer/src/protocol/api";
import type { SutureClient } from "../client/createSutureClient";
import type { DoctorSearchView } from "../types/json";
import { queryString } from "../utils/queryString";

/** The route's query schema: specialty, lat/lon + maxKm, minRating, license (ACTIVE by default), insurer, limit, after. */
export type SearchDoctorsParameters = Static<typeof DoctorSearchQuery>;

export type SearchDoctorsReturnType = DoctorSearchView;

export async function searchDoctors(client: SutureClient, parameters: SearchDoctorsParameters = {}): Promise<SearchDoctorsReturnType> {
  return client.request<SearchDoctorsReturnType>({ path: `/v1/doctors${queryString(parameters)}` });
}
