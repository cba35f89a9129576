// A prover's copy of the node's review tree. The node serves every leaf (a prover builds its own
// path, so the node never learns which leaf is theirs), a page at a time from a leaf index; the
// mirror keeps what it fetched and asks only for the leaves after it, so a long-lived prover
// downloads each leaf once. After each sync its root must be the node's: a node whose leaves do
// not hash to its root (or a chain reset under the mirror) is caught here, not by a failed proof.
import { BatchedReviewTree, type ReviewTreeProof } from "../../../sequencer/src/reviews";
import { getReviewTree } from "../actions/getReviewTree";
import type { SutureClient } from "../client/createSutureClient";
import { SutureClientError } from "../errors";

export type SyncReviewTreeReturnType = {
  root: bigint;
  size: number;
  /** Roots a proof may use, oldest first (the node's window). */
  recentRoots: bigint[];
  /** Leaves downloaded by this sync. */
  fetched: number;
  /** Pages requested by this sync. */
  requests: number;
};

export type ReviewTreeMirror = {
  /** The leaves held, in order (read them, don't change them). */
  readonly leaves: readonly bigint[];
  readonly size: number;
  readonly root: bigint;
  /** Fetches the leaves added since the last sync (every leaf the first time) and checks the root. */
  sync(client: SutureClient, parameters?: { pageSize?: number }): Promise<SyncReviewTreeReturnType>;
  /** Holds exactly `leaves`: appends when they extend what is held, rebuilds otherwise. */
  use(leaves: readonly bigint[]): void;
  indexOf(leaf: bigint): number;
  proof(index: number): ReviewTreeProof;
};

export function createReviewTreeMirror(): ReviewTreeMirror {
  let tree = new BatchedReviewTree();

  async function fetchFromHeld(client: SutureClient, pageSize: number | undefined) {
    let fetched = 0;
    let requests = 0;
    for (;;) {
      const page = await getReviewTree(client, { from: tree.size, limit: pageSize });
      requests++;
      // The node holds fewer leaves than we do: not the tree we mirror (reset or another chain).
      if (page.size < tree.size) return { page, fetched, requests, diverged: true };
      const leaves = page.leaves.map(BigInt);
      tree.insertMany(leaves);
      fetched += leaves.length;
      if (page.next === null || leaves.length === 0) {
        return { page, fetched, requests, diverged: tree.size !== page.size || tree.root !== BigInt(page.root) };
      }
    }
  }

  return {
    get leaves() {
      return tree.leaves;
    },
    get size() {
      return tree.size;
    },
    get root() {
      return tree.root;
    },
    async sync(client, { pageSize } = {}) {
      let { page, fetched, requests, diverged } = await fetchFromHeld(client, pageSize);
      if (diverged && tree.size > 0) {
        // Start over once: the leaves held may be another tree's.
        tree = new BatchedReviewTree();
        const again = await fetchFromHeld(client, pageSize);
        ({ page, diverged } = again);
        fetched += again.fetched;
        requests += again.requests;
      }
      if (diverged) {
        throw new SutureClientError("NODE_ERROR", `the node's review-tree leaves do not hash to the root it serves (${page.root})`, {
          details: { size: page.size, held: tree.size },
        });
      }
      return { root: tree.root, size: tree.size, recentRoots: page.recentRoots.map(BigInt), fetched, requests };
    },
    use(leaves) {
      const held = tree.leaves;
      const extendsHeld = leaves.length >= held.length && held.every((leaf, i) => leaves[i] === leaf);
      if (!extendsHeld) tree = new BatchedReviewTree();
      tree.insertMany(leaves.slice(tree.size));
    },
    indexOf(leaf) {
      return tree.leaves.indexOf(leaf);
    },
    proof(index) {
      return tree.proof(index);
    },
  };
}
