// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {PoseidonT3} from "poseidon-solidity/PoseidonT3.sol";

/// @title ReviewTreeFold
/// @notice Appends a batch of leaves to the review tree on L1 knowing only its root and size:
///         twin of `BatchedReviewTree.insertMany` (sequencer/src/reviews), the depth-20 binary
///         Poseidon tree with zero leaf 0 (the tree of the zk-kit IMT library).
/// @dev The caller gives the siblings of the first free slot (index `size`); checked against the
///      root with the zero leaf there, they are the tree's left-hand nodes along that path, and
///      every node right of the new leaves is a zero subtree. So a batch of k leaves costs the 20
///      hashes of the check plus about 2k + 20 hashes of insertion, and no further witness.
library ReviewTreeFold {
    /// @notice Depth of the tree (REVIEW_TREE_DEPTH).
    uint256 internal constant DEPTH = 20;
    /// @notice The BN254 scalar field: a leaf at or above it is not a tree leaf (assertInField).
    uint256 internal constant FIELD = 21888242871839275222246405745257275088548364400416034343698204186575808495617;

    /// @notice Thrown when the path does not have DEPTH siblings.
    error ReviewTreeFold_BadPathLength(uint256 length);
    /// @notice Thrown when the path of index `size` with a zero leaf does not give the root.
    error ReviewTreeFold_BadPath();
    /// @notice Thrown when the leaves do not fit in the tree (TypeScript: "review tree is full").
    error ReviewTreeFold_TreeFull(uint256 size, uint256 count);
    /// @notice Thrown when a leaf is not a field element (TypeScript: assertInField).
    error ReviewTreeFold_LeafNotInField(uint256 leaf);

    /// @notice The root after appending `leaves` at indices size..size+k-1 to the tree of `size`
    ///         leaves whose root is `root`, given `siblings`, the path of index `size`, leaf level first.
    /// @dev Overwrites `leaves` (it holds the level being hashed). At least one leaf.
    function append(uint256 root, uint256 size, uint256[] memory leaves, uint256[] calldata siblings) internal pure returns (uint256) {
        uint256 count = leaves.length;
        if (size + count > 1 << DEPTH) revert ReviewTreeFold_TreeFull(size, count);
        for (uint256 i = 0; i < count; i++) {
            if (leaves[i] >= FIELD) revert ReviewTreeFold_LeafNotInField(leaves[i]);
        }
        if (siblings.length != DEPTH) revert ReviewTreeFold_BadPathLength(siblings.length);
        if (pathRoot(size, siblings) != root) revert ReviewTreeFold_BadPath();
        uint256[DEPTH] memory zeros = zeroSubtrees();
        // `leaves[0..n)` are the new nodes start..start+n-1 of level d; each pass makes level d+1
        // in place (node j is written after the nodes 2j-1..2j+1 below it are read).
        uint256 start = size;
        uint256 n = count;
        for (uint256 d = 0; d < DEPTH; d++) {
            uint256 first = start >> 1;
            uint256 last = (start + n - 1) >> 1;
            for (uint256 idx = first; idx <= last; idx++) {
                uint256 l = 2 * idx;
                // Left of the first new node: the path's left-hand sibling (an old node).
                uint256 left = l < start ? siblings[d] : leaves[l - start];
                // Right of the last new node: an empty subtree.
                uint256 right = l + 1 < start + n ? leaves[l + 1 - start] : zeros[d];
                leaves[idx - first] = PoseidonT3.hash([left, right]);
            }
            start = first;
            n = last - first + 1;
        }
        return leaves[0];
    }

    /// @notice The root of a tree with the zero leaf at `index` and `siblings` along its path.
    function pathRoot(uint256 index, uint256[] calldata siblings) internal pure returns (uint256 node) {
        for (uint256 d = 0; d < DEPTH; d++) {
            node = (index >> d) & 1 == 1 ? PoseidonT3.hash([siblings[d], node]) : PoseidonT3.hash([node, siblings[d]]);
        }
    }

    /// @notice The root of an empty subtree of height d, for d = 0..DEPTH-1 (zero leaf 0).
    function zeroSubtrees() internal pure returns (uint256[DEPTH] memory) {
        return [
            uint256(0),
            0x2098f5fb9e239eab3ceac3f27b81e481dc3124d55ffed523a839ee8446b64864,
            0x1069673dcdb12263df301a6ff584a7ec261a44cb9dc68df067a4774460b1f1e1,
            0x18f43331537ee2af2e3d758d50f72106467c6eea50371dd528d57eb2b856d238,
            0x07f9d837cb17b0d36320ffe93ba52345f1b728571a568265caac97559dbc952a,
            0x2b94cf5e8746b3f5c9631f4c5df32907a699c58c94b2ad4d7b5cec1639183f55,
            0x2dee93c5a666459646ea7d22cca9e1bcfed71e6951b953611d11dda32ea09d78,
            0x078295e5a22b84e982cf601eb639597b8b0515a88cb5ac7fa8a4aabe3c87349d,
            0x2fa5e5f18f6027a6501bec864564472a616b2e274a41211a444cbe3a99f3cc61,
            0x0e884376d0d8fd21ecb780389e941f66e45e7acce3e228ab3e2156a614fcd747,
            0x1b7201da72494f1e28717ad1a52eb469f95892f957713533de6175e5da190af2,
            0x1f8d8822725e36385200c0b201249819a6e6e1e4650808b5bebc6bface7d7636,
            0x2c5d82f66c914bafb9701589ba8cfcfb6162b0a12acf88a8d0879a0471b5f85a,
            0x14c54148a0940bb820957f5adf3fa1134ef5c4aaa113f4646458f270e0bfbfd0,
            0x190d33b12f986f961e10c0ee44d8b9af11be25588cad89d416118e4bf4ebe80c,
            0x22f98aa9ce704152ac17354914ad73ed1167ae6596af510aa5b3649325e06c92,
            0x2a7c7c9b6ce5880b9f6f228d72bf6a575a526f29c66ecceef8b753d38bba7323,
            0x2e8186e558698ec1c67af9c14d463ffc470043c9c2988b954d75dd643f36b992,
            0x0f57c5571e9a4eab49e2c8cf050dae948aef6ead647392273546249d1c1ff10f,
            0x1830ee67b5fb554ad5f63d4388800e1cfe78e310697d46e43c9ce36134f72cca
        ];
    }
}
