// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {StepContext} from "./StfCore.sol";
import {WitnessedState} from "./WitnessedState.sol";

/// @title IStfTwin
/// @notice A contract of the STF's Solidity twin that re-executes transaction steps of some
///         types (a group of handlers). It returns the post-root, or reverts
///         `StfCore.Stf_Rejected(code)` when the STF rejects the transaction; any other revert
///         means the inputs cannot settle the step (a bad or incomplete witness).
interface IStfTwin {
    function applyTx(bytes32 preRoot, StepContext calldata ctx, bytes calldata txBytes, WitnessedState.Witness calldata witness)
        external
        view
        returns (bytes32 postRoot);
}
