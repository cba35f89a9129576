// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title StepRoots
/// @notice The commitment to a batch's step roots (header.txRootsHash): the keccak binary Merkle
///         root of the roots padded with zero leaves to a power of two, computed at submitBatch,
///         and the proof that opens one root in a dispute. Twin of
///         sequencer/src/protocol/batch/stepRoots.ts.
library StepRoots {
    /// @notice The Merkle root of `roots` (zero for none, the root itself for one).
    function hash(bytes32[] calldata roots) internal pure returns (bytes32) {
        uint256 n = roots.length;
        if (n == 0) return bytes32(0);
        bytes32[] memory level = roots;
        // Pairs up in place: level[i] = keccak(level[2i], level[2i+1]). A missing right child is
        // the root of an all-zero subtree of that height (the padding leaves are zero).
        bytes32 zero;
        while (n > 1) {
            uint256 half = (n + 1) / 2;
            for (uint256 i = 0; i < half; i++) {
                bytes32 right = 2 * i + 1 < n ? level[2 * i + 1] : zero;
                level[i] = _pair(level[2 * i], right);
            }
            zero = _pair(zero, zero);
            n = half;
        }
        return level[0];
    }

    /// @notice Depth of the tree of `stepCount` leaves: ceil(log2(stepCount)).
    function depth(uint256 stepCount) internal pure returns (uint256 d) {
        while ((uint256(1) << d) < stepCount) d++;
    }

    /// @notice Whether `leaf` is step root number `index` of a batch of `stepCount` steps whose
    ///         roots hash to `rootsHash`. The proof lists siblings from the leaf up and must have
    ///         exactly the tree's depth.
    function verify(bytes32 rootsHash, uint256 stepCount, uint256 index, bytes32 leaf, bytes32[] calldata proof)
        internal
        pure
        returns (bool)
    {
        if (index >= stepCount || proof.length != depth(stepCount)) return false;
        bytes32 node = leaf;
        for (uint256 i = 0; i < proof.length; i++) {
            node = (index >> i) & 1 == 1 ? _pair(proof[i], node) : _pair(node, proof[i]);
        }
        return node == rootsHash;
    }

    function _pair(bytes32 left, bytes32 right) private pure returns (bytes32 h) {
        assembly ("memory-safe") {
            mstore(0x00, left)
            mstore(0x20, right)
            h := keccak256(0x00, 0x40)
        }
    }
}
