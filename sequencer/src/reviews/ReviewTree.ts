// The review tree: an incremental binary Poseidon Merkle tree of fixed depth 20 with zero leaf 0,
// exactly the tree the circuit checks paths against (@zk-kit/imt with poseidon2, arity 2).
// The STF inserts one leaf per closed surgery, so insert is O(depth) hashes: ~20 Poseidon calls.
import { IMT } from "@zk-kit/imt";
import { poseidon2 } from "poseidon-lite";
import { REVIEW_TREE_DEPTH } from "../protocol/reviews/constants";
import { assertInField } from "../protocol/reviews/isInField";

const hashPair = (children: (bigint | number | string)[]): bigint => poseidon2(children);

export type ReviewTreeProof = {
  root: bigint;
  leaf: bigint;
  leafIndex: number;
  /** Sibling of the path node at each level, from the leaf level up (REVIEW_TREE_DEPTH items). */
  siblings: bigint[];
};

export class ReviewTree {
  readonly depth = REVIEW_TREE_DEPTH;
  readonly #tree: IMT;
  // IMT's own `leaves` copies the whole level; the STF asks for the size on every insert.
  #size: number;

  constructor(leaves: readonly bigint[] = []) {
    for (const leaf of leaves) assertInField(leaf, "leaf");
    // IMT keeps the array it is given as its first level: hand it a copy.
    this.#tree = new IMT(hashPair, REVIEW_TREE_DEPTH, 0n, 2, [...leaves]);
    this.#size = leaves.length;
  }

  /** Appends a leaf and returns its index. */
  insert(leaf: bigint): number {
    assertInField(leaf, "leaf");
    const index = this.#size;
    this.#tree.insert(leaf);
    this.#size += 1;
    return index;
  }

  get root(): bigint {
    return this.#tree.root as bigint;
  }

  get size(): number {
    return this.#size;
  }

  /** A copy of the leaves, in insertion order (what the node serves to provers). */
  get leaves(): bigint[] {
    return this.#tree.leaves as bigint[];
  }

  /** Index of the first occurrence of leaf, or -1. */
  indexOf(leaf: bigint): number {
    return this.#tree.indexOf(leaf);
  }

  /** Merkle path of the leaf at index against the current root. */
  proof(index: number): ReviewTreeProof {
    if (!Number.isInteger(index) || index < 0 || index >= this.size) {
      throw new RangeError(`no leaf at index ${index} (tree size ${this.size})`);
    }
    const { root, leaf, siblings } = this.#tree.createProof(index);
    // Arity 2: each level has exactly one sibling, wrapped in a one-element array by IMT.
    return { root, leaf, leafIndex: index, siblings: siblings.map((level: bigint[]) => level[0]!) };
  }
}
