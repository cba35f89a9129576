// The L1 queue's running hash, byte for byte as SutureBridge.deposit and forceTransaction compute
// it (docs/protocol.md "L1 queue"). The node takes each link from the bridge's DepositQueued and
// TransactionForced events; this mirror lets a verifier, a test or another implementation
// recompute the chain.
import { encodePacked, type Address, type Hex } from "viem";
import { bytesToHex, hexToBytes } from "../crypto/bytes";
import { keccak256 } from "../crypto/keccak256";

/** queueHash[0]: the hash before any deposit. */
export const EMPTY_QUEUE_HASH: Hex = `0x${"00".repeat(32)}`;

export type DepositQueueItem = { index: bigint; l1Sender: Address; l2Recipient: Address; amount: bigint };

export type DepositQueueHashParameters = {
  /** queueHash[index]: the hash before this deposit. */
  previous: Hex;
  deposit: DepositQueueItem;
};

/** queueHash[index + 1] = keccak256(abi.encodePacked(queueHash[index], uint64 index, address l1Sender, address l2Recipient, uint256 amount)) */
export function depositQueueHash({ previous, deposit }: DepositQueueHashParameters): Hex {
  const { index, l1Sender, l2Recipient, amount } = deposit;
  const packed = encodePacked(["bytes32", "uint64", "address", "address", "uint256"], [previous, index, l1Sender, l2Recipient, amount]);
  return bytesToHex(keccak256(hexToBytes(packed)));
}

export type ForcedQueueItem = { index: bigint; l1Sender: Address; transaction: Hex };

/**
 * queueHash[index + 1] = keccak256(abi.encodePacked(queueHash[index], uint64 index, bytes1 0x01,
 * address l1Sender, bytes32 keccak256(transaction))): 93 bytes, never the 112 of a deposit's link.
 */
export function forcedQueueHash({ previous, item }: { previous: Hex; item: ForcedQueueItem }): Hex {
  const { index, l1Sender, transaction } = item;
  const txHash = bytesToHex(keccak256(hexToBytes(transaction)));
  const packed = encodePacked(["bytes32", "uint64", "bytes1", "address", "bytes32"], [previous, index, "0x01", l1Sender, txHash]);
  return bytesToHex(keccak256(hexToBytes(packed)));
}
