// A patient's public reliability record (proposals, no-shows, late cancellations, ...).
import type { Address } from "viem";
import type { SutureClient } from "../client/createSutureClient";
import type { PatientReliability } from "../types/json";

export type GetPatientParameters = { address: Address };
export type GetPatientReturnType = PatientReliability;

export async function getPatient(client: SutureClient, { address }: GetPatientParameters): Promise<GetPatientReturnType> {
  return client.request<GetPatientReturnType>({ path: `/v1/patients/${address}` });
}
