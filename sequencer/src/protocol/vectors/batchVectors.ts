// Batch vectors: the batch as `submitBatch(header, chunks, stepRoots)` posts it. The vector blocks
// cut into chunks by encodeChunks (each block in its own chunk: one FastLZ, one raw), each chunk's
// decoded payload and content, the data commitment, every step with its committed root and that
// root's proof against txRootsHash, and the header the bridge hashes; plus the default chunking
// (one chunk) and the step-roots commitment over a few root lists. The batch consumes the deposit
// vectors, starts from the genesis vector's root, ends at the withdrawal vectors' tree and names
// the contract tests' sequencer as proposer, so l1-contracts/test/vectors.test.ts posts it to a
// fresh bridge and finalizes a withdrawal against it.
import { encodeAbiParameters, type Hex } from "viem";

import {
  BATCH_HEADER_ABI,
  batchHeaderHash,
  CHUNK_CODECS,
  chunkSummary,
  dataCommitment,
  decodeChunk,
  decompressChunk,
  encodeChunks,
  encodeTx,
  locateStep,
  STEP_KINDS,
  stepRootProof,
  txRootsHash,
  type BatchHeader,
  type ChunkContent,
} from "..";
import { bytesToHex, keccak256 } from "../../crypto";
import { createGenesisState } from "../../stf";
import { blockBodyJson, vectorBlockBodies } from "./blockVectors";
import { vectorQueueHashes } from "./depositQueueVectors";
import { DEPOSITS, GENESIS_PARAMS, PROPOSER, STEP_ROOTS, STEP_ROOTS_CASES } from "./inputs";
import { toJson, type Json } from "./vectorFiles";
import { withdrawalTree } from "./withdrawalVectors";

const FIRST_BLOCK = 0n;

const codecName = (byte: number) => Object.entries(CHUNK_CODECS).find(([, b]) => b === byte)![0];
const kindName = (kind: number) => Object.entries(STEP_KINDS).find(([, k]) => k === kind)![0];

/** A chunk's decoded content in JSON terms: transactions as opaque hex bytes. */
function contentJson({ firstStep, firstBlock, firstDeposit, blocks }: ChunkContent) {
  return {
    firstStep,
    firstBlock,
    firstDeposit,
    blocks: blocks.map((b) => ({ timestamp: b.timestamp, depositCount: b.depositCount, txs: b.txs.map(bytesToHex) })),
  };
}

export function computeBatchVectors(): Json {
  const bodies = vectorBlockBodies();
  const content: ChunkContent = {
    firstStep: 0n,
    firstBlock: FIRST_BLOCK,
    firstDeposit: 0n,
    blocks: bodies.map((b) => ({ timestamp: b.timestamp, depositCount: b.depositCount, txs: b.txs.map(encodeTx) })),
  };
  // The smallest chunk limit that holds block 0: every block then gets a chunk of its own, so
  // the vector has two chunks, the first worth compressing and the second not.
  const maxRawBytes = decompressChunk(encodeChunks({ ...content, blocks: content.blocks.slice(0, 1) })[0]!).length;
  const chunks = encodeChunks(content, { maxRawBytes });
  const decoded = chunks.map(decodeChunk);

  const postStateRoot = bytesToHex(withdrawalTree().root());
  const stepRoots: Hex[] = [...STEP_ROOTS, postStateRoot];
  const steps = decoded.flatMap((chunk, chunkIndex) => {
    const summary = chunkSummary(chunk);
    return Array.from({ length: Number(summary.stepCount) }, (_, i) => {
      const index = summary.firstStep + BigInt(i);
      const step = locateStep(chunk, index)!;
      return {
        index,
        kind: kindName(step.kind),
        chunkIndex,
        blockNumber: step.blockNumber,
        timestamp: step.timestamp,
        depositIndex: step.depositIndex,
        tx: step.kind === STEP_KINDS.tx ? bytesToHex(step.txBytes) : null,
        root: stepRoots[Number(index)]!,
        proof: stepRootProof(stepRoots, Number(index)),
      };
    });
  });
  if (steps.length !== stepRoots.length) throw new Error(`the vector blocks make ${steps.length} steps, STEP_ROOTS gives ${stepRoots.length}`);

  const queueEnd = BigInt(DEPOSITS.length);
  const blocks = content.blocks;
  const header: BatchHeader = {
    batchIndex: 0n,
    prevStateRoot: createGenesisState({ params: GENESIS_PARAMS }).root(),
    postStateRoot,
    txDataHash: dataCommitment(chunks),
    txRootsHash: txRootsHash(stepRoots),
    stepCount: BigInt(stepRoots.length),
    queueStart: 0n,
    queueEnd,
    queueHash: vectorQueueHashes()[Number(queueEnd)]!,
    firstBlock: FIRST_BLOCK,
    lastBlock: FIRST_BLOCK + BigInt(blocks.length - 1),
    firstTimestamp: BigInt(blocks[0]!.timestamp),
    lastTimestamp: BigInt(blocks.at(-1)!.timestamp),
    proposer: PROPOSER,
  };
  const defaultChunks = encodeChunks(content);
  return toJson({
    description:
      "Batch (docs/protocol.md, Batch data, Steps and step roots, Batch header): submitBatch(header, chunks, stepRoots). " +
      "content = the vector blocks (block.json's is block 0); chunks = encodeChunks(content, {maxRawBytes}), each chunk = codec byte ‖ payload " +
      "(0 raw, 1 FastLZ, which must be shorter than the decoded payload), payload = varint firstStep ‖ varint firstBlock ‖ varint firstDeposit ‖ " +
      "varint blockCount ‖ block bodies; decoded = decodeChunk(chunk), summary = chunkSummary(decoded). " +
      "dataCommitment = keccak256(keccak256(chunk_0) ‖ … ‖ keccak256(chunk_n-1)) = header.txDataHash. " +
      "steps: per block, one per deposit, one per transaction, one fold; root = stepRoots[index] (the last is postStateRoot, withdrawals.json's treeRoot), " +
      "proof = its siblings, bottom first, in the zero-padded keccak Merkle tree whose root is header.txRootsHash. " +
      "headerHash = keccak256(headerAbi), headerAbi = abi.encode(header); prevStateRoot is genesis.json's stateRoot, proposer Hardhat account 2. " +
      "defaultChunks = encodeChunks(content) with the default limit (MAX_CHUNK_RAW_BYTES). stepRootsHashes: the commitment over other root lists, with every proof.",
    content: { firstStep: content.firstStep, firstBlock: content.firstBlock, firstDeposit: content.firstDeposit, blocks: bodies.map(blockBodyJson) },
    maxRawBytes,
    chunks: chunks.map((chunk, i) => ({
      codec: codecName(chunk[0]!),
      bytes: bytesToHex(chunk),
      hash: bytesToHex(keccak256(chunk)),
      payload: bytesToHex(decompressChunk(chunk)),
      decoded: contentJson(decoded[i]!),
      summary: chunkSummary(decoded[i]!),
    })),
    dataCommitment: dataCommitment(chunks),
    stepRoots,
    steps,
    header,
    headerAbi: encodeAbiParameters([BATCH_HEADER_ABI], [header]),
    headerHash: batchHeaderHash(header),
    defaultChunks: { chunks: defaultChunks.map(bytesToHex), dataCommitment: dataCommitment(defaultChunks) },
    stepRootsHashes: STEP_ROOTS_CASES.map((roots) => ({ roots, hash: txRootsHash(roots), proofs: roots.map((_, i) => stepRootProof(roots, i)) })),
  });
}
