// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {QueuedDeposit} from "../../libraries/RollupTypes.sol";
import {Leaves} from "../Leaves.sol";
import {Step, StepContext, StfCore} from "../StfCore.sol";
import {WitnessedState} from "../WitnessedState.sol";

/// @title ChainStepsTwin
/// @notice Twin of the steps that are not transactions: a deposit credit
///         (sequencer/src/stf/applyDeposit.ts) and the end-of-block review-tree fold
///         (sequencer/src/stf/sealReviewTree.ts).
contract ChainStepsTwin {
    /// @notice Thrown when a deposit step does not consume the queue position the state is at
    ///         (cannot happen on a chain whose earlier steps are right).
    error ChainSteps_QueueOutOfOrder(uint256 expected, uint256 actual);
    /// @notice Thrown by the fold step until its twin is built.
    error ChainSteps_FoldNotBuilt();

    /// @notice The root after crediting `deposit` (already checked against the L1 queue).
    function applyDeposit(bytes32 preRoot, StepContext calldata ctx, QueuedDeposit calldata deposit, WitnessedState.Witness calldata witness)
        external
        pure
        returns (bytes32)
    {
        Step memory st = StfCore.open(preRoot, ctx, bytes32(0), witness.reads);
        Leaves.Meta memory m = StfCore.meta(st);
        if (deposit.index != m.queuePosition) revert ChainSteps_QueueOutOfOrder(m.queuePosition, deposit.index);
        StfCore.credit(st, deposit.l2Recipient, deposit.amount);
        m = StfCore.meta(st);
        m.queuePosition += 1;
        m.totalDeposited += deposit.amount;
        StfCore.putMeta(st, m);
        return StfCore.close(st, witness.writes);
    }

    /// @notice The root after the end-of-block review-tree fold. `witness` is
    ///         `abi.encode(WitnessedState.Witness, FoldWitness)` (the state leaves and the review
    ///         tree's insertion paths).
    /// @dev Being built (issue 12): until then every fold challenge fails.
    function applyFold(bytes32, StepContext calldata, bytes calldata) external pure returns (bytes32) {
        revert ChainSteps_FoldNotBuilt();
    }
}
