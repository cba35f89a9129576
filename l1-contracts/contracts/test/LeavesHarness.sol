// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {LeafKeys} from "../twin/LeafKeys.sol";
import {Leaves} from "../twin/Leaves.sol";

/// @title LeavesHarness
/// @notice Test-only: runs the twin's leaf decoders, encoders and key functions on the node's
///         leaves, so a differential test can compare them with sequencer/src/state.
contract LeavesHarness {
    /// @notice Thrown for a namespace byte that names no namespace.
    error LeavesHarness_UnknownNamespace(uint8 ns);

    /// @notice One key to derive: the arguments of the namespace's key function (`a`, `b` for
    ///         addresses, `n` for numbers, `s1`, `s2` for the parts of a composite id).
    struct KeyCase {
        uint8 ns;
        address a;
        address b;
        uint256 n;
        string s1;
        string s2;
    }

    /// @notice Decodes `data` as a leaf of namespace `ns` and encodes the decoded struct again.
    /// @return encoded The re-encoded leaf (equal to `data` when `data` is canonical).
    /// @return valueHash keccak256 of `encoded`, the leaf's value hash.
    function roundTrip(uint8 ns, bytes calldata data) external pure returns (bytes memory encoded, bytes32 valueHash) {
        encoded = _roundTrip(ns, data);
        valueHash = keccak256(encoded);
    }

    /// @notice Many round trips in one call.
    function roundTripMany(uint8[] calldata ns, bytes[] calldata data) external pure returns (bytes[] memory encoded) {
        encoded = new bytes[](ns.length);
        for (uint256 i = 0; i < ns.length; i++) encoded[i] = _roundTrip(ns[i], data[i]);
    }

    /// @notice The keys of many leaves.
    function keys(KeyCase[] calldata cases) external pure returns (bytes32[] memory out) {
        out = new bytes32[](cases.length);
        for (uint256 i = 0; i < cases.length; i++) out[i] = _key(cases[i]);
    }

    function _roundTrip(uint8 ns, bytes memory data) private pure returns (bytes memory) {
        if (ns == LeafKeys.ACCOUNT) return Leaves.encode(Leaves.decodeAccount(data));
        if (ns == LeafKeys.PARTICIPANT) return Leaves.encode(Leaves.decodeParticipant(data));
        if (ns == LeafKeys.DOCTOR) return Leaves.encode(Leaves.decodeDoctor(data));
        if (ns == LeafKeys.PATIENT) return Leaves.encode(Leaves.decodePatient(data));
        if (ns == LeafKeys.CASE) return Leaves.encode(Leaves.decodeCase(data));
        if (ns == LeafKeys.PACK) return Leaves.encode(Leaves.decodePack(data));
        if (ns == LeafKeys.LOT) return Leaves.encode(Leaves.decodeLot(data));
        if (ns == LeafKeys.POLICY) return Leaves.encode(Leaves.decodePolicy(data));
        if (ns == LeafKeys.WITHDRAWAL) return Leaves.encode(Leaves.decodeWithdrawal(data));
        if (ns == LeafKeys.RECORD) return Leaves.encode(Leaves.decodeRecord(data));
        if (ns == LeafKeys.INCIDENT) return Leaves.encode(Leaves.decodeIncident(data));
        if (ns == LeafKeys.REVIEW) return Leaves.encode(Leaves.decodeReview(data));
        if (ns == LeafKeys.NULLIFIER) return Leaves.encode(Leaves.decodeNullifier(data));
        if (ns == LeafKeys.RELATION) return Leaves.encode(Leaves.decodeRelation(data));
        if (ns == LeafKeys.META) return Leaves.encode(Leaves.decodeMeta(data));
        if (ns == LeafKeys.REVIEW_TREE) return Leaves.encode(Leaves.decodeReviewTree(data));
        if (ns == LeafKeys.PARAMS) return Leaves.encode(Leaves.decodeParams(data));
        if (ns == LeafKeys.FEES) return Leaves.encode(Leaves.decodeFees(data));
        revert LeavesHarness_UnknownNamespace(ns);
    }

    function _key(KeyCase calldata c) private pure returns (bytes32) {
        uint8 ns = c.ns;
        if (ns == LeafKeys.ACCOUNT) return LeafKeys.accountKey(c.a);
        if (ns == LeafKeys.PARTICIPANT) return LeafKeys.participantKey(c.a);
        if (ns == LeafKeys.DOCTOR) return LeafKeys.doctorKey(c.a);
        if (ns == LeafKeys.PATIENT) return LeafKeys.patientKey(c.a);
        if (ns == LeafKeys.CASE) return LeafKeys.caseKey(c.n);
        if (ns == LeafKeys.PACK) return LeafKeys.packKey(c.s1, c.s2);
        if (ns == LeafKeys.LOT) return LeafKeys.lotKey(c.s1, c.s2);
        if (ns == LeafKeys.POLICY) return LeafKeys.policyKey(c.n);
        if (ns == LeafKeys.WITHDRAWAL) return LeafKeys.withdrawalKey(uint64(c.n));
        if (ns == LeafKeys.RECORD) return LeafKeys.recordKey(c.n);
        if (ns == LeafKeys.INCIDENT) return LeafKeys.incidentKey(c.n);
        if (ns == LeafKeys.REVIEW) return LeafKeys.reviewKey(c.n);
        if (ns == LeafKeys.NULLIFIER) return LeafKeys.nullifierKey(c.n);
        if (ns == LeafKeys.RELATION) return LeafKeys.relationKey(c.a, c.b);
        if (ns == LeafKeys.META) return LeafKeys.metaKey();
        if (ns == LeafKeys.REVIEW_TREE) return LeafKeys.reviewTreeKey();
        if (ns == LeafKeys.PARAMS) return LeafKeys.paramsKey();
        if (ns == LeafKeys.FEES) return LeafKeys.feesKey();
        revert LeavesHarness_UnknownNamespace(ns);
    }
}
