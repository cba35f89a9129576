// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {QueueItem} from "../../libraries/RollupTypes.sol";
import {LeafKeys} from "../LeafKeys.sol";
import {Leaves} from "../Leaves.sol";
import {Step, StepContext, StfCore} from "../StfCore.sol";
import {WitnessedState} from "../WitnessedState.sol";
import {ReviewTreeFold} from "./ReviewTreeFold.sol";

/// @title ChainStepsTwin
/// @notice Twin of the steps that are not transactions: a deposit credit
///         (sequencer/src/stf/applyDeposit.ts) and the end-of-block review-tree fold
///         (sequencer/src/stf/sealReviewTree.ts).
contract ChainStepsTwin {
    /// @notice Thrown when a deposit step's queue index is below the position the state is at
    ///         (cannot happen on a chain whose earlier steps are right). Forced transactions
    ///         between deposits leave the position alone, so a deposit may skip ahead.
    error ChainSteps_QueueOutOfOrder(uint256 expected, uint256 actual);
    /// @notice Thrown when a fold witness is not `abi.encode(WitnessedState.Witness, FoldWitness)`.
    error ChainSteps_BadFoldWitness();

    /// @notice What the fold needs of the review tree besides the state leaves (proveFold in
    ///         sequencer/src/stf): the siblings of its first free slot, index `size`, leaf level
    ///         first (empty when nothing is pending).
    struct FoldWitness {
        uint256[] siblings;
    }

    /// @notice The root after crediting deposit `item` (already checked against the L1 queue).
    function applyDeposit(bytes32 preRoot, StepContext calldata ctx, QueueItem calldata item, WitnessedState.Witness calldata witness)
        external
        pure
        returns (bytes32)
    {
        Step memory st = StfCore.open(preRoot, ctx, bytes32(0), witness.reads);
        Leaves.Meta memory m = StfCore.meta(st);
        if (item.index < m.queuePosition) revert ChainSteps_QueueOutOfOrder(m.queuePosition, item.index);
        StfCore.credit(st, item.l2Recipient, item.amount);
        m = StfCore.meta(st);
        m.queuePosition = item.index + 1;
        m.totalDeposited += item.amount;
        StfCore.putMeta(st, m);
        return StfCore.close(st, witness.writes);
    }

    /// @notice The root after the end-of-block review-tree fold (sealReviewTree): the block's
    ///         pending review leaves enter the Poseidon tree and its new root joins the window of
    ///         the last `params.reviewRootHistory` roots. Nothing pending: nothing changes (only
    ///         the reviewTree leaf is read). `witness` is `abi.encode(WitnessedState.Witness,
    ///         FoldWitness)`.
    function applyFold(bytes32 preRoot, StepContext calldata ctx, bytes calldata witness) external pure returns (bytes32) {
        (WitnessedState.Witness calldata w, FoldWitness calldata fold) = _splitFoldWitness(witness);
        Step memory st = StfCore.open(preRoot, ctx, bytes32(0), w.reads);
        (, bytes memory v) = WitnessedState.get(st.state, LeafKeys.reviewTreeKey());
        Leaves.ReviewTree memory tree = Leaves.decodeReviewTree(v);
        uint256 count = tree.pending.length;
        if (count == 0) return StfCore.close(st, w.writes);
        uint256 root = ReviewTreeFold.append(tree.root, tree.size, tree.pending, fold.siblings);
        tree.recentRoots = _window(tree.recentRoots, root, StfCore.params(st).reviewRootHistory);
        tree.root = root;
        tree.size += uint64(count);
        tree.pending = new uint256[](0);
        WitnessedState.put(st.state, LeafKeys.reviewTreeKey(), Leaves.encode(tree));
        return StfCore.close(st, w.writes);
    }

    /// @dev `[...recent, root].slice(-history)` in JavaScript: the last `history` roots, all of
    ///      them when there are fewer, and all of them when `history` is 0 (`slice(-0)` is `slice(0)`).
    function _window(uint256[] memory recent, uint256 root, uint64 history) private pure returns (uint256[] memory out) {
        uint256 n = recent.length + 1;
        uint256 keep = history == 0 || history >= n ? n : history;
        out = new uint256[](keep);
        uint256 from = n - keep;
        for (uint256 i = 0; i < keep; i++) {
            uint256 j = from + i;
            out[i] = j < recent.length ? recent[j] : root;
        }
    }

    /// @dev The two parts of a fold witness, read in place from calldata (the state-tree part is
    ///      what WitnessedState takes as calldata). Nested offsets are checked by Solidity's
    ///      calldata accessors on use.
    function _splitFoldWitness(bytes calldata witness) private pure returns (WitnessedState.Witness calldata w, FoldWitness calldata fold) {
        if (witness.length < 64) revert ChainSteps_BadFoldWitness();
        uint256 wAt = uint256(bytes32(witness[0:32]));
        uint256 foldAt = uint256(bytes32(witness[32:64]));
        if (wAt >= witness.length || foldAt >= witness.length) revert ChainSteps_BadFoldWitness();
        assembly ("memory-safe") {
            w := add(witness.offset, wAt)
            fold := add(witness.offset, foldAt)
        }
    }
}
