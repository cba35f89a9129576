// A transaction's JSON form and its compact binary form. The binary form omits `from` (every
// verifier recovers it from the signature) and carries the 65-byte signature last.
import type { Address, Hex } from "viem";
import { bytesToHex } from "../crypto/bytes";
import { keccak256 } from "../crypto/keccak256";
import { SutureError } from "../errors";
import { ByteReader, ByteWriter, decodeField, encodeField, fieldToJson, parseField, parseFields } from "./fieldCodec";
import type { Tx } from "./messageTypes";
import { isSigned, messageFields, SIGNED_PREFIX, TX_TYPE_BY_CODE, TX_TYPES, type TxType } from "./txTypes";

/**
 * The JSON envelope clients submit: `{type, from, message, signature}` (PostReview: `{type,
 * message}`). `from` is required on signed types: a signature that does not recover it is
 * BAD_SIGNATURE, so a message altered in transit is rejected instead of being attributed to
 * whatever address it happens to recover. Optional `chainId` and `verifyingContract` let the
 * node name the mistake precisely (wrong chain, wrong domain).
 */
export type TxJson = {
  type: string;
  from?: string | null;
  message: Record<string, unknown>;
  signature?: string | null;
  chainId?: number;
  verifyingContract?: string;
};

/** A parsed transaction whose sender is not recovered yet (`claimedFrom` is null only for unsigned types). */
export type ParsedTx = { type: TxType; message: Record<string, unknown>; signature: Hex | null; claimedFrom: Address | null };

const SIGNATURE_RE = /^0x[0-9a-fA-F]{130}$/;

/** Validates a JSON envelope against the schema and returns the internal transaction. */
export function parseTx(json: unknown): ParsedTx {
  if (!json || typeof json !== "object" || Array.isArray(json)) throw new SutureError("INVALID_FIELD", "transaction must be an object");
  const { type, message, signature, from, ...extra } = json as Record<string, unknown>;
  const unknownKeys = Object.keys(extra).filter((k) => k !== "chainId" && k !== "verifyingContract");
  if (unknownKeys.length) throw new SutureError("INVALID_FIELD", `unknown envelope field ${unknownKeys[0]}`, { field: unknownKeys[0] });
  if (typeof type !== "string" || !(type in TX_TYPES)) throw new SutureError("UNKNOWN_TX_TYPE", `unknown transaction type ${String(type)}`, { type });
  const t = type as TxType;
  let claimedFrom: Address | null = null;
  if (isSigned(t)) {
    if (from === undefined || from === null) throw new SutureError("INVALID_FIELD", `from: required on ${t} (the signer's address)`, { field: "from" });
    claimedFrom = parseField("address", from, "from") as Address;
  } else if (from !== undefined && from !== null) {
    throw new SutureError("INVALID_FIELD", `${t} is unsigned and has no sender`, { field: "from" });
  }
  if (!message || typeof message !== "object" || Array.isArray(message))
    throw new SutureError("INVALID_FIELD", "message must be an object", { field: "message" });
  const parsed = parseFields(messageFields(t), message as Record<string, unknown>, "message");
  let sig: Hex | null = null;
  if (isSigned(t)) {
    if (typeof signature !== "string" || !SIGNATURE_RE.test(signature)) throw new SutureError("BAD_SIGNATURE", "signature must be 65 bytes as 0x hex");
    sig = canonicalV(signature.toLowerCase() as Hex);
  } else if (signature !== undefined && signature !== null) {
    throw new SutureError("INVALID_FIELD", `${t} is not signed`, { field: "signature" });
  }
  return { type: t, message: parsed, signature: sig, claimedFrom };
}

/** The JSON envelope of a transaction. */
export function txToJson(tx: Tx): TxJson {
  const out: TxJson = { type: tx.type, message: fieldToJson(tx.message) as Record<string, unknown> };
  if (tx.from) out.from = tx.from;
  if (tx.signature) out.signature = tx.signature;
  return out;
}

/** Appends the binary form of a transaction to a writer (`from` is left out: it is recovered). */
export function writeTx(w: ByteWriter, tx: Pick<Tx, "type" | "message" | "signature">): void {
  const def = TX_TYPES[tx.type];
  const message = tx.message as Record<string, unknown>;
  w.byte(def.code);
  if (isSigned(tx.type)) for (const f of SIGNED_PREFIX) encodeField(w, f.type, message[f.name]);
  for (const f of def.fields) encodeField(w, f.type, message[f.name]);
  if (isSigned(tx.type)) w.hex(tx.signature!);
}

/** A decoded transaction whose sender is not recovered yet. */
export type UnsignedView = { type: TxType; message: Record<string, unknown>; signature: Hex | null };

/** Reads one transaction; its sender is recovered from the signature afterwards (recoverTx). */
export function readTx(r: ByteReader): UnsignedView {
  const code = r.byte();
  const type = TX_TYPE_BY_CODE.get(code);
  if (!type) throw new SutureError("DECODE_ERROR", `unknown transaction type byte ${code}`);
  const def = TX_TYPES[type];
  const message: Record<string, unknown> = {};
  if (isSigned(type)) for (const f of SIGNED_PREFIX) message[f.name] = decodeField(r, f.type);
  for (const f of def.fields) message[f.name] = decodeField(r, f.type);
  const signature = isSigned(type) ? r.hex(65) : null;
  return { type, message, signature };
}

export function encodeTx(tx: Pick<Tx, "type" | "message" | "signature">): Uint8Array {
  const w = new ByteWriter();
  writeTx(w, tx);
  return w.finish();
}

/** Decodes exactly one transaction; trailing bytes are an error. */
export function decodeTx(bytes: Uint8Array): UnsignedView {
  const r = new ByteReader(bytes);
  const tx = readTx(r);
  if (r.remaining !== 0) throw new SutureError("DECODE_ERROR", `${r.remaining} trailing bytes`);
  return tx;
}

/** The transaction hash: keccak256 of its binary form (signature included). */
export function txHash(tx: Pick<Tx, "type" | "message" | "signature">): Hex {
  return bytesToHex(keccak256(encodeTx(tx)));
}

/** Some wallets return v as 0/1: the one encoding the protocol accepts is 27/28. */
function canonicalV(signature: Hex): Hex {
  const v = Number.parseInt(signature.slice(130), 16);
  return v === 0 || v === 1 ? (`${signature.slice(0, 130)}${(v + 27).toString(16)}` as Hex) : signature;
}
