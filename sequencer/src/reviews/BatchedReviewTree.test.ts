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

  it("Should reject leaves outside the field", () => {
    expect(() => new BatchedReviewTree().insertMany([-1n])).toThrow();
  });
});
