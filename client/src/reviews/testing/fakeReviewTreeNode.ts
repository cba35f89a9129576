// Test double of a node's GET /v1/reviews/tree: a leaf list behind the route's paging rules
// (from, limit, next, the root of all leaves), counting the pages and leaves it serves, and able
// to reset its tree or serve a root its leaves do not hash to.
import { BatchedReviewTree } from "../../../../sequencer/src/reviews";
import type { SutureClient } from "../../client/createSutureClient";

/** A node's review tree behind the route's paging rules, counting what it serves. */
export function fakeReviewTreeNode(initial: readonly bigint[]) {
  const served = { requests: [] as number[], leaves: 0 };
  let leaves = [...initial];
  let lie = false;
  const client = {
    async request<T>({ path }: { path: string }): Promise<T> {
      const url = new URL(path, "http://node");
      if (url.pathname !== "/v1/reviews/tree") throw new Error(`unexpected request ${path}`);
      const from = Number(url.searchParams.get("from") ?? 0);
      const limit = Number(url.searchParams.get("limit") ?? 1024);
      const end = Math.min(from + limit, leaves.length);
      const page = from < end ? leaves.slice(from, end) : [];
      served.requests.push(from);
      served.leaves += page.length;
      const root = lie ? 12345n : new BatchedReviewTree(leaves).root;
      return {
        depth: 20,
        root: root.toString(),
        size: leaves.length,
        recentRoots: [root.toString()],
        from,
        leaves: page.map(String),
        next: end < leaves.length ? end : null,
      } as T;
    },
  } as unknown as SutureClient;
  return {
    client,
    served,
    add: (...more: bigint[]) => leaves.push(...more),
    reset: (fresh: bigint[]) => {
      leaves = [...fresh];
    },
    lie: () => {
      lie = true;
    },
  };
}
