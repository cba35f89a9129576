// A record's metadata and wrapped keys (never its content).
import type { SutureClient } from "../client/createSutureClient";
import type { RecordView } from "../types/json";

export type GetRecordParameters = { recordId: bigint };
export type GetRecordReturnType = RecordView;

export async function getRecord(client: SutureClient, { recordId }: GetRecordParameters): Promise<GetRecordReturnType> {
  return client.request<GetRecordReturnType>({ path: `/v1/records/${recordId}` });
}
