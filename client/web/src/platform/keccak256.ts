// Browser stand-in for sequencer/src/crypto/keccak256.ts: @noble/hashes instead of hash-wasm, so
// the bundle needs no WebAssembly instance (and no top-level await) for hashing. Same exports.
import { keccak_256 } from "@noble/hashes/sha3.js";

export function keccak256(data: Uint8Array): Uint8Array {
  return keccak_256(data);
}

export function keccak256Parts(...parts: Uint8Array[]): Uint8Array {
  const h = keccak_256.create();
  for (const part of parts) h.update(part);
  return h.digest();
}
