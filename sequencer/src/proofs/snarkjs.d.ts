// Types for the part of snarkjs (which ships none) that Suture uses: Groth16 over BN254, the
// powers-of-tau and zkey ceremony steps of the circuit build. Files are paths or in-memory
// buffers ({ type: "mem", data }).
declare module "snarkjs" {
  export type SnarkjsFile = string | { type: "mem"; data?: Uint8Array };
  export type SnarkjsLogger = {
    debug: (message: string) => void;
    info: (message: string) => void;
    warn: (message: string) => void;
    error: (message: string) => void;
  };
  /** Proof as snarkjs returns it: decimal strings, projective coordinates (last one "1"). */
  export type Groth16Proof = {
    pi_a: [string, string, string];
    pi_b: [[string, string], [string, string], [string, string]];
    pi_c: [string, string, string];
    protocol: "groth16";
    curve: "bn128";
  };
  export type Groth16VerificationKey = {
    protocol: "groth16";
    curve: "bn128";
    nPublic: number;
    vk_alpha_1: string[];
    vk_beta_2: string[][];
    vk_gamma_2: string[][];
    vk_delta_2: string[][];
    IC: string[][];
    [key: string]: unknown;
  };
  export type SignalInput = Record<string, bigint | string | number | (bigint | string | number)[]>;

  export const groth16: {
    fullProve(
      input: SignalInput,
      wasm: SnarkjsFile,
      zkey: SnarkjsFile,
      logger?: SnarkjsLogger,
      wtnsCalcOptions?: Record<string, unknown>,
      proverOptions?: { singleThread?: boolean },
    ): Promise<{ proof: Groth16Proof; publicSignals: string[] }>;
    prove(
      zkey: SnarkjsFile,
      witness: SnarkjsFile,
      logger?: SnarkjsLogger,
      options?: { singleThread?: boolean },
    ): Promise<{ proof: Groth16Proof; publicSignals: string[] }>;
    verify(verificationKey: Groth16VerificationKey, publicSignals: (string | bigint)[], proof: Groth16Proof, logger?: SnarkjsLogger): Promise<boolean>;
  };

  export const zKey: {
    newZKey(r1cs: SnarkjsFile, ptau: SnarkjsFile, zkey: SnarkjsFile, logger?: SnarkjsLogger): Promise<unknown>;
    contribute(oldZkey: SnarkjsFile, newZkey: SnarkjsFile, name: string, entropy: string, logger?: SnarkjsLogger): Promise<Uint8Array>;
    verifyFromR1cs(r1cs: SnarkjsFile, ptau: SnarkjsFile, zkey: SnarkjsFile, logger?: SnarkjsLogger): Promise<boolean>;
    exportVerificationKey(zkey: SnarkjsFile, logger?: SnarkjsLogger): Promise<Groth16VerificationKey>;
    exportSolidityVerifier(zkey: SnarkjsFile, templates: { groth16?: string; plonk?: string; fflonk?: string }, logger?: SnarkjsLogger): Promise<string>;
  };

  export type Curve = { terminate(): Promise<void> };

  export const powersOfTau: {
    newAccumulator(curve: Curve, power: number, ptau: SnarkjsFile, logger?: SnarkjsLogger): Promise<unknown>;
    contribute(oldPtau: SnarkjsFile, newPtau: SnarkjsFile, name: string, entropy: string, logger?: SnarkjsLogger): Promise<Uint8Array>;
    preparePhase2(oldPtau: SnarkjsFile, newPtau: SnarkjsFile, logger?: SnarkjsLogger): Promise<void>;
  };

  export const curves: {
    getCurveFromName(name: string, options?: { singleThread?: boolean }): Promise<Curve>;
  };
}

// circom_runtime (a snarkjs dependency, pinned to the same version) builds the circuit's witness
// calculator from its wasm once, so the prover does not recompile the wasm for every proof.
declare module "circom_runtime" {
  export type WitnessCalculator = {
    calculateWTNSBin(input: Record<string, unknown>, sanityCheck?: boolean): Promise<Uint8Array>;
  };
  export function WitnessCalculatorBuilder(code: Uint8Array, options?: Record<string, unknown>): Promise<WitnessCalculator>;
}
