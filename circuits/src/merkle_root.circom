pragma circom 2.1.5;

include "bitify.circom";
include "merkle_level.circom";

// Root of a fixed-depth binary Poseidon Merkle tree (@zk-kit/imt, arity 2) from a leaf, its index
// and the DEPTH siblings from the leaf level up.
template MerkleRoot(DEPTH) {
    // Depth bound. Num2Bits(n) is only sound for n < 254 (above that, index and index + p share a
    // bit pattern), and the tree index must stay a safe JavaScript integer on the node side; the
    // review tree uses 20.
    assert(DEPTH >= 1 && DEPTH <= 32);

    signal input leaf;
    signal input leafIndex;
    signal input siblings[DEPTH];
    signal output root;

    // Path directions come from ONE index: Num2Bits constrains every bit to {0, 1} and their
    // weighted sum to leafIndex, which also bounds leafIndex < 2^DEPTH. Taking the directions as
    // free inputs instead would let a prover forge membership (see MerkleLevel).
    signal isRight[DEPTH] <== Num2Bits(DEPTH)(leafIndex);

    signal nodes[DEPTH + 1];
    nodes[0] <== leaf;
    for (var level = 0; level < DEPTH; level++) {
        nodes[level + 1] <== MerkleLevel()(nodes[level], siblings[level], isRight[level]);
    }
    root <== nodes[DEPTH];
}
