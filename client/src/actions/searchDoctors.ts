// Doctor search with the node's open ranking formula (returned with the results): filters for
// specialty, distance from a point, minimum (Bayesian) rating, license status and insurer.
import type { Address } from "viem";
import type { SutureClient } from "../client/createSutureClient";
import type { DoctorProfile } from "../types/json";
import { queryString } from "../utils/queryString";

export type SearchDoctorsParameters = {
  specialty?: string;
  lat?: number;
  lon?: number;
  maxKm?: number;
  minRating?: number;
  /** ACTIVE (default): only doctors with an active, unexpired license. */
  license?: "ACTIVE" | "ANY";
  insurer?: Address;
  limit?: number;
};

export type SearchDoctorsReturnType = { formula: string; results: (DoctorProfile & { distanceKm: number | null })[] };

export async function searchDoctors(client: SutureClient, parameters: SearchDoctorsParameters = {}): Promise<SearchDoctorsReturnType> {
  return client.request<SearchDoctorsReturnType>({ path: `/v1/doctors${queryString(parameters)}` });
}
