// Fingerprint of everything the review keys are derived from on our side: the circuit sources,
// the circomlib version they include, the compiler version and the optimization level. The build
// records it in artifacts/manifest.json; a test recomputes it so that editing the circuit without
// rebuilding the keys fails CI.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { CIRCUIT_PATHS, REVIEW_CIRCUIT } from "../config";

const require = createRequire(import.meta.url);

export type CircuitToolchain = { circom2: string; circomlib: string; snarkjs: string; optimization: string };

export function circuitToolchain(): CircuitToolchain {
  // Read package.json by walking up from the entry point: snarkjs' "exports" hides ./package.json.
  const version = (name: string): string => {
    for (let dir = dirname(require.resolve(name)); dir !== dirname(dir); dir = dirname(dir)) {
      try {
        const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: string; version: string };
        if (pkg.name === name) return pkg.version;
      } catch {
        // no package.json at this level; keep walking up
      }
    }
    throw new Error(`cannot find the version of ${name}`);
  };
  return {
    circom2: version("circom2"),
    circomlib: version("circomlib"),
    snarkjs: version("snarkjs"),
    optimization: REVIEW_CIRCUIT.optimization,
  };
}

/** The .circom files of the review circuit, relative to circuits/, sorted. */
export async function circuitSourceFiles(): Promise<string[]> {
  const sources = (await readdir(CIRCUIT_PATHS.sources, { recursive: true }))
    .filter((file) => file.endsWith(".circom"))
    .map((file) => join(CIRCUIT_PATHS.sources, file));
  return [CIRCUIT_PATHS.main, ...sources].map((file) => relative(CIRCUIT_PATHS.root, file)).sort();
}

/** sha256 over (path, content) of every source file plus the toolchain that compiles them. */
export async function circuitSourceHash(): Promise<string> {
  const hash = createHash("sha256");
  const { snarkjs: _snarkjs, ...compilerInputs } = circuitToolchain();
  hash.update(JSON.stringify(compilerInputs));
  for (const file of await circuitSourceFiles()) {
    hash.update(`\0${file}\0`);
    hash.update(await readFile(join(CIRCUIT_PATHS.root, file)));
  }
  return hash.digest("hex");
}
