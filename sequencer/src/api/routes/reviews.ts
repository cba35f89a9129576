// Reviews: a doctor's verified anonymous reviews (a page at a time, from the reviews-by-doctor
// index), and the review tree as provers need it: every leaf, so a client builds its own path
// without telling the node which leaf is theirs, served from a leaf index on so a prover that
// keeps its copy fetches only the leaves added since.
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { Address } from "viem";
import { AddressParams, DoctorReviews, DoctorReviewsQuery, REVIEW_LEAVES_LIMIT_DEFAULT, ReviewTreeJson, ReviewTreeQuery, withErrors } from "../../protocol/api";
import { REVIEW_TREE_DEPTH } from "../../protocol";
import { found } from "../found";
import { indexPage } from "../pages";
import type { NodeServices } from "../services";
import { toJson } from "../json";

export const reviewRoutes: FastifyPluginAsyncTypebox<{ services: NodeServices }> = async (app, { services }) => {
  app.get(
    "/v1/doctors/:address/reviews",
    {
      schema: {
        summary: "Verified anonymous reviews of a doctor, with replies, a page at a time",
        params: AddressParams,
        querystring: DoctorReviewsQuery,
        response: withErrors(DoctorReviews),
      },
    },
    async (request) => {
      const st = services.chain.state;
      const a = request.params.address.toLowerCase() as Address;
      found(st.get("doctor", a), "doctor", a);
      const page = indexPage(st.reviewsByDoctor, a, request.query, (id) => st.get("review", id.toString()));
      return toJson({ doctor: a, reviews: page.items, next: page.next });
    },
  );

  app.get(
    "/v1/reviews/tree",
    {
      schema: {
        summary: "Review-tree root, size, recent roots and the leaves from index `from` (keep them and fetch only new ones; build your path locally)",
        querystring: ReviewTreeQuery,
        response: withErrors(ReviewTreeJson),
      },
    },
    async (request) => {
      const meta = services.chain.state.get("reviewTree", "")!;
      const from = request.query.from ?? 0;
      const limit = request.query.limit ?? REVIEW_LEAVES_LIMIT_DEFAULT;
      // The tree's leaves are a live array of the folded leaves (meta.size of them): a slice is O(page).
      const end = Math.min(from + limit, meta.size);
      const leaves = from < end ? services.chain.state.reviewTree.leaves.slice(from, end) : [];
      return toJson({
        depth: REVIEW_TREE_DEPTH,
        root: meta.root,
        size: meta.size,
        recentRoots: meta.recentRoots,
        from,
        leaves,
        next: end < meta.size ? end : null,
      });
    },
  );
};
