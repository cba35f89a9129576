// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IFraudVerifier} from "./interfaces/IFraudVerifier.sol";
import {ISutureBridge} from "./interfaces/ISutureBridge.sol";
import {BatchHeader, ChunkChallenge, Delays, Setting, StepChallenge, Withdrawal} from "./libraries/RollupTypes.sol";
import {StateTree} from "./libraries/StateTree.sol";
import {StepRoots} from "./twin/StepRoots.sol";

/// @title SutureBridge
/// @notice Suture's L1 rollup contract. It holds every wei bridged to L2, keeps the L1 queue
///         (deposits and forced L2 transactions) as a running hash chain, accepts bonded
///         proposers' batches (storing only a hash of each header and its timing), settles
///         disputes over them in one transaction, and pays L2 withdrawals once their batch is final.
/// @dev Byte formats (queue hash chain, batch header, chunks, step roots, state tree, withdrawal
///      leaf) are those of docs/protocol.md; the dispute design is docs/fraud-proofs.md.
///      The sequencer is trusted for nothing: a batch is final only after a challenge window in
///      which anyone may prove, against the committed step roots and data, that one step's root
///      is not what the STF produces (`challengeStep`) or that the data breaks the format
///      (`challengeChunk`). A successful challenge deletes that batch and every later one (the
///      chain continues from the batch before), and slashes the proposer's bond: half to the
///      challenger, half burnt, so proposing a bad batch and challenging it yourself never pays.
///      Nor can the sequencer censor or stall: a batch is refused while a queue item older than
///      `forceInclusionDelay` is left unconsumed, and once the sequencer has submitted nothing for
///      `sequencerInactiveDelay` any bonded account may propose. Governance can change nothing
///      faster than users can leave: every change waits `governanceDelay`, longer than the whole
///      exit path; no role can move, freeze or pay out funds.
contract SutureBridge is ISutureBridge {
    /// @notice Thrown when a caller other than the sequencer submits a batch while the sequencer
    ///         is active (its last batch, or its appointment, is less than `sequencerInactiveDelay` ago).
    error Bridge_NotSequencer(uint64 openToAllAt);
    /// @notice Thrown when a batch leaves unconsumed a queue item older than `forceInclusionDelay`.
    error Bridge_QueueItemOverdue(uint64 index, uint64 dueAt);
    /// @notice Thrown when a forced transaction is empty or longer than `MAX_FORCED_TX_BYTES`.
    error Bridge_ForcedTransactionSize(uint256 length);
    /// @notice Thrown when a forced transaction's fee is not exactly `forcedTransactionFee`.
    error Bridge_WrongForcedTransactionFee(uint256 required, uint256 paid);
    /// @notice Thrown when a governance change's value is out of bounds or would make the exit
    ///         path (`forceInclusionDelay + sequencerInactiveDelay + challengeWindow`) as long as
    ///         `governanceDelay`.
    error Bridge_InvalidSetting(Setting setting, uint256 value);
    /// @notice Thrown when executing or cancelling a change that is not pending.
    error Bridge_NoPendingChange(Setting setting);
    /// @notice Thrown when executing a change before its timelock is over.
    error Bridge_ChangeNotReady(Setting setting, uint64 executableAt);
    /// @notice Thrown when the proposer's bond is below `minBond` at submission.
    error Bridge_BondTooLow(uint256 bond, uint256 required);
    /// @notice Thrown when a bond is withdrawn while one of the proposer's batches is not final.
    error Bridge_BondLocked(uint64 until);
    /// @notice Thrown when withdrawing more bond than posted.
    error Bridge_InsufficientBond(uint256 bond, uint256 requested);
    /// @notice Thrown when `header.proposer` is not the caller of `submitBatch`.
    error Bridge_WrongProposer(address expected, address actual);
    /// @notice Thrown when a batch's step roots, chunks or counts are inconsistent with its header.
    error Bridge_WrongStepRoots();
    /// @notice Thrown when a batch carries no data chunk.
    error Bridge_NoChunks();
    /// @notice Thrown when challenging a batch whose challenge window is over.
    error Bridge_WindowClosed(uint64 batchIndex, uint64 finalAt);
    /// @notice Thrown when a challenged root or chunk is not the one the batch committed to.
    error Bridge_NotCommitted();
    /// @notice Thrown when a challenged step re-executes to the committed root: no fraud.
    error Bridge_StepCorrect(uint64 stepIndex, bytes32 root);
    /// @notice Thrown when a challenged chunk follows every format rule: no fraud.
    error Bridge_ChunkValid(uint64 chunkIndex);
    /// @notice Thrown when a caller other than governance calls a governance function.
    error Bridge_NotGovernance();
    /// @notice Thrown when an address that must be set is zero.
    error Bridge_ZeroAddress();
    /// @notice Thrown when a deposit carries no ETH.
    error Bridge_ZeroDeposit();
    /// @notice Thrown when depositing, or pausing, while deposits are paused.
    error Bridge_DepositsPaused();
    /// @notice Thrown when unpausing while deposits are not paused.
    error Bridge_DepositsNotPaused();
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
    /// @notice Emitted when a forced L2 transaction joins the L1 queue; `queueHash` is `queueHash[index + 1]`.
    event TransactionForced(uint64 indexed index, address indexed l1Sender, bytes transaction, bytes32 queueHash);
    /// @notice Emitted for every accepted batch. The batch data is the `data` argument of the
    ///         `submitBatch` call in the transaction that emitted this log.
    event BatchSubmitted(
        uint64 indexed batchIndex, bytes32 indexed headerHash, BatchHeader header, uint64 submittedAt, uint64 finalAt
    );
    /// @notice Emitted when a challenge deletes batches `batchIndex..` (the chain continues from
    ///         `batchIndex - 1`); `kind` is "step" or "chunk", `at` the step or chunk index.
    event BatchChallenged(
        uint64 indexed batchIndex, address indexed challenger, address indexed proposer, string kind, uint64 at, uint256 slashed
    );
    /// @notice Emitted when a proposer posts bond.
    event BondPosted(address indexed proposer, uint256 amount, uint256 bond);
    /// @notice Emitted when a proposer takes bond back.
    event BondWithdrawn(address indexed proposer, uint256 amount, uint256 bond);
    /// @notice Emitted when a withdrawal is paid.
    event WithdrawalFinalized(uint64 indexed id, address indexed recipient, uint256 amount, uint64 indexed batchIndex);
    /// @notice Emitted when governance proposes a change; it takes effect from `executableAt`.
    event ChangeProposed(Setting indexed setting, uint256 value, uint64 executableAt);
    /// @notice Emitted when a pending change takes effect (also, with `previous` zero, for each
    ///         setting's initial value at deployment).
    event ChangeExecuted(Setting indexed setting, uint256 previous, uint256 value);
    /// @notice Emitted when governance withdraws a pending change.
    event ChangeCancelled(Setting indexed setting, uint256 value);
    /// @notice Emitted when deposits are paused.
    event DepositsPaused(address indexed by);
    /// @notice Emitted when deposits are unpaused.
    event DepositsUnpaused(address indexed by);

    /// @notice A proposed change: its value (an address as uint160, or seconds) and when it may
    ///         be executed (zero: nothing pending).
    struct PendingChange {
        uint256 value;
        uint64 executableAt;
    }

    /// @notice What the bridge keeps per batch.
    /// @param headerHash `keccak256(abi.encode(header))`; commits to the roots and data hashes
    ///        a later challenge needs.
    /// @param submittedAt L1 timestamp of the submission.
    /// @param finalAt L1 timestamp from which the batch is final: submission + the window in
    ///        force then (a later window change never shortens a pending batch's window), and
    ///        never before the previous batch's (a batch is only final once all before it are).
    /// @param prevLastTimestamp The chain's last L2 timestamp before this batch (restored when a
    ///        challenge deletes it).
    struct BatchRecord {
        bytes32 headerHash;
        uint64 submittedAt;
        uint64 finalAt;
        uint64 prevLastTimestamp;
    }

    /// @notice Where the chain of batches stands; one slot, rewritten by every batch.
    struct Cursor {
        uint64 nextBatchIndex;
        uint64 queueConsumed;
        uint64 nextFirstBlock;
        uint64 lastTimestamp;
    }

    /// @notice Shortest challenge window, and shortest delay, governance may set (dev networks use seconds).
    uint64 public constant MIN_CHALLENGE_WINDOW = 1;
    /// @notice Longest challenge window governance may set.
    uint64 public constant MAX_CHALLENGE_WINDOW = 30 days;
    /// @notice Longest forced transaction (the L2's MAX_TX_BYTES).
    uint256 public constant MAX_FORCED_TX_BYTES = 8192;

    /// @notice Bond a proposer must have posted to submit a batch; slashed by a successful challenge.
    uint256 public immutable minBond;
    /// @notice Chain id of the L2 (part of the EIP-712 domain L2 transactions are signed in).
    uint256 public immutable l2ChainId;
    /// @notice State root before the first batch.
    bytes32 public immutable genesisStateRoot;
    /// @notice How long every governance change waits between proposal and effect.
    uint64 public immutable governanceDelay;
    /// @notice L1 fee for forcing a transaction (against spam); kept by the bridge for good, like
    ///         slashed bond (`burntFees`).
    uint256 public immutable forcedTransactionFee;

    /// @notice The judge of disputes (the STF's Solidity twin and the data format rules).
    IFraudVerifier public fraudVerifier;
    /// @notice Account allowed to submit batches (and, once it has been inactive for
    ///         `sequencerInactiveDelay`, any bonded account).
    address public sequencer;
    /// @notice Challenge window, in seconds, for batches submitted from now on.
    uint64 public challengeWindow;
    /// @notice A batch is refused while a queue item older than this (seconds) is not consumed.
    uint64 public forceInclusionDelay;
    /// @notice After this long (seconds) without a batch, any bonded account may submit.
    uint64 public sequencerInactiveDelay;
    /// @notice L1 time of the sequencer's last accepted batch (its appointment's, before any): the
    ///         sequencer is inactive, and proposing open to anyone bonded, from this plus
    ///         `sequencerInactiveDelay` until the sequencer submits again. Fallback batches do not
    ///         move it, so fallback proposers may keep the chain going batch after batch.
    uint64 public sequencerLastBatchAt;

    /// @notice Number of items (deposits and forced transactions) ever queued.
    uint64 public queueLength;
    /// @notice True while deposits are paused (forced transactions and exits never pause).
    bool public depositsPaused;

    /// @notice Where the chain of batches stands.
    Cursor public cursor;
    /// @notice Post-state root of the last batch (the genesis root before any batch).
    bytes32 public lastStateRoot;

    /// @notice Account that may propose changes (through the timelock) and pause deposits.
    address public governance;
    /// @notice Pending change per setting.
    mapping(Setting => PendingChange) public pendingChanges;

    /// @dev `queueHash[n]` for `1 <= n <= queueLength` (`queueHash[0]` is zero).
    mapping(uint64 => bytes32) private _queueHashes;
    /// @notice L1 time at which queue item `index` was queued.
    mapping(uint64 => uint64) public queuedAt;
    /// @notice Per-batch record, by batch index.
    mapping(uint64 => BatchRecord) public batches;
    /// @dev Bit `id % 256` of word `id / 256` is set once withdrawal `id` is paid; ids are
    ///      sequential, so most withdrawals flip a bit in an already-used word.
    mapping(uint256 => uint256) private _withdrawnBitmap;
    /// @notice Bond posted, per proposer.
    mapping(address => uint256) public bonds;
    /// @notice Slashed bond kept by the bridge for good (the half not paid to challengers).
    uint256 public burntBonds;
    /// @notice Forced-transaction fees kept by the bridge for good.
    uint256 public burntFees;
    /// @notice L1 time until which a proposer's bond is locked: the `finalAt` of its last batch.
    mapping(address => uint64) public bondLockedUntil;
    /// @dev Reentrancy lock (EIP-1153 transient storage).
    bool private transient _locked;

    /// @param governance_ Account that governs the bridge.
    /// @param sequencer_ Account allowed to submit batches.
    /// @param challengeWindow_ Challenge window in seconds.
    /// @param genesisStateRoot_ L2 state root before the first batch.
    /// @param l2ChainId_ Chain id of the L2.
    /// @param fraudVerifier_ The dispute judge.
    /// @param minBond_ Bond required to submit batches.
    /// @param delays Force-inclusion, sequencer-inactivity and governance delays.
    /// @param forcedTransactionFee_ L1 fee for forcing a transaction.
    constructor(
        address governance_,
        address sequencer_,
        uint64 challengeWindow_,
        bytes32 genesisStateRoot_,
        uint256 l2ChainId_,
        IFraudVerifier fraudVerifier_,
        uint256 minBond_,
        Delays memory delays,
        uint256 forcedTransactionFee_
    ) {
        if (governance_ == address(0) || sequencer_ == address(0) || address(fraudVerifier_) == address(0)) {
            revert Bridge_ZeroAddress();
        }
        minBond = minBond_;
        governanceDelay = delays.governanceDelay;
        forcedTransactionFee = forcedTransactionFee_;
        genesisStateRoot = genesisStateRoot_;
        lastStateRoot = genesisStateRoot_;
        l2ChainId = l2ChainId_;
        _apply(Setting.Governance, uint160(governance_));
        _apply(Setting.Sequencer, uint160(sequencer_));
        _apply(Setting.FraudVerifier, uint160(address(fraudVerifier_)));
        _apply(Setting.ChallengeWindow, challengeWindow_);
        _apply(Setting.ForceInclusionDelay, delays.forceInclusionDelay);
        _apply(Setting.SequencerInactiveDelay, delays.sequencerInactiveDelay);
        _checkSetting(Setting.ChallengeWindow, challengeWindow_);
        _checkSetting(Setting.ForceInclusionDelay, delays.forceInclusionDelay);
        _checkSetting(Setting.SequencerInactiveDelay, delays.sequencerInactiveDelay);
    }

    /// @inheritdoc ISutureBridge
    function deposit(address l2Recipient) external payable returns (uint64 index) {
        if (depositsPaused) revert Bridge_DepositsPaused();
        if (msg.value == 0) revert Bridge_ZeroDeposit();
        if (l2Recipient == address(0)) revert Bridge_ZeroAddress();
        index = queueLength;
        bytes32 next = keccak256(abi.encodePacked(_queueHashes[index], index, msg.sender, l2Recipient, msg.value));
        _enqueue(index, next);
        emit DepositQueued(index, msg.sender, l2Recipient, msg.value, next);
    }

    /// @inheritdoc ISutureBridge
    /// @dev The transaction's bytes stay in this call's calldata and its event; the queue keeps
    ///      only their hash, and batches consume the item without repeating them.
    function forceTransaction(bytes calldata transaction) external payable returns (uint64 index) {
        if (transaction.length == 0 || transaction.length > MAX_FORCED_TX_BYTES) {
            revert Bridge_ForcedTransactionSize(transaction.length);
        }
        if (msg.value != forcedTransactionFee) revert Bridge_WrongForcedTransactionFee(forcedTransactionFee, msg.value);
        burntFees += msg.value;
        index = queueLength;
        bytes32 next = keccak256(abi.encodePacked(_queueHashes[index], index, bytes1(0x01), msg.sender, keccak256(transaction)));
        _enqueue(index, next);
        emit TransactionForced(index, msg.sender, transaction, next);
    }

    /// @inheritdoc ISutureBridge
    /// @dev Checks, in order: caller and bond, batch index, previous root, step roots (count, last
    ///      root, Merkle commitment), data commitment, queue position and hash, block range,
    ///      timestamps. Stores the header hash and timing, nothing else.
    function submitBatch(BatchHeader calldata header, bytes[] calldata chunks, bytes32[] calldata stepRoots) external {
        if (msg.sender != sequencer) {
            uint64 openAt = sequencerLastBatchAt + sequencerInactiveDelay;
            if (block.timestamp < openAt) revert Bridge_NotSequencer(openAt);
        }
        if (header.proposer != msg.sender) revert Bridge_WrongProposer(msg.sender, header.proposer);
        uint256 bond = bonds[msg.sender];
        if (bond < minBond) revert Bridge_BondTooLow(bond, minBond);
        Cursor memory c = cursor;
        if (header.batchIndex != c.nextBatchIndex) revert Bridge_WrongBatchIndex(c.nextBatchIndex, header.batchIndex);
        bytes32 prevRoot = lastStateRoot;
        if (header.prevStateRoot != prevRoot) revert Bridge_WrongPrevStateRoot(prevRoot, header.prevStateRoot);
        _checkStepRoots(header, stepRoots);
        bytes32 dataHash = _dataCommitment(chunks);
        if (header.txDataHash != dataHash) revert Bridge_WrongTxDataHash(dataHash, header.txDataHash);
        _checkQueue(header, c.queueConsumed);
        _checkBlocksAndTimes(header, c);
        uint64 submittedAt = uint64(block.timestamp);
        uint64 finalAt = submittedAt + challengeWindow;
        if (header.batchIndex > 0) {
            uint64 previousFinalAt = batches[header.batchIndex - 1].finalAt;
            if (previousFinalAt > finalAt) finalAt = previousFinalAt;
        }
        bytes32 headerHash = keccak256(abi.encode(header));
        batches[header.batchIndex] = BatchRecord(headerHash, submittedAt, finalAt, c.lastTimestamp);
        cursor = Cursor(c.nextBatchIndex + 1, header.queueEnd, header.lastBlock + 1, header.lastTimestamp);
        lastStateRoot = header.postStateRoot;
        if (msg.sender == sequencer) sequencerLastBatchAt = submittedAt;
        bondLockedUntil[msg.sender] = finalAt;
        emit BatchSubmitted(header.batchIndex, headerHash, header, submittedAt, finalAt);
    }

    /// @notice Posts bond for `msg.sender` (any account may bond; the sequencer submits, and
    ///         anyone bonded once the sequencer has been inactive for `sequencerInactiveDelay`).
    function postBond() external payable {
        uint256 bond = bonds[msg.sender] + msg.value;
        bonds[msg.sender] = bond;
        emit BondPosted(msg.sender, msg.value, bond);
    }

    /// @notice Takes `amount` of bond back, once every batch the caller proposed is final.
    function withdrawBond(uint256 amount) external {
        if (_locked) revert Bridge_Reentrancy();
        _locked = true;
        uint64 until = bondLockedUntil[msg.sender];
        if (block.timestamp < until) revert Bridge_BondLocked(until);
        uint256 bond = bonds[msg.sender];
        if (amount > bond) revert Bridge_InsufficientBond(bond, amount);
        bonds[msg.sender] = bond - amount;
        emit BondWithdrawn(msg.sender, amount, bond - amount);
        (bool ok,) = msg.sender.call{value: amount}("");
        if (!ok) revert Bridge_TransferFailed();
        _locked = false;
    }

    /// @notice Proves that step `c.stepIndex` of a pending batch commits a root the STF does not
    ///         produce: re-executes it on L1 from the committed root before it. On success the
    ///         batch and every later one are deleted and the proposer's bond is slashed.
    function challengeStep(BatchHeader calldata header, StepChallenge calldata c) external {
        if (_locked) revert Bridge_Reentrancy();
        _locked = true;
        _checkChallengeable(header);
        if (c.stepIndex == 0) {
            if (c.preRoot != header.prevStateRoot) revert Bridge_NotCommitted();
        } else if (!StepRoots.verify(header.txRootsHash, header.stepCount, c.stepIndex - 1, c.preRoot, c.preRootProof)) {
            revert Bridge_NotCommitted();
        }
        if (!StepRoots.verify(header.txRootsHash, header.stepCount, c.stepIndex, c.postRoot, c.postRootProof)) {
            revert Bridge_NotCommitted();
        }
        _checkChunkCommitted(header, c.chunkIndex, c.chunk, c.chunkHashes);
        bytes32 computed = fraudVerifier.executeStep(header, c.stepIndex, c.preRoot, c.chunk, c.item, c.witness);
        if (computed == c.postRoot) revert Bridge_StepCorrect(c.stepIndex, computed);
        _slashAndRollBack(header, "step", c.stepIndex);
        _locked = false;
    }

    /// @notice Proves that chunk `c.chunkIndex` of a pending batch's data breaks the format rules
    ///         (docs/protocol.md "Batch data"). On success the batch and every later one are
    ///         deleted and the proposer's bond is slashed.
    function challengeChunk(BatchHeader calldata header, ChunkChallenge calldata c) external {
        if (_locked) revert Bridge_Reentrancy();
        _locked = true;
        _checkChallengeable(header);
        _checkChunkCommitted(header, c.chunkIndex, c.chunk, c.chunkHashes);
        if (c.chunkIndex > 0 && keccak256(c.previousChunk) != c.chunkHashes[c.chunkIndex - 1]) revert Bridge_NotCommitted();
        (bool invalid,) =
            fraudVerifier.chunkIsInvalid(header, c.chunkIndex, uint64(c.chunkHashes.length), c.chunk, c.previousChunk);
        if (!invalid) revert Bridge_ChunkValid(c.chunkIndex);
        _slashAndRollBack(header, "chunk", c.chunkIndex);
        _locked = false;
    }

    /// @inheritdoc ISutureBridge
    /// @dev The caller passes the whole batch header (logged by `BatchSubmitted`) rather than a
    ///      batch index, so the bridge needs no per-batch storage of the post-state root.
    function finalizeWithdrawal(BatchHeader calldata header, Withdrawal calldata withdrawal, bytes32[] calldata siblings)
        external
    {
        if (_locked) revert Bridge_Reentrancy();
        _locked = true;

        BatchRecord memory record = _record(header);
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
    function proposeChange(Setting setting, uint256 value) external returns (uint64 executableAt) {
        _onlyGovernance();
        _checkSetting(setting, value);
        executableAt = uint64(block.timestamp) + governanceDelay;
        pendingChanges[setting] = PendingChange(value, executableAt);
        emit ChangeProposed(setting, value, executableAt);
    }

    /// @inheritdoc ISutureBridge
    function cancelChange(Setting setting) external {
        _onlyGovernance();
        PendingChange memory change = pendingChanges[setting];
        if (change.executableAt == 0) revert Bridge_NoPendingChange(setting);
        delete pendingChanges[setting];
        emit ChangeCancelled(setting, change.value);
    }

    /// @inheritdoc ISutureBridge
    /// @dev Anyone may execute a change whose timelock is over; the value is checked again
    ///      against the settings then in force.
    function executeChange(Setting setting) external {
        PendingChange memory change = pendingChanges[setting];
        if (change.executableAt == 0) revert Bridge_NoPendingChange(setting);
        if (block.timestamp < change.executableAt) revert Bridge_ChangeNotReady(setting, change.executableAt);
        _checkSetting(setting, change.value);
        delete pendingChanges[setting];
        _apply(setting, change.value);
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
    function queueHash(uint64 index) external view returns (bytes32) {
        if (index > queueLength) revert Bridge_QueueEndOutOfRange(index, queueLength);
        return _queueHashes[index];
    }

    /// @inheritdoc ISutureBridge
    function isBatchFinal(uint64 batchIndex) external view returns (bool) {
        BatchRecord memory record = batches[batchIndex];
        return batchIndex < cursor.nextBatchIndex && record.headerHash != bytes32(0) && block.timestamp >= record.finalAt;
    }

    /// @inheritdoc ISutureBridge
    function isWithdrawn(uint64 id) external view returns (bool) {
        (uint256 word, uint256 mask) = _withdrawnSlot(id);
        return _withdrawnBitmap[word] & mask != 0;
    }

    /// @dev The stored record of a live batch (indexes at or past `nextBatchIndex` were deleted by
    ///      a challenge, their records are stale until overwritten), checked against `header`.
    function _record(BatchHeader calldata header) internal view returns (BatchRecord memory record) {
        record = batches[header.batchIndex];
        if (header.batchIndex >= cursor.nextBatchIndex || record.headerHash == bytes32(0)) {
            revert Bridge_BatchNotFound(header.batchIndex);
        }
        bytes32 headerHash = keccak256(abi.encode(header));
        if (headerHash != record.headerHash) revert Bridge_WrongHeader(record.headerHash, headerHash);
    }

    function _checkChallengeable(BatchHeader calldata header) internal view {
        BatchRecord memory record = _record(header);
        if (block.timestamp >= record.finalAt) revert Bridge_WindowClosed(header.batchIndex, record.finalAt);
    }

    function _checkChunkCommitted(BatchHeader calldata header, uint64 chunkIndex, bytes calldata chunk, bytes32[] calldata chunkHashes)
        internal
        pure
    {
        if (keccak256(abi.encodePacked(chunkHashes)) != header.txDataHash) revert Bridge_NotCommitted();
        if (chunkIndex >= chunkHashes.length || keccak256(chunk) != chunkHashes[chunkIndex]) revert Bridge_NotCommitted();
    }

    /// @dev Effects first: the chain goes back to the state before `header`'s batch and the
    ///      proposer's bond is zeroed; then half of it goes to the challenger (the other half
    ///      stays locked in the bridge for good: burnt).
    function _slashAndRollBack(BatchHeader calldata header, string memory kind, uint64 at) internal {
        BatchRecord memory record = batches[header.batchIndex];
        cursor = Cursor(header.batchIndex, header.queueStart, header.firstBlock, record.prevLastTimestamp);
        lastStateRoot = header.prevStateRoot;
        uint256 slashed = bonds[header.proposer];
        bonds[header.proposer] = 0;
        emit BatchChallenged(header.batchIndex, msg.sender, header.proposer, kind, at, slashed);
        uint256 reward = slashed / 2;
        burntBonds += slashed - reward;
        if (reward > 0) {
            (bool ok,) = msg.sender.call{value: reward}("");
            if (!ok) revert Bridge_TransferFailed();
        }
    }

    /// @dev `keccak256(keccak256(chunk_0) ‖ … ‖ keccak256(chunk_n-1))`.
    function _dataCommitment(bytes[] calldata chunks) internal pure returns (bytes32) {
        uint256 n = chunks.length;
        if (n == 0) revert Bridge_NoChunks();
        bytes32[] memory hashes = new bytes32[](n);
        for (uint256 i = 0; i < n; ++i) hashes[i] = keccak256(chunks[i]);
        return keccak256(abi.encodePacked(hashes));
    }

    /// @dev The step roots are posted, so the bridge computes their commitment itself: the header
    ///      must state their number, their Merkle root, and end on its post-state root.
    function _checkStepRoots(BatchHeader calldata header, bytes32[] calldata stepRoots) internal pure {
        uint256 n = stepRoots.length;
        if (n == 0 || header.stepCount != n || stepRoots[n - 1] != header.postStateRoot) revert Bridge_WrongStepRoots();
        if (StepRoots.hash(stepRoots) != header.txRootsHash) revert Bridge_WrongStepRoots();
    }

    /// @dev A batch consumes queue items `[queueStart, queueEnd)`, must claim `queueHash[queueEnd]`,
    ///      and must not leave an overdue item behind.
    function _checkQueue(BatchHeader calldata header, uint64 queueConsumed) internal view {
        if (header.queueStart != queueConsumed) revert Bridge_WrongQueueStart(queueConsumed, header.queueStart);
        uint64 length = queueLength;
        if (header.queueEnd < header.queueStart || header.queueEnd > length) {
            revert Bridge_QueueEndOutOfRange(header.queueEnd, length);
        }
        bytes32 expected = _queueHashes[header.queueEnd];
        if (header.queueHash != expected) revert Bridge_WrongQueueHash(expected, header.queueHash);
        if (header.queueEnd < length) {
            uint64 dueAt = queuedAt[header.queueEnd] + forceInclusionDelay;
            if (block.timestamp >= dueAt) revert Bridge_QueueItemOverdue(header.queueEnd, dueAt);
        }
    }

    function _enqueue(uint64 index, bytes32 next) internal {
        _queueHashes[index + 1] = next;
        queuedAt[index] = uint64(block.timestamp);
        queueLength = index + 1;
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

    /// @dev Addresses must be nonzero; durations within `[MIN_CHALLENGE_WINDOW, MAX_CHALLENGE_WINDOW]`,
    ///      and the exit path they add up to (force inclusion, then a fallback proposer, then the
    ///      challenge window) must stay shorter than `governanceDelay`, so users can always leave
    ///      before a change they dislike takes effect.
    function _checkSetting(Setting setting, uint256 value) internal view {
        if (setting == Setting.Sequencer || setting == Setting.FraudVerifier || setting == Setting.Governance) {
            if (value == 0 || value > type(uint160).max) revert Bridge_InvalidSetting(setting, value);
            return;
        }
        if (value < MIN_CHALLENGE_WINDOW || value > MAX_CHALLENGE_WINDOW) revert Bridge_InvalidSetting(setting, value);
        uint256 window = setting == Setting.ChallengeWindow ? value : challengeWindow;
        uint256 force = setting == Setting.ForceInclusionDelay ? value : forceInclusionDelay;
        uint256 inactive = setting == Setting.SequencerInactiveDelay ? value : sequencerInactiveDelay;
        if (window + force + inactive >= governanceDelay) revert Bridge_InvalidSetting(setting, value);
    }

    function _apply(Setting setting, uint256 value) internal {
        uint256 previous;
        if (setting == Setting.Sequencer) {
            previous = uint160(sequencer);
            sequencer = address(uint160(value));
            sequencerLastBatchAt = uint64(block.timestamp);
        } else if (setting == Setting.ChallengeWindow) {
            previous = challengeWindow;
            challengeWindow = uint64(value);
        } else if (setting == Setting.ForceInclusionDelay) {
            previous = forceInclusionDelay;
            forceInclusionDelay = uint64(value);
        } else if (setting == Setting.SequencerInactiveDelay) {
            previous = sequencerInactiveDelay;
            sequencerInactiveDelay = uint64(value);
        } else if (setting == Setting.FraudVerifier) {
            previous = uint160(address(fraudVerifier));
            fraudVerifier = IFraudVerifier(address(uint160(value)));
        } else {
            previous = uint160(governance);
            governance = address(uint160(value));
        }
        emit ChangeExecuted(setting, previous, value);
    }

    function _withdrawnSlot(uint64 id) internal pure returns (uint256 word, uint256 mask) {
        word = id >> 8;
        mask = uint256(1) << (id & 0xff);
    }
}
