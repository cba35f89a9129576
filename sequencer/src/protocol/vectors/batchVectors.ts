// Batch vectors: the batch data as posted (uncompressed payload, and framed with each codec), the
// header the bridge hashes, and txRootsHash over a few root lists. The batch consumes the deposit
// vectors and its post-state root is the withdrawal vectors' tree, so the contract test can post
// it to a fresh bridge and finalize a withdrawal against it.
import { encodeAbiParameters } from "viem";

import { BATCH_HEADER_ABI, batchHeaderHash, CODECS, encodeBatchData, txRootsHash, type BatchHeader, type Codec } from "..";
import { bytesToHex, keccak256 } from "../../crypto";
import { createGenesisState } from "../../stf";
import { vectorQueueHashes } from "./depositQueueVectors";
import { DEPOSITS, GENESIS_PARAMS, TX_ROOTS, TX_ROOTS_CASES } from "./inputs";
import { blockBodyJson, vectorBlockBodies } from "./blockVectors";
import { withdrawalTree } from "./withdrawalVectors";
import { toJson, type Json } from "./vectorFiles";

const FIRST_BLOCK = 0n;

export function computeBatchVectors(): Json {
  const blocks = vectorBlockBodies();
  const content = { firstBlock: FIRST_BLOCK, blocks };
  const frames = Object.fromEntries((Object.keys(CODECS) as Codec[]).map((codec) => [codec, encodeBatchData(content, codec)])) as Record<Codec, Uint8Array>;
  const queueEnd = BigInt(DEPOSITS.length);
  const header: BatchHeader = {
    batchIndex: 0n,
    prevStateRoot: createGenesisState({ params: GENESIS_PARAMS }).root(),
    postStateRoot: bytesToHex(withdrawalTree().root()),
    txDataHash: bytesToHex(keccak256(frames.brotli)),
    txRootsHash: txRootsHash(TX_ROOTS),
    queueStart: 0n,
    queueEnd,
    queueHash: vectorQueueHashes()[Number(queueEnd)]!,
    firstBlock: FIRST_BLOCK,
    lastBlock: FIRST_BLOCK + BigInt(blocks.length - 1),
    firstTimestamp: BigInt(blocks[0]!.timestamp),
    lastTimestamp: BigInt(blocks[blocks.length - 1]!.timestamp),
  };
  return toJson({
    description:
      "Batch data (docs/protocol.md, Batch data): byte 0 = version 1, byte 1 = codec (0 none, 1 deflate-raw level 9, 2 brotli quality 5 lgwin 22), " +
      "then the codec's output over payload = varint firstBlock ‖ varint blockCount ‖ block bodies. The node posts the brotli frame; " +
      "header.txDataHash = keccak256(frames.brotli); headerHash = keccak256(headerAbi) with headerAbi = abi.encode(header). " +
      "postStateRoot is withdrawals.json's treeRoot; txRootsHash is txRootsHashes[2].",
    content: { firstBlock: FIRST_BLOCK, blocks: blocks.map(blockBodyJson) },
    payload: bytesToHex(frames.none.subarray(2)),
    frames: Object.fromEntries(Object.entries(frames).map(([codec, bytes]) => [codec, bytesToHex(bytes)])),
    header,
    headerAbi: encodeAbiParameters([BATCH_HEADER_ABI], [header]),
    headerHash: batchHeaderHash(header),
    txRootsHashes: TX_ROOTS_CASES.map((roots) => ({ roots, hash: txRootsHash(roots) })),
  });
}
