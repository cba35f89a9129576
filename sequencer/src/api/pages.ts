// Cursor pages of the list reads (protocol/api/pages.ts): entities by ascending id from one of
// the state's secondary indexes, or from a run of consecutive ids, and the cursor of the next
// page. Each read costs O(log n + page), whatever the namespace holds.
import { PAGE_LIMIT_DEFAULT } from "../protocol/api";
import type { IdIndex } from "../state";

export type Page<T> = { items: T[]; next: string | null };

export type IdPageParameters = { limit?: number; after?: string };

/** The entities filed under `key`, after the cursor. */
export function indexPage<T>(
  index: IdIndex,
  key: string,
  { limit = PAGE_LIMIT_DEFAULT, after }: IdPageParameters,
  load: (id: bigint) => T | undefined,
): Page<T> {
  const { ids, more } = index.page(key, after === undefined ? undefined : BigInt(after), limit);
  return { items: ids.map(load).filter((x): x is T => x !== undefined), next: more ? ids[ids.length - 1]!.toString() : null };
}

/**
 * The entities filed under `key` that `keep` accepts, after the cursor: for a read with two
 * filters, walk the shorter index and test the other filter. Costs the entries walked, at most
 * the shorter list.
 */
export function filteredIndexPage<T>(
  index: IdIndex,
  key: string,
  { limit = PAGE_LIMIT_DEFAULT, after }: IdPageParameters,
  load: (id: bigint) => T | undefined,
  keep: (item: T) => boolean,
): Page<T> {
  const items: T[] = [];
  let last: bigint | null = null;
  for (const id of index.after(key, after === undefined ? undefined : BigInt(after))) {
    const item = load(id);
    if (item === undefined || !keep(item)) continue;
    if (items.length === limit) return { items, next: last!.toString() };
    items.push(item);
    last = id;
  }
  return { items, next: null };
}

/** One filter of a list read: the index it reads, its key, and the test an entity passes. */
export type IndexFilter<T> = { index: IdIndex; key: string; matches: (item: T) => boolean };

/**
 * The entities that pass every filter (one or two), after the cursor: with one, its index page;
 * with more, the shortest index walked and the others tested.
 */
export function filtersPage<T>(filters: ReadonlyArray<IndexFilter<T>>, parameters: IdPageParameters, load: (id: bigint) => T | undefined): Page<T> {
  const [shortest, ...others] = [...filters].sort((a, b) => (a.index.get(a.key)?.length ?? 0) - (b.index.get(b.key)?.length ?? 0));
  if (!shortest) throw new Error("a list read needs a filter");
  if (others.length === 0) return indexPage(shortest.index, shortest.key, parameters, load);
  return filteredIndexPage(shortest.index, shortest.key, parameters, load, (item) => others.every((f) => f.matches(item)));
}

/** Entities with the consecutive ids 1 … lastId (ids no entity skips: policies), after the cursor. */
export function rangePage<T>(lastId: bigint, { limit = PAGE_LIMIT_DEFAULT, after }: IdPageParameters, load: (id: bigint) => T | undefined): Page<T> {
  const first = (after === undefined ? 0n : BigInt(after)) + 1n;
  const end = first + BigInt(limit) - 1n < lastId ? first + BigInt(limit) - 1n : lastId;
  const items: T[] = [];
  for (let id = first; id <= end; id++) {
    const item = load(id);
    if (item !== undefined) items.push(item);
  }
  return { items, next: end < lastId ? end.toString() : null };
}
