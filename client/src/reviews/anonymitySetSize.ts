// How many closed surgeries a review hides among. A review proves "one of this doctor's leaves",
// so the set is the doctor's leaves present in the tree at the root the proof uses. The client
// shows the number and warns below SMALL_ANONYMITY_SET.
import type { Hex } from "viem";
import { reviewLeaf } from "../../../sequencer/src/protocol/reviews/reviewHashes";

/** Below this many surgeries the client warns that the review may be attributable. */
export const SMALL_ANONYMITY_SET = 10;

export type AnonymitySetSizeParameters = {
  /** The full leaf list of the review tree (as served by the node). */
  leaves: readonly bigint[];
  doctor: Hex;
  /** The doctor's published review commitments (one per closed surgery, from the node). */
  commitments: readonly bigint[];
};

export type AnonymitySetSizeReturnType = { size: number; small: boolean };

export function anonymitySetSize({ leaves, doctor, commitments }: AnonymitySetSizeParameters): AnonymitySetSizeReturnType {
  const inTree = new Set(leaves);
  const doctorLeaves = new Set(commitments.map((commitment) => reviewLeaf(commitment, doctor)));
  let size = 0;
  for (const leaf of doctorLeaves) if (inTree.has(leaf)) size += 1;
  return { size, small: size < SMALL_ANONYMITY_SET };
}
