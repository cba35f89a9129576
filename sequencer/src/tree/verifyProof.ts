// Checks a state-tree proof exactly as the Solidity library does, so the node can test what it serves.
import { bytesEqual, hexToBytes, type Hex } from "../crypto/bytes";
import { EMPTY, keyBit, leafHash, nodeHash } from "./hashing";
import type { StateProof } from "./StateTree";

export type VerifyProofParameters = {
  root: Uint8Array;
  key: Uint8Array;
  /** The value hash to prove present, or null to prove the key absent. */
  valueHash: Uint8Array | null;
  proof: StateProof;
};

export function verifyProof({ root, key, valueHash, proof }: VerifyProofParameters): boolean {
  const depth = proof.siblings.length;
  if (depth > 256) return false;
  let h: Uint8Array;
  if (valueHash) {
    if (!proof.leaf || !bytesEqual(hexToBytes(proof.leaf.key), key)) return false;
    if (!bytesEqual(hexToBytes(proof.leaf.valueHash), valueHash)) return false;
    h = leafHash(key, valueHash);
  } else if (proof.leaf === null) {
    h = EMPTY;
  } else {
    const other = hexToBytes(proof.leaf.key);
    if (bytesEqual(other, key)) return false;
    for (let i = 0; i < depth; i++) if (keyBit(other, i) !== keyBit(key, i)) return false;
    h = leafHash(other, hexToBytes(proof.leaf.valueHash));
  }
  for (let i = depth - 1; i >= 0; i--) {
    const sibling = hexToBytes(proof.siblings[i] as Hex);
    h = keyBit(key, i) ? nodeHash(sibling, h) : nodeHash(h, sibling);
  }
  return bytesEqual(h, root);
}
