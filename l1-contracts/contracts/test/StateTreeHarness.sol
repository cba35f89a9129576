// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Withdrawal} from "../libraries/RollupTypes.sol";
import {StateTree} from "../libraries/StateTree.sol";

/// @title StateTreeHarness
/// @notice Test-only: exposes the StateTree library so tests can feed it the TypeScript tree's proofs.
contract StateTreeHarness {
    /// @notice One proof to check: `kind` 0 = inclusion of `(key, valueHash)`, 1 = exclusion by an
    ///         empty slot, 2 = exclusion by the other leaf `(otherKey, otherValueHash)`.
    struct ProofCase {
        uint8 kind;
        bytes32 root;
        bytes32 key;
        bytes32 valueHash;
        bytes32 otherKey;
        bytes32 otherValueHash;
        bytes32[] siblings;
    }

    /// @notice Checks many proofs in one call (the differential test sends thousands).
    function verifyMany(ProofCase[] calldata cases) external pure returns (bool[] memory results) {
        results = new bool[](cases.length);
        for (uint256 i = 0; i < cases.length; i++) {
            ProofCase calldata c = cases[i];
            if (c.kind == 0) results[i] = StateTree.verifyInclusion(c.root, c.key, c.valueHash, c.siblings);
            else if (c.kind == 1) results[i] = StateTree.verifyExclusionEmpty(c.root, c.key, c.siblings);
            else results[i] = StateTree.verifyExclusionOtherLeaf(c.root, c.key, c.otherKey, c.otherValueHash, c.siblings);
        }
    }

    /// @notice Withdrawal keys and value hashes of many withdrawals.
    function withdrawalLeaves(Withdrawal[] calldata ws) external pure returns (bytes32[] memory keys, bytes32[] memory valueHashes) {
        keys = new bytes32[](ws.length);
        valueHashes = new bytes32[](ws.length);
        for (uint256 i = 0; i < ws.length; i++) {
            keys[i] = StateTree.withdrawalKey(ws[i].id);
            valueHashes[i] = StateTree.withdrawalValueHash(ws[i]);
        }
    }

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
