// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IFraudVerifier} from "./interfaces/IFraudVerifier.sol";
import {ISutureBridge} from "./interfaces/ISutureBridge.sol";
import {BatchHeader, QueueItem} from "./libraries/RollupTypes.sol";
import {Chunks} from "./twin/Chunks.sol";
import {IStfTwin} from "./twin/IStfTwin.sol";
import {StepContext, StfCore} from "./twin/StfCore.sol";
import {WitnessedState} from "./twin/WitnessedState.sol";
import {ChainStepsTwin} from "./twin/handlers/ChainStepsTwin.sol";
import {TxWire} from "./twin/generated/TxWire.sol";

/// @title FraudVerifier
/// @notice The bridge's judge (docs/fraud-proofs.md): finds a step in its chunk with its block
///         context, re-executes it with the STF's Solidity twin, and checks chunks against the
///         format and link rules. Called by the bridge (`msg.sender`), whose deposit queue and
///         EIP-712 domain (chain id, address) it reads.
/// @dev Transaction types are routed to the twin contract of their handler group by type byte;
///      a transaction whose type byte is unknown, or that the twin rejects, is a step that
///      changes nothing.
contract FraudVerifier is IFraudVerifier {
    /// @notice Thrown when the chunk does not decode or does not hold the step (challenge the chunk instead).
    error FraudVerifier_StepNotInChunk(uint64 stepIndex);
    /// @notice Thrown when a queue step's item is not the queue's item at its index.
    error FraudVerifier_WrongQueueItem(uint64 index);

    /// @notice Twin of funds and governance (type bytes 1-3, 32).
    IStfTwin public immutable funds;
    /// @notice Twin of the registries (4-9, 33).
    IStfTwin public immutable registry;
    /// @notice Twin of scheduling (10-16).
    IStfTwin public immutable schedule;
    /// @notice Twin of plans, surgery records and incidents (17-23).
    IStfTwin public immutable care;
    /// @notice Twin of closing, records and reviews (24-31).
    IStfTwin public immutable closing;
    /// @notice Twin of the deposit and fold steps.
    ChainStepsTwin public immutable chainSteps;

    constructor(IStfTwin funds_, IStfTwin registry_, IStfTwin schedule_, IStfTwin care_, IStfTwin closing_, ChainStepsTwin chainSteps_) {
        funds = funds_;
        registry = registry_;
        schedule = schedule_;
        care = care_;
        closing = closing_;
        chainSteps = chainSteps_;
    }

    /// @inheritdoc IFraudVerifier
    function executeStep(
        BatchHeader calldata header,
        uint64 stepIndex,
        bytes32 preRoot,
        bytes calldata chunk,
        QueueItem calldata item,
        bytes calldata witness
    ) external view returns (bytes32) {
        (bool ok, bytes memory raw) = Chunks.decompress(chunk);
        if (!ok) revert FraudVerifier_StepNotInChunk(stepIndex);
        (bool found, Chunks.StepRef memory ref) = Chunks.locateStep(raw, stepIndex);
        if (!found) revert FraudVerifier_StepNotInChunk(stepIndex);
        StepContext memory ctx = StepContext({
            blockNumber: uint64(ref.blockNumber),
            timestamp: uint64(ref.timestamp),
            feeRecipient: header.proposer,
            chainId: ISutureBridge(msg.sender).l2ChainId(),
            bridge: msg.sender
        });
        // A fold step's witness also carries the review tree's paths: ChainStepsTwin reads it.
        if (ref.kind == Chunks.STEP_FOLD) return chainSteps.applyFold(preRoot, ctx, witness);
        WitnessedState.Witness memory w = abi.decode(witness, (WitnessedState.Witness));
        if (ref.kind == Chunks.STEP_DEPOSIT) {
            _checkQueueItem(item, ref.depositIndex);
            // A forced transaction is applied exactly as one posted in the chunk.
            if (item.transaction.length > 0) return applyTransaction(preRoot, ctx, item.transaction, w);
            return chainSteps.applyDeposit(preRoot, ctx, item, w);
        }
        return applyTransaction(preRoot, ctx, ref.txBytes, w);
    }

    /// @inheritdoc IFraudVerifier
    function chunkIsInvalid(BatchHeader calldata header, uint64 chunkIndex, uint64 chunkCount, bytes calldata chunk, bytes calldata previousChunk)
        external
        pure
        returns (bool, string memory)
    {
        Chunks.Bounds memory bounds = _bounds(header);
        bool isLast = chunkIndex + 1 == chunkCount;
        bool hasPrevious = chunkIndex > 0;
        (bool ok, Chunks.Summary memory current) = _summarize(chunk);
        if (!ok) return (true, "format");
        Chunks.Summary memory previous;
        if (hasPrevious) {
            // A broken previous chunk is challenged as itself; here it only anchors the link.
            (ok, previous) = _summarize(previousChunk);
            if (!ok) return (false, "");
        }
        if (Chunks.checkLink(bounds, hasPrevious, previous, current, isLast) != Chunks.LINK_OK) return (true, "link");
        return (false, "");
    }

    /// @dev What the chunks must add up to. The previous batch's last timestamp is left at zero:
    ///      the bridge checked `firstTimestamp` against it at submission.
    function _bounds(BatchHeader calldata header) private pure returns (Chunks.Bounds memory b) {
        b.stepCount = header.stepCount;
        b.firstBlock = header.firstBlock;
        b.lastBlock = header.lastBlock;
        b.queueStart = header.queueStart;
        b.queueEnd = header.queueEnd;
        b.firstTimestamp = header.firstTimestamp;
        b.lastTimestamp = header.lastTimestamp;
    }

    function _summarize(bytes calldata chunk) private pure returns (bool ok, Chunks.Summary memory s) {
        bytes memory raw;
        (ok, raw) = Chunks.decompress(chunk);
        if (ok) (ok, s) = Chunks.summarize(raw);
    }

    /// @dev `item` is the queue's item at `index` when it extends queueHash[index] to
    ///      queueHash[index + 1]: a deposit's link hashes its fields, a forced transaction's link
    ///      its L1 sender and the hash of its bytes (docs/protocol.md "L1 queue").
    function _checkQueueItem(QueueItem calldata item, uint256 index) private view {
        ISutureBridge bridge = ISutureBridge(msg.sender);
        if (item.index != index) revert FraudVerifier_WrongQueueItem(item.index);
        bytes32 previous = bridge.queueHash(item.index);
        bytes32 next = item.transaction.length == 0
            ? keccak256(abi.encodePacked(previous, item.index, item.l1Sender, item.l2Recipient, item.amount))
            : keccak256(abi.encodePacked(previous, item.index, bytes1(0x01), item.l1Sender, keccak256(item.transaction)));
        if (next != bridge.queueHash(item.index + 1)) revert FraudVerifier_WrongQueueItem(item.index);
    }

    /// @notice The root after one transaction step (the twin of applyTransaction): routed by type
    ///         byte to its group's twin; an unknown type or a rejection changes nothing. Public so
    ///         that the differential tests drive exactly the code a dispute runs.
    function applyTransaction(bytes32 preRoot, StepContext memory ctx, bytes memory txBytes, WitnessedState.Witness memory w)
        public
        view
        returns (bytes32)
    {
        (bool known, uint8 code) = TxWire.typeCode(txBytes);
        if (!known) return preRoot;
        IStfTwin twin = code <= 3 || code == 32 ? funds : code <= 9 || code == 33 ? registry : code <= 16 ? schedule : code <= 23 ? care : closing;
        try twin.applyTx(preRoot, ctx, txBytes, w) returns (bytes32 postRoot) {
            return postRoot;
        } catch (bytes memory reason) {
            if (reason.length >= 4 && bytes4(reason) == StfCore.Stf_Rejected.selector) return preRoot;
            assembly ("memory-safe") {
                revert(add(reason, 32), mload(reason))
            }
        }
    }
}
