// The review tree's root, recent roots and every leaf (provers build their path locally).
import type { SutureClient } from "../client/createSutureClient";
import type { ReviewTreeView } from "../types/json";

export type GetReviewTreeParameters = Record<never, never>;
export type GetReviewTreeReturnType = ReviewTreeView;

export async function getReviewTree(client: SutureClient, _parameters: GetReviewTreeParameters = {}): Promise<GetReviewTreeReturnType> {
  return client.request<GetReviewTreeReturnType>({ path: `/v1/reviews/tree` });
}
