// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @notice Header of an L2 batch, exactly as docs/protocol.md ("Batch header") defines it.
///         The bridge stores only `keccak256(abi.encode(header))`; everything else is calldata.
struct BatchHeader {
    uint64 batchIndex;
    bytes32 prevStateRoot;
    bytes32 postStateRoot;
    bytes32 txDataHash;
    bytes32 txRootsHash;
    uint64 stepCount;
    uint64 queueStart;
    uint64 queueEnd;
    bytes32 queueHash;
    uint64 firstBlock;
    uint64 lastBlock;
    uint64 firstTimestamp;
    uint64 lastTimestamp;
    address proposer;
}

/// @notice An L2 withdrawal leaf, ABI-defined so the bridge can hash it (docs/protocol.md,
///         "State keys and values").
struct Withdrawal {
    uint64 id;
    address recipient;
    uint256 amount;
}

/// @notice An item of the L1 queue as its hash chain records it (docs/protocol.md, "L1 queue"):
///         a deposit (`transaction` empty: `amount` wei for `l2Recipient`) or a forced L2
///         transaction (`transaction` holds its bytes; `l2Recipient` and `amount` are zero).
struct QueueItem {
    uint64 index;
    address l1Sender;
    address l2Recipient;
    uint256 amount;
    bytes transaction;
}

/// @notice The bridge's timing rules (docs/protocol.md "Deadlines"), in seconds.
/// @param forceInclusionDelay A batch is refused while a queue item this old is not consumed.
/// @param sequencerInactiveDelay With no batch for this long, any bonded account may propose.
/// @param governanceDelay Every governance change waits this long; longer than the whole exit
///        path (`forceInclusionDelay + sequencerInactiveDelay + challengeWindow`).
struct Delays {
    uint64 forceInclusionDelay;
    uint64 sequencerInactiveDelay;
    uint64 governanceDelay;
}

/// @notice What a step challenge carries: the disputed step's committed roots with their Merkle
///         proofs against `txRootsHash`, the chunk that holds the step with the list of chunk
///         hashes `txDataHash` commits to, the queue item a queue step consumes, and the state
///         witness the one-step re-execution reads and writes (docs/fraud-proofs.md).
struct StepChallenge {
    uint64 stepIndex;
    bytes32 preRoot;
    bytes32[] preRootProof;
    bytes32 postRoot;
    bytes32[] postRootProof;
    uint64 chunkIndex;
    bytes chunk;
    bytes32[] chunkHashes;
    QueueItem item;
    bytes witness;
}

/// @notice What a chunk challenge carries: the chunk, the one before it (empty for chunk 0) and
///         the list of chunk hashes `txDataHash` commits to.
struct ChunkChallenge {
    uint64 chunkIndex;
    bytes chunk;
    bytes previousChunk;
    bytes32[] chunkHashes;
}

/// @notice What the bridge's governance may change, each only through its timelock
///         (docs/protocol.md "Governance").
enum Setting {
    Sequencer,
    ChallengeWindow,
    ForceInclusionDelay,
    SequencerInactiveDelay,
    FraudVerifier,
    Governance
}
