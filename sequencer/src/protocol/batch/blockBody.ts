// The binary body of a block, as the node stores it and as batch chunks carry it: time, how many
// L1 deposits it consumes, and its transactions, each length-prefixed (a transaction that does not
// decode is then a rejected step, not a broken block). Deposit contents are not repeated:
// verifiers read them from the L1 queue.
import { SutureError } from "../../errors";
import { ByteReader, ByteWriter } from "../fieldCodec";
import { MAX_TX_BYTES } from "../limits";
import type { Tx } from "../messageTypes";
import { encodeTx } from "../txCodec";

/** A block with its transactions as opaque bytes (what a chunk holds). */
export type ChunkBlock = { timestamp: number; depositCount: number; txs: Uint8Array[] };

/** A block as the producer has it: transactions as objects. */
export type BlockBody = { timestamp: number; depositCount: number; txs: Array<Pick<Tx, "type" | "message" | "signature">> };

/** Varint widths, in bits, of a block's fields (a wider varint is a decode error). */
export const BLOCK_FIELD_BITS = { timestamp: 48, depositCount: 32, txCount: 32, txLength: 32 } as const;

/** `timestamp | depositCount | txCount | (txLength | txBytes)*`, all varints but the bytes. */
export function writeChunkBlock(w: ByteWriter, block: ChunkBlock): void {
  w.varint(block.timestamp);
  w.varint(block.depositCount);
  w.varint(block.txs.length);
  for (const tx of block.txs) {
    w.varint(tx.length);
    w.bytes(tx);
  }
}

/**
 * Reads one block; transaction bytes are views into the reader's buffer. Throws DECODE_ERROR
 * (rule `txLength`) for a transaction over MAX_TX_BYTES; the reader throws for bad varints and
 * missing bytes.
 */
export function readChunkBlock(r: ByteReader): ChunkBlock {
  const timestamp = r.smallVarint(BLOCK_FIELD_BITS.timestamp);
  const depositCount = r.smallVarint(BLOCK_FIELD_BITS.depositCount);
  const txCount = r.smallVarint(BLOCK_FIELD_BITS.txCount);
  const txs: Uint8Array[] = [];
  for (let t = 0; t < txCount; t++) {
    const length = r.smallVarint(BLOCK_FIELD_BITS.txLength);
    if (length > MAX_TX_BYTES) throw new SutureError("DECODE_ERROR", `a transaction is longer than ${MAX_TX_BYTES} bytes`, { rule: "txLength" });
    txs.push(r.bytes(length));
  }
  return { timestamp, depositCount, txs };
}

/** The stored body of a block the producer built. */
export function encodeBlockBody(body: BlockBody): Uint8Array {
  const w = new ByteWriter();
  writeChunkBlock(w, { timestamp: body.timestamp, depositCount: body.depositCount, txs: body.txs.map(encodeTx) });
  return w.finish();
}

/** Parses a stored block body (no trailing bytes), transactions left as bytes. */
export function parseBlockBody(body: Uint8Array): ChunkBlock {
  const r = new ByteReader(body);
  const block = readChunkBlock(r);
  if (r.remaining !== 0) throw new SutureError("DECODE_ERROR", "trailing bytes after the block body", { rule: "trailing" });
  return block;
}
