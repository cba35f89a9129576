// Test-side model of the bridge's byte formats (docs/protocol.md), written independently of the
// contract so the tests check the contract against the protocol rather than against itself.
import { encodeAbiParameters, encodePacked, keccak256, type Address, type Hex } from "viem";

export type BatchHeader = {
  batchIndex: bigint;
  prevStateRoot: Hex;
  postStateRoot: Hex;
  txDataHash: Hex;
  txRootsHash: Hex;
  queueStart: bigint;
  queueEnd: bigint;
  queueHash: Hex;
  firstBlock: bigint;
  lastBlock: bigint;
  firstTimestamp: bigint;
  lastTimestamp: bigint;
};

export type Withdrawal = { id: bigint; recipient: Address; amount: bigint };

export const ZERO_HASH: Hex = `0x${"00".repeat(32)}`;

const HEADER_ABI = [
  {
    type: "tuple",
    components: [
      { name: "batchIndex", type: "uint64" },
      { name: "prevStateRoot", type: "bytes32" },
      { name: "postStateRoot", type: "bytes32" },
      { name: "txDataHash", type: "bytes32" },
      { name: "txRootsHash", type: "bytes32" },
      { name: "queueStart", type: "uint64" },
      { name: "queueEnd", type: "uint64" },
      { name: "queueHash", type: "bytes32" },
      { name: "firstBlock", type: "uint64" },
      { name: "lastBlock", type: "uint64" },
      { name: "firstTimestamp", type: "uint64" },
      { name: "lastTimestamp", type: "uint64" },
    ],
  },
] as const;

/** `keccak256(abi.encode(header))`. */
export function headerHash(header: BatchHeader): Hex {
  return keccak256(encodeAbiParameters(HEADER_ABI, [header]));
}

/** `queueHash[n+1]` from `queueHash[n]` and deposit `n`. */
export function nextQueueHash(prev: Hex, index: bigint, l1Sender: Address, l2Recipient: Address, amount: bigint): Hex {
  return keccak256(encodePacked(["bytes32", "uint64", "address", "address", "uint256"], [prev, index, l1Sender, l2Recipient, amount]));
}

/** The L1 queue as the tests expect it: `hashes[n]` is `queueHash[n]`. */
export class QueueModel {
  readonly hashes: Hex[] = [ZERO_HASH];
  readonly items: { l1Sender: Address; recipient: Address; amount: bigint }[] = [];

  push(l1Sender: Address, l2Recipient: Address, amount: bigint): Hex {
    const n = BigInt(this.hashes.length - 1);
    const next = nextQueueHash(this.hashes[this.hashes.length - 1]!, n, l1Sender, l2Recipient, amount);
    this.hashes.push(next);
    this.items.push({ l1Sender, recipient: l2Recipient, amount });
    return next;
  }

  get length(): bigint {
    return BigInt(this.hashes.length - 1);
  }
}

/** Where the chain of batches stands, as the tests track it. */
export type ChainCursor = { batchIndex: bigint; stateRoot: Hex; queueConsumed: bigint; nextBlock: bigint; lastTimestamp: bigint };

export const genesisCursor = (genesisStateRoot: Hex): ChainCursor => ({
  batchIndex: 0n,
  stateRoot: genesisStateRoot,
  queueConsumed: 0n,
  nextBlock: 0n,
  lastTimestamp: 0n,
});

export type NextHeaderParameters = {
  cursor: ChainCursor;
  queue: QueueModel;
  data: Hex;
  postStateRoot: Hex;
  /** Queue items to consume (default: all pending). */
  consume?: bigint;
  blocks?: bigint;
  /** L2 timestamp of the batch's last block; must not be ahead of L1 time. */
  timestamp: bigint;
  txRootsHash?: Hex;
};

/** A valid header for the next batch. */
export function nextHeader({ cursor, queue, data, postStateRoot, consume, blocks = 1n, timestamp, txRootsHash }: NextHeaderParameters): BatchHeader {
  const queueEnd = consume === undefined ? queue.length : cursor.queueConsumed + consume;
  return {
    batchIndex: cursor.batchIndex,
    prevStateRoot: cursor.stateRoot,
    postStateRoot,
    txDataHash: keccak256(data),
    txRootsHash: txRootsHash ?? keccak256(encodePacked(["bytes32"], [postStateRoot])),
    queueStart: cursor.queueConsumed,
    queueEnd,
    queueHash: queue.hashes[Number(queueEnd)]!,
    firstBlock: cursor.nextBlock,
    lastBlock: cursor.nextBlock + blocks - 1n,
    firstTimestamp: timestamp > cursor.lastTimestamp ? (timestamp + cursor.lastTimestamp) / 2n : cursor.lastTimestamp,
    lastTimestamp: timestamp,
  };
}

/** The cursor after `header` is accepted. */
export function advanceCursor(header: BatchHeader): ChainCursor {
  return {
    batchIndex: header.batchIndex + 1n,
    stateRoot: header.postStateRoot,
    queueConsumed: header.queueEnd,
    nextBlock: header.lastBlock + 1n,
    lastTimestamp: header.lastTimestamp,
  };
}
