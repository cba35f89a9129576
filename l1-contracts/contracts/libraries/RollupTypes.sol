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
    uint64 queueStart;
    uint64 queueEnd;
    bytes32 queueHash;
    uint64 firstBlock;
    uint64 lastBlock;
    uint64 firstTimestamp;
    uint64 lastTimestamp;
}

/// @notice An L2 withdrawal leaf, ABI-defined so the bridge can hash it (docs/protocol.md,
///         "State keys and values").
struct Withdrawal {
    uint64 id;
    address recipient;
    uint256 amount;
}
