// npm run build:circuits [-- --ptau <file.ptau>]
//
// Compiles the review circuit, runs the Groth16 trusted setup and writes the committed artifacts:
// circuits/artifacts/{review.wasm, review.zkey, review.vkey.json, manifest.json} and
// l1-contracts/contracts/reviews/Groth16Verifier.sol.
//
// Phase 1 (powers of tau): by default a LOCAL DEV ceremony with one random contribution; keys
// from it are only as trustworthy as this machine. For production pass the final, phase-2-prepared
// .ptau of a public ceremony (e.g. the Perpetual Powers of Tau / Hermez files) with --ptau. To
// rebuild quickly after a circuit edit, pass the dev file the last run left in circuits/build/tmp
// (--ptau circuits/build/tmp/pot13_final.ptau); preparing phase 1 is ~3 of the ~3.5 minutes.
// Phase 2 (circuit-specific): always one real random contribution, so delta != gamma; a key with
// delta == gamma (phase 2 skipped) lets anyone forge proofs, and the build refuses it.
import { createHash, randomBytes } from "node:crypto";
import { copyFile, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { curves, powersOfTau, zKey, type SnarkjsLogger } from "snarkjs";
import { CIRCUIT_PATHS, REVIEW_ARTIFACTS, REVIEW_CIRCUIT } from "../config";
import { circuitSourceFiles, circuitSourceHash, circuitToolchain } from "../lib/circuitSourceHash";
import { compileCircuit } from "../lib/compileCircuit";
import { readPtauPower } from "../lib/readPtauPower";
import { renderSolidityVerifier } from "../lib/renderSolidityVerifier";

const { values: options } = parseArgs({ options: { ptau: { type: "string" } } });

const started = Date.now();
const step = (message: string): void => console.log(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`);
const logger: SnarkjsLogger = { debug: () => {}, info: () => {}, warn: console.warn, error: console.error };
const sha256 = async (path: string): Promise<string> =>
  createHash("sha256")
    .update(await readFile(path))
    .digest("hex");
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString("hex");
const entropy = (): string => randomBytes(64).toString("hex");

async function main(): Promise<void> {
  const tmp = CIRCUIT_PATHS.buildDir;
  await mkdir(tmp, { recursive: true });

  step(`compiling ${relative(process.cwd(), CIRCUIT_PATHS.main)} (--${REVIEW_CIRCUIT.optimization} --inspect)`);
  const compiled = await compileCircuit({ main: CIRCUIT_PATHS.main, outDir: join(tmp, "compile") });
  if (compiled.warnings.length > 0) {
    throw new Error(`circom --inspect reported warnings; fix them first:\n${compiled.warnings.join("\n\n")}`);
  }
  if (compiled.constraints > REVIEW_CIRCUIT.maxConstraints) {
    throw new Error(`${compiled.constraints} constraints exceed the budget of ${REVIEW_CIRCUIT.maxConstraints}`);
  }
  if (compiled.publicInputs !== REVIEW_CIRCUIT.publicSignals.length) {
    throw new Error(`circuit has ${compiled.publicInputs} public inputs, config lists ${REVIEW_CIRCUIT.publicSignals.length}`);
  }
  step(`${compiled.constraints} constraints (${compiled.nonLinearConstraints} non-linear), ${compiled.wires} wires`);

  const curve = await curves.getCurveFromName("bn128");
  try {
    let ptau: string;
    let ptauOrigin: string;
    let phase1Contributions: string[] = [];
    const devPtau = join(tmp, `pot${REVIEW_CIRCUIT.ptauPower}_final.ptau`);
    const devPtauRecord = `${devPtau}.json`;
    if (options.ptau && resolve(options.ptau) === devPtau) {
      // The dev phase 1 of an earlier run: keep its record so the manifest stays truthful.
      ptau = devPtau;
      ({ origin: ptauOrigin, contributions: phase1Contributions } = JSON.parse(await readFile(devPtauRecord, "utf8")));
      step(`reusing the local dev powers of tau ${relative(process.cwd(), ptau)}`);
    } else if (options.ptau) {
      ptau = options.ptau;
      ptauOrigin = `external: ${basename(ptau)}`;
      step(`using external powers of tau ${ptau}`);
    } else {
      const power = REVIEW_CIRCUIT.ptauPower;
      const initial = join(tmp, `pot${power}_0000.ptau`);
      const contributed = join(tmp, `pot${power}_0001.ptau`);
      ptau = devPtau;
      ptauOrigin = "local dev ceremony, one random contribution (NOT for production)";
      step(`phase 1: new accumulator 2^${power}`);
      await powersOfTau.newAccumulator(curve, power, initial, logger);
      step("phase 1: random contribution");
      phase1Contributions.push(hex(await powersOfTau.contribute(initial, contributed, "Suture dev phase 1", entropy(), logger)));
      step("phase 1: preparing phase 2 (Lagrange basis)");
      await powersOfTau.preparePhase2(contributed, ptau, logger);
      await rm(initial);
      await rm(contributed);
      await writeFile(devPtauRecord, JSON.stringify({ origin: ptauOrigin, contributions: phase1Contributions }));
    }
    const ptauPower = await readPtauPower(ptau);

    const zkeyInitial = join(tmp, "review_0000.zkey");
    const zkeyFinal = join(tmp, "review_final.zkey");
    step("phase 2: new zkey from r1cs");
    await zKey.newZKey(compiled.r1cs, ptau, zkeyInitial, logger);
    step("phase 2: random contribution");
    const phase2Contribution = hex(await zKey.contribute(zkeyInitial, zkeyFinal, "Suture dev phase 2", entropy(), logger));
    step("phase 2: verifying the key against the r1cs and the powers of tau");
    if (!(await zKey.verifyFromR1cs(compiled.r1cs, ptau, zkeyFinal, logger))) {
      throw new Error("snarkjs zkey verify failed: the proving key does not match the circuit and ptau");
    }

    const verificationKey = await zKey.exportVerificationKey(zkeyFinal);
    if (JSON.stringify(verificationKey.vk_gamma_2) === JSON.stringify(verificationKey.vk_delta_2)) {
      throw new Error("delta == gamma: the phase-2 contribution is missing, proofs would be forgeable");
    }
    const solidity = await renderSolidityVerifier(zkeyFinal);

    step("writing artifacts");
    await mkdir(REVIEW_ARTIFACTS.dir, { recursive: true });
    await mkdir(dirname(REVIEW_ARTIFACTS.solidityVerifier), { recursive: true });
    await copyFile(compiled.wasm, REVIEW_ARTIFACTS.wasm);
    await copyFile(zkeyFinal, REVIEW_ARTIFACTS.zkey);
    await writeFile(REVIEW_ARTIFACTS.verificationKey, `${JSON.stringify(verificationKey, null, 2)}\n`);
    await writeFile(REVIEW_ARTIFACTS.solidityVerifier, solidity);

    const manifest = {
      circuit: REVIEW_CIRCUIT.name,
      note: "Generated by npm run build:circuits. Keys from a local dev ceremony unless ptau.origin says otherwise.",
      sourceHash: await circuitSourceHash(),
      sources: await circuitSourceFiles(),
      toolchain: circuitToolchain(),
      depth: REVIEW_CIRCUIT.depth,
      publicSignals: REVIEW_CIRCUIT.publicSignals,
      constraints: {
        total: compiled.constraints,
        nonLinear: compiled.nonLinearConstraints,
        linear: compiled.linearConstraints,
        wires: compiled.wires,
      },
      ptau: {
        origin: ptauOrigin,
        power: ptauPower,
        sha256: await sha256(ptau),
        phase1Contributions,
      },
      phase2: { contributions: [phase2Contribution] },
      sha256: {
        r1cs: await sha256(compiled.r1cs),
        wasm: await sha256(REVIEW_ARTIFACTS.wasm),
        zkey: await sha256(REVIEW_ARTIFACTS.zkey),
        verificationKey: await sha256(REVIEW_ARTIFACTS.verificationKey),
        solidityVerifier: await sha256(REVIEW_ARTIFACTS.solidityVerifier),
      },
    };
    await writeFile(REVIEW_ARTIFACTS.manifest, `${JSON.stringify(manifest, null, 2)}\n`);
    await rm(zkeyInitial);
    step(`done; phase-1 file kept at ${relative(process.cwd(), ptau)} (gitignored, reusable with --ptau)`);
  } finally {
    await curve.terminate();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
