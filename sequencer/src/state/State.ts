// The rollup state: typed maps per namespace, a journal so a rejected transaction changes nothing,
// and the state tree, updated lazily from the leaves a transaction touched. Pure data structure:
// no I/O, no clock. Optionally records every leaf a step reads or writes, for fraud-proof witnesses.
import type { Hex } from "viem";
import { bytesToHex } from "../crypto/bytes";
import { keccak256, keccak256Parts } from "../crypto/keccak256";
import { StateTree } from "../tree/StateTree";
import { withdrawalKey } from "../protocol/state/withdrawalLeaf";
import { IdIndex } from "./IdIndex";
import { encodeLeaf, type LeafValue } from "./leafEncoding";
import { NAMESPACES, type Namespace, type NamespaceValue } from "./namespaces";
import type { GenesisParams } from "./genesis";

/** The review tree as the STF needs it; implemented over @zk-kit/imt in `reviews/`. */
export interface ReviewTreeLike {
  insertMany(leaves: readonly bigint[]): void;
  /** Drops the leaves from index `size` on. */
  truncate(size: number): void;
  /** Merkle siblings of index (leaf level first); index `size`, the next free slot, included. */
  siblings(index: number): bigint[];
  readonly root: bigint;
  readonly size: number;
  readonly leaves: bigint[];
}

type JournalEntry = { ns: Namespace; id: string; prev: unknown };

/** A leaf read or written while recording, with its value before its first access (undefined: absent). */
export type AccessedLeaf = { ns: Namespace; id: string; before: unknown };

const NS_NAMES = Object.keys(NAMESPACES) as Namespace[];
const textEncoder = new TextEncoder();

export class State {
  readonly #params: GenesisParams;
  readonly tree = new StateTree();
  readonly reviewTree: ReviewTreeLike;
  readonly #maps = new Map<Namespace, Map<string, unknown>>(NS_NAMES.map((n) => [n, new Map()]));
  #journal: JournalEntry[] | null = null;
  /** Undo log since checkpoint(), across transactions; null when no checkpoint is open. */
  #checkpoint: { entries: JournalEntry[]; reviewTreeSize: number } | null = null;
  /** Leaves accessed since recording started, by `ns:id`; null when not recording (the usual case). */
  #accessed: Map<string, AccessedLeaf> | null = null;
  /** Leaves not yet folded into the tree. */
  readonly #dirty = new Map<string, { ns: Namespace; id: string }>();
  /** Leaves not yet handed to the store. */
  readonly #changed = new Map<string, { ns: Namespace; id: string }>();
  /** Secondary indexes (not part of the root), kept in step with every write, rollback and load. */
  readonly casesByDoctor = new IdIndex();
  readonly casesByPatient = new IdIndex();
  readonly recordsBySubject = new IdIndex();
  readonly recordsByReader = new IdIndex();
  readonly reviewsByDoctor = new IdIndex();
  /** Reviews by their text's hash: the node takes a posted review's text unsigned (its author is anonymous). */
  readonly reviewsByTextHash = new IdIndex();
  readonly #indexes: { [N in Namespace]?: Array<SecondaryIndex<NamespaceValue[N]>> } = {
    case: [
      { index: this.casesByDoctor, keys: (c) => [c.doctor] },
      { index: this.casesByPatient, keys: (c) => [c.patient] },
    ],
    record: [
      { index: this.recordsBySubject, keys: (r) => [r.subject] },
      { index: this.recordsByReader, keys: (r) => r.readers.map((x) => x.reader) },
    ],
    review: [
      { index: this.reviewsByDoctor, keys: (r) => [r.doctor] },
      { index: this.reviewsByTextHash, keys: (r) => [r.textHash] },
    ],
  };

  constructor({ params, reviewTree }: { params: GenesisParams; reviewTree: ReviewTreeLike }) {
    this.#params = params;
    this.reviewTree = reviewTree;
  }

  /**
   * The chain's parameters. They are also a leaf (`params`, committed at genesis): reading them
   * while recording counts as reading that leaf, so a step's witness carries what it used.
   */
  get params(): GenesisParams {
    if (this.#accessed) this.#access("params", "", this.#maps.get("params")!.get(""));
    return this.#params;
  }

  get<N extends Namespace>(ns: N, id: string): NamespaceValue[N] | undefined {
    const value = this.#maps.get(ns)!.get(id) as NamespaceValue[N] | undefined;
    if (this.#accessed) this.#access(ns, id, value);
    return value;
  }

  /** Every entry of a namespace (read models and persistence). */
  entries<N extends Namespace>(ns: N): IterableIterator<[string, NamespaceValue[N]]> {
    return this.#maps.get(ns)!.entries() as IterableIterator<[string, NamespaceValue[N]]>;
  }

  /** Writes a value; values are never mutated in place, always replaced. */
  put<N extends Namespace>(ns: N, id: string, value: NamespaceValue[N]): void {
    const map = this.#maps.get(ns)!;
    const prev = map.get(id);
    if (this.#accessed) this.#access(ns, id, prev);
    if (this.#journal) this.#journal.push({ ns, id, prev });
    if (this.#checkpoint) this.#checkpoint.entries.push({ ns, id, prev });
    map.set(id, value);
    this.#touch(ns, id);
    this.#reindex(ns, prev as NamespaceValue[N] | undefined, value);
  }

  /**
   * Opens a checkpoint: from now on every write (and review-tree append) can be undone at once by
   * revertToCheckpoint(), across any number of transactions and blocks. A verifier replays a
   * batch under one, so that it can go back to the batch's start to prove a step.
   */
  checkpoint(): void {
    if (this.#checkpoint) throw new Error("State.checkpoint: one is already open");
    this.#checkpoint = { entries: [], reviewTreeSize: this.reviewTree.size };
  }

  /** Undoes everything since checkpoint(), which stays open. */
  revertToCheckpoint(): void {
    const cp = this.#checkpoint;
    if (!cp) throw new Error("State.revertToCheckpoint: no checkpoint open");
    for (let i = cp.entries.length - 1; i >= 0; i--) {
      const { ns, id, prev } = cp.entries[i]!;
      const map = this.#maps.get(ns)!;
      const current = map.get(id);
      if (prev === undefined) map.delete(id);
      else map.set(id, prev);
      this.#touch(ns, id);
      this.#reindex(ns, current as NamespaceValue[Namespace] | undefined, prev as NamespaceValue[Namespace] | undefined);
    }
    cp.entries = [];
    this.reviewTree.truncate(cp.reviewTreeSize);
    this.#journal = null;
  }

  /** Closes the checkpoint, keeping every write. */
  releaseCheckpoint(): void {
    this.#checkpoint = null;
  }

  /**
   * Runs `run` while recording every leaf it reads (`get`) or writes (`put`), each with its value
   * before its first access, in order of first access. Recording does not change what `run` does.
   */
  recordAccess<T>(run: () => T): { result: T; accessed: AccessedLeaf[] } {
    if (this.#accessed) throw new Error("State.recordAccess: already recording");
    const accessed = new Map<string, AccessedLeaf>();
    this.#accessed = accessed;
    try {
      return { result: run(), accessed: [...accessed.values()] };
    } finally {
      this.#accessed = null;
    }
  }

  /** Starts a transaction's journal. */
  begin(): void {
    this.#journal = [];
  }

  /** Undoes every write since begin(). */
  rollback(): void {
    const journal = this.#journal ?? [];
    for (let i = journal.length - 1; i >= 0; i--) {
      const { ns, id, prev } = journal[i]!;
      const map = this.#maps.get(ns)!;
      const current = map.get(id);
      if (prev === undefined) map.delete(id);
      else map.set(id, prev);
      this.#reindex(ns, current as NamespaceValue[Namespace] | undefined, prev as NamespaceValue[Namespace] | undefined);
    }
    this.#journal = null;
  }

  commit(): void {
    this.#journal = null;
  }

  /** Folds every touched leaf into the tree and returns the state root. */
  root(): Hex {
    for (const { ns, id } of this.#dirty.values()) {
      const key = leafKey(ns, id);
      const value = this.#maps.get(ns)!.get(id);
      if (value === undefined) this.tree.delete(key);
      else this.tree.set(key, leafValueHash(ns, value as LeafValue<Namespace>));
    }
    this.#dirty.clear();
    return bytesToHex(this.tree.root());
  }

  /** Loads a value without journaling (restoring from the store). */
  load<N extends Namespace>(ns: N, id: string, value: NamespaceValue[N]): void {
    const map = this.#maps.get(ns)!;
    const prev = map.get(id) as NamespaceValue[N] | undefined;
    map.set(id, value);
    this.#dirty.set(`${ns}:${id}`, { ns, id });
    this.#reindex(ns, prev, value);
  }

  /** Leaves written since the last call, with their current values (undefined = deleted). */
  drainChanges(): Array<{ ns: Namespace; id: string; value: unknown }> {
    const out = [...this.#changed.values()].map(({ ns, id }) => ({ ns, id, value: this.#maps.get(ns)!.get(id) }));
    this.#changed.clear();
    return out;
  }

  #access(ns: Namespace, id: string, before: unknown): void {
    const k = `${ns}:${id}`;
    if (!this.#accessed!.has(k)) this.#accessed!.set(k, { ns, id, before });
  }

  #touch(ns: Namespace, id: string): void {
    const k = `${ns}:${id}`;
    this.#dirty.set(k, { ns, id });
    this.#changed.set(k, { ns, id });
  }

  /** Moves an entity's id between index keys as its value goes from `before` to `after` (undefined: absent). */
  #reindex<N extends Namespace>(ns: N, before: NamespaceValue[N] | undefined, after: NamespaceValue[N] | undefined): void {
    const indexes = this.#indexes[ns] as Array<SecondaryIndex<NamespaceValue[N]>> | undefined;
    if (!indexes || before === after) return;
    for (const { index, keys } of indexes) {
      const old = before === undefined ? [] : keys(before);
      const now = after === undefined ? [] : keys(after);
      for (const key of old) if (!now.includes(key)) index.remove(key, (before as { id: bigint }).id);
      for (const key of now) if (!old.includes(key)) index.add(key, (after as { id: bigint }).id);
    }
  }
}

/** An index over one namespace: the keys an entity is filed under (its id is the entity's `id`). */
type SecondaryIndex<V> = { index: IdIndex; keys: (value: V) => string[] };

const keyCache = new Map<string, Uint8Array>();

/**
 * The tree key of a leaf: keccak256(namespace ‖ id); withdrawals: keccak256(0x09 ‖ uint64 id);
 * packs and lots (id `<gtin>/<serial or lot>`): keccak256(namespace ‖ keccak256(gtin) ‖
 * keccak256(serial or lot)), so the Solidity twin can rebuild the key of a pack a case refers to
 * from the hashes its leaf holds. A GTIN is 14 digits (every handler checks it before a pack or
 * lot lookup), so the id splits at its first "/". Cached: hot leaves (accounts, doctors, meta) are
 * written by nearly every transaction.
 */
export function leafKey(ns: Namespace, id: string): Uint8Array {
  const cacheKey = `${NAMESPACES[ns]}:${id}`;
  let key = keyCache.get(cacheKey);
  if (!key) {
    key =
      ns === "withdrawal"
        ? withdrawalKey(BigInt(id))
        : ns === "pack" || ns === "lot"
          ? pairKey(ns, id)
          : keccak256Parts(new Uint8Array([NAMESPACES[ns]]), textEncoder.encode(id));
    if (keyCache.size > 1_000_000) keyCache.clear();
    keyCache.set(cacheKey, key);
  }
  return key;
}

function pairKey(ns: "pack" | "lot", id: string): Uint8Array {
  const slash = id.indexOf("/");
  if (slash < 0) throw new Error(`${ns} id ${id} is not <gtin>/<name>`);
  return keccak256Parts(
    new Uint8Array([NAMESPACES[ns]]),
    keccak256(textEncoder.encode(id.slice(0, slash))),
    keccak256(textEncoder.encode(id.slice(slash + 1))),
  );
}

/**
 * The bytes a leaf's value hash is the keccak256 of: `abi.encode` of the value's projection
 * (leafEncoding.ts; withdrawals: `abi.encode(uint64 id, address recipient, uint256 amount)`, as before).
 */
export function leafPreimage<N extends Namespace>(ns: N, value: LeafValue<N>): Uint8Array {
  return encodeLeaf(ns, value);
}

/** The value hash of a leaf: keccak256(leafPreimage). */
export function leafValueHash<N extends Namespace>(ns: N, value: LeafValue<N>): Uint8Array {
  return keccak256(encodeLeaf(ns, value));
}
