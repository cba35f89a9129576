pragma circom 2.1.5;

include "poseidon.circom";

// One level of a binary Poseidon Merkle tree: hashes `node` with its `sibling`, in the order
// given by `isRight` (1 when `node` is the right child). @zk-kit/imt hashes a pair as
// poseidon2([left, right]), so the order here must match it exactly.
//
// `isRight` MUST be constrained to {0, 1} by the caller (MerkleRoot derives it with Num2Bits).
// With any other value the selection below is a line through (node, sibling), and a prover could
// pick (sibling, isRight) so that (left, right) equals any pair with left + right = node + sibling:
// every leaf would then "hang" under every real node of the tree.
template MerkleLevel() {
    signal input node;
    signal input sibling;
    signal input isRight;
    signal output parent;

    // Selection with one multiplication: left = isRight ? sibling : node, and right is whatever
    // is left over (linear, so it costs no constraint).
    signal left <== node + isRight * (sibling - node);
    signal right <== node + sibling - left;

    parent <== Poseidon(2)([left, right]);
}
