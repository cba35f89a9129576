// A doctor's verified anonymous reviews, with replies.
import type { Address } from "viem";
import type { SutureClient } from "../client/createSutureClient";
import type { DoctorReviewsView } from "../types/json";

export type GetDoctorReviewsParameters = { address: Address };
export type GetDoctorReviewsReturnType = DoctorReviewsView;

export async function getDoctorReviews(client: SutureClient, { address }: GetDoctorReviewsParameters): Promise<GetDoctorReviewsReturnType> {
  return client.request<GetDoctorReviewsReturnType>({ path: `/v1/doctors/${address}/reviews` });
}
