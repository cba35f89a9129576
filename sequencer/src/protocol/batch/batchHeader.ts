// The batch header the bridge checks and hashes (docs/protocol.md), and the per-transaction
// root commitment a fraud proof will open.
import { encodeAbiParameters, type Address, type Hex } from "viem";
import { bytesToHex, hexToBytes } from "../../crypto/bytes";
import { keccak256, keccak256Parts } from "../../crypto/keccak256";

export type BatchHeader = {
  batchIndex: bigint;
  prevStateRoot: Hex;
  postStateRoot: Hex;
  txDataHash: Hex;
  /** Merkle root of the state roots after each step (computed by the bridge from the posted roots). */
  txRootsHash: Hex;
  /** Number of steps (posted roots). */
  stepCount: bigint;
  queueStart: bigint;
  queueEnd: bigint;
  queueHash: Hex;
  firstBlock: bigint;
  lastBlock: bigint;
  firstTimestamp: bigint;
  lastTimestamp: bigint;
  /** The L1 account that submits the batch, receives its L2 fees and bonds for it. */
  proposer: Address;
};

export const BATCH_HEADER_ABI = {
  type: "tuple",
  components: [
    { name: "batchIndex", type: "uint64" },
    { name: "prevStateRoot", type: "bytes32" },
    { name: "postStateRoot", type: "bytes32" },
    { name: "txDataHash", type: "bytes32" },
    { name: "txRootsHash", type: "bytes32" },
    { name: "stepCount", type: "uint64" },
    { name: "queueStart", type: "uint64" },
    { name: "queueEnd", type: "uint64" },
    { name: "queueHash", type: "bytes32" },
    { name: "firstBlock", type: "uint64" },
    { name: "lastBlock", type: "uint64" },
    { name: "firstTimestamp", type: "uint64" },
    { name: "lastTimestamp", type: "uint64" },
    { name: "proposer", type: "address" },
  ],
} as const;

/** keccak256(abi.encode(header)), as the bridge stores it. */
export function batchHeaderHash(header: BatchHeader): Hex {
  return bytesToHex(keccak256(hexToBytes(encodeAbiParameters([BATCH_HEADER_ABI], [header]))));
}

/** keccak binary Merkle root over the per-step roots, padded with zero leaves to a power of two (`StepRoots.sol`). */
export function txRootsHash(roots: Hex[]): Hex {
  if (roots.length === 0) return `0x${"00".repeat(32)}`;
  let level = roots.map(hexToBytes);
  let size = 1;
  while (size < level.length) size *= 2;
  while (level.length < size) level.push(new Uint8Array(32));
  while (level.length > 1) {
    const next: Uint8Array[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(keccak256Parts(level[i]!, level[i + 1]!));
    level = next;
  }
  return bytesToHex(level[0]!);
}
