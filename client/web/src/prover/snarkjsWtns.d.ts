// The witness calculator of snarkjs (not in sequencer/src/proofs/snarkjs.d.ts, which types what
// the node uses): the worker computes the witness separately to time it.
declare module "snarkjs" {
  export const wtns: {
    calculate(input: SignalInput, wasm: SnarkjsFile, witness: SnarkjsFile, options?: Record<string, unknown>): Promise<void>;
  };
}
