// The STF must compute the same roots on every node: no clock, no randomness inside it (the block
// context carries time). Import rules (no I/O, no folder cycles) are enforced by
// dependency-cruiser (.dependency-cruiser.cjs, `npm run depcheck`); this checks what imports
// cannot show.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "../../..");
const PURE = ["stf", "state", "tree", "protocol", "reviews", "chain"];
const NONDETERMINISM = /Date\.now|new Date\(|Math\.random|performance\.now|crypto\.random|process\.env|hrtime/;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "testing" ? [] : sources(path);
    return name.endsWith(".ts") && !name.endsWith(".test.ts") ? [path] : [];
  });
}

describe("STF determinism", () => {
  it("Should keep clocks, randomness and the environment out of the pure folders", () => {
    const files = PURE.flatMap((folder) => sources(join(ROOT, "sequencer/src", folder)));
    expect(files.length).toBeGreaterThan(30);
    const offenders = files.filter((file) => NONDETERMINISM.test(readFileSync(file, "utf8"))).map((f) => relative(ROOT, f));
    expect(offenders).toEqual([]);
  });
});
