// The state-tree witness of one step, for re-executing that step on L1 (docs/fraud-proofs.md,
// "The Solidity twin"): every key the step touched with its pre-value and a proof against the
// pre-root, then every changed key, in ascending key order, with its proof against the running
// root (the tree with the earlier changed keys already written). `WitnessedState.sol` checks both
// and recomputes the post-root from them.
import { bytesEqual, bytesToHex, type Hex } from "../crypto/bytes";
import { keccak256 } from "../crypto/keccak256";
import type { StateProof, StateTree } from "./StateTree";

/** A touched key, its value before the step (the preimage of its value hash; null when absent), and its proof against the pre-root. */
export type WitnessRead = { key: Hex; value: Hex | null; proof: StateProof };

/** A changed key, its new value hash, and its proof against the root just before this write. */
export type WitnessWrite = { key: Hex; valueHash: Hex; proof: StateProof };

/**
 * Reads in strictly ascending key order; writes in ascending key order, only keys whose value hash
 * changed. `strings`: the text of strings the step derives keys from while its leaves hold only
 * their hashes (a pack's gtin and serial, a lot's gtin and lot; absent means none).
 */
export type StepWitness = { reads: WitnessRead[]; writes: WitnessWrite[]; strings?: readonly string[] };

export type ProveWitnessParameters = {
  /** The tree at the pre-state; on return it holds the post-state. */
  tree: StateTree;
  /** Every key the step read or wrote, with its value before the step (null: absent). Keys are distinct. */
  touched: ReadonlyArray<{ key: Uint8Array; value: Uint8Array | null }>;
  /** The value hash of every written key after the step (unchanged ones included or not: they are skipped). Each key must be touched. */
  writes: ReadonlyArray<{ key: Uint8Array; valueHash: Uint8Array }>;
};

/**
 * Builds the witness of a step and applies its writes to `tree`, one key at a time in ascending
 * order, proving each against the root it finds. The tree ends exactly as if the writes had been
 * set in any order (the compact tree's shape depends only on its leaves).
 */
export function proveWitness({ tree, touched, writes }: ProveWitnessParameters): StepWitness {
  const byKey = new Map<Hex, { key: Uint8Array; value: Uint8Array | null }>();
  for (const t of touched) {
    const k = bytesToHex(t.key);
    if (byKey.has(k)) throw new Error(`proveWitness: key ${k} touched twice`);
    const current = tree.get(t.key);
    if ((current === undefined) !== (t.value === null) || (current && t.value && !bytesEqual(current, keccak256(t.value)))) {
      throw new Error(`proveWitness: the pre-value given for ${k} is not the tree's`);
    }
    byKey.set(k, t);
  }
  const reads = [...byKey.keys()].sort().map((key): WitnessRead => {
    const { key: bytes, value } = byKey.get(key)!;
    return { key, value: value && bytesToHex(value), proof: tree.prove(bytes) };
  });

  const changed = new Map<Hex, { key: Uint8Array; valueHash: Uint8Array }>();
  for (const w of writes) {
    const k = bytesToHex(w.key);
    if (!byKey.has(k)) throw new Error(`proveWitness: key ${k} written but not touched`);
    const current = tree.get(w.key);
    if (current && bytesEqual(current, w.valueHash)) changed.delete(k);
    else changed.set(k, w);
  }
  const ordered = [...changed.keys()].sort().map((k) => changed.get(k)!);
  const proven: WitnessWrite[] = [];
  for (const { key, valueHash } of ordered) {
    proven.push({ key: bytesToHex(key), valueHash: bytesToHex(valueHash), proof: tree.prove(key) });
    tree.set(key, valueHash);
  }
  return { reads, writes: proven };
}
