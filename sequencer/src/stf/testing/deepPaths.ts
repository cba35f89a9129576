// Deep state-tree paths for witness tests: filler leaves next to the keys a step touches, so its
// inclusion and exclusion proofs carry long sibling lists, as in a tree of millions of leaves.
import { leafKey, type State } from "../../state";
import type { Prng } from "./prng";

/** A copy of `key` sharing exactly its first `i` bits (bit i flipped, later bits random): a state-tree neighbour at depth i. */
export function siblingKey(rng: Prng, key: Uint8Array, i: number): Uint8Array {
  const out = Uint8Array.from(key);
  const tail = rng.bytes(32);
  out[i >> 3] = ((out[i >> 3]! ^ (0x80 >> (i & 7))) & (0xff00 >> ((i & 7) + 1))) | (tail[i >> 3]! & (0xff >> ((i & 7) + 1)));
  for (let b = (i >> 3) + 1; b < 32; b++) out[b] = tail[b]!;
  return out;
}

/**
 * Dry-runs `step` to find the leaves it touches (the state is left as it was), then plants
 * random filler leaves sharing 0..`depth` leading bits with each. Changes the root, not any leaf
 * the STF reads.
 */
export function plantNeighbours(state: State, rng: Prng, depth: number, step: () => unknown): void {
  state.checkpoint();
  const { accessed } = state.recordAccess(step);
  state.revertToCheckpoint();
  state.releaseCheckpoint();
  for (const { ns, id } of accessed) {
    const key = leafKey(ns, id);
    for (let d = 0; d <= depth; d++) state.tree.set(siblingKey(rng, key, d), rng.bytes(32));
  }
}
