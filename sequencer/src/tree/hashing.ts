// Leaf and inner-node hashing of the state tree, byte for byte as docs/protocol.md and the
// Solidity library `StateTree.sol` define them.
import { keccak256 } from "../crypto/keccak256";

/** Hash of an empty subtree. */
export const EMPTY = new Uint8Array(32);

const leafScratch = new Uint8Array(65);
leafScratch[0] = 0x01;
const nodeScratch = new Uint8Array(64);

/** keccak256(0x01 ‖ key ‖ valueHash) */
export function leafHash(key: Uint8Array, valueHash: Uint8Array): Uint8Array {
  leafScratch.set(key, 1);
  leafScratch.set(valueHash, 33);
  return keccak256(leafScratch);
}

/** keccak256(left ‖ right) */
export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  nodeScratch.set(left, 0);
  nodeScratch.set(right, 32);
  return keccak256(nodeScratch);
}

/** Bit `i` of a 32-byte key, most significant bit of byte 0 first. */
export function keyBit(key: Uint8Array, i: number): 0 | 1 {
  return ((key[i >> 3]! >> (7 - (i & 7))) & 1) as 0 | 1;
}
