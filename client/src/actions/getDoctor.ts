// A doctor's profile: specialties, location, license status and reputation stats.
import type { Address } from "viem";
import type { SutureClient } from "../client/createSutureClient";
import type { DoctorProfile } from "../types/json";

export type GetDoctorParameters = { address: Address };
export type GetDoctorReturnType = DoctorProfile;

export async function getDoctor(client: SutureClient, { address }: GetDoctorParameters): Promise<GetDoctorReturnType> {
  return client.request<GetDoctorReturnType>({ path: `/v1/doctors/${address}` });
}
