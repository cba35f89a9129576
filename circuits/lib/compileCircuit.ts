// Runs the Circom compiler (the circom2 npm package, WASM) and reports what it produced. Used by
// the build script and by the circuit tests, so both compile with exactly the same flags.
import { execFile } from "node:child_process";
import { mkdir } from "node:fs/promises";
import { createRequire } from "node:module";
import { basename, join, parse } from "node:path";
import { promisify } from "node:util";
import { CIRCUIT_PATHS, REVIEW_CIRCUIT } from "../config";

const run = promisify(execFile);
const require = createRequire(import.meta.url);

export type CompileCircuitParameters = {
  /** The .circom file with a main component. */
  main: string;
  /** Output directory (created if missing). */
  outDir: string;
  optimization?: "O0" | "O1" | "O2";
  /** Extra include paths; circomlib is always on the path. */
  include?: string[];
};

export type CompileCircuitReturnType = {
  r1cs: string;
  wasm: string;
  sym: string;
  nonLinearConstraints: number;
  linearConstraints: number;
  constraints: number;
  wires: number;
  publicInputs: number;
  privateInputs: number;
  /** Compiler warnings (with --inspect: unconstrained signals, `<--` that could be `<==`, ...). */
  warnings: string[];
  log: string;
};

// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI colour codes start with ESC
const stripAnsi = (text: string): string => text.replace(/\u001b\[[0-9;]*m/g, "");

function readCount(log: string, label: string): number {
  const match = new RegExp(`^${label}: (\\d+)$`, "m").exec(log);
  if (!match) throw new Error(`circom output has no "${label}" line:\n${log}`);
  return Number(match[1]);
}

/** Compiles with --r1cs --wasm --sym --inspect; throws on a compile error, returns warnings. */
export async function compileCircuit({
  main,
  outDir,
  optimization = REVIEW_CIRCUIT.optimization,
  include = [],
}: CompileCircuitParameters): Promise<CompileCircuitReturnType> {
  await mkdir(outDir, { recursive: true });
  const cli = require.resolve("circom2/cli.js");
  const args = [cli, main, "--r1cs", "--wasm", "--sym", "--inspect", `--${optimization}`, "-o", outDir];
  for (const path of [CIRCUIT_PATHS.circomlib, ...include]) args.push("-l", path);
  let stdout: string;
  let stderr: string;
  try {
    // circom2 runs under WASI with only the working directory and its parents opened, and will not
    // follow a symlink out of them (node_modules linked from elsewhere, as in a git worktree or a
    // pnpm store): run it from the filesystem root, so every source and include is reachable.
    ({ stdout, stderr } = await run(process.execPath, args, { maxBuffer: 64 * 1024 * 1024, cwd: parse(main).root }));
  } catch (error) {
    const { stdout: out = "", stderr: err = "" } = error as { stdout?: string; stderr?: string };
    throw new Error(`circom failed to compile ${main}:\n${stripAnsi(out)}${stripAnsi(err)}`, { cause: error });
  }
  const log = stripAnsi(stdout);
  const warnings = stripAnsi(stderr)
    .split(/\n(?=warning\[)/)
    .map((block) => block.trim())
    .filter((block) => block.startsWith("warning["));
  const name = basename(main, ".circom");
  const nonLinearConstraints = readCount(log, "non-linear constraints");
  const linearConstraints = readCount(log, "linear constraints");
  return {
    r1cs: join(outDir, `${name}.r1cs`),
    wasm: join(outDir, `${name}_js`, `${name}.wasm`),
    sym: join(outDir, `${name}.sym`),
    nonLinearConstraints,
    linearConstraints,
    constraints: nonLinearConstraints + linearConstraints,
    wires: readCount(log, "wires"),
    publicInputs: readCount(log, "public inputs"),
    privateInputs: readCount(log, "private inputs"),
    warnings,
    log,
  };
}
