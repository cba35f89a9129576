// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ISutureBridge} from "./interfaces/ISutureBridge.sol";
import {BatchHeader, Withdrawal} from "./libraries/RollupTypes.sol";
import {StateTree} from "./libraries/StateTree.sol";

/// @title SutureBridge
/// @notice Suture's L1 rollup contract. It holds every wei bridged to L2, keeps the L1 deposit
///         queue as a running hash chain, accepts the sequencer's batches (storing only a hash of
///         each header and its timing), and pays L2 withdrawals once their batch is final.
/// @dev Byte formats (queue hash chain, batch header, state tree, withdrawal leaf) are those of
///      docs/protocol.md.
///
///      Next phase (not built yet), and what this contract already keeps for it:
///      - fraud proofs with one-step re-execution: a challenger opens a dispute on a non-final
///        batch against its stored header hash; the header commits to `txDataHash` (the calldata)
///        and `txRootsHash` (the per-transaction state roots), so bisection can pin the first
///        wrong transaction and re-execute it against state-tree proofs (StateTree library);
///      - a sequencer bond slashed by a successful challenge, which then rolls the chain back to
///        the last good batch;
///      - forced inclusion: a queue item older than a deadline must be consumed by the next batch
///        (the queue already records every item's hash; a timestamp per item would be added);
///      - exodus mode: if the sequencer stalls past the deadline, users withdraw against the last
///        final root with the same inclusion proofs `finalizeWithdrawal` uses.
contract SutureBridge is ISutureBridge {
    /// @notice Thrown when a caller other than the sequencer submits a batch.
    error Bridge_NotSequencer();
    /// @notice Thrown when a caller other than governance calls a governance function.
    error Bridge_NotGovernance();
    /// @notice Thrown when a caller other than the pending governance accepts the transfer.
    error Bridge_NotPendingGovernance();
    /// @notice Thrown when an address that must be set is zero.
    error Bridge_ZeroAddress();
    /// @notice Thrown when a deposit carries no ETH.
    error Bridge_ZeroDeposit();
    /// @notice Thrown when depositing, or pausing, while deposits are paused.
    error Bridge_DepositsPaused();
    /// @notice Thrown when unpausing while deposits are not paused.
    error Bridge_DepositsNotPaused();
    /// @notice Thrown when a challenge window is outside `[MIN_CHALLENGE_WINDOW, MAX_CHALLENGE_WINDOW]`.
    error Bridge_ChallengeWindowOutOfBounds(uint64 window);
    /// @notice Thrown when a batch's index is not the next one.
    error Bridge_WrongBatchIndex(uint64 expected, uint64 actual);
    /// @notice Thrown when a batch does not start from the previous batch's post-state root.
    error Bridge_WrongPrevStateRoot(bytes32 expected, bytes32 actual);
    /// @notice Thrown when `header.txDataHash` is not `keccak256(data)`.
    error Bridge_WrongTxDataHash(bytes32 expected, bytes32 actual);
    /// @notice Thrown when a batch does not consume the L1 queue from where the last one stopped.
    error Bridge_WrongQueueStart(uint64 expected, uint64 actual);
    /// @notice Thrown when `queueEnd` is before `queueStart` or past the end of the L1 queue.
    error Bridge_QueueEndOutOfRange(uint64 queueEnd, uint64 queueLength);
    /// @notice Thrown when `header.queueHash` is not the chain's `queueHash[queueEnd]`.
    error Bridge_WrongQueueHash(bytes32 expected, bytes32 actual);
    /// @notice Thrown when a batch does not start at the block after the previous batch's last.
    error Bridge_WrongFirstBlock(uint64 expected, uint64 actual);
    /// @notice Thrown when a batch's last block is before its first.
    error Bridge_InvalidBlockRange(uint64 firstBlock, uint64 lastBlock);
    /// @notice Thrown when a batch's timestamps go backwards (inside it or against the previous batch).
    error Bridge_TimestampBackwards(uint64 previous, uint64 next);
    /// @notice Thrown when a batch's last timestamp is ahead of L1 time.
    error Bridge_TimestampInFuture(uint64 lastTimestamp, uint256 l1Timestamp);
    /// @notice Thrown when a withdrawal names a batch that has not been submitted.
    error Bridge_BatchNotFound(uint64 batchIndex);
    /// @notice Thrown when the header given does not hash to the stored header hash.
    error Bridge_WrongHeader(bytes32 expected, bytes32 actual);
    /// @notice Thrown when a withdrawal's batch is still inside its challenge window.
    error Bridge_NotFinal(uint64 batchIndex, uint64 finalAt);
    /// @notice Thrown when the withdrawal's inclusion proof does not match the batch's root.
    error Bridge_InvalidProof();
    /// @notice Thrown when a withdrawal id has already been paid.
    error Bridge_AlreadyWithdrawn(uint64 id);
    /// @notice Thrown when sending the withdrawn ETH to its recipient fails.
    error Bridge_TransferFailed();
    /// @notice Thrown on reentry into a guarded function.
    error Bridge_Reentrancy();

    /// @notice Emitted when a deposit joins the L1 queue; `queueHash` is `queueHash[index + 1]`.
    event DepositQueued(
        uint64 indexed index, address indexed l1Sender, address indexed l2Recipient, uint256 amount, bytes32 queueHash
    );
    /// @notice Emitted for every accepted batch. The batch data is the `data` argument of the
    ///         `submitBatch` call in the transaction that emitted this log.
    event BatchSubmitted(
        uint64 indexed batchIndex, bytes32 indexed headerHash, BatchHeader header, uint64 submittedAt, uint64 finalAt
    );
    /// @notice Emitted when a withdrawal is paid.
    event WithdrawalFinalized(uint64 indexed id, address indexed recipient, uint256 amount, uint64 indexed batchIndex);
    /// @notice Emitted when the sequencer changes.
    event SequencerUpdated(address indexed previousSequencer, address indexed newSequencer);
    /// @notice Emitted when the challenge window changes.
    event ChallengeWindowUpdated(uint64 previousWindow, uint64 newWindow);
    /// @notice Emitted when deposits are paused.
    event DepositsPaused(address indexed by);
    /// @notice Emitted when deposits are unpaused.
    event DepositsUnpaused(address indexed by);
    /// @notice Emitted when governance names a successor, who must accept.
    event GovernanceTransferStarted(address indexed currentGovernance, address indexed pendingGovernance);
    /// @notice Emitted when governance changes hands.
    event GovernanceTransferred(address indexed previousGovernance, address indexed newGovernance);

    /// @notice What the bridge keeps per batch.
    /// @param headerHash `keccak256(abi.encode(header))`; commits to the roots and data hashes
    ///        a later challenge needs.
    /// @param submittedAt L1 timestamp of the submission.
    /// @param finalAt L1 timestamp from which the batch is final (submission + the window in
    ///        force then, so a later window change never shortens a pending batch's window).
    struct BatchRecord {
        bytes32 headerHash;
        uint64 submittedAt;
        uint64 finalAt;
    }

    /// @notice Where the chain of batches stands; one slot, rewritten by every batch.
    struct Cursor {
        uint64 nextBatchIndex;
        uint64 queueConsumed;
        uint64 nextFirstBlock;
        uint64 lastTimestamp;
    }

    /// @notice Shortest challenge window governance may set (dev networks use seconds).
    uint64 public constant MIN_CHALLENGE_WINDOW = 1;
    /// @notice Longest challenge window governance may set.
    uint64 public constant MAX_CHALLENGE_WINDOW = 30 days;

    /// @notice Chain id of the L2 (part of the EIP-712 domain L2 transactions are signed in).
    uint256 public immutable l2ChainId;
    /// @notice State root before the first batch.
    bytes32 public immutable genesisStateRoot;

    /// @notice Account allowed to submit batches.
    address public sequencer;
    /// @notice Challenge window, in seconds, for batches submitted from now on.
    uint64 public challengeWindow;

    /// @notice Number of deposits ever queued.
    uint64 public queueLength;
    /// @notice True while deposits are paused.
    bool public depositsPaused;

    /// @notice Where the chain of batches stands.
    Cursor public cursor;
    /// @notice Post-state root of the last batch (the genesis root before any batch).
    bytes32 public lastStateRoot;

    /// @notice Account that may change the sequencer, the window and the pause.
    address public governance;
    /// @notice Account named by `transferGovernance`, until it accepts.
    address public pendingGovernance;

    /// @dev `queueHash[n]` for `1 <= n <= queueLength` (`queueHash[0]` is zero).
    mapping(uint64 => bytes32) private _queueHashes;
    /// @notice Per-batch record, by batch index.
    mapping(uint64 => BatchRecord) public batches;
    /// @dev Bit `id % 256` of word `id / 256` is set once withdrawal `id` is paid; ids are
    ///      sequential, so most withdrawals flip a bit in an already-used word.
    mapping(uint256 => uint256) private _withdrawnBitmap;
    /// @dev Reentrancy lock (EIP-1153 transient storage).
    bool private transient _locked;

    /// @param governance_ Account that governs the bridge.
    /// @param sequencer_ Account allowed to submit batches.
    /// @param challengeWindow_ Challenge window in seconds.
    /// @param genesisStateRoot_ L2 state root before the first batch.
    /// @param l2ChainId_ Chain id of the L2.
    constructor(
        address governance_,
        address sequencer_,
        uint64 challengeWindow_,
        bytes32 genesisStateRoot_,
        uint256 l2ChainId_
    ) {
        if (governance_ == address(0) || sequencer_ == address(0)) revert Bridge_ZeroAddress();
        _checkChallengeWindow(challengeWindow_);
        governance = governance_;
        sequencer = sequencer_;
        challengeWindow = challengeWindow_;
        genesisStateRoot = genesisStateRoot_;
        lastStateRoot = genesisStateRoot_;
        l2ChainId = l2ChainId_;
        emit GovernanceTransferred(address(0), governance_);
        emit SequencerUpdated(address(0), sequencer_);
        emit ChallengeWindowUpdated(0, challengeWindow_);
    }

    /// @inheritdoc ISutureBridge
    function deposit(address l2Recipient) external payable returns (uint64 index) {
        if (depositsPaused) revert Bridge_DepositsPaused();
        if (msg.value == 0) revert Bridge_ZeroDeposit();
        if (l2Recipient == address(0)) revert Bridge_ZeroAddress();
        index = queueLength;
        bytes32 next = keccak256(abi.encodePacked(_queueHashes[index], index, msg.sender, l2Recipient, msg.value));
        _queueHashes[index + 1] = next;
        queueLength = index + 1;
        emit DepositQueued(index, msg.sender, l2Recipient, msg.value, next);
    }

    /// @inheritdoc ISutureBridge
    /// @dev Checks, in order: caller, batch index, previous root, data hash, queue position and
    ///      hash, block range, timestamps. Stores the header hash and timing, nothing else.
    function submitBatch(BatchHeader calldata header, bytes calldata data) external {
        if (msg.sender != sequencer) revert Bridge_NotSequencer();
        Cursor memory c = cursor;
        if (header.batchIndex != c.nextBatchIndex) revert Bridge_WrongBatchIndex(c.nextBatchIndex, header.batchIndex);
        bytes32 prevRoot = lastStateRoot;
        if (header.prevStateRoot != prevRoot) revert Bridge_WrongPrevStateRoot(prevRoot, header.prevStateRoot);
        bytes32 dataHash = keccak256(data);
        if (header.txDataHash != dataHash) revert Bridge_WrongTxDataHash(dataHash, header.txDataHash);
        _checkQueue(header, c.queueConsumed);
        _checkBlocksAndTimes(header, c);

        uint64 submittedAt = uint64(block.timestamp);
        uint64 finalAt = submittedAt + challengeWindow;
        bytes32 headerHash = keccak256(abi.encode(header));
        batches[header.batchIndex] = BatchRecord(headerHash, submittedAt, finalAt);
        cursor = Cursor(c.nextBatchIndex + 1, header.queueEnd, header.lastBlock + 1, header.lastTimestamp);
        lastStateRoot = header.postStateRoot;
        emit BatchSubmitted(header.batchIndex, headerHash, header, submittedAt, finalAt);
    }

    /// @inheritdoc ISutureBridge
    /// @dev The caller passes the whole batch header (logged by `BatchSubmitted`) rather than a
    ///      batch index, so the bridge needs no per-batch storage of the post-state root.
    function finalizeWithdrawal(BatchHeader calldata header, Withdrawal calldata withdrawal, bytes32[] calldata siblings)
        external
    {
        if (_locked) revert Bridge_Reentrancy();
        _locked = true;

        BatchRecord memory record = batches[header.batchIndex];
        if (record.headerHash == bytes32(0)) revert Bridge_BatchNotFound(header.batchIndex);
        bytes32 headerHash = keccak256(abi.encode(header));
        if (headerHash != record.headerHash) revert Bridge_WrongHeader(record.headerHash, headerHash);
        if (block.timestamp < record.finalAt) revert Bridge_NotFinal(header.batchIndex, record.finalAt);
        bool included = StateTree.verifyInclusion(
            header.postStateRoot,
            StateTree.withdrawalKey(withdrawal.id),
            StateTree.withdrawalValueHash(withdrawal),
            siblings
        );
        if (!included) revert Bridge_InvalidProof();

        (uint256 word, uint256 mask) = _withdrawnSlot(withdrawal.id);
        uint256 bits = _withdrawnBitmap[word];
        if (bits & mask != 0) revert Bridge_AlreadyWithdrawn(withdrawal.id);
        _withdrawnBitmap[word] = bits | mask;
        emit WithdrawalFinalized(withdrawal.id, withdrawal.recipient, withdrawal.amount, header.batchIndex);

        (bool ok,) = withdrawal.recipient.call{value: withdrawal.amount}("");
        if (!ok) revert Bridge_TransferFailed();
        _locked = false;
    }

    /// @inheritdoc ISutureBridge
    function setSequencer(address newSequencer) external {
        _onlyGovernance();
        if (newSequencer == address(0)) revert Bridge_ZeroAddress();
        emit SequencerUpdated(sequencer, newSequencer);
        sequencer = newSequencer;
    }

    /// @inheritdoc ISutureBridge
    function setChallengeWindow(uint64 newWindow) external {
        _onlyGovernance();
        _checkChallengeWindow(newWindow);
        emit ChallengeWindowUpdated(challengeWindow, newWindow);
        challengeWindow = newWindow;
    }

    /// @inheritdoc ISutureBridge
    function pauseDeposits() external {
        _onlyGovernance();
        if (depositsPaused) revert Bridge_DepositsPaused();
        depositsPaused = true;
        emit DepositsPaused(msg.sender);
    }

    /// @inheritdoc ISutureBridge
    function unpauseDeposits() external {
        _onlyGovernance();
        if (!depositsPaused) revert Bridge_DepositsNotPaused();
        depositsPaused = false;
        emit DepositsUnpaused(msg.sender);
    }

    /// @inheritdoc ISutureBridge
    /// @dev Passing the zero address cancels a pending transfer.
    function transferGovernance(address newGovernance) external {
        _onlyGovernance();
        pendingGovernance = newGovernance;
        emit GovernanceTransferStarted(msg.sender, newGovernance);
    }

    /// @inheritdoc ISutureBridge
    function acceptGovernance() external {
        if (msg.sender != pendingGovernance || msg.sender == address(0)) revert Bridge_NotPendingGovernance();
        emit GovernanceTransferred(governance, msg.sender);
        governance = msg.sender;
        pendingGovernance = address(0);
    }

    /// @inheritdoc ISutureBridge
    function queueHash(uint64 index) external view returns (bytes32) {
        if (index > queueLength) revert Bridge_QueueEndOutOfRange(index, queueLength);
        return _queueHashes[index];
    }

    /// @inheritdoc ISutureBridge
    function isBatchFinal(uint64 batchIndex) external view returns (bool) {
        BatchRecord memory record = batches[batchIndex];
        return record.headerHash != bytes32(0) && block.timestamp >= record.finalAt;
    }

    /// @inheritdoc ISutureBridge
    function isWithdrawn(uint64 id) external view returns (bool) {
        (uint256 word, uint256 mask) = _withdrawnSlot(id);
        return _withdrawnBitmap[word] & mask != 0;
    }

    /// @dev A batch consumes queue items `[queueStart, queueEnd)` and must claim `queueHash[queueEnd]`.
    function _checkQueue(BatchHeader calldata header, uint64 queueConsumed) internal view {
        if (header.queueStart != queueConsumed) revert Bridge_WrongQueueStart(queueConsumed, header.queueStart);
        uint64 length = queueLength;
        if (header.queueEnd < header.queueStart || header.queueEnd > length) {
            revert Bridge_QueueEndOutOfRange(header.queueEnd, length);
        }
        bytes32 expected = _queueHashes[header.queueEnd];
        if (header.queueHash != expected) revert Bridge_WrongQueueHash(expected, header.queueHash);
    }

    /// @dev Blocks are contiguous across batches; L2 time never goes backwards nor ahead of L1.
    function _checkBlocksAndTimes(BatchHeader calldata header, Cursor memory c) internal view {
        if (header.firstBlock != c.nextFirstBlock) revert Bridge_WrongFirstBlock(c.nextFirstBlock, header.firstBlock);
        if (header.lastBlock < header.firstBlock) revert Bridge_InvalidBlockRange(header.firstBlock, header.lastBlock);
        if (header.firstTimestamp < c.lastTimestamp) revert Bridge_TimestampBackwards(c.lastTimestamp, header.firstTimestamp);
        if (header.lastTimestamp < header.firstTimestamp) {
            revert Bridge_TimestampBackwards(header.firstTimestamp, header.lastTimestamp);
        }
        if (header.lastTimestamp > block.timestamp) revert Bridge_TimestampInFuture(header.lastTimestamp, block.timestamp);
    }

    function _onlyGovernance() internal view {
        if (msg.sender != governance) revert Bridge_NotGovernance();
    }

    function _checkChallengeWindow(uint64 window) internal pure {
        if (window < MIN_CHALLENGE_WINDOW || window > MAX_CHALLENGE_WINDOW) {
            revert Bridge_ChallengeWindowOutOfBounds(window);
        }
    }

    function _withdrawnSlot(uint64 id) internal pure returns (uint256 word, uint256 mask) {
        word = id >> 8;
        mask = uint256(1) << (id & 0xff);
    }
}
