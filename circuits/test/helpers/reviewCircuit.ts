// Compiles the review circuit once per test file (same flags as the build) and exposes the
// witness calculator, the symbol table and the R1CS for constraint-level tests.
import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CIRCUIT_PATHS } from "../../config";
import { compileCircuit, type CompileCircuitReturnType } from "../../lib/compileCircuit";

const require = createRequire(import.meta.url);

type LinearCombination = Record<string, bigint>;
type Field = {
  mul(a: bigint, b: bigint): bigint;
  div(a: bigint, b: bigint): bigint;
  add(a: bigint, b: bigint): bigint;
  sub(a: bigint, b: bigint): bigint;
  isZero(a: bigint): boolean;
  e(a: bigint): bigint;
  zero: bigint;
};
type WasmTester = {
  calculateWitness(input: Record<string, unknown>, sanityCheck?: boolean): Promise<bigint[]>;
  checkConstraints(witness: bigint[]): Promise<void>;
  loadSymbols(): Promise<void>;
  loadConstraints(): Promise<void>;
  symbols: Record<string, { labelIdx: number; varIdx: number; componentIdx: number }>;
  constraints: [LinearCombination, LinearCombination, LinearCombination][];
  F: Field;
};

export type ReviewCircuit = {
  compiled: CompileCircuitReturnType;
  tester: WasmTester;
  /** Witness for an input; throws when an assertion (===) fails during witness generation. */
  witness(input: Record<string, unknown>): Promise<bigint[]>;
  /** Wire index of a signal (e.g. "main.nullifier"); -1 when the optimizer removed it. */
  wire(name: string): number;
  /** Wire index of the one signal whose full name matches pattern (anonymous components have generated names). */
  findWire(pattern: RegExp): number;
  /** Indices of the R1CS constraints the witness violates. */
  failingConstraints(witness: bigint[]): number[];
  /** The wires (other than the constant wire 0) a constraint mentions. */
  constraintWires(index: number): number[];
  /** Deletes the compiler output. */
  cleanup(): Promise<void>;
};

export async function compileReviewCircuit(main = CIRCUIT_PATHS.main): Promise<ReviewCircuit> {
  const outDir = await mkdtemp(join(tmpdir(), "suture-review-circuit-"));
  const compiled = await compileCircuit({ main, outDir });
  const wasmTester = require("circom_tester").wasm as (file: string, options: Record<string, unknown>) => Promise<WasmTester>;
  const tester = await wasmTester(main, { output: outDir, recompile: false });
  await tester.loadSymbols();
  await tester.loadConstraints();
  const { F, constraints } = tester;

  const evaluate = (lc: LinearCombination, witness: bigint[]): bigint =>
    Object.entries(lc).reduce((sum, [wire, coefficient]) => F.add(sum, F.mul(coefficient, F.e(witness[Number(wire)]!))), F.zero);

  return {
    compiled,
    tester,
    async witness(input) {
      const witness = await tester.calculateWitness(input, true);
      await tester.checkConstraints(witness);
      return witness;
    },
    wire(name) {
      const symbol = tester.symbols[name];
      if (!symbol) throw new Error(`no signal ${name}`);
      return symbol.varIdx;
    },
    findWire(pattern) {
      const names = Object.keys(tester.symbols).filter((name) => pattern.test(name));
      if (names.length !== 1) throw new Error(`${names.length} signals match ${pattern}`);
      return tester.symbols[names[0]!]!.varIdx;
    },
    failingConstraints(witness) {
      const failing: number[] = [];
      constraints.forEach(([a, b, c], index) => {
        const ab = F.mul(evaluate(a, witness), evaluate(b, witness));
        if (!F.isZero(F.sub(ab, evaluate(c, witness)))) failing.push(index);
      });
      return failing;
    },
    constraintWires(index) {
      const wires = new Set<number>();
      for (const lc of constraints[index]!) for (const wire of Object.keys(lc)) if (wire !== "0") wires.add(Number(wire));
      return [...wires].sort((x, y) => x - y);
    },
    async cleanup() {
      await rm(outDir, { recursive: true, force: true });
    },
  };
}
