// End of block: the review leaves queued by the block's closed surgeries go into the Poseidon
// tree in one batch, and the new root joins the window of roots review proofs may use.
import type { State } from "../state";

export function sealReviewTree(state: State): void {
  const meta = state.get("reviewTree", "")!;
  if (meta.pending.length === 0) return;
  state.reviewTree.insertMany(meta.pending);
  const root = state.reviewTree.root;
  state.put("reviewTree", "", {
    root,
    size: state.reviewTree.size,
    pending: [],
    recentRoots: [...meta.recentRoots, root].slice(-state.params.reviewRootHistory),
  });
  state.commit();
}
