import { describe, expect, it } from "vitest";
import { IdIndex } from "../state";
import { filteredIndexPage, indexPage, rangePage, type Page } from "./pages";

/** Walks every page from the first, as a client does with `next`. */
function walk<T>(read: (after: string | undefined) => Page<T>): T[][] {
  const pages: T[][] = [];
  let after: string | undefined;
  do {
    const page = read(after);
    pages.push(page.items);
    after = page.next ?? undefined;
  } while (after !== undefined);
  return pages;
}

const load = (id: bigint) => ({ id });
const ids = (pages: Array<Array<{ id: bigint }>>) => pages.map((p) => p.map((x) => x.id));

describe("pages", () => {
  const index = new IdIndex();
  for (let id = 1n; id <= 7n; id++) index.add(id % 2n === 0n ? "even" : "odd", id);

  it("Should walk an index page by page: each id once, next null on the last page", () => {
    expect(ids(walk((after) => indexPage(index, "odd", { limit: 2, after }, load)))).toEqual([
      [1n, 3n],
      [5n, 7n],
    ]);
    expect(ids(walk((after) => indexPage(index, "even", { limit: 5, after }, load)))).toEqual([[2n, 4n, 6n]]);
    expect(indexPage(index, "nobody", {}, load)).toEqual({ items: [], next: null });
  });

  it("Should filter while it walks, and not announce a page that would be empty", () => {
    const keep = (x: { id: bigint }) => x.id !== 3n;
    expect(ids(walk((after) => filteredIndexPage(index, "odd", { limit: 1, after }, load, keep)))).toEqual([[1n], [5n], [7n]]);
    expect(filteredIndexPage(index, "odd", { limit: 2, after: "1" }, load, keep)).toEqual({ items: [{ id: 5n }, { id: 7n }], next: null });
  });

  it("Should page a run of ids 1 … last", () => {
    expect(ids(walk((after) => rangePage(5n, { limit: 2, after }, load)))).toEqual([[1n, 2n], [3n, 4n], [5n]]);
    expect(ids(walk((after) => rangePage(4n, { limit: 2, after }, load)))).toEqual([
      [1n, 2n],
      [3n, 4n],
    ]);
    expect(rangePage(0n, {}, load)).toEqual({ items: [], next: null });
    expect(rangePage(3n, { after: "9" }, load)).toEqual({ items: [], next: null });
  });
});
