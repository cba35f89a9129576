// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IFraudVerifier} from "../interfaces/IFraudVerifier.sol";
import {BatchHeader, QueueItem} from "../libraries/RollupTypes.sol";

/// @title MockFraudVerifier
/// @notice Test double for the bridge's dispute mechanics (bond, window, commitments, rollback,
///         slashing): a step "re-executes" to `keccak256(witness)` when the witness is not empty
///         (so a test chooses the honest root) and to `preRoot` otherwise; a chunk is invalid when
///         its first byte is 0xff. The real judge is `FraudVerifier`.
contract MockFraudVerifier is IFraudVerifier {
    /// @inheritdoc IFraudVerifier
    function executeStep(BatchHeader calldata, uint64, bytes32 preRoot, bytes calldata, QueueItem calldata, bytes calldata witness)
        external
        pure
        returns (bytes32)
    {
        return witness.length == 0 ? preRoot : keccak256(witness);
    }

    /// @inheritdoc IFraudVerifier
    function chunkIsInvalid(BatchHeader calldata, uint64, uint64, bytes calldata chunk, bytes calldata)
        external
        pure
        returns (bool invalid, string memory reason)
    {
        invalid = chunk.length > 0 && chunk[0] == 0xff;
        reason = invalid ? "marked invalid" : "";
    }
}
