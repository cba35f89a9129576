// Anonymous reviews: unsigned PostReview checked by its Groth16 proof, and the doctor's reply.
import { reject } from "../../errors";
import type { Tx } from "../../protocol";
import { BN254_BASE_FIELD, reviewMessage, reviewPublicSignals, SNARK_SCALAR_FIELD } from "../../protocol";
import type { State } from "../../state";
import { getDoctor, nextId, updateDoctorStats, type HandlerContext, type HandlerResult } from "../context";

/** Checks a review proof against its public signals; the node injects a snarkjs-backed one. */
export type ReviewProofCheck = (input: { publicSignals: bigint[]; proof: bigint[] }) => boolean;

/**
 * Every check of a review except the proof, cheapest first. Admission runs these before it spends
 * a pairing check on the proof, so junk reviews cost the node almost nothing.
 */
export function checkReviewInputs(st: State, message: Tx<"PostReview">["message"]): void {
  const { doctor, rating, root, nullifier, proof } = message;
  if (rating < 1 || rating > 5) reject("INVALID_RATING");
  if (root >= SNARK_SCALAR_FIELD || nullifier >= SNARK_SCALAR_FIELD) reject("FIELD_OUT_OF_RANGE", undefined, { root, nullifier });
  if (proof.some((x) => x >= BN254_BASE_FIELD)) reject("FIELD_OUT_OF_RANGE", "a proof coordinate is not below the base field");
  getDoctor(st, doctor);
  if (!st.get("reviewTree", "")!.recentRoots.includes(root)) reject("UNKNOWN_ROOT", undefined, { root });
  if (st.get("nullifier", nullifier.toString())) reject("NULLIFIER_USED");
}

export function postReview(h: HandlerContext<Tx<"PostReview">>, checkProof: ReviewProofCheck): HandlerResult {
  const { st, tx, block } = h;
  const { doctor, rating, worthIt, textHash, root, nullifier, proof } = tx.message;
  checkReviewInputs(st, tx.message);
  const message = reviewMessage({ rating, worthIt, textHash });
  const publicSignals = reviewPublicSignals({ root, doctor, nullifier, message });
  if (!checkProof({ publicSignals, proof })) reject("INVALID_PROOF");
  const id = nextId(st, "nextReviewId");
  st.put("review", id.toString(), { id, doctor, rating, worthIt, textHash, nullifier, root, postedAt: block.timestamp, reply: null });
  st.put("nullifier", nullifier.toString(), { reviewId: id });
  updateDoctorStats(st, doctor, (s) => ({
    reviewCount: s.reviewCount + 1,
    ratingSum: s.ratingSum + rating,
    worthItCount: s.worthItCount + (worthIt ? 1 : 0),
  }));
  return { reviewId: id };
}

export function replyToReview({ st, tx, from, block }: HandlerContext<Tx<"ReplyToReview">>): HandlerResult {
  const review = st.get("review", tx.message.reviewId.toString()) ?? reject("REVIEW_NOT_FOUND");
  if (review.doctor !== from) reject("NOT_AUTHORIZED", "only the reviewed doctor replies");
  if (review.reply) reject("REPLY_EXISTS");
  st.put("review", review.id.toString(), { ...review, reply: { textHash: tx.message.textHash, at: block.timestamp } });
  return {};
}
