// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Leaves} from "../twin/Leaves.sol";

/// @title LeafStructsHarness
/// @notice Test-only: returns each decoded leaf as its struct, so a test can compare the twin's
///         field names and values with the node's projection (LeavesHarness checks the bytes).
contract LeafStructsHarness {
    /// @notice See Leaves.decodeAccount.
    function decodeAccount(bytes calldata data) external pure returns (Leaves.Account memory) {
        return Leaves.decodeAccount(data);
    }

    /// @notice See Leaves.decodeParticipant.
    function decodeParticipant(bytes calldata data) external pure returns (Leaves.Participant memory) {
        return Leaves.decodeParticipant(data);
    }

    /// @notice See Leaves.decodeDoctor.
    function decodeDoctor(bytes calldata data) external pure returns (Leaves.Doctor memory) {
        return Leaves.decodeDoctor(data);
    }

    /// @notice See Leaves.decodePatient.
    function decodePatient(bytes calldata data) external pure returns (Leaves.Patient memory) {
        return Leaves.decodePatient(data);
    }

    /// @notice See Leaves.decodeCase.
    function decodeCase(bytes calldata data) external pure returns (Leaves.Case memory) {
        return Leaves.decodeCase(data);
    }

    /// @notice See Leaves.decodePack.
    function decodePack(bytes calldata data) external pure returns (Leaves.Pack memory) {
        return Leaves.decodePack(data);
    }

    /// @notice See Leaves.decodeLot.
    function decodeLot(bytes calldata data) external pure returns (Leaves.Lot memory) {
        return Leaves.decodeLot(data);
    }

    /// @notice See Leaves.decodePolicy.
    function decodePolicy(bytes calldata data) external pure returns (Leaves.Policy memory) {
        return Leaves.decodePolicy(data);
    }

    /// @notice See Leaves.decodeWithdrawal.
    function decodeWithdrawal(bytes calldata data) external pure returns (Leaves.Withdrawal memory) {
        return Leaves.decodeWithdrawal(data);
    }

    /// @notice See Leaves.decodeRecord.
    function decodeRecord(bytes calldata data) external pure returns (Leaves.Record memory) {
        return Leaves.decodeRecord(data);
    }

    /// @notice See Leaves.decodeIncident.
    function decodeIncident(bytes calldata data) external pure returns (Leaves.Incident memory) {
        return Leaves.decodeIncident(data);
    }

    /// @notice See Leaves.decodeReview.
    function decodeReview(bytes calldata data) external pure returns (Leaves.Review memory) {
        return Leaves.decodeReview(data);
    }

    /// @notice See Leaves.decodeNullifier.
    function decodeNullifier(bytes calldata data) external pure returns (Leaves.Nullifier memory) {
        return Leaves.decodeNullifier(data);
    }

    /// @notice See Leaves.decodeRelation.
    function decodeRelation(bytes calldata data) external pure returns (Leaves.Relation memory) {
        return Leaves.decodeRelation(data);
    }

    /// @notice See Leaves.decodeMeta.
    function decodeMeta(bytes calldata data) external pure returns (Leaves.Meta memory) {
        return Leaves.decodeMeta(data);
    }

    /// @notice See Leaves.decodeReviewTree.
    function decodeReviewTree(bytes calldata data) external pure returns (Leaves.ReviewTree memory) {
        return Leaves.decodeReviewTree(data);
    }

    /// @notice See Leaves.decodeParams.
    function decodeParams(bytes calldata data) external pure returns (Leaves.Params memory) {
        return Leaves.decodeParams(data);
    }

    /// @notice See Leaves.decodeFees.
    function decodeFees(bytes calldata data) external pure returns (Leaves.Fees memory) {
        return Leaves.decodeFees(data);
    }
}
