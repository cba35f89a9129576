// The proof that opens one of a batch's step roots against its commitment (header.txRootsHash,
// computed by txRootsHash in batchHeader.ts) in a dispute that opens one of them in a
// dispute (StepRoots.sol checks it on L1). The depth is fixed by the step count, so a proof of
// another length (an inner node passed off as a leaf) never verifies.
import type { Hex } from "viem";
import { bytesToHex, hexToBytes } from "../../crypto/bytes";
import { keccak256Parts } from "../../crypto/keccak256";

/** Depth of the step-roots tree of `stepCount` leaves: ceil(log2(stepCount)). */
export function stepRootsDepth(stepCount: number | bigint): number {
  let depth = 0;
  while (1n << BigInt(depth) < BigInt(stepCount)) depth++;
  return depth;
}

/** The sibling hashes from leaf `index` up to the root (bottom first). */
export function stepRootProof(roots: Hex[], index: number): Hex[] {
  if (!Number.isInteger(index) || index < 0 || index >= roots.length) throw new RangeError(`step ${index} is not among ${roots.length} step roots`);
  const size = 1 << stepRootsDepth(roots.length);
  let level = roots.map(hexToBytes);
  while (level.length < size) level.push(new Uint8Array(32));
  const proof: Hex[] = [];
  for (let i = index; level.length > 1; i >>= 1) {
    proof.push(bytesToHex(level[i ^ 1]!));
    const next: Uint8Array[] = [];
    for (let j = 0; j < level.length; j += 2) next.push(keccak256Parts(level[j]!, level[j + 1]!));
    level = next;
  }
  return proof;
}

export type VerifyStepRootParameters = { rootsHash: Hex; stepCount: bigint; index: bigint; root: Hex; proof: Hex[] };

/** Whether `root` is step root number `index` of a batch of `stepCount` steps committed as `rootsHash`. */
export function verifyStepRoot({ rootsHash, stepCount, index, root, proof }: VerifyStepRootParameters): boolean {
  if (index < 0n || index >= stepCount || proof.length !== stepRootsDepth(stepCount)) return false;
  let node = hexToBytes(root);
  let i = index;
  for (const sibling of proof) {
    node = i & 1n ? keccak256Parts(hexToBytes(sibling), node) : keccak256Parts(node, hexToBytes(sibling));
    i >>= 1n;
  }
  return bytesToHex(node) === rootsHash.toLowerCase();
}
