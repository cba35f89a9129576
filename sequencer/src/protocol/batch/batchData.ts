// The batch as posted to L1: a version byte, a codec byte, then the compressed block bodies.
// Compression runs across the whole batch so repeated addresses, codes and field layouts cost
// little. Brotli at quality 5 (node's native zlib), by measurement on 2,000-transaction
// lifecycle batches (bench/batch.bench.ts): 80.9 B/tx in 18 ms; deflate-6 81.6 B/tx in 11 ms;
// brotli-9 80.1 B/tx but 470 ms, which stalls the block producer. The 65-byte signatures are
// incompressible and dominate, so higher qualities buy almost nothing.
import { brotliCompressSync, brotliDecompressSync, constants, deflateRawSync, inflateRawSync } from "node:zlib";
import { readBlockBody, writeBlockBody, type BlockBody, type DecodedBlockBody } from "./blockBody";
import { SutureError } from "../../errors";
import { ByteReader, ByteWriter } from "../fieldCodec";

export const BATCH_VERSION = 1;
export const CODECS = { none: 0, deflate: 1, brotli: 2 } as const;
export type Codec = keyof typeof CODECS;

/** Upper bound on a decompressed batch: a malicious batch cannot exhaust a verifier's memory. */
const MAX_DECOMPRESSED_BYTES = 64 * 1024 * 1024;

export type BatchContent = { firstBlock: bigint; blocks: BlockBody[] };
export type DecodedBatchContent = { firstBlock: bigint; blocks: DecodedBlockBody[] };

export function encodeBatchData({ firstBlock, blocks }: BatchContent, codec: Codec = "brotli"): Uint8Array {
  const w = new ByteWriter();
  w.varint(firstBlock);
  w.varint(blocks.length);
  for (const b of blocks) writeBlockBody(w, b);
  return frame(w.finish(), codec);
}

/** Frames pre-encoded block bodies (the store keeps each block's body already encoded). */
export function encodeBatchFromBodies({ firstBlock, bodies }: { firstBlock: bigint; bodies: Uint8Array[] }, codec: Codec = "brotli"): Uint8Array {
  const w = new ByteWriter();
  w.varint(firstBlock);
  w.varint(bodies.length);
  for (const b of bodies) w.bytes(b);
  return frame(w.finish(), codec);
}

function frame(raw: Uint8Array, codec: Codec): Uint8Array {
  const payload = compress(raw, codec);
  const out = new Uint8Array(2 + payload.length);
  out[0] = BATCH_VERSION;
  out[1] = CODECS[codec];
  out.set(payload, 2);
  return out;
}

export function compress(raw: Uint8Array, codec: Codec): Uint8Array {
  switch (codec) {
    case "none":
      return raw;
    case "deflate":
      return deflateRawSync(raw, { level: 9 });
    case "brotli":
      return brotliCompressSync(raw, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length, [constants.BROTLI_PARAM_LGWIN]: 22 },
      });
  }
}

export function decodeBatchData(data: Uint8Array): DecodedBatchContent {
  if (data.length < 2 || data[0] !== BATCH_VERSION) throw new SutureError("DECODE_ERROR", "unknown batch version");
  let raw: Uint8Array;
  try {
    const payload = data.subarray(2);
    if (data[1] === CODECS.none) raw = payload;
    else if (data[1] === CODECS.deflate) raw = inflateRawSync(payload, { maxOutputLength: MAX_DECOMPRESSED_BYTES });
    else if (data[1] === CODECS.brotli) raw = brotliDecompressSync(payload, { maxOutputLength: MAX_DECOMPRESSED_BYTES });
    else throw new SutureError("DECODE_ERROR", "unknown batch codec");
  } catch (cause) {
    if (cause instanceof SutureError) throw cause;
    throw new SutureError("DECODE_ERROR", "batch does not decompress", {}, { cause });
  }
  const r = new ByteReader(raw);
  const firstBlock = r.varint(64);
  const count = r.smallVarint(32);
  const blocks: DecodedBlockBody[] = [];
  for (let i = 0; i < count; i++) blocks.push(readBlockBody(r));
  if (r.remaining !== 0) throw new SutureError("DECODE_ERROR", "trailing bytes after the last block");
  return { firstBlock, blocks };
}
