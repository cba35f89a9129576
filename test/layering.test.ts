// Architecture rules that keep the STF pure and the protocol reusable: the STF and the state never
// reach for I/O (store, API, L1, node, clock), and the protocol imports nothing of the node.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..");

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sources(path));
    else if (name.endsWith(".ts") && !name.endsWith(".test.ts") && !path.includes("/testing/")) out.push(path);
  }
  return out;
}

function importsOf(file: string): string[] {
  return [...readFileSync(file, "utf8").matchAll(/from\s+"([^"]+)"/g)].map((m) => m[1]!);
}

/** A relative import as a repository path (`sequencer/src/api/app`), a package name as is. */
function target(file: string, spec: string): string {
  return spec.startsWith(".") ? relative(ROOT, join(dirname(file), spec)) : spec;
}

const FORBIDDEN_IN_PURE = [
  /^sequencer\/src\/(store|api|l1|node|batcher|verifier)(\/|$)/,
  /^node:(fs|net|http|child_process|worker_threads)/,
  /better-sqlite3/,
  /fastify/,
];

describe("layering", () => {
  for (const layer of ["stf", "state", "tree", "protocol", "reputation"]) {
    it(`Should keep sequencer/src/${layer} free of I/O layers`, () => {
      const offenders = sources(join(ROOT, "sequencer/src", layer)).flatMap((file) =>
        importsOf(file)
          .filter((spec) => FORBIDDEN_IN_PURE.some((re) => re.test(target(file, spec))))
          .map((spec) => `${relative(ROOT, file)} imports ${spec}`),
      );
      expect(offenders).toEqual([]);
    });
  }

  it("Should keep the API's published schemas (sequencer/src/protocol/api) on TypeBox and the transaction definitions alone", () => {
    const dir = join(ROOT, "sequencer/src/protocol/api");
    const allowed = (file: string, spec: string) =>
      spec === "@sinclair/typebox" ||
      ["sequencer/src/protocol/txTypes", "sequencer/src/protocol/enums"].includes(target(file, spec)) ||
      target(file, spec).startsWith("sequencer/src/protocol/api/");
    const offenders = sources(dir).flatMap((file) =>
      importsOf(file)
        .filter((spec) => !allowed(file, spec))
        .map((spec) => `${relative(ROOT, file)} imports ${spec}`),
    );
    expect(sources(dir).length).toBeGreaterThan(5);
    expect(offenders).toEqual([]);
  });

  it("Should catch a pure layer importing the node's API folder (the rule above has teeth)", () => {
    const file = join(ROOT, "sequencer/src/protocol/schema.ts");
    expect(FORBIDDEN_IN_PURE.some((re) => re.test(target(file, "../api/app")))).toBe(true);
    expect(FORBIDDEN_IN_PURE.some((re) => re.test(target(file, "./api/meta")))).toBe(false);
  });

  it("Should keep the STF free of clocks and randomness", () => {
    const offenders = sources(join(ROOT, "sequencer/src/stf")).filter((file) =>
      /Date\.now|new Date\(|Math\.random|performance\.now|crypto\.random/.test(readFileSync(file, "utf8")),
    );
    expect(offenders.map((f) => relative(ROOT, f))).toEqual([]);
  });
});
