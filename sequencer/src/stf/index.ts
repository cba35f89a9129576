// State transition function: deterministic and pure, shared by sequencer and verifier.
export { applyTransaction, type ApplyTransactionParameters, type Receipt } from "./applyTransaction";
export { applyDeposit, type Deposit, type ForcedTransaction, type QueueItem } from "./applyDeposit";
export { createGenesisState } from "./createGenesisState";
export { sealReviewTree } from "./sealReviewTree";
export { proveFold, encodeFoldWitness, FOLD_WITNESS_ABI, type FoldWitness, type ProveFoldReturnType } from "./proveFold";
export type { BlockContext, HandlerResult } from "./context";
export { checkReviewInputs, type ReviewProofCheck } from "./handlers/reviews";
export { addsReviewLeaf, REVIEW_TREE_CAPACITY } from "./handlers/close";
export { activeFeeSchedule, quoteFee } from "./fees";
export { isValidGtin, isValidNpi } from "./validation";
