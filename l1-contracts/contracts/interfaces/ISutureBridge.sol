// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {BatchHeader, Setting, Withdrawal} from "../libraries/RollupTypes.sol";

/// @title ISutureBridge
/// @notice What the node, the verifier and the client call on Suture's L1 bridge.
interface ISutureBridge {
    /// @notice Locks `msg.value` for `l2Recipient` on L2 by appending it to the L1 queue.
    /// @return index Position of the deposit in the L1 queue.
    function deposit(address l2Recipient) external payable returns (uint64 index);

    /// @notice Posts a batch: its data in chunks, the state root after each of its steps, and the
    ///         header that commits to both (the bridge recomputes both commitments).
    function submitBatch(BatchHeader calldata header, bytes[] calldata chunks, bytes32[] calldata stepRoots) external;

    /// @notice Pays an L2 withdrawal proven against the post-state root of a final batch.
    function finalizeWithdrawal(BatchHeader calldata header, Withdrawal calldata withdrawal, bytes32[] calldata siblings)
        external;

    /// @notice Queues a signed L2 transaction on L1 (paying exactly `forcedTransactionFee`): the
    ///         STF applies it exactly as if it had been sent to the API, in the first batch that
    ///         consumes its queue item, which must come within `forceInclusionDelay`.
    /// @return index Position of the item in the L1 queue.
    function forceTransaction(bytes calldata transaction) external payable returns (uint64 index);

    /// @notice Proposes a change of `setting` (an address as uint160, or seconds); it may be
    ///         executed once `governanceDelay` has passed. Replaces a pending change of the setting.
    function proposeChange(Setting setting, uint256 value) external returns (uint64 executableAt);

    /// @notice Withdraws a pending change.
    function cancelChange(Setting setting) external;

    /// @notice Applies a pending change whose timelock is over; anyone may call it.
    function executeChange(Setting setting) external;

    /// @notice Stops new deposits, at once (forced transactions, batches, challenges and
    ///         withdrawals keep working: the pause freezes no one's money).
    function pauseDeposits() external;

    /// @notice Lets deposits in again.
    function unpauseDeposits() external;

    /// @notice `queueHash[index]` of the L1 queue hash chain, for `index <= queueLength()`.
    function queueHash(uint64 index) external view returns (bytes32);

    /// @notice Chain id of the L2 (the EIP-712 domain of L2 transactions, with this bridge's address).
    function l2ChainId() external view returns (uint256);
    /// @notice Number of items (deposits and forced transactions) ever queued.
    function queueLength() external view returns (uint64);

    /// @notice True when the batch exists and its challenge window has passed.
    function isBatchFinal(uint64 batchIndex) external view returns (bool);

    /// @notice True when withdrawal `id` has been paid.
    function isWithdrawn(uint64 id) external view returns (bool);
}
