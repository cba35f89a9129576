// Verifies a medicine pack: registered, lot, expiry, status (RECALLED when its lot is).
import type { SutureClient } from "../client/createSutureClient";
import type { MedicineView } from "../types/json";

export type GetMedicineParameters = { gtin: string; serial: string };
export type GetMedicineReturnType = MedicineView;

export async function getMedicine(client: SutureClient, { gtin, serial }: GetMedicineParameters): Promise<GetMedicineReturnType> {
  return client.request<GetMedicineReturnType>({ path: `/v1/medicines/${gtin}/${encodeURIComponent(serial)}` });
}
