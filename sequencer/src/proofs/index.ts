// Review-proof verification with snarkjs (loads the verification key from disk). Kept out of the
// STF's reach: the STF only looks up results the node verified before execution.
export {
  createReviewProofVerifier,
  isCanonicalReviewProof,
  loadReviewVerificationKey,
  type CreateReviewProofVerifierParameters,
  type ReviewProofVerifier,
  type VerifyReviewProofParameters,
} from "./createReviewProofVerifier";
