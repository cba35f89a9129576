// Reviews: a doctor's verified anonymous reviews, and the review tree as provers need it (every
// leaf, so a client builds its own path without telling the node which leaf is theirs).
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { Address } from "viem";
import { AddressParams, DoctorReviews, ReviewTreeJson, withErrors } from "../../protocol/api";
import { REVIEW_TREE_DEPTH } from "../../protocol";
import { found } from "../found";
import type { NodeServices } from "../services";
import { toJson } from "../json";

export const reviewRoutes: FastifyPluginAsyncTypebox<{ services: NodeServices }> = async (app, { services }) => {
  app.get(
    "/v1/doctors/:address/reviews",
    { schema: { summary: "Verified anonymous reviews of a doctor, with replies", params: AddressParams, response: withErrors(DoctorReviews) } },
    async (request) => {
      const st = services.chain.state;
      const a = request.params.address.toLowerCase() as Address;
      found(st.get("doctor", a), "doctor", a);
      const reviews = [...st.entries("review")].map(([, r]) => r).filter((r) => r.doctor === a);
      return toJson({ doctor: a, reviews });
    },
  );

  app.get(
    "/v1/reviews/tree",
    { schema: { summary: "Review-tree root, recent roots and all leaves (build your path locally)", response: withErrors(ReviewTreeJson) } },
    async () => {
      const meta = services.chain.state.get("reviewTree", "")!;
      return toJson({
        depth: REVIEW_TREE_DEPTH,
        root: meta.root,
        size: meta.size,
        recentRoots: meta.recentRoots,
        leaves: services.chain.state.reviewTree.leaves,
      });
    },
  );
};
