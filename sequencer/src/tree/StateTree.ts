// The state tree: a keccak compact sparse Merkle tree (docs/protocol.md). A subtree with one leaf
// is that leaf, so a write re-hashes about log2(leaves) nodes rather than 256. Hashes are cached
// per node and recomputed lazily along dirty paths, so several writes between two `root()` calls
// share the work near the top of the tree.
import { bytesEqual, bytesToHex, type Hex } from "../crypto/bytes";
import { EMPTY, keyBit, leafHash, nodeHash } from "./hashing";

type Leaf = { leaf: true; key: Uint8Array; valueHash: Uint8Array; hash: Uint8Array | null };
type Inner = { leaf: false; left: Node | null; right: Node | null; hash: Uint8Array | null };
type Node = Leaf | Inner;

export type StateProof = {
  /** Sibling hashes from depth 1 (a child of the root) down to the end of the path. */
  siblings: Hex[];
  /** The leaf found at the end of the path; null when the slot is empty. */
  leaf: { key: Hex; valueHash: Hex } | null;
};

export class StateTree {
  #root: Node | null = null;
  #size = 0;

  /** Async for symmetry with other stores; the tree itself needs no setup. */
  static async create(): Promise<StateTree> {
    return new StateTree();
  }

  /** Number of leaves. */
  get size(): number {
    return this.#size;
  }

  /** Inserts or replaces the leaf at `key`. */
  set(key: Uint8Array, valueHash: Uint8Array): void {
    if (key.length !== 32 || valueHash.length !== 32) throw new RangeError("state tree keys and values are 32 bytes");
    const leaf: Leaf = { leaf: true, key, valueHash, hash: null };
    this.#root = this.#insert(this.#root, leaf, 0);
  }

  /** Removes the leaf at `key` if present. */
  delete(key: Uint8Array): void {
    if (this.get(key) === undefined) return;
    this.#root = this.#remove(this.#root, key, 0);
  }

  /** The value hash stored at `key`, or undefined. */
  get(key: Uint8Array): Uint8Array | undefined {
    let node = this.#root;
    for (let depth = 0; node; depth++) {
      if (node.leaf) return bytesEqual(node.key, key) ? node.valueHash : undefined;
      node = keyBit(key, depth) ? node.right : node.left;
    }
    return undefined;
  }

  /** The root hash; EMPTY for the empty tree. */
  root(): Uint8Array {
    return this.#root ? hashOf(this.#root) : EMPTY;
  }

  /** Inclusion proof when `key` is present, exclusion proof otherwise. */
  prove(key: Uint8Array): StateProof {
    this.root();
    const siblings: Hex[] = [];
    let node = this.#root;
    for (let depth = 0; node && !node.leaf; depth++) {
      const right = keyBit(key, depth) === 1;
      const sibling = right ? node.left : node.right;
      siblings.push(bytesToHex(sibling ? sibling.hash! : EMPTY));
      node = right ? node.right : node.left;
    }
    return {
      siblings,
      leaf: node?.leaf ? { key: bytesToHex(node.key), valueHash: bytesToHex(node.valueHash) } : null,
    };
  }

  #insert(node: Node | null, leaf: Leaf, depth: number): Node {
    if (node === null) {
      this.#size++;
      return leaf;
    }
    if (node.leaf) {
      if (bytesEqual(node.key, leaf.key)) return leaf;
      this.#size++;
      return split(node, leaf, depth);
    }
    node.hash = null;
    if (keyBit(leaf.key, depth)) node.right = this.#insert(node.right, leaf, depth + 1);
    else node.left = this.#insert(node.left, leaf, depth + 1);
    return node;
  }

  /** Removes a key known to be present; every inner node on its path is re-hashed. */
  #remove(node: Node | null, key: Uint8Array, depth: number): Node | null {
    if (node === null) return null;
    if (node.leaf) {
      this.#size--;
      return null;
    }
    const goRight = keyBit(key, depth) === 1;
    const child = goRight ? node.right : node.left;
    const next = this.#remove(child, key, depth + 1);
    if (goRight) node.right = next;
    else node.left = next;
    node.hash = null;
    // Keep the shape canonical: a subtree left with a single leaf collapses into that leaf.
    const other = goRight ? node.left : node.right;
    if (next === null && (other === null || other.leaf)) return other;
    if (other === null && next !== null && next.leaf) return next;
    return node;
  }
}

/** Two different leaves under one slot: inner nodes down to the first bit where they differ. */
function split(a: Leaf, b: Leaf, depth: number): Inner {
  const inner: Inner = { leaf: false, left: null, right: null, hash: null };
  const bitA = keyBit(a.key, depth);
  const bitB = keyBit(b.key, depth);
  if (bitA === bitB) {
    const child = split(a, b, depth + 1);
    if (bitA) inner.right = child;
    else inner.left = child;
  } else if (bitA) {
    inner.right = a;
    inner.left = b;
  } else {
    inner.left = a;
    inner.right = b;
  }
  return inner;
}

function hashOf(node: Node): Uint8Array {
  if (node.hash) return node.hash;
  if (node.leaf) node.hash = leafHash(node.key, node.valueHash);
  else node.hash = nodeHash(node.left ? hashOf(node.left) : EMPTY, node.right ? hashOf(node.right) : EMPTY);
  return node.hash;
}
