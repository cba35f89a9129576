// One page of the review tree: its root, size and recent roots, and the leaves from index `from`
// (a prover keeps the leaves it has and asks only for the ones after them: createReviewTreeMirror).
import type { SutureClient } from "../client/createSutureClient";
import type { ReviewTreeView } from "../types/json";
import { queryString } from "../utils/queryString";

export type GetReviewTreeParameters = {
  /** Index of the first leaf wanted (default 0). */
  from?: number;
  /** Leaves per page (node default 1024, at most 8192). */
  limit?: number;
};
export type GetReviewTreeReturnType = ReviewTreeView;

export async function getReviewTree(client: SutureClient, parameters: GetReviewTreeParameters = {}): Promise<GetReviewTreeReturnType> {
  return client.request<GetReviewTreeReturnType>({ path: `/v1/reviews/tree${queryString(parameters)}` });
}
