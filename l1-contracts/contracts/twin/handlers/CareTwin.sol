// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IStfTwin} from "../IStfTwin.sol";
import {StepContext} from "../StfCore.sol";
import {WitnessedState} from "../WitnessedState.sol";
import {CareIncidentsTwin} from "./CareIncidentsTwin.sol";
import {CarePlanTwin} from "./CarePlanTwin.sol";
import {CareSurgeryTwin} from "./CareSurgeryTwin.sol";

/// @title CareTwin
/// @notice Twin of the care group (type bytes 17-23): sequencer/src/stf/handlers/plan.ts (with
///         stf/packs.ts) and handlers/incidents.ts. It routes each type to the linked library
///         that re-executes it (one contract would pass the 24 KB size limit): CarePlanTwin
///         (ProposePlan, ConfirmPlan), CareSurgeryTwin (RecordSurgery, PostSummary),
///         CareIncidentsTwin (ReportIncident, ProposeResolution, AcceptResolution).
/// @dev A leaf holds strings as hashes, so the key of a pack a case plan names, or of a pack's
///      lot, is rebuilt from the witness's `strings` (CarePacks).
contract CareTwin is IStfTwin {
    /// @notice Thrown when called with a type this contract does not handle.
    error CareTwin_WrongType(uint8 code);

    /// @inheritdoc IStfTwin
    function applyTx(bytes32 preRoot, StepContext calldata ctx, bytes calldata txBytes, WitnessedState.Witness calldata witness)
        external
        pure
        returns (bytes32)
    {
        uint8 code = uint8(txBytes[0]);
        if (code == 17 || code == 18) return CarePlanTwin.applyTx(preRoot, ctx, txBytes, witness);
        if (code == 19 || code == 20) return CareSurgeryTwin.applyTx(preRoot, ctx, txBytes, witness);
        if (code >= 21 && code <= 23) return CareIncidentsTwin.applyTx(preRoot, ctx, txBytes, witness);
        revert CareTwin_WrongType(code);
    }
}
