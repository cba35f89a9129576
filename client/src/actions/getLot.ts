// A medicine lot and whether it is recalled.
import type { SutureClient } from "../client/createSutureClient";
import type { LotView } from "../types/json";

export type GetLotParameters = { gtin: string; lot: string };
export type GetLotReturnType = LotView;

export async function getLot(client: SutureClient, { gtin, lot }: GetLotParameters): Promise<GetLotReturnType> {
  return client.request<GetLotReturnType>({ path: `/v1/lots/${gtin}/${encodeURIComponent(lot)}` });
}
