// Client side of anonymous reviews: derive the per-case secret, prove membership, size the
// anonymity set.
export { deriveReviewSecret, REVIEW_SECRET_DOMAIN, type DeriveReviewSecretParameters } from "./deriveReviewSecret";
export {
  createReviewProver,
  type CreateReviewProverParameters,
  type ProveReviewParameters,
  type ProveReviewReturnType,
  type ReviewProver,
} from "./createReviewProver";
export {
  anonymitySetSize,
  SMALL_ANONYMITY_SET,
  type AnonymitySetSizeParameters,
  type AnonymitySetSizeReturnType,
} from "./anonymitySetSize";
export { deriveReviewCommitment, type DeriveReviewCommitmentParameters } from "./deriveReviewCommitment";
export { createReviewTreeMirror, type ReviewTreeMirror, type SyncReviewTreeReturnType } from "./createReviewTreeMirror";
