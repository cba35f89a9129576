// Test-side model of the bridge's byte formats (docs/protocol.md): the L1 queue is modelled
// independently of the contract, and batch headers are hashed by the node's code, so the tests
// check the contract against the protocol and the node rather than against itself.
import { concat, encodePacked, keccak256, zeroAddress, type Address, type Hex } from "viem";
import { forcedQueueHash } from "../../sequencer/src/protocol/depositQueueHash";
import { batchHeaderHash, txRootsHash, type BatchHeader } from "../../sequencer/src/protocol/batch/batchHeader";
import type { WithdrawalLeaf } from "../../sequencer/src/protocol";

export type { BatchHeader };

/** The withdrawal leaf `(id, recipient, amount)`, as the node defines it. */
export type Withdrawal = WithdrawalLeaf;

export const ZERO_HASH: Hex = `0x${"00".repeat(32)}`;

/** `keccak256(abi.encode(header))`, computed by the node's own code so the bridge tests double as a node ↔ bridge check. */
export const headerHash = batchHeaderHash;

/** `queueHash[n+1]` from `queueHash[n]` and deposit `n`. */
export function nextQueueHash(prev: Hex, index: bigint, l1Sender: Address, l2Recipient: Address, amount: bigint): Hex {
  return keccak256(encodePacked(["bytes32", "uint64", "address", "address", "uint256"], [prev, index, l1Sender, l2Recipient, amount]));
}

/**
 * An L1 queue item as the tests track it: a deposit (`amount` wei for `recipient`), or a forced
 * transaction (`transaction` set; `recipient` zero and `amount` 0, as in StepChallenge.item).
 */
export type QueueModelItem = { l1Sender: Address; recipient: Address; amount: bigint; transaction?: Hex };

/** The L1 queue as the tests expect it: `hashes[n]` is `queueHash[n]`. */
export class QueueModel {
  readonly hashes: Hex[] = [ZERO_HASH];
  readonly items: QueueModelItem[] = [];

  /** Appends a deposit (its link hashed here, independently of the node). */
  push(l1Sender: Address, l2Recipient: Address, amount: bigint): Hex {
    const n = BigInt(this.hashes.length - 1);
    const next = nextQueueHash(this.hashes[this.hashes.length - 1]!, n, l1Sender, l2Recipient, amount);
    this.hashes.push(next);
    this.items.push({ l1Sender, recipient: l2Recipient, amount });
    return next;
  }

  /** Appends a forced transaction (its link hashed by the node's forcedQueueHash). */
  pushForced(l1Sender: Address, transaction: Hex): Hex {
    const index = BigInt(this.hashes.length - 1);
    const next = forcedQueueHash({ previous: this.hashes[this.hashes.length - 1]!, item: { index, l1Sender, transaction } });
    this.hashes.push(next);
    this.items.push({ l1Sender, recipient: zeroAddress, amount: 0n, transaction });
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
  /** The batch's data chunks (a single chunk when `data` is a hex string). */
  data: Hex | Hex[];
  postStateRoot: Hex;
  /** The roots after each step; default: one step ending on `postStateRoot`. */
  stepRoots?: Hex[];
  /** The proposer (must be the submitter). */
  proposer: Address;
  /** Queue items to consume (default: all pending). */
  consume?: bigint;
  blocks?: bigint;
  /** L2 timestamp of the batch's last block; must not be ahead of L1 time. */
  timestamp: bigint;
};

/** `keccak256(keccak256(chunk_0) ‖ …)`: the data commitment the bridge computes. */
export function dataCommitment(data: Hex | Hex[]): Hex {
  const chunks = typeof data === "string" ? [data] : data;
  return keccak256(concat(chunks.map((c) => keccak256(c))));
}

/** A valid header for the next batch. */
export function nextHeader({ cursor, queue, data, postStateRoot, stepRoots, proposer, consume, blocks = 1n, timestamp }: NextHeaderParameters): BatchHeader {
  const queueEnd = consume === undefined ? queue.length : cursor.queueConsumed + consume;
  const roots = stepRoots ?? [postStateRoot];
  return {
    batchIndex: cursor.batchIndex,
    prevStateRoot: cursor.stateRoot,
    postStateRoot,
    txDataHash: dataCommitment(data),
    txRootsHash: txRootsHash(roots),
    stepCount: BigInt(roots.length),
    queueStart: cursor.queueConsumed,
    queueEnd,
    queueHash: queue.hashes[Number(queueEnd)]!,
    firstBlock: cursor.nextBlock,
    lastBlock: cursor.nextBlock + blocks - 1n,
    firstTimestamp: timestamp > cursor.lastTimestamp ? (timestamp + cursor.lastTimestamp) / 2n : cursor.lastTimestamp,
    lastTimestamp: timestamp,
    proposer,
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
