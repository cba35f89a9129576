// Review proofs on the node side: the formulas of docs/protocol.md "Reviews", the review tree,
// the public-signal layout, proof packing and the snarkjs-backed verifier.
export { BN254_BASE_FIELD, REVIEW_PUBLIC_SIGNALS, REVIEW_TREE_DEPTH, SNARK_SCALAR_FIELD } from "./constants";
export { assertInField, isInBaseField, isInField } from "./isInField";
export { doctorToField, reviewCommitment, reviewLeaf, reviewNullifier } from "./reviewHashes";
export { reviewMessage, type ReviewMessageParameters } from "./reviewMessage";
export { ReviewTree, type ReviewTreeProof } from "./ReviewTree";
export { BatchedReviewTree } from "./BatchedReviewTree";
export { reviewPublicSignals, type ReviewPublicSignalsParameters } from "./reviewPublicSignals";
export { packProof, unpackProof, type PackedProof } from "./packProof";
export {
  createReviewProofVerifier,
  isCanonicalReviewProof,
  loadReviewVerificationKey,
  type CreateReviewProofVerifierParameters,
  type ReviewProofVerifier,
  type VerifyReviewProofParameters,
} from "./createReviewProofVerifier";
