export { Verifier, type Mismatch, type VerifierOptions } from "./Verifier";
