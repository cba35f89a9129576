// A secondary index of the state (not part of the root): for each key (an address, a hash) the
// ids of the entities filed under it, ascending, so a list read is a binary search and a slice,
// O(log n + page), instead of a scan of the namespace. Ids arrive mostly in order (new entities
// take the next id), so adding is an append; ids that arrive out of order (a restart loads leaves
// in the store's key order, a reader granted an old record) are sorted once, on the next read.
export type IdPage = { ids: bigint[]; more: boolean };

export class IdIndex {
  readonly #lists = new Map<string, bigint[]>();
  readonly #unsorted = new Set<string>();

  add(key: string, id: bigint): void {
    const list = this.#lists.get(key);
    if (!list) {
      this.#lists.set(key, [id]);
      return;
    }
    if (list[list.length - 1]! >= id) this.#unsorted.add(key);
    list.push(id);
  }

  remove(key: string, id: bigint): void {
    const list = this.#sorted(key);
    if (!list) return;
    const i = lowerBound(list, id);
    if (list[i] !== id) return;
    list.splice(i, 1);
    if (list.length === 0) this.#lists.delete(key);
  }

  /** The ids under a key, ascending (the live array: read it, don't change it). */
  get(key: string): readonly bigint[] | undefined {
    return this.#sorted(key);
  }

  /** Up to `limit` ids under a key greater than `after` (from the first when absent), and whether more follow. */
  page(key: string, after: bigint | undefined, limit: number): IdPage {
    const list = this.#sorted(key) ?? [];
    const start = after === undefined ? 0 : upperBound(list, after);
    return { ids: list.slice(start, start + limit), more: start + limit < list.length };
  }

  /** The ids under a key greater than `after` (all when absent), ascending. */
  *after(key: string, after: bigint | undefined): Generator<bigint> {
    const list = this.#sorted(key) ?? [];
    for (let i = after === undefined ? 0 : upperBound(list, after); i < list.length; i++) yield list[i]!;
  }

  #sorted(key: string): bigint[] | undefined {
    const list = this.#lists.get(key);
    if (list && this.#unsorted.delete(key)) {
      list.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      // An id filed twice under a key is one entry (a sort brings the copies together).
      for (let i = list.length - 1; i > 0; i--) if (list[i] === list[i - 1]) list.splice(i, 1);
    }
    return list;
  }
}

/** First position whose id is ≥ id. */
function lowerBound(list: readonly bigint[], id: bigint): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First position whose id is > id. */
function upperBound(list: readonly bigint[], id: bigint): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! <= id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
