// The review tree (Poseidon, depth 20) that the STF folds review commitments into. Pure: the
// formulas are in ../protocol, the snarkjs verifier in ../proofs.
export { ReviewTree, type ReviewTreeProof } from "./ReviewTree";
export { BatchedReviewTree } from "./BatchedReviewTree";
