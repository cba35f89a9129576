// Reviews: a doctor's verified anonymous reviews (GET /v1/doctors/:address/reviews) and the
// review tree provers build their path from (GET /v1/reviews/tree).
import { Type } from "@sinclair/typebox";
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

export const DoctorReviews = Type.Object({ doctor: Address, reviews: Type.Array(ReviewJson) });

export const ReviewTreeJson = Type.Object({
  depth: Type.Integer({ description: "the tree's fixed depth (the circuit takes this many siblings)" }),
  root: Uint,
  size: Count,
  recentRoots: Type.Array(Uint, { description: "roots a proof may use, oldest first" }),
  leaves: Type.Array(Uint, { description: "every leaf in insertion order: build your own path without telling the node which leaf is yours" }),
});
