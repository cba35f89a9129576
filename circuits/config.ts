// The review circuit's parameters, public signals and artifact locations, in one place. The
// circuit entry point (review.circom) repeats the depth and the public list because Circom has no
// imports from TypeScript; circuits/test/artifacts.test.ts checks that both agree.
import { fileURLToPath } from "node:url";

const here = (relative: string): string => fileURLToPath(new URL(relative, import.meta.url));

export const REVIEW_CIRCUIT = {
  name: "review",
  /** Depth of the review tree (fixed: the circuit takes exactly this many siblings). */
  depth: 20,
  /** Public signals in the order the circuit exposes them (declaration order in Review()). */
  publicSignals: ["root", "doctor", "nullifier", "message"] as const,
  /** Private inputs, declared before the public ones in Review(); `siblings` has `depth` entries. */
  privateInputs: ["s", "leafIndex", "siblings"] as const,
  /** Circom optimization level; O2 removes every linear constraint (11,851 → 5,534 here). */
  optimization: "O2" as const,
  /** Upper bound from the issue: Semaphore v4 at depth 20. */
  maxConstraints: 6431,
  /** Smallest powers-of-tau that fits: 2^13 ≥ constraints + public inputs + 1. */
  ptauPower: 13,
} as const;

export type ReviewPublicSignalName = (typeof REVIEW_CIRCUIT.publicSignals)[number];

export const CIRCUIT_PATHS = {
  root: here("."),
  main: here("./review.circom"),
  sources: here("./src"),
  circomlib: fileURLToPath(new URL("../node_modules/circomlib/circuits", import.meta.url)),
  /** Scratch space for the compiler and the ceremony; gitignored. */
  buildDir: here("./build/tmp"),
} as const;

export const REVIEW_ARTIFACTS = {
  dir: here("./artifacts"),
  wasm: here("./artifacts/review.wasm"),
  zkey: here("./artifacts/review.zkey"),
  verificationKey: here("./artifacts/review.vkey.json"),
  manifest: here("./artifacts/manifest.json"),
  solidityVerifier: fileURLToPath(new URL("../l1-contracts/contracts/reviews/Groth16Verifier.sol", import.meta.url)),
} as const;
