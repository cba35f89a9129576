// Reviews: a doctor's verified anonymous reviews (GET /v1/doctors/:address/reviews, paged) and
// the review tree provers build their path from (GET /v1/reviews/tree, served in pages of leaves
// so a prover fetches only what it has not seen).
import { Type } from "@sinclair/typebox";
import { IdPageQuery, NextId } from "./pages";
import { Address, Bytes32, Count, Nullable, Timestamp, Uint } from "./primitives";

export const ReviewJson = Type.Object({
  id: Uint,
  doctor: Address,
  rating: Type.Integer({ minimum: 1, maximum: 5 }),
  worthIt: Type.Boolean(),
  textHash: Bytes32,
  nullifier: Uint,
  root: Uint,
  postedAt: Timestamp,
  reply: Nullable(Type.Object({ textHash: Bytes32, at: Timestamp })),
});

export const DoctorReviews = Type.Object({ doctor: Address, reviews: Type.Array(ReviewJson, { description: "ids ascending" }), next: NextId });

export const DoctorReviewsQuery = Type.Object(IdPageQuery, { additionalProperties: false });

export const REVIEW_LEAVES_LIMIT_DEFAULT = 1024;
export const REVIEW_LEAVES_LIMIT_MAX = 8192;

export const ReviewTreeQuery = Type.Object(
  {
    from: Type.Optional(
      Type.Integer({ minimum: 0, default: 0, description: "index of the first leaf to return: the number of leaves the client already has" }),
    ),
    limit: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: REVIEW_LEAVES_LIMIT_MAX,
        default: REVIEW_LEAVES_LIMIT_DEFAULT,
        description: `leaves per page (default ${REVIEW_LEAVES_LIMIT_DEFAULT}, at most ${REVIEW_LEAVES_LIMIT_MAX})`,
      }),
    ),
  },
  { additionalProperties: false },
);

export const ReviewTreeJson = Type.Object({
  depth: Type.Integer({ description: "the tree's fixed depth (the circuit takes this many siblings)" }),
  root: Uint,
  size: Count,
  recentRoots: Type.Array(Uint, { description: "roots a proof may use, oldest first" }),
  from: Count,
  leaves: Type.Array(Uint, {
    description: "the leaves from index `from`, in insertion order: keep every leaf and build your own path, so the node never learns which leaf is yours",
  }),
  next: Nullable(Type.Integer({ minimum: 0, description: "the `from` of the next page; null once `from + leaves.length` is `size`" })),
});
