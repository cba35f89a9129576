// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Withdrawal} from "../libraries/RollupTypes.sol";
import {StateTree} from "../libraries/StateTree.sol";

/// @title StateTreeHarness
/// @notice Test-only: exposes the StateTree library so tests can feed it the TypeScript tree's proofs.
contract StateTreeHarness {
    /// @notice See StateTree.verifyInclusion.
    function verifyInclusion(bytes32 root, bytes32 key, bytes32 valueHash, bytes32[] calldata siblings)
        external
        pure
        returns (bool)
    {
        return StateTree.verifyInclusion(root, key, valueHash, siblings);
    }

    /// @notice See StateTree.verifyExclusionEmpty.
    function verifyExclusionEmpty(bytes32 root, bytes32 key, bytes32[] calldata siblings) external pure returns (bool) {
        return StateTree.verifyExclusionEmpty(root, key, siblings);
    }

    /// @notice See StateTree.verifyExclusionOtherLeaf.
    function verifyExclusionOtherLeaf(
        bytes32 root,
        bytes32 key,
        bytes32 otherKey,
        bytes32 otherValueHash,
        bytes32[] calldata siblings
    ) external pure returns (bool) {
        return StateTree.verifyExclusionOtherLeaf(root, key, otherKey, otherValueHash, siblings);
    }

    /// @notice See StateTree.computeRoot.
    function computeRoot(bytes32 key, bytes32 start, bytes32[] calldata siblings) external pure returns (bytes32) {
        return StateTree.computeRoot(key, start, siblings);
    }

    /// @notice See StateTree.leafHash.
    function leafHash(bytes32 key, bytes32 valueHash) external pure returns (bytes32) {
        return StateTree.leafHash(key, valueHash);
    }

    /// @notice See StateTree.withdrawalKey.
    function withdrawalKey(uint64 id) external pure returns (bytes32) {
        return StateTree.withdrawalKey(id);
    }

    /// @notice See StateTree.withdrawalValueHash.
    function withdrawalValueHash(Withdrawal calldata w) external pure returns (bytes32) {
        return StateTree.withdrawalValueHash(w);
    }
}
