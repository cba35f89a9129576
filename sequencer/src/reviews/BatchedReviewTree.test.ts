import { poseidon2 } from "poseidon-lite";
import { describe, expect, it } from "vitest";
import { BatchedReviewTree } from "./BatchedReviewTree";
import { ReviewTree } from "./ReviewTree";

describe("BatchedReviewTree", () => {
  it("Should have the same root as the one-at-a-time IMT tree for any batching", () => {
    const reference = new ReviewTree();
    const batched = new BatchedReviewTree();
    expect(batched.root).toBe(reference.root);
    let next = 1n;
    for (const batch of [1, 3, 0, 2, 7, 1, 5]) {
      const leaves = Array.from({ length: batch }, () => next++ * 1_000_003n);
      for (const l of leaves) reference.insert(l);
      batched.insertMany(leaves);
      expect(batched.root).toBe(reference.root);
      expect(batched.size).toBe(reference.size);
    }
    expect(new BatchedReviewTree(reference.leaves).root).toBe(reference.root);
  });

  it("Should give every leaf the same Merkle path as the IMT tree", () => {
    const leaves = Array.from({ length: 11 }, (_, i) => BigInt(i + 1) * 7_919n);
    const reference = new ReviewTree(leaves);
    const batched = new BatchedReviewTree();
    batched.insertMany(leaves.slice(0, 4));
    batched.insertMany(leaves.slice(4));
    for (let i = 0; i < leaves.length; i++) expect(batched.proof(i)).toEqual(reference.proof(i));
    expect(() => batched.proof(11)).toThrow(RangeError);
  });

  it("Should give the path of the next free slot: with the zero leaf it gives the root, and it is the new leaf's path once inserted", () => {
    for (const size of [0, 1, 2, 5, 8, 11]) {
      const tree = new BatchedReviewTree(Array.from({ length: size }, (_, i) => BigInt(i + 1) * 7_919n));
      const siblings = tree.siblings(size);
      let node = 0n;
      for (let d = 0; d < tree.depth; d++) node = (size >> d) & 1 ? poseidon2([siblings[d]!, node]) : poseidon2([node, siblings[d]!]);
      expect(node, `size ${size}`).toBe(tree.root);
      tree.insert(42n);
      expect(tree.proof(size).siblings).toEqual(siblings);
      expect(() => tree.siblings(size + 2)).toThrow(RangeError);
    }
  });

  it("Should reject leaves outside the field", () => {
    expect(() => new BatchedReviewTree().insertMany([-1n])).toThrow();
  });
});
