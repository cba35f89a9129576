// Runs one STF step and proves it: the state-tree witness an L1 re-execution of that step needs
// (docs/fraud-proofs.md, "The Solidity twin"). The step runs on the live state, exactly as it
// would without proving, so a verifier can prove any step in the middle of a replay.
import { bytesToHex, type Hex } from "../crypto/bytes";
import { proveWitness, type StepWitness } from "../tree";
import type { LeafValue } from "./leafEncoding";
import type { Namespace } from "./namespaces";
import { leafKey, leafPreimage, leafValueHash, type State } from "./State";

export type ProveStepReturnType<T> = {
  /** What `run` returned. */
  result: T;
  preRoot: Hex;
  postRoot: Hex;
  witness: StepWitness;
};

/**
 * Calls `run` (which applies one step to `state`: a deposit, a transaction, a fold), records
 * every leaf it reads or writes, and returns the witness of that step against the pre-root. On
 * return `state` is exactly as after a plain `run()` followed by `state.root()`.
 */
export function proveStep<T>(state: State, run: () => T): ProveStepReturnType<T> {
  const preRoot = state.root();
  const { result, accessed } = state.recordAccess(run);
  // `run` may have folded its writes into the tree (applyDeposit and applyTransaction return the
  // root): put the touched leaves back to their pre-values, which restores the pre-state tree.
  for (const { ns, id, before } of accessed) {
    if (before === undefined) state.tree.delete(leafKey(ns, id));
    else state.tree.set(leafKey(ns, id), leafValueHash(ns, before as LeafValue<Namespace>));
  }
  if (bytesToHex(state.tree.root()) !== preRoot) throw new Error("proveStep: the step changed leaves it did not access through get/put");
  const touched = accessed.map(({ ns, id, before }) => ({
    key: leafKey(ns, id),
    value: before === undefined ? null : leafPreimage(ns, before as LeafValue<Namespace>),
  }));
  const writes = [];
  for (const { ns, id, before } of accessed) {
    const after = state.get(ns, id);
    if (after === undefined) {
      if (before !== undefined) throw new Error(`proveStep: the step deleted ${ns} ${id} (the STF never deletes a leaf)`);
      continue;
    }
    if (after !== before) writes.push({ key: leafKey(ns, id), valueHash: leafValueHash(ns, after) });
  }
  const witness = { ...proveWitness({ tree: state.tree, touched, writes }), strings: keyStrings(accessed) };
  const proven = bytesToHex(state.tree.root());
  const postRoot = state.root();
  if (postRoot !== proven) throw new Error(`proveStep: witness post-root ${proven} differs from the state's ${postRoot}`);
  return { result, preRoot, postRoot, witness };
}

/** Namespaces whose ids join two strings with `/` (`<gtin>/<serial>`, `<gtin>/<lot>`) that their leaves hold only as hashes. */
const STRING_KEYED: ReadonlySet<Namespace> = new Set<Namespace>(["pack", "lot"]);

/**
 * The strings of the touched pack and lot ids, each once: the twin rebuilds the key of a pack or
 * lot it knows only from hashes in other leaves (a case plan's packs, a pack's lot) from these,
 * checking each against its hash (docs/fraud-proofs.md, "State leaves"). A GTIN has no `/`, so an
 * id splits at its first one.
 */
function keyStrings(accessed: ReadonlyArray<{ ns: Namespace; id: string }>): string[] {
  const strings = new Set<string>();
  for (const { ns, id } of accessed) {
    if (!STRING_KEYED.has(ns)) continue;
    const slash = id.indexOf("/");
    strings.add(id.slice(0, slash));
    strings.add(id.slice(slash + 1));
  }
  return [...strings];
}
