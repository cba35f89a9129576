import { describe, expect, it } from "vitest";
import { IdIndex } from "./IdIndex";

/** Every id under `key`, walked page by page as a client would with `after`. */
function walk(index: IdIndex, key: string, limit: number): bigint[][] {
  const pages: bigint[][] = [];
  let after: bigint | undefined;
  for (;;) {
    const { ids, more } = index.page(key, after, limit);
    pages.push(ids);
    if (!more) return pages;
    after = ids[ids.length - 1];
  }
}

describe("IdIndex", () => {
  describe("# page", () => {
    it("Should cover every id exactly once, in order, and say when nothing more follows", () => {
      const index = new IdIndex();
      for (let id = 1n; id <= 10n; id++) index.add("a", id);
      expect(walk(index, "a", 3)).toEqual([[1n, 2n, 3n], [4n, 5n, 6n], [7n, 8n, 9n], [10n]]);
      expect(walk(index, "a", 5)).toEqual([
        [1n, 2n, 3n, 4n, 5n],
        [6n, 7n, 8n, 9n, 10n],
      ]);
      expect(index.page("a", 10n, 5)).toEqual({ ids: [], more: false });
      expect(index.page("nobody", undefined, 5)).toEqual({ ids: [], more: false });
    });

    it("Should start after a cursor that is not itself in the index", () => {
      const index = new IdIndex();
      for (const id of [2n, 4n, 6n, 8n]) index.add("a", id);
      expect(index.page("a", 5n, 10)).toEqual({ ids: [6n, 8n], more: false });
      expect(index.page("a", 0n, 1)).toEqual({ ids: [2n], more: true });
      expect([...index.after("a", 4n)]).toEqual([6n, 8n]);
      expect([...index.after("a", undefined)]).toEqual([2n, 4n, 6n, 8n]);
    });
  });

  describe("# add / remove", () => {
    it("Should sort ids that arrive out of order (a restart loads them in the store's key order)", () => {
      const index = new IdIndex();
      for (const id of ["1", "10", "100", "11", "2", "20", "3"]) index.add("a", BigInt(id));
      expect(index.get("a")).toEqual([1n, 2n, 3n, 10n, 11n, 20n, 100n]);
      index.add("a", 5n);
      expect(index.page("a", 3n, 2)).toEqual({ ids: [5n, 10n], more: true });
    });

    it("Should remove an id from its key, drop an emptied key, and ignore an id it does not hold", () => {
      const index = new IdIndex();
      for (const id of [1n, 2n, 3n]) index.add("a", id);
      index.remove("a", 2n);
      index.remove("a", 7n);
      index.remove("b", 1n);
      expect(index.get("a")).toEqual([1n, 3n]);
      index.remove("a", 1n);
      index.remove("a", 3n);
      expect(index.get("a")).toBeUndefined();
    });
  });
});
