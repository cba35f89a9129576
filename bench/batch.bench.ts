// Batch compression: ratio and speed of the codecs a batch could use, on real lifecycle batches
// (the STF benchmark's signed mix, cut into the node's block bodies). The first row is whatever
// sequencer/src/batcher/batchData.ts uses today; the others are the alternatives.
//   tsx bench/batch.bench.ts [transactions per batch]
import { brotliCompressSync, brotliDecompressSync, constants, deflateRawSync, inflateRawSync } from "node:zlib";
import { deflateSync as fflateDeflate, inflateSync as fflateInflate } from "fflate";
import { compress, encodeBatchData } from "../sequencer/src/protocol/batch/batchData";
import { buildLifecycleMix } from "./stf.bench";

export type CodecResult = { codec: string; bytes_per_tx: number; ratio: number; compress_mb_s: number; decompress_mb_s: number };
export type BatchBenchResult = { txs_per_batch: number; raw_bytes_per_tx: number; codecs: CodecResult[]; best: string };

const BLOCK_TXS = 500;

function brotli(quality: number) {
  return (raw: Uint8Array) =>
    brotliCompressSync(raw, {
      params: { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length, [constants.BROTLI_PARAM_LGWIN]: 22 },
    });
}

const CODECS: Array<{ codec: string; compress: (raw: Uint8Array) => Uint8Array; decompress: (c: Uint8Array) => Uint8Array }> = [
  { codec: "brotli, the node's settings (batchData.ts)", compress: (raw) => compress(raw, "brotli"), decompress: (c) => brotliDecompressSync(c) },
  { codec: "brotli q11 (node zlib)", compress: brotli(11), decompress: (c) => brotliDecompressSync(c) },
  { codec: "brotli q9 (node zlib)", compress: brotli(9), decompress: (c) => brotliDecompressSync(c) },
  { codec: "brotli q5 (node zlib)", compress: brotli(5), decompress: (c) => brotliDecompressSync(c) },
  { codec: "deflate 9 (node zlib)", compress: (raw) => deflateRawSync(raw, { level: 9 }), decompress: (c) => inflateRawSync(c) },
  { codec: "deflate 9 (fflate)", compress: (raw) => fflateDeflate(raw, { level: 9 }), decompress: (c) => fflateInflate(c) },
];

function timeMs(run: () => unknown, minMs = 300): number {
  let n = 0;
  const started = performance.now();
  do {
    run();
    n++;
  } while (performance.now() - started < minMs);
  return (performance.now() - started) / n;
}

export function runBatchBench(txsPerBatch = 2_000): BatchBenchResult {
  const { txs, advanceAt } = buildLifecycleMix(txsPerBatch * 2);
  // One batch from the middle of the mix, straddling the two phases, so every step is in it.
  const start = Math.max(0, advanceAt - txsPerBatch / 2);
  const slice = txs.slice(start, start + txsPerBatch);
  const blocks = [];
  for (let i = 0; i < slice.length; i += BLOCK_TXS) blocks.push({ timestamp: 1_800_000_000 + i, depositCount: 0, txs: slice.slice(i, i + BLOCK_TXS) });
  const raw = encodeBatchData({ firstBlock: 1n, blocks }, "none").subarray(2);
  const mb = raw.length / 1e6;
  const codecs = CODECS.map(({ codec, compress: c, decompress: d }) => {
    const out = c(raw);
    if (Buffer.compare(Buffer.from(d(out)), Buffer.from(raw)) !== 0) throw new Error(`${codec} does not round-trip`);
    return {
      codec,
      bytes_per_tx: Math.round((out.length / slice.length) * 10) / 10,
      ratio: Math.round((raw.length / out.length) * 100) / 100,
      compress_mb_s: Math.round((mb / timeMs(() => c(raw))) * 1000 * 10) / 10,
      decompress_mb_s: Math.round((mb / timeMs(() => d(out))) * 1000 * 10) / 10,
    };
  });
  const best = [...codecs].sort((a, b) => a.bytes_per_tx - b.bytes_per_tx)[0]!.codec;
  return { txs_per_batch: slice.length, raw_bytes_per_tx: Math.round((raw.length / slice.length) * 10) / 10, codecs, best };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = runBatchBench(Number(process.argv[2] ?? 2_000));
  console.log(`${r.txs_per_batch} lifecycle txs per batch, ${r.raw_bytes_per_tx} raw bytes per tx`);
  console.table(r.codecs);
}
