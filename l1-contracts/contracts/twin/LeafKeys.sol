// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {LibString} from "solady/src/utils/LibString.sol";

/// @title LeafKeys
/// @notice State tree keys of the L2's leaves, as `leafKey` in sequencer/src/state/State.ts
///         derives them (docs/protocol.md, "Namespaces"): `keccak256(uint8(namespace) ‖ utf8(id))`,
///         where an id is a lower-case `0x` address, a decimal number without leading zeros, a
///         composite of those with `/` or `:`, or empty for a singleton. Withdrawals are keyed by
///         their uint64 id instead (`keccak256(uint8(9) ‖ uint64 id)`, as the bridge does).
library LeafKeys {
    uint8 internal constant ACCOUNT = 1;
    uint8 internal constant PARTICIPANT = 2;
    uint8 internal constant DOCTOR = 3;
    uint8 internal constant PATIENT = 4;
    uint8 internal constant CASE = 5;
    uint8 internal constant PACK = 6;
    uint8 internal constant LOT = 7;
    uint8 internal constant POLICY = 8;
    uint8 internal constant WITHDRAWAL = 9;
    uint8 internal constant RECORD = 10;
    uint8 internal constant INCIDENT = 11;
    uint8 internal constant REVIEW = 12;
    uint8 internal constant NULLIFIER = 13;
    uint8 internal constant RELATION = 14;
    uint8 internal constant META = 15;
    uint8 internal constant REVIEW_TREE = 16;
    uint8 internal constant PARAMS = 17;
    uint8 internal constant FEES = 18;

    /// @notice The key of the leaf `id` in namespace `ns`: keccak256(ns ‖ id).
    function key(uint8 ns, bytes memory id) internal pure returns (bytes32) {
        return keccak256(abi.encodePacked(ns, id));
    }

    /// @notice The key of an address-keyed leaf (the address in lower-case hex).
    function addressKey(uint8 ns, address a) internal pure returns (bytes32) {
        return key(ns, bytes(LibString.toHexString(a)));
    }

    /// @notice The key of a number-keyed leaf (the number in decimal).
    function numberKey(uint8 ns, uint256 n) internal pure returns (bytes32) {
        return key(ns, bytes(LibString.toString(n)));
    }

    /// @notice The account of `a`.
    function accountKey(address a) internal pure returns (bytes32) {
        return addressKey(ACCOUNT, a);
    }

    /// @notice The participant roles of `a`.
    function participantKey(address a) internal pure returns (bytes32) {
        return addressKey(PARTICIPANT, a);
    }

    /// @notice The doctor `a`.
    function doctorKey(address a) internal pure returns (bytes32) {
        return addressKey(DOCTOR, a);
    }

    /// @notice The patient statistics of `a`.
    function patientKey(address a) internal pure returns (bytes32) {
        return addressKey(PATIENT, a);
    }

    /// @notice The case `id`.
    function caseKey(uint256 id) internal pure returns (bytes32) {
        return numberKey(CASE, id);
    }

    /// @notice The pack `<gtin>/<serial>`.
    function packKey(string memory gtin, string memory serial) internal pure returns (bytes32) {
        return packKeyOfHashes(keccak256(bytes(gtin)), keccak256(bytes(serial)));
    }

    /// @notice The pack of the GTIN and serial whose keccak256 are given (as leaves hold them).
    function packKeyOfHashes(bytes32 gtinHash, bytes32 serialHash) internal pure returns (bytes32) {
        return keccak256(abi.encodePacked(PACK, gtinHash, serialHash));
    }

    /// @notice The lot `<gtin>/<lot>`.
    function lotKey(string memory gtin, string memory lot) internal pure returns (bytes32) {
        return lotKeyOfHashes(keccak256(bytes(gtin)), keccak256(bytes(lot)));
    }

    /// @notice The lot of the GTIN and lot name whose keccak256 are given (as a pack's leaf holds them).
    function lotKeyOfHashes(bytes32 gtinHash, bytes32 lotHash) internal pure returns (bytes32) {
        return keccak256(abi.encodePacked(LOT, gtinHash, lotHash));
    }

    /// @notice The policy `id`.
    function policyKey(uint256 id) internal pure returns (bytes32) {
        return numberKey(POLICY, id);
    }

    /// @notice The withdrawal `id` (as StateTree.withdrawalKey).
    function withdrawalKey(uint64 id) internal pure returns (bytes32) {
        return keccak256(abi.encodePacked(WITHDRAWAL, id));
    }

    /// @notice The record `id`.
    function recordKey(uint256 id) internal pure returns (bytes32) {
        return numberKey(RECORD, id);
    }

    /// @notice The incident `id`.
    function incidentKey(uint256 id) internal pure returns (bytes32) {
        return numberKey(INCIDENT, id);
    }

    /// @notice The review `id`.
    function reviewKey(uint256 id) internal pure returns (bytes32) {
        return numberKey(REVIEW, id);
    }

    /// @notice The spent review nullifier `nullifier`.
    function nullifierKey(uint256 nullifier) internal pure returns (bytes32) {
        return numberKey(NULLIFIER, nullifier);
    }

    /// @notice The relation `<doctor>:<patient>` (cases between them).
    function relationKey(address doctor, address patient) internal pure returns (bytes32) {
        return key(RELATION, abi.encodePacked(LibString.toHexString(doctor), ":", LibString.toHexString(patient)));
    }

    /// @notice The counters singleton.
    function metaKey() internal pure returns (bytes32) {
        return key(META, "");
    }

    /// @notice The review-tree singleton.
    function reviewTreeKey() internal pure returns (bytes32) {
        return key(REVIEW_TREE, "");
    }

    /// @notice The genesis-parameters singleton.
    function paramsKey() internal pure returns (bytes32) {
        return key(PARAMS, "");
    }

    /// @notice The fee-schedule singleton.
    function feesKey() internal pure returns (bytes32) {
        return key(FEES, "");
    }
}
