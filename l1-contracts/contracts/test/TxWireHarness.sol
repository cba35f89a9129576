// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {TxWire} from "../twin/generated/TxWire.sol";

/// @title TxWireHarness
/// @notice Test-only: exposes the shared half of the generated transaction codec (type byte,
///         varints, UTF-8, signatures, domain, fees) so tests can hold it against the TypeScript codec.
contract TxWireHarness {
    /// @notice TxWire.typeCode of every encoding.
    function typeCodes(bytes[] calldata txs) external pure returns (bool[] memory ok, uint8[] memory codes) {
        ok = new bool[](txs.length);
        codes = new uint8[](txs.length);
        for (uint256 i = 0; i < txs.length; ++i) {
            (ok[i], codes[i]) = TxWire.typeCode(txs[i]);
        }
    }

    /// @notice Reads each input as exactly one varint of at most `bits` bits (`ok` false on any error or trailing byte).
    function varints(bytes[] calldata inputs, uint256 bits) external pure returns (bool[] memory ok, uint256[] memory values) {
        ok = new bool[](inputs.length);
        values = new uint256[](inputs.length);
        for (uint256 i = 0; i < inputs.length; ++i) {
            TxWire.Reader memory r = TxWire.reader(inputs[i]);
            values[i] = TxWire.readVarint(r, bits);
            ok[i] = TxWire.done(r);
        }
    }

    /// @notice TxWire.isValidUtf8 of every input.
    function validUtf8(bytes[] calldata inputs) external pure returns (bool[] memory ok) {
        ok = new bool[](inputs.length);
        for (uint256 i = 0; i < inputs.length; ++i) {
            ok[i] = TxWire.isValidUtf8(inputs[i]);
        }
    }

    /// @notice TxWire.recover of every (digest, signature) pair.
    function recoverMany(bytes32[] calldata digests, bytes[] calldata sigs) external pure returns (bool[] memory ok, address[] memory signers) {
        ok = new bool[](digests.length);
        signers = new address[](digests.length);
        for (uint256 i = 0; i < digests.length; ++i) {
            (ok[i], signers[i]) = TxWire.recover(digests[i], sigs[i]);
        }
    }

    /// @notice TxWire.signature: the last 65 bytes.
    function signature(bytes calldata data) external pure returns (bytes memory) {
        return TxWire.signature(data);
    }

    /// @notice TxWire.domainSeparator.
    function domainSeparator(uint256 chainId, address verifyingContract) external pure returns (bytes32) {
        return TxWire.domainSeparator(chainId, verifyingContract);
    }

    /// @notice TxWire.fee.
    function fee(uint256 perByte, uint256 perWorkUnit, uint256 length, uint256 work) external pure returns (bool fits, uint256 amount) {
        return TxWire.fee(perByte, perWorkUnit, length, work);
    }
}
