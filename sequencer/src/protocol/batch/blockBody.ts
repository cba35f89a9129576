// The binary body of a block, as batches carry it: time, how many L1 deposits it consumes, and
// its transactions. Deposit contents are not repeated: verifiers read them from the L1 queue.
import { type ByteReader, ByteWriter } from "../fieldCodec";
import type { Tx } from "../messageTypes";
import { readTx, writeTx, type UnsignedView } from "../txCodec";
import { SutureError } from "../../errors";

export type BlockBody = { timestamp: number; depositCount: number; txs: Array<Pick<Tx, "type" | "message" | "signature">> };
export type DecodedBlockBody = { timestamp: number; depositCount: number; txs: UnsignedView[] };

const MAX_TXS_PER_BLOCK = 100_000;

export function writeBlockBody(w: ByteWriter, body: BlockBody): void {
  w.varint(body.timestamp);
  w.varint(body.depositCount);
  w.varint(body.txs.length);
  for (const tx of body.txs) writeTx(w, tx);
}

export function readBlockBody(r: ByteReader): DecodedBlockBody {
  const timestamp = r.smallVarint(48);
  const depositCount = r.smallVarint(32);
  const count = r.smallVarint(32);
  if (count > MAX_TXS_PER_BLOCK) throw new SutureError("DECODE_ERROR", "too many transactions in a block");
  const txs: UnsignedView[] = [];
  for (let i = 0; i < count; i++) txs.push(readTx(r));
  return { timestamp, depositCount, txs };
}

export function encodeBlockBody(body: BlockBody): Uint8Array {
  const w = new ByteWriter();
  writeBlockBody(w, body);
  return w.finish();
}
