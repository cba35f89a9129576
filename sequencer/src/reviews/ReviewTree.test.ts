import { IMT } from "@zk-kit/imt";
import { poseidon2 } from "poseidon-lite";
import { describe, expect, it } from "vitest";
import { REVIEW_TREE_DEPTH, SNARK_SCALAR_FIELD } from "../protocol/reviews/constants";
import { ReviewTree } from "./ReviewTree";

const reference = (leaves: bigint[]): IMT => new IMT((pair) => poseidon2(pair), 20, 0n, 2, [...leaves]);

function fold(leaf: bigint, index: number, siblings: bigint[]): bigint {
  return siblings.reduce((node, sibling, level) => ((index >> level) & 1 ? poseidon2([sibling, node]) : poseidon2([node, sibling])), leaf);
}

describe("ReviewTree", () => {
  describe("# root", () => {
    it("Should start at the depth-20 root of an all-zero tree", () => {
      let zero = 0n;
      for (let level = 0; level < REVIEW_TREE_DEPTH; level++) zero = poseidon2([zero, zero]);
      expect(new ReviewTree().root).toBe(zero);
      expect(new ReviewTree().size).toBe(0);
    });

    it("Should match @zk-kit/imt after every insert, and when built from a leaf list", () => {
      const tree = new ReviewTree();
      const leaves: bigint[] = [];
      for (let i = 1n; i <= 9n; i++) {
        expect(tree.insert(i * 1000n)).toBe(leaves.length);
        leaves.push(i * 1000n);
        expect(tree.root).toBe(reference(leaves).root);
      }
      expect(new ReviewTree(leaves).root).toBe(tree.root);
      expect(tree.size).toBe(9);
      expect(tree.leaves).toEqual(leaves);
    });
  });

  describe("# proof", () => {
    it("Should give a 20-sibling path that folds back to the root, for every leaf", () => {
      const tree = new ReviewTree([5n, 6n, 7n, 8n, 9n]);
      for (let index = 0; index < tree.size; index++) {
        const proof = tree.proof(index);
        expect(proof.siblings).toHaveLength(REVIEW_TREE_DEPTH);
        expect(proof.leaf).toBe(tree.leaves[index]);
        expect(fold(proof.leaf, index, proof.siblings)).toBe(tree.root);
      }
    });

    it("Should not give a path for an index outside the tree", () => {
      const tree = new ReviewTree([1n]);
      expect(() => tree.proof(1)).toThrow(RangeError);
      expect(() => tree.proof(-1)).toThrow(RangeError);
    });
  });

  describe("# insert", () => {
    it("Should not accept a leaf outside the scalar field", () => {
      expect(() => new ReviewTree().insert(SNARK_SCALAR_FIELD)).toThrow(RangeError);
      expect(() => new ReviewTree([SNARK_SCALAR_FIELD + 1n])).toThrow(RangeError);
    });

    it("Should not let callers mutate the tree through the leaf list they passed or read", () => {
      const leaves = [1n, 2n];
      const tree = new ReviewTree(leaves);
      leaves.push(3n);
      tree.leaves.push(4n);
      expect(tree.size).toBe(2);
      expect(tree.leaves).toEqual([1n, 2n]);
      tree.insert(3n);
      expect(tree.root).toBe(reference([1n, 2n, 3n]).root);
    });

    it("Should find a leaf's index", () => {
      const tree = new ReviewTree([10n, 20n]);
      expect(tree.indexOf(20n)).toBe(1);
      expect(tree.indexOf(30n)).toBe(-1);
    });
  });
});
