// Batch compression: bytes per transaction and speed of the node's batch format (FastLZ chunks of
// whole blocks, sequencer/src/protocol/batch/chunks.ts) on a real lifecycle batch (the STF
// benchmark's signed mix, cut into blocks), against general-purpose codecs over the same block
// bodies concatenated (what a whole-batch format without disputable chunks could post). The first
// row is the node's format; the others are references. Step roots (32 bytes per step, posted with
// every batch) are reported apart: no codec shrinks them.
//   tsx bench/batch.bench.ts [transactions per batch]
import { brotliCompressSync, brotliDecompressSync, constants, deflateRawSync, inflateRawSync } from "node:zlib";
import { deflateSync as fflateDeflate, inflateSync as fflateInflate } from "fflate";
import {
  blockStepCount,
  ByteWriter,
  decodeChunk,
  encodeChunks,
  encodeTx,
  fastlzCompress,
  fastlzDecompress,
  MAX_CHUNK_BLOCK_BYTES,
  MAX_CHUNK_RAW_BYTES,
  writeChunkBlock,
  type ChunkBlock,
} from "../sequencer/src/protocol";
import { buildLifecycleMix } from "./stf.bench";

export type CodecResult = { codec: string; bytes_per_tx: number; ratio: number; compress_mb_s: number; decompress_mb_s: number };
export type BatchBenchResult = { txs_per_batch: number; raw_bytes_per_tx: number; step_root_bytes_per_tx: number; codecs: CodecResult[]; best: string };

/** Transactions per block before the chunk format's block cap (the node's blocks are capped the same way). */
const BLOCK_TXS = 500;

/** One row: how a codec turns the batch into posted bytes, reads them back, and whether it got the batch back. */
type Codec = { codec: string; compress: () => Uint8Array[]; decompress: (parts: Uint8Array[]) => unknown; roundTrips: (parts: Uint8Array[]) => boolean };

function brotli(quality: number) {
  return (raw: Uint8Array) =>
    brotliCompressSync(raw, {
      params: { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length, [constants.BROTLI_PARAM_LGWIN]: 22 },
    });
}

function timeMs(run: () => unknown, minMs = 300): number {
  let n = 0;
  const started = performance.now();
  do {
    run();
    n++;
  } while (performance.now() - started < minMs);
  return (performance.now() - started) / n;
}

/** Blocks of up to BLOCK_TXS transactions, cut earlier where a block would not fit a chunk. */
function cutBlocks(txs: Uint8Array[]): ChunkBlock[] {
  const blocks: ChunkBlock[] = [];
  let current: Uint8Array[] = [];
  let bytes = 0;
  for (const tx of txs) {
    const size = tx.length + 2;
    if (current.length === BLOCK_TXS || bytes + size > MAX_CHUNK_BLOCK_BYTES - 20) {
      blocks.push({ timestamp: 1_800_000_000 + blocks.length, depositCount: 0, txs: current });
      current = [];
      bytes = 0;
    }
    current.push(tx);
    bytes += size;
  }
  blocks.push({ timestamp: 1_800_000_000 + blocks.length, depositCount: 0, txs: current });
  return blocks;
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;

export function runBatchBench(txsPerBatch = 2_000): BatchBenchResult {
  const { txs, advanceAt } = buildLifecycleMix(txsPerBatch * 2);
  // One batch from the middle of the mix, straddling the two phases, so every step is in it.
  const start = Math.max(0, advanceAt - txsPerBatch / 2);
  const encoded = txs.slice(start, start + txsPerBatch).map((tx) => encodeTx(tx));
  const blocks = cutBlocks(encoded);
  const content = { firstStep: 0n, firstBlock: 1n, firstDeposit: 0n, blocks };
  // The block bodies back to back: the input of the whole-batch references.
  const w = new ByteWriter();
  for (const b of blocks) writeChunkBlock(w, b);
  const raw = w.finish();

  const whole = (codec: string, c: (raw: Uint8Array) => Uint8Array, d: (out: Uint8Array) => Uint8Array): Codec => ({
    codec,
    compress: () => [c(raw)],
    decompress: ([out]) => d(out!),
    roundTrips: ([out]) => sameBytes(d(out!), raw),
  });
  const codecs: Codec[] = [
    {
      codec: `FastLZ chunks of ≤ ${MAX_CHUNK_RAW_BYTES / 1024} KiB, the node's format (chunks.ts)`,
      compress: () => encodeChunks(content),
      decompress: (parts) => parts.map(decodeChunk),
      roundTrips: (parts) => {
        const back = parts.flatMap((p) => decodeChunk(p).blocks.flatMap((b) => b.txs));
        return back.length === encoded.length && back.every((tx, i) => sameBytes(tx, encoded[i]!));
      },
    },
    whole("FastLZ, whole batch in one stream", fastlzCompress, (out) => fastlzDecompress(out, raw.length)),
    whole("brotli q11 (node zlib)", brotli(11), (out) => brotliDecompressSync(out)),
    whole("brotli q9 (node zlib)", brotli(9), (out) => brotliDecompressSync(out)),
    whole("brotli q5 (node zlib)", brotli(5), (out) => brotliDecompressSync(out)),
    whole(
      "deflate 9 (node zlib)",
      (r) => deflateRawSync(r, { level: 9 }),
      (out) => inflateRawSync(out),
    ),
    whole(
      "deflate 9 (fflate)",
      (r) => fflateDeflate(r, { level: 9 }),
      (out) => fflateInflate(out),
    ),
  ];

  const mb = raw.length / 1e6;
  const results = codecs.map(({ codec, compress, decompress, roundTrips }) => {
    const parts = compress();
    if (!roundTrips(parts)) throw new Error(`${codec} does not round-trip`);
    const bytes = parts.reduce((n, p) => n + p.length, 0);
    return {
      codec,
      bytes_per_tx: Math.round((bytes / encoded.length) * 10) / 10,
      ratio: Math.round((raw.length / bytes) * 100) / 100,
      compress_mb_s: Math.round((mb / timeMs(compress)) * 1000 * 10) / 10,
      decompress_mb_s: Math.round((mb / timeMs(() => decompress(parts))) * 1000 * 10) / 10,
    };
  });
  const steps = blocks.reduce((n, b) => n + blockStepCount(b), 0);
  const best = [...results].sort((a, b) => a.bytes_per_tx - b.bytes_per_tx)[0]!.codec;
  return {
    txs_per_batch: encoded.length,
    raw_bytes_per_tx: Math.round((raw.length / encoded.length) * 10) / 10,
    step_root_bytes_per_tx: Math.round(((32 * steps) / encoded.length) * 10) / 10,
    codecs: results,
    best,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = runBatchBench(Number(process.argv[2] ?? 2_000));
  console.log(
    `${r.txs_per_batch} lifecycle txs per batch, ${r.raw_bytes_per_tx} raw bytes per tx, plus ${r.step_root_bytes_per_tx} bytes of step roots per tx`,
  );
  console.table(r.codecs);
}
