// The prover's copy of the review tree against a node that serves pages of leaves as
// GET /v1/reviews/tree does: a first sync downloads every leaf once, later syncs only the leaves
// added since, a node reset is followed, and leaves that do not hash to the served root are refused.
import { describe, expect, it } from "vitest";
import { ReviewTree } from "../../../sequencer/src/reviews";
import { createReviewTreeMirror } from "./createReviewTreeMirror";
import { fakeReviewTreeNode as fakeNode } from "./testing/fakeReviewTreeNode";

const leaf = (i: number) => BigInt(i) * 1_000_003n + 17n;
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => leaf(from + i));

describe("createReviewTreeMirror", () => {
  it("Should download every leaf once, then only the leaves added since its last sync", async () => {
    const node = fakeNode(range(0, 25));
    const mirror = createReviewTreeMirror();
    const first = await mirror.sync(node.client, { pageSize: 10 });
    expect(first).toMatchObject({ size: 25, fetched: 25, requests: 3 });
    expect(node.served.requests).toEqual([0, 10, 20]);
    expect(mirror.root).toBe(new ReviewTree(range(0, 25)).root);

    node.add(...range(25, 28));
    const second = await mirror.sync(node.client, { pageSize: 10 });
    expect(second).toMatchObject({ size: 28, fetched: 3, requests: 1, root: new ReviewTree(range(0, 28)).root });
    expect(node.served.requests.slice(3)).toEqual([25]);

    const idle = await mirror.sync(node.client, { pageSize: 10 });
    expect(idle).toMatchObject({ size: 28, fetched: 0, requests: 1 });
    expect(node.served.leaves).toBe(28);
    expect(mirror.proof(26)).toEqual(new ReviewTree(range(0, 28)).proof(26));
    expect(mirror.indexOf(leaf(26))).toBe(26);
  });

  it("Should start over when the node's tree is not the one it holds (a reset chain), once", async () => {
    const node = fakeNode(range(0, 12));
    const mirror = createReviewTreeMirror();
    await mirror.sync(node.client);
    node.reset(range(100, 105));
    expect(await mirror.sync(node.client)).toMatchObject({ size: 5, root: new ReviewTree(range(100, 105)).root });
    node.reset([...range(100, 105), ...range(200, 203)].reverse());
    // It fetches from what it holds (3 leaves), sees the root differ, and starts over (8 leaves).
    expect(await mirror.sync(node.client)).toMatchObject({
      size: 8,
      fetched: 11,
      requests: 2,
      root: new ReviewTree([...range(100, 105), ...range(200, 203)].reverse()).root,
    });
  });

  it("Should refuse leaves that do not hash to the root the node serves", async () => {
    const node = fakeNode(range(0, 5));
    node.lie();
    const error = await createReviewTreeMirror()
      .sync(node.client)
      .catch((e) => e);
    expect(error).toMatchObject({ code: "NODE_ERROR" });
  });

  it("Should hold exactly the leaves it is given: appended when they extend what it holds, rebuilt otherwise", () => {
    const mirror = createReviewTreeMirror();
    mirror.use(range(0, 4));
    mirror.use(range(0, 6));
    expect(mirror.root).toBe(new ReviewTree(range(0, 6)).root);
    mirror.use(range(10, 12));
    expect([...mirror.leaves]).toEqual(range(10, 12));
    expect(mirror.root).toBe(new ReviewTree(range(10, 12)).root);
  });
});
