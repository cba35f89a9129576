// Which node-only modules the browser bundle swaps for the stand-ins in this folder, by resolved
// file (or node built-in), for the page and the prover worker alike. Everything else in the SDK
// and the protocol code is bundled as it is. vite.config.ts applies the table; the tests beside
// each stand-in check it against the module it replaces.
import { fileURLToPath } from "node:url";

const repo = (path: string) => fileURLToPath(new URL(`../../../../${path}`, import.meta.url));
const here = (path: string) => fileURLToPath(new URL(`./${path}`, import.meta.url));

/** Resolved module → browser stand-in. */
export const BROWSER_REPLACEMENTS: Record<string, string> = {
  // libsecp256k1 (a native addon) → @noble/curves
  [repo("sequencer/src/protocol/signature.ts")]: here("signature.ts"),
  // hash-wasm with top-level await → @noble/hashes
  [repo("sequencer/src/crypto/keccak256.ts")]: here("keccak256.ts"),
  // artifact paths on disk → URLs on the node
  [repo("circuits/config.ts")]: here("circuitsConfig.ts"),
  // the node prover (artifacts from disk, snarkjs on worker threads) → snarkjs in a Web Worker
  [repo("client/src/reviews/createReviewProver.ts")]: here("createReviewProver.ts"),
  // L1 clients → the same, loaded on first use (a stand-in that imports the original: the
  // replacement does not apply inside the stand-in itself)
  [repo("client/src/l1/l1Clients.ts")]: here("l1Clients.ts"),
};

/** Bare imports (node built-ins, package entry points) → browser stand-ins. */
export const BARE_REPLACEMENTS: Record<string, string> = {
  "node:crypto": here("nodeCrypto.ts"),
  "node:zlib": here("nodeZlib.ts"),
  // a CommonJS index of all sixteen arities → the two the review hashes use
  "poseidon-lite": here("poseidonLite.ts"),
};
