// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title StepRoots
/// @notice The commitment to a batch's per-step state roots (`txRootsHash`, docs/protocol.md):
///         a keccak binary Merkle tree over the roots, padded with zero leaves to a power of two.
///         Computed by the bridge at submission (so it always matches the posted roots), opened
///         by challenges.
library StepRoots {
    /// @notice Thrown when a batch commits to no step at all.
    error StepRoots_Empty();

    /// @notice The Merkle root of `roots` (padded with zero leaves to a power of two).
    function merkleRoot(bytes32[] calldata roots) internal pure returns (bytes32) {
        uint256 n = roots.length;
        if (n == 0) revert StepRoots_Empty();
        uint256 size = 1;
        while (size < n) size <<= 1;
        bytes32[] memory level = new bytes32[](size);
        for (uint256 i = 0; i < n; ++i) level[i] = roots[i];
        while (size > 1) {
            size >>= 1;
            for (uint256 i = 0; i < size; ++i) level[i] = _hash(level[2 * i], level[2 * i + 1]);
        }
        return level[0];
    }

    /// @notice True when `leaf` is leaf `index` of a tree over `count` roots with Merkle root `root`.
    /// @dev The proof lists siblings bottom-up; its length must be exactly the tree's depth.
    function verify(bytes32 root, uint256 count, uint256 index, bytes32 leaf, bytes32[] calldata proof)
        internal
        pure
        returns (bool)
    {
        if (index >= count) return false;
        uint256 depth = 0;
        while ((uint256(1) << depth) < count) ++depth;
        if (proof.length != depth) return false;
        bytes32 h = leaf;
        for (uint256 i = 0; i < depth; ++i) {
            h = (index >> i) & 1 == 1 ? _hash(proof[i], h) : _hash(h, proof[i]);
        }
        return h == root;
    }

    function _hash(bytes32 a, bytes32 b) private pure returns (bytes32 h) {
        assembly ("memory-safe") {
            mstore(0x00, a)
            mstore(0x20, b)
            h := keccak256(0x00, 0x40)
        }
    }
}
