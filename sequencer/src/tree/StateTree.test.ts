import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { keccak256 } from "../crypto/keccak256";
import { bytesToHex, hexToBytes, uintToBytes } from "../crypto/bytes";
import { EMPTY, keyBit, leafHash, nodeHash, StateTree, verifyProof } from "./index";
import { withdrawalKey, withdrawalValueHash } from "../protocol";

const key = (n: number) => keccak256(uintToBytes(BigInt(n), 8));
const value = (n: number) => keccak256(uintToBytes(BigInt(n) + 1_000_000n, 8));

/** Independent reference: the root of a key set computed top-down from the definition. */
function referenceRoot(entries: Array<[Uint8Array, Uint8Array]>, depth = 0): Uint8Array {
  if (entries.length === 0) return EMPTY;
  if (entries.length === 1) return leafHash(entries[0]![0], entries[0]![1]);
  const left = entries.filter(([k]) => keyBit(k, depth) === 0);
  const right = entries.filter(([k]) => keyBit(k, depth) === 1);
  return nodeHash(referenceRoot(left, depth + 1), referenceRoot(right, depth + 1));
}

describe("StateTree", () => {
  it("Should have the EMPTY root when empty and prove any key absent", () => {
    const tree = new StateTree();
    expect(tree.root()).toEqual(EMPTY);
    const proof = tree.prove(key(1));
    expect(proof).toEqual({ siblings: [], leaf: null });
    expect(verifyProof({ root: tree.root(), key: key(1), valueHash: null, proof })).toBe(true);
  });

  it("Should make a single leaf the root", () => {
    const tree = new StateTree();
    tree.set(key(1), value(1));
    expect(tree.root()).toEqual(leafHash(key(1), value(1)));
  });

  it("Should match the reference root for random key sets, after updates and deletes", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 5000 }), { maxLength: 60 }), fc.array(fc.nat(), { maxLength: 30 }), (ids, dels) => {
        const tree = new StateTree();
        const live = new Map<number, Uint8Array>();
        for (const id of ids) {
          tree.set(key(id), value(id));
          live.set(id, value(id));
        }
        for (const d of dels) {
          if (ids.length === 0) break;
          const id = ids[d % ids.length]!;
          tree.delete(key(id));
          live.delete(id);
        }
        const entries = [...live].map(([id, v]) => [key(id), v] as [Uint8Array, Uint8Array]);
        expect(bytesToHex(tree.root())).toBe(bytesToHex(referenceRoot(entries)));
        expect(tree.size).toBe(live.size);
      }),
      { numRuns: 300 },
    );
  });

  it("Should return to the same root after inserting then deleting a key", () => {
    const tree = new StateTree();
    for (let i = 0; i < 100; i++) tree.set(key(i), value(i));
    const before = bytesToHex(tree.root());
    tree.set(key(1000), value(1000));
    expect(bytesToHex(tree.root())).not.toBe(before);
    tree.delete(key(1000));
    expect(bytesToHex(tree.root())).toBe(before);
  });

  it("Should prove inclusion and exclusion, and reject tampered proofs", () => {
    const tree = new StateTree();
    for (let i = 0; i < 500; i++) tree.set(key(i), value(i));
    const root = tree.root();
    for (let i = 0; i < 50; i++) {
      const proof = tree.prove(key(i));
      expect(verifyProof({ root, key: key(i), valueHash: value(i), proof })).toBe(true);
      expect(verifyProof({ root, key: key(i), valueHash: value(i + 1), proof })).toBe(false);
      expect(verifyProof({ root, key: key(i), valueHash: null, proof })).toBe(false);
      const tampered = { ...proof, siblings: [...proof.siblings] };
      tampered.siblings[0] = bytesToHex(keccak256(hexToBytes(tampered.siblings[0]!)));
      expect(verifyProof({ root, key: key(i), valueHash: value(i), proof: tampered })).toBe(false);
      const absent = tree.prove(key(10_000 + i));
      expect(verifyProof({ root, key: key(10_000 + i), valueHash: null, proof: absent })).toBe(true);
      expect(verifyProof({ root, key: key(10_000 + i), valueHash: value(i), proof: absent })).toBe(false);
    }
  });

  it("Should keep depth near log2(leaves)", () => {
    const tree = new StateTree();
    for (let i = 0; i < 4096; i++) tree.set(key(i), value(i));
    const depths = Array.from({ length: 200 }, (_, i) => tree.prove(key(i)).siblings.length);
    const mean = depths.reduce((a, b) => a + b, 0) / depths.length;
    expect(mean).toBeLessThan(16);
    expect(mean).toBeGreaterThan(10);
  });

  it("Should build the withdrawal leaf from its ABI encoding", () => {
    const leaf = { id: 7n, recipient: "0x00000000000000000000000000000000000000aa" as const, amount: 10n ** 18n };
    expect(withdrawalKey(7n)).toHaveLength(32);
    expect(bytesToHex(withdrawalKey(7n))).not.toBe(bytesToHex(withdrawalKey(8n)));
    expect(bytesToHex(withdrawalValueHash(leaf))).not.toBe(bytesToHex(withdrawalValueHash({ ...leaf, amount: 1n })));
  });
});
