// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {BatchHeader, QueueItem} from "../libraries/RollupTypes.sol";

/// @title IFraudVerifier
/// @notice The bridge's judge: re-executes one step of a batch, and checks one chunk of a batch's
///         data against the format rules, from L1 data alone. Stateless: the bridge has already
///         checked that the header is the stored one, that the chunk is part of the committed data
///         and that the roots are the committed ones.
interface IFraudVerifier {
    /// @notice The state root the STF produces for step `stepIndex` of `header`'s batch, which
    ///         `chunk` holds, from `preRoot`, reading and writing the state through `witness`.
    /// @dev Reverts when the inputs cannot settle the question (the step is not in the chunk, a
    ///      witness proof is wrong, the queue item is not the queue's): the challenge fails.
    function executeStep(
        BatchHeader calldata header,
        uint64 stepIndex,
        bytes32 preRoot,
        bytes calldata chunk,
        QueueItem calldata item,
        bytes calldata witness
    ) external view returns (bytes32 postRoot);

    /// @notice True when chunk `chunkIndex` of `header`'s batch breaks a format rule on its own,
    ///         does not continue `previousChunk` (or the header, for chunk 0), or, being the last
    ///         chunk, does not end where the header says the batch ends.
    function chunkIsInvalid(
        BatchHeader calldata header,
        uint64 chunkIndex,
        uint64 chunkCount,
        bytes calldata chunk,
        bytes calldata previousChunk
    ) external view returns (bool invalid, string memory reason);
}
