// The public review commitment of a case, Poseidon1(s), with s derived from the patient's key and
// the case id: what CloseSurgery / AddReviewCommitment publish and PostReview later proves.
import type { Hex } from "viem";
import { reviewCommitment } from "../../../sequencer/src/protocol/reviews/reviewHashes";
import { deriveReviewSecret } from "./deriveReviewSecret";

export type DeriveReviewCommitmentParameters = { privateKey: Hex; caseId: bigint };

export function deriveReviewCommitment({ privateKey, caseId }: DeriveReviewCommitmentParameters): bigint {
  return reviewCommitment(deriveReviewSecret({ privateKey, caseId }));
}
