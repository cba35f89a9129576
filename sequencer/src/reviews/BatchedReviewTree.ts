// The review tree as the STF keeps it: the same depth-20 binary Poseidon tree with zero leaf 0 as
// ReviewTree (@zk-kit/imt), but leaves are appended in batches, once per block. A batch of k new
// leaves re-hashes only the nodes above them, about 2k + depth Poseidon calls instead of
// depth * k one at a time: Poseidon in JavaScript costs ~100 µs, so this is what keeps closing
// surgeries from bounding block throughput. Provers keep one too (a client's copy of the node's
// leaves, grown a page at a time) and take their Merkle path from it.
import { poseidon2 } from "poseidon-lite";
import { REVIEW_TREE_DEPTH } from "../protocol/reviews/constants";
import { assertInField } from "../protocol/reviews/isInField";
import type { ReviewTreeProof } from "./ReviewTree";

export class BatchedReviewTree {
  readonly depth = REVIEW_TREE_DEPTH;
  /** levels[0] are the leaves; levels[d][i] = H(levels[d-1][2i], levels[d-1][2i+1]). */
  readonly #levels: bigint[][];
  readonly #zeros: bigint[];

  constructor(leaves: readonly bigint[] = []) {
    this.#zeros = [0n];
    for (let d = 1; d <= this.depth; d++) this.#zeros.push(poseidon2([this.#zeros[d - 1]!, this.#zeros[d - 1]!]));
    this.#levels = Array.from({ length: this.depth + 1 }, () => []);
    this.insertMany(leaves);
  }

  get size(): number {
    return this.#levels[0]!.length;
  }

  get root(): bigint {
    return this.#levels[this.depth]![0] ?? this.#zeros[this.depth]!;
  }

  /** The leaves in insertion order (the live array: read it, don't change it). */
  get leaves(): bigint[] {
    return this.#levels[0]!;
  }

  /** Merkle path of the leaf at index against the current root (as ReviewTree.proof). */
  proof(index: number): ReviewTreeProof {
    if (!Number.isInteger(index) || index < 0 || index >= this.size) {
      throw new RangeError(`no leaf at index ${index} (tree size ${this.size})`);
    }
    return { root: this.root, leaf: this.#levels[0]![index]!, leafIndex: index, siblings: this.siblings(index) };
  }

  /**
   * Siblings of the path from index up to the root, leaf level first (depth items). Index may
   * be `size`, the next free slot (its leaf is the zero leaf): the path an L1 fold starts from.
   */
  siblings(index: number): bigint[] {
    if (!Number.isInteger(index) || index < 0 || index > this.size || index >= 2 ** this.depth) {
      throw new RangeError(`no path to index ${index} (tree size ${this.size})`);
    }
    const siblings: bigint[] = [];
    for (let d = 0, i = index; d < this.depth; d++, i >>= 1) siblings.push(this.#levels[d]![i ^ 1] ?? this.#zeros[d]!);
    return siblings;
  }

  insert(leaf: bigint): number {
    const index = this.size;
    this.insertMany([leaf]);
    return index;
  }

  /** Drops every leaf from index `size` on (undoing appends) and re-hashes the new right edge. */
  truncate(size: number): void {
    if (!Number.isInteger(size) || size < 0 || size > this.size) throw new RangeError(`cannot truncate a tree of ${this.size} leaves to ${size}`);
    if (size === this.size) return;
    this.#levels[0]!.length = size;
    for (let d = 1; d <= this.depth; d++) {
      const below = this.#levels[d - 1]!;
      const level = this.#levels[d]!;
      level.length = (below.length + 1) >> 1;
      const last = level.length - 1;
      if (last >= 0) level[last] = poseidon2([below[2 * last]!, below[2 * last + 1] ?? this.#zeros[d - 1]!]);
    }
  }

  /** Appends leaves and re-hashes every node above them, level by level. */
  insertMany(leaves: readonly bigint[]): void {
    if (leaves.length === 0) return;
    if (this.size + leaves.length > 2 ** this.depth) throw new RangeError("review tree is full");
    for (const leaf of leaves) assertInField(leaf, "leaf");
    let from = this.size;
    this.#levels[0]!.push(...leaves);
    for (let d = 1; d <= this.depth; d++) {
      const below = this.#levels[d - 1]!;
      const level = this.#levels[d]!;
      const start = from >> 1;
      const end = (below.length - 1) >> 1;
      for (let i = start; i <= end; i++) {
        const left = below[2 * i]!;
        const right = below[2 * i + 1] ?? this.#zeros[d - 1]!;
        level[i] = poseidon2([left, right]);
      }
      from = start;
    }
  }
}
