// Architecture rules that keep the STF pure and the protocol reusable: the STF and the state never
// reach for I/O (store, API, L1, node, clock), and the protocol imports nothing of the node.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..");

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sources(path));
    // Test support (`testing/`) and the golden-vector generator (`vectors/`) are scripts around
    // the layer, not part of it: they may read files and drive the whole node.
    else if (name.endsWith(".ts") && !name.endsWith(".test.ts") && !path.includes("/testing/") && !path.includes("/vectors/")) out.push(path);
  }
  return out;
}

function importsOf(file: string): string[] {
  return [...readFileSync(file, "utf8").matchAll(/from\s+"([^"]+)"/g)].map((m) => m[1]!);
}

const FORBIDDEN_IN_PURE = [
  /\/store/,
  /\/api/,
  /\/l1/,
  /\/node\//,
  /\/batcher/,
  /\/verifier/,
  /^node:(fs|net|http|child_process|worker_threads)/,
  /better-sqlite3/,
  /fastify/,
];

describe("layering", () => {
  for (const layer of ["stf", "state", "tree", "protocol", "reputation"]) {
    it(`Should keep sequencer/src/${layer} free of I/O layers`, () => {
      const offenders = sources(join(ROOT, "sequencer/src", layer)).flatMap((file) =>
        importsOf(file)
          .filter((spec) => FORBIDDEN_IN_PURE.some((re) => re.test(spec)))
          .map((spec) => `${relative(ROOT, file)} imports ${spec}`),
      );
      expect(offenders).toEqual([]);
    });
  }

  it("Should keep the STF free of clocks and randomness", () => {
    const offenders = sources(join(ROOT, "sequencer/src/stf")).filter((file) =>
      /Date\.now|new Date\(|Math\.random|performance\.now|crypto\.random/.test(readFileSync(file, "utf8")),
    );
    expect(offenders.map((f) => relative(ROOT, f))).toEqual([]);
  });
});
