// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Withdrawal} from "./RollupTypes.sol";

/// @title StateTree
/// @notice Solidity twin of the node's keccak compact sparse Merkle tree (sequencer/src/tree).
///         Verifies inclusion and exclusion proofs exactly as docs/protocol.md ("State tree")
///         specifies, and derives the withdrawal leaf's key and value hash.
/// @dev A proof is the list of siblings from depth 1 down to the depth `d` where the proven
///      slot sits; it folds bottom-up from a start hash that depends on the kind of proof.
library StateTree {
    /// @notice Thrown when a proof has more siblings than a 256-bit key has bits.
    error StateTree_ProofTooLong(uint256 length);

    /// @notice Hash of an empty subtree.
    bytes32 internal constant EMPTY = bytes32(0);

    /// @notice Namespace byte of withdrawal keys.
    uint8 internal constant WITHDRAWAL_NAMESPACE = 0x09;

    /// @notice Returns true when `siblings` prove that `key` holds `valueHash` under `root`.
    function verifyInclusion(bytes32 root, bytes32 key, bytes32 valueHash, bytes32[] calldata siblings)
        internal
        pure
        returns (bool)
    {
        return computeRoot(key, leafHash(key, valueHash), siblings) == root;
    }

    /// @notice Returns true when `siblings` prove that the slot of `key` is an empty subtree.
    function verifyExclusionEmpty(bytes32 root, bytes32 key, bytes32[] calldata siblings)
        internal
        pure
        returns (bool)
    {
        return computeRoot(key, EMPTY, siblings) == root;
    }

    /// @notice Returns true when `siblings` prove that another leaf `(otherKey, otherValueHash)`
    ///         sits alone where `key` would be, so `key` is absent.
    function verifyExclusionOtherLeaf(
        bytes32 root,
        bytes32 key,
        bytes32 otherKey,
        bytes32 otherValueHash,
        bytes32[] calldata siblings
    ) internal pure returns (bool) {
        if (otherKey == key || !sharesPrefix(key, otherKey, siblings.length)) return false;
        return computeRoot(key, leafHash(otherKey, otherValueHash), siblings) == root;
    }

    /// @notice Folds `siblings` bottom-up along the path of `key`, starting from `start`.
    /// @dev `siblings[i]` is the sibling of the path node at depth `i + 1`; bit `i` of the key
    ///      (most significant bit first) says whether the path goes right at that depth.
    function computeRoot(bytes32 key, bytes32 start, bytes32[] calldata siblings)
        internal
        pure
        returns (bytes32 h)
    {
        uint256 depth = siblings.length;
        if (depth > 256) revert StateTree_ProofTooLong(depth);
        assembly ("memory-safe") {
            h := start
            for { let i := depth } gt(i, 0) {} {
                i := sub(i, 1)
                let sibling := calldataload(add(siblings.offset, shl(5, i)))
                // Bit i of the key (MSB first) picks the side: 1 = the path goes right.
                let right := and(shr(sub(255, i), key), 1)
                mstore(shl(5, right), h)
                mstore(shl(5, iszero(right)), sibling)
                h := keccak256(0x00, 0x40)
            }
        }
    }

    /// @notice `keccak256(0x01 ‖ key ‖ valueHash)`.
    function leafHash(bytes32 key, bytes32 valueHash) internal pure returns (bytes32 h) {
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            mstore8(ptr, 0x01)
            mstore(add(ptr, 1), key)
            mstore(add(ptr, 33), valueHash)
            h := keccak256(ptr, 65)
        }
    }

    /// @notice `keccak256(left ‖ right)`.
    function nodeHash(bytes32 left, bytes32 right) internal pure returns (bytes32 h) {
        assembly ("memory-safe") {
            mstore(0x00, left)
            mstore(0x20, right)
            h := keccak256(0x00, 0x40)
        }
    }

    /// @notice Bit `i` of `key`, bit 0 being the most significant bit of byte 0.
    function bit(bytes32 key, uint256 i) internal pure returns (bool) {
        return (uint256(key) >> (255 - i)) & 1 == 1;
    }

    /// @notice True when the first `bits` bits of `a` and `b` are equal.
    function sharesPrefix(bytes32 a, bytes32 b, uint256 bits) internal pure returns (bool) {
        if (bits == 0) return true;
        if (bits >= 256) return a == b;
        return (uint256(a) ^ uint256(b)) >> (256 - bits) == 0;
    }

    /// @notice State key of withdrawal `id`: `keccak256(abi.encodePacked(uint8(0x09), uint64(id)))`.
    function withdrawalKey(uint64 id) internal pure returns (bytes32) {
        return keccak256(abi.encodePacked(WITHDRAWAL_NAMESPACE, id));
    }

    /// @notice Value hash of a withdrawal leaf: `keccak256(abi.encode(id, recipient, amount))`.
    function withdrawalValueHash(Withdrawal memory w) internal pure returns (bytes32) {
        return keccak256(abi.encode(w.id, w.recipient, w.amount));
    }
}
