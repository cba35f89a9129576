// FastLZ (level 1) for provable batch chunks: compression is Solady's JavaScript `LibZip.flzCompress`,
// the twin of the `LibZip.flzDecompress` a dispute runs on L1. Decompression is our own, because
// Solady's (both sides) trusts its input: on a malformed stream the JavaScript one reads
// `undefined` and the Solidity one reads whatever memory lies around. Here every instruction is
// bounds-checked and the output is capped, with exactly the rules `Chunks.sol` checks before it
// hands a stream to Solady, so a node and the bridge accept the same streams and decode them to
// the same bytes.
//
// Stream format (FastLZ level 1), one instruction after another:
//   000lllll  literal run: the next l+1 bytes are copied to the output;
//   tttddddd dddddddd  (t in 1..6)  match: copy t+2 bytes from `distance + 1` bytes back;
//   111ddddd nnnnnnnn dddddddd  long match: copy n+9 bytes from `distance + 1` bytes back.
// The distance (13 bits) must point inside what is already decoded.
import { LibZip } from "solady";
import { bytesToHex, hexToBytes } from "../../crypto/bytes";
import { SutureError } from "../../errors";

/** FastLZ-compresses `raw` (Solady's encoder, byte for byte what `LibZip.flzCompress` produces). */
export function fastlzCompress(raw: Uint8Array): Uint8Array {
  return hexToBytes(LibZip.flzCompress(bytesToHex(raw)));
}

/**
 * Decompresses a FastLZ stream, strictly: an instruction that runs past the end of the stream or
 * copies from before the start of the output is an error, and so is an output longer than
 * `maxBytes` (checked before it is written, so garbage cannot make the node allocate more).
 */
export function fastlzDecompress(data: Uint8Array, maxBytes: number): Uint8Array {
  // A stream of n bytes decodes to at most 88n bytes (264 from every 3): size the buffer once.
  const out = new Uint8Array(Math.min(maxBytes, data.length * 88));
  let i = 0;
  let o = 0;
  while (i < data.length) {
    const c = data[i]!;
    const t = c >> 5;
    if (t === 0) {
      const length = c + 1;
      if (i + 1 + length > data.length) throw corrupt("a literal run passes the end of the stream");
      if (o + length > maxBytes) throw tooLarge(maxBytes);
      out.set(data.subarray(i + 1, i + 1 + length), o);
      i += 1 + length;
      o += length;
      continue;
    }
    const long = t === 7;
    if (i + (long ? 2 : 1) >= data.length) throw corrupt("a match passes the end of the stream");
    const length = long ? 9 + data[i + 1]! : 2 + t;
    const distance = ((c & 31) << 8) + data[i + (long ? 2 : 1)]!;
    i += long ? 3 : 2;
    if (distance >= o) throw corrupt("a match starts before the output");
    if (o + length > maxBytes) throw tooLarge(maxBytes);
    // Byte by byte: a match may overlap the bytes it produces (distance + 1 < length repeats them).
    for (let k = 0, from = o - distance - 1; k < length; k++) out[o + k] = out[from + k]!;
    o += length;
  }
  return out.slice(0, o);
}

function corrupt(rule: string): SutureError {
  return new SutureError("DECODE_ERROR", `chunk does not decompress: ${rule}`, { rule: "decompression" });
}

function tooLarge(maxBytes: number): SutureError {
  return new SutureError("DECODE_ERROR", `chunk decodes to more than ${maxBytes} bytes`, { rule: "size", maxBytes });
}
