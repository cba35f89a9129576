// Proves a block's fold step (sealReviewTree) for L1: the state-tree witness of the step (the
// reviewTree leaf, and the params leaf when something is folded) plus what L1 needs of the
// Poseidon review tree, which lives outside the state tree (only its root and size are in the
// leaf): the siblings of the next free slot, index `size`. Checked against the leaf's root with a
// zero leaf there, they give L1 the left-hand nodes every later insertion hashes with (the
// incremental Merkle tree technique), so inserting the block's pending leaves needs nothing more.
// Twin: ChainStepsTwin.applyFold (l1-contracts/contracts/twin/handlers/ChainStepsTwin.sol).
import { encodeAbiParameters, type Hex } from "viem";
import { proveStep, type ProveStepReturnType, type State } from "../state";
import { abiWitness, WITNESS_ABI } from "../tree";
import { sealReviewTree } from "./sealReviewTree";

/** What the fold needs of the review tree: the siblings of index `size`, leaf level first (none when nothing is pending). */
export type FoldWitness = { siblings: bigint[] };

/** `ChainStepsTwin.FoldWitness` as an ABI parameter. */
export const FOLD_WITNESS_ABI = { type: "tuple", components: [{ name: "siblings", type: "uint256[]" }] } as const;

export type ProveFoldReturnType = ProveStepReturnType<void> & { fold: FoldWitness };

/**
 * Runs the fold step on `state` (exactly as sealReviewTree alone would) and returns its witness:
 * the state-tree part from proveStep and the review-tree path the insertions start from.
 */
export function proveFold(state: State): ProveFoldReturnType {
  const pending = state.get("reviewTree", "")!.pending.length;
  // Taken before the fold: the path of the first free slot in the tree the leaf's root commits to.
  const fold: FoldWitness = { siblings: pending === 0 ? [] : state.reviewTree.siblings(state.reviewTree.size) };
  return { ...proveStep(state, () => sealReviewTree(state)), fold };
}

/** The fold step's calldata witness: `abi.encode(WitnessedState.Witness, FoldWitness)`. */
export function encodeFoldWitness({ witness, fold }: Pick<ProveFoldReturnType, "witness" | "fold">): Hex {
  return encodeAbiParameters([WITNESS_ABI, FOLD_WITNESS_ABI], [abiWitness(witness), fold]);
}
