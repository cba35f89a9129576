// A doctor's verified anonymous reviews, with replies: one page, ids ascending. Pass the answer's
// `next` as `after` for the next page (null on the last).
import type { Address } from "viem";
import type { SutureClient } from "../client/createSutureClient";
import type { DoctorReviewsView } from "../types/json";
import { queryString } from "../utils/queryString";

export type GetDoctorReviewsParameters = {
  address: Address;
  /** Reviews per page (node default 50, at most 200). */
  limit?: number;
  /** The `next` of the previous page. */
  after?: string;
};
export type GetDoctorReviewsReturnType = DoctorReviewsView;

export async function getDoctorReviews(client: SutureClient, { address, ...page }: GetDoctorReviewsParameters): Promise<GetDoctorReviewsReturnType> {
  return client.request<GetDoctorReviewsReturnType>({ path: `/v1/doctors/${address}/reviews${queryString(page)}` });
}
