// The provable batch format (docs/fraud-proofs.md, "Batch data"): a batch's blocks cut into chunks
// of whole blocks, each small enough that one L1 transaction can decompress and walk it in a
// dispute (Chunks.sol). A chunk is `codec ‖ payload`, codec 0 raw or 1 FastLZ, and decodes to
//
//   firstStep varint | firstBlock varint | firstDeposit varint | blockCount varint
//   block* : timestamp varint | depositCount varint | txCount varint | (txLength varint | txBytes)*
//
// Every transaction is length-prefixed and opaque here: one that does not decode is a rejected
// step, not a broken chunk. The decoder is strict (canonical varints, bounded widths, no trailing
// bytes) so that exactly one byte string decodes to each chunk, on the node and on L1 alike.
import type { Hex } from "viem";
import { bytesToHex } from "../../crypto/bytes";
import { keccak256 } from "../../crypto/keccak256";
import { SutureError } from "../../errors";
import { ByteReader, ByteWriter } from "../fieldCodec";
import { MAX_TX_BYTES } from "../limits";
import { BLOCK_FIELD_BITS, readChunkBlock, writeChunkBlock, type ChunkBlock } from "./blockBody";
import { fastlzCompress, fastlzDecompress } from "./fastlz";

export const CHUNK_CODECS = { raw: 0, fastlz: 1 } as const;

/**
 * Largest decoded chunk. Chosen by measurement (bench/chunks.bench.ts: Chunks.sol with the
 * repository's compiler settings) so that the most expensive chunk a sequencer can craft costs
 * about 3 M gas to decompress and walk in one dispute. The worst chunks are not real traffic:
 * empty transactions make every raw byte a step (~214 gas each to walk), and a FastLZ stream of
 * one-byte literal runs, interleaved with just enough long matches to stay shorter than its
 * output, costs ~183 gas per decoded byte. At 9 KiB the worst measured chunk costs 3.65 M gas
 * (8 KiB: 3.25 M; 4 KiB: 1.62 M); the largest lifecycle chunk 0.22 M. It cannot be much smaller:
 * a block holding one MAX_TX_BYTES transaction must fit in a chunk (8 KiB + ~40 bytes of
 * headers). Larger chunks would barely compress better, FastLZ's window being 8 KiB (lifecycle
 * batch: 89.0 B/tx at 9 KiB, 88.7 at 16 KiB, 90.4 at 4 KiB).
 */
export const MAX_CHUNK_RAW_BYTES = 9 * 1024;

/** Widest chunk header: three uint64 varints (10 bytes each) and a uint32 block count (5). */
const MAX_CHUNK_HEADER_BYTES = 3 * 10 + 5;

/**
 * Largest block body (`chunkBlockBytes`) that always fits in a chunk on its own: the block
 * producer caps its blocks at this, since a chunk holds whole blocks.
 */
export const MAX_CHUNK_BLOCK_BYTES = MAX_CHUNK_RAW_BYTES - MAX_CHUNK_HEADER_BYTES;

/** Varint widths, in bits, of the decoded fields (a wider varint is a decode error). */
export const CHUNK_FIELD_BITS = {
  firstStep: 64,
  firstBlock: 64,
  firstDeposit: 64,
  blockCount: 32,
  ...BLOCK_FIELD_BITS,
} as const;

export type { ChunkBlock };

/** A run of consecutive blocks and the batch-wide counters of its first step, block and deposit. */
export type ChunkContent = { firstStep: bigint; firstBlock: bigint; firstDeposit: bigint; blocks: ChunkBlock[] };

export type EncodeChunksParameters = { maxRawBytes?: number };

/** Encoded size of one block in a chunk's payload. */
export function chunkBlockBytes(block: ChunkBlock): number {
  let n = varintBytes(block.timestamp) + varintBytes(block.depositCount) + varintBytes(block.txs.length);
  for (const tx of block.txs) n += varintBytes(tx.length) + tx.length;
  return n;
}

/** Number of steps of a block: its deposits, its transactions and the fold step. */
export function blockStepCount(block: { depositCount: number; txs: unknown[] }): number {
  return block.depositCount + block.txs.length + 1;
}

/**
 * Cuts a batch's blocks into chunks of whole blocks, each decoding to at most `maxRawBytes`
 * (default and maximum: MAX_CHUNK_RAW_BYTES), greedily in order; each chunk's counters continue
 * the previous one's. A chunk is FastLZ-compressed when that is smaller, raw otherwise.
 * Throws on content the decoder would reject (so a bug surfaces here, not in a dispute).
 */
export function encodeChunks(content: ChunkContent, { maxRawBytes = MAX_CHUNK_RAW_BYTES }: EncodeChunksParameters = {}): Uint8Array[] {
  if (maxRawBytes > MAX_CHUNK_RAW_BYTES) throw new RangeError(`maxRawBytes ${maxRawBytes} exceeds MAX_CHUNK_RAW_BYTES (${MAX_CHUNK_RAW_BYTES})`);
  const { blocks } = content;
  if (blocks.length === 0) throw new RangeError("a batch has at least one block");
  checkEncodable(blocks);
  const chunks: Uint8Array[] = [];
  let step = content.firstStep;
  let blockNumber = content.firstBlock;
  let deposit = content.firstDeposit;
  let start = 0;
  while (start < blocks.length) {
    const fixed = varintBytes(step) + varintBytes(blockNumber) + varintBytes(deposit);
    let body = 0;
    let end = start;
    while (end < blocks.length) {
      const size = chunkBlockBytes(blocks[end]!);
      if (fixed + varintBytes(end - start + 1) + body + size > maxRawBytes) break;
      body += size;
      end++;
    }
    if (end === start) {
      throw new RangeError(`block ${blockNumber} encodes to ${chunkBlockBytes(blocks[start]!)} bytes, more than fits in a chunk of ${maxRawBytes}`);
    }
    const chunkBlocks = blocks.slice(start, end);
    chunks.push(frameChunk(writePayload({ firstStep: step, firstBlock: blockNumber, firstDeposit: deposit, blocks: chunkBlocks })));
    for (const b of chunkBlocks) {
      step += BigInt(blockStepCount(b));
      deposit += BigInt(b.depositCount);
    }
    blockNumber += BigInt(chunkBlocks.length);
    start = end;
  }
  return chunks;
}

function checkEncodable(blocks: ChunkBlock[]): void {
  let previous = 0;
  for (const b of blocks) {
    if (!Number.isSafeInteger(b.timestamp) || b.timestamp < 0 || b.timestamp >= 2 ** CHUNK_FIELD_BITS.timestamp)
      throw new RangeError(`timestamp ${b.timestamp} out of range`);
    if (b.timestamp < previous) throw new RangeError(`timestamps decrease (${previous} then ${b.timestamp})`);
    if (!Number.isSafeInteger(b.depositCount) || b.depositCount < 0 || b.depositCount >= 2 ** 32)
      throw new RangeError(`depositCount ${b.depositCount} out of range`);
    for (const tx of b.txs) if (tx.length > MAX_TX_BYTES) throw new RangeError(`a transaction of ${tx.length} bytes exceeds MAX_TX_BYTES`);
    previous = b.timestamp;
  }
}

function writePayload({ firstStep, firstBlock, firstDeposit, blocks }: ChunkContent): Uint8Array {
  const w = new ByteWriter();
  w.varint(firstStep);
  w.varint(firstBlock);
  w.varint(firstDeposit);
  w.varint(blocks.length);
  for (const b of blocks) writeChunkBlock(w, b);
  return w.finish();
}

function frameChunk(raw: Uint8Array): Uint8Array {
  const compressed = fastlzCompress(raw);
  const [codec, payload] = compressed.length < raw.length ? [CHUNK_CODECS.fastlz, compressed] : [CHUNK_CODECS.raw, raw];
  const out = new Uint8Array(1 + payload.length);
  out[0] = codec;
  out.set(payload, 1);
  return out;
}

/** The decoded payload of a chunk (`codec ‖ payload`), size-checked; see decodeChunk for the rules. */
export function decompressChunk(chunk: Uint8Array): Uint8Array {
  if (chunk.length === 0) throw decodeError("empty chunk (no codec byte)", "codec");
  const payload = chunk.subarray(1);
  switch (chunk[0]) {
    case CHUNK_CODECS.raw:
      if (payload.length > MAX_CHUNK_RAW_BYTES) throw decodeError(`chunk decodes to more than ${MAX_CHUNK_RAW_BYTES} bytes`, "size");
      return payload;
    case CHUNK_CODECS.fastlz: {
      const raw = fastlzDecompress(payload, MAX_CHUNK_RAW_BYTES);
      // The encoder sends a chunk raw unless FastLZ makes it smaller. Holding every chunk to that
      // bounds the FastLZ instructions per decoded byte, and so a dispute's gas (see below).
      if (payload.length >= raw.length) throw decodeError("a FastLZ chunk is not shorter than its decoded payload", "codec");
      return raw;
    }
    default:
      throw decodeError(`unknown chunk codec ${chunk[0]}`, "codec");
  }
}

/**
 * Decodes a chunk. Throws SutureError DECODE_ERROR naming the broken rule (also in
 * `details.rule`): unknown codec, FastLZ stream that does not decompress, decoded size over
 * MAX_CHUNK_RAW_BYTES, non-canonical or over-width varint, missing bytes, transaction longer than
 * MAX_TX_BYTES, zero blocks, timestamps decreasing inside the chunk, trailing bytes, and a FastLZ
 * chunk that is not shorter than its decoded payload (codec).
 * Transaction bytes are views into the decoded payload.
 */
export function decodeChunk(chunk: Uint8Array): ChunkContent {
  const raw = decompressChunk(chunk);
  const r = new ByteReader(raw);
  try {
    const firstStep = r.varint(CHUNK_FIELD_BITS.firstStep);
    const firstBlock = r.varint(CHUNK_FIELD_BITS.firstBlock);
    const firstDeposit = r.varint(CHUNK_FIELD_BITS.firstDeposit);
    const blockCount = r.smallVarint(CHUNK_FIELD_BITS.blockCount);
    if (blockCount === 0) throw decodeError("a chunk holds at least one block", "blockCount");
    const blocks: ChunkBlock[] = [];
    let previous = 0;
    for (let b = 0; b < blockCount; b++) {
      const block = readChunkBlock(r);
      if (block.timestamp < previous) throw decodeError("timestamps decrease inside the chunk", "timestamp");
      previous = block.timestamp;
      blocks.push(block);
    }
    if (r.remaining !== 0) throw decodeError("trailing bytes after the last block", "trailing");
    return { firstStep, firstBlock, firstDeposit, blocks };
  } catch (cause) {
    // ByteReader's own errors (end of data, non-canonical or too wide varints) carry no rule.
    if (cause instanceof SutureError && cause.details.rule === undefined) {
      throw decodeError(cause.shortMessage, cause.shortMessage.includes("end of data") ? "truncated" : "varint");
    }
    throw cause;
  }
}

/** The batch's data commitment: keccak256(keccak256(chunk_0) ‖ … ‖ keccak256(chunk_n-1)). */
export function dataCommitment(chunks: Uint8Array[]): Hex {
  const hashes = new Uint8Array(32 * chunks.length);
  for (const [i, chunk] of chunks.entries()) hashes.set(keccak256(chunk), 32 * i);
  return bytesToHex(keccak256(hashes));
}

function varintBytes(v: number | bigint): number {
  let n = 1;
  if (typeof v === "number") for (let x = v; x >= 0x80; x = Math.floor(x / 0x80)) n++;
  else for (let x = v; x >= 0x80n; x >>= 7n) n++;
  return n;
}

function decodeError(message: string, rule: string): SutureError {
  return new SutureError("DECODE_ERROR", message, { rule });
}
