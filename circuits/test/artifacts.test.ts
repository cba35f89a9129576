// The committed keys must come from the committed circuit: editing circuits/ without running
// `npm run build:circuits` fails here. Also the Groth16 round trip (prove, verify, tamper).
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { curves, groth16, zKey, type Groth16VerificationKey } from "snarkjs";
import { CIRCUIT_PATHS, REVIEW_ARTIFACTS, REVIEW_CIRCUIT } from "../config";
import { circuitSourceHash } from "../lib/circuitSourceHash";
import { renderSolidityVerifier } from "../lib/renderSolidityVerifier";
import { compileReviewCircuit, type ReviewCircuit } from "./helpers/reviewCircuit";
import { P, refInput, refLeaf } from "./helpers/reference";

type Manifest = {
  sourceHash: string;
  depth: number;
  publicSignals: string[];
  constraints: { total: number };
  sha256: Record<"r1cs" | "wasm" | "zkey" | "verificationKey" | "solidityVerifier", string>;
};

const sha256 = async (path: string): Promise<string> =>
  createHash("sha256")
    .update(await readFile(path))
    .digest("hex");

describe("review circuit artifacts", () => {
  let circuit: ReviewCircuit;
  let manifest: Manifest;
  let verificationKey: Groth16VerificationKey;
  beforeAll(async () => {
    circuit = await compileReviewCircuit();
    manifest = JSON.parse(await readFile(REVIEW_ARTIFACTS.manifest, "utf8")) as Manifest;
    verificationKey = JSON.parse(await readFile(REVIEW_ARTIFACTS.verificationKey, "utf8")) as Groth16VerificationKey;
  });
  afterAll(async () => {
    await circuit.cleanup();
    await (await curves.getCurveFromName("bn128")).terminate();
  });

  describe("# match the source", () => {
    it("Should have been built from the current circuit sources and compiler (else run npm run build:circuits)", async () => {
      expect(manifest.sourceHash).toBe(await circuitSourceHash());
    });

    it("Should declare the depth and public signals of circuits/config.ts in review.circom", async () => {
      const main = await readFile(CIRCUIT_PATHS.main, "utf8");
      expect(main).toContain(`component main {public [${REVIEW_CIRCUIT.publicSignals.join(", ")}]} = Review(${REVIEW_CIRCUIT.depth});`);
      expect(manifest.depth).toBe(REVIEW_CIRCUIT.depth);
      expect(manifest.publicSignals).toEqual(REVIEW_CIRCUIT.publicSignals);
    });

    it("Should declare the inputs of circuits/config.ts (private, then public) in Review(), as GET /v1/circuits/review lists them", async () => {
      const review = await readFile(join(CIRCUIT_PATHS.sources, "review.circom"), "utf8");
      const declared = [...review.matchAll(/^\s*signal input (\w+)(\[DEPTH\])?;/gm)].map((m) => (m[2] ? `${m[1]}[]` : m[1]));
      expect(declared).toEqual([...REVIEW_CIRCUIT.privateInputs.map((n) => (n === "siblings" ? "siblings[]" : n)), ...REVIEW_CIRCUIT.publicSignals]);
    });

    it("Should ship the wasm and r1cs the current source compiles to", async () => {
      expect(await sha256(circuit.compiled.r1cs)).toBe(manifest.sha256.r1cs);
      expect(await sha256(circuit.compiled.wasm)).toBe(manifest.sha256.wasm);
      expect(await sha256(REVIEW_ARTIFACTS.wasm)).toBe(manifest.sha256.wasm);
      expect(circuit.compiled.constraints).toBe(manifest.constraints.total);
    });

    it("Should ship the proving key, verification key and Solidity verifier the manifest names", async () => {
      expect(await sha256(REVIEW_ARTIFACTS.zkey)).toBe(manifest.sha256.zkey);
      expect(await sha256(REVIEW_ARTIFACTS.verificationKey)).toBe(manifest.sha256.verificationKey);
      expect(await sha256(REVIEW_ARTIFACTS.solidityVerifier)).toBe(manifest.sha256.solidityVerifier);
    });

    it("Should ship the verification key and Solidity verifier of the proving key", async () => {
      const zkey = await readFile(REVIEW_ARTIFACTS.zkey);
      expect(await zKey.exportVerificationKey({ type: "mem", data: zkey })).toEqual(verificationKey);
      expect(await renderSolidityVerifier(zkey)).toBe(await readFile(REVIEW_ARTIFACTS.solidityVerifier, "utf8"));
    });

    it("Should come from a real phase-2 contribution (delta != gamma)", () => {
      expect(verificationKey.nPublic).toBe(REVIEW_CIRCUIT.publicSignals.length);
      expect(verificationKey.vk_delta_2).not.toEqual(verificationKey.vk_gamma_2);
    });
  });

  describe("# Groth16 round trip", () => {
    const doctor = 0x1111111111111111111111111111111111111111n;
    const s = 4242n;
    const leaves = [refLeaf(1n, doctor), refLeaf(s, doctor), refLeaf(3n, 0xabcn)];
    const input = refInput({ s, doctor, leaves, index: 1, message: 0x77n });
    let proof: Awaited<ReturnType<typeof groth16.fullProve>>["proof"];
    let publicSignals: string[];

    beforeAll(async () => {
      // The freshly compiled wasm with the committed zkey: a circuit edit without new keys
      // produces a proof the committed verification key rejects.
      ({ proof, publicSignals } = await groth16.fullProve(input, circuit.compiled.wasm, REVIEW_ARTIFACTS.zkey));
    });

    it("Should verify a proof made with the committed proving key", async () => {
      expect(publicSignals).toEqual([input.root, input.doctor, input.nullifier, input.message].map(String));
      expect(await groth16.verify(verificationKey, publicSignals, proof)).toBe(true);
    });

    it.each([
      ["root", 0],
      ["doctor", 1],
      ["nullifier", 2],
      ["message", 3],
    ])("Should not verify with a tampered %s", async (_name, index) => {
      const tampered = publicSignals.map((signal, i) => (i === index ? String(BigInt(signal) + 1n) : signal));
      expect(await groth16.verify(verificationKey, tampered, proof)).toBe(false);
    });

    it("Should not verify with a public signal aliased by + p (snarkjs 0.7 checks the range too)", async () => {
      const aliased = publicSignals.map((signal, i) => (i === 2 ? String(BigInt(signal) + P) : signal));
      expect(await groth16.verify(verificationKey, aliased, proof)).toBe(false);
    });
  });
});
