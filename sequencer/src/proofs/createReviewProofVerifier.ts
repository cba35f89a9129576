// Node-side verification of review proofs: snarkjs Groth16 against the committed verification key,
// loaded once. Every public signal must be a canonical scalar field element and every proof
// coordinate a canonical base field element BEFORE snarkjs sees them: the circuit cannot tell v
// from v + p, so without this check one proof would verify under several nullifier encodings.
import { readFileSync } from "node:fs";
import { curves, groth16, type Groth16VerificationKey } from "snarkjs";
import { REVIEW_ARTIFACTS } from "../../../circuits/config";
import { REVIEW_PUBLIC_SIGNALS } from "../protocol/reviews/constants";
import { isInBaseField, isInField } from "../protocol/reviews/isInField";
import { unpackProof } from "../protocol/reviews/packProof";

export type CreateReviewProofVerifierParameters = {
  /** Defaults to circuits/artifacts/review.vkey.json. */
  verificationKey?: Groth16VerificationKey;
};

export type VerifyReviewProofParameters = { publicSignals: readonly bigint[]; proof: readonly bigint[] };

export type ReviewProofVerifier = {
  /** True only for a valid proof over canonical field elements; never throws on bad input. */
  verify(parameters: VerifyReviewProofParameters): Promise<boolean>;
  /** Resolves once the curve is built (the node awaits it at start, before it admits anything). */
  ready(): Promise<void>;
  /** Stops snarkjs' worker threads (shared by every snarkjs user in the process). */
  close(): Promise<void>;
};

/**
 * The BN254 curve, built once. snarkjs caches its curve only after a build finishes, so proofs
 * that arrive together on a cold node would each build their own (with its worker threads):
 * every verification waits for this one build first.
 */
let curve: Promise<unknown> | null = null;
function buildCurveOnce(): Promise<unknown> {
  curve ??= curves.getCurveFromName("bn128");
  return curve;
}

export function loadReviewVerificationKey(): Groth16VerificationKey {
  return JSON.parse(readFileSync(REVIEW_ARTIFACTS.verificationKey, "utf8")) as Groth16VerificationKey;
}

/** Checks that a proof and its public signals are well-formed before any curve arithmetic. */
export function isCanonicalReviewProof({ publicSignals, proof }: VerifyReviewProofParameters): boolean {
  return publicSignals.length === REVIEW_PUBLIC_SIGNALS.length && publicSignals.every(isInField) && proof.length === 8 && proof.every(isInBaseField);
}

export function createReviewProofVerifier({ verificationKey = loadReviewVerificationKey() }: CreateReviewProofVerifierParameters = {}): ReviewProofVerifier {
  if (verificationKey.protocol !== "groth16" || verificationKey.nPublic !== REVIEW_PUBLIC_SIGNALS.length) {
    throw new Error(`not a Groth16 review verification key with ${REVIEW_PUBLIC_SIGNALS.length} public signals`);
  }
  return {
    async ready() {
      await buildCurveOnce();
    },
    async verify(parameters) {
      if (!isCanonicalReviewProof(parameters)) return false;
      await buildCurveOnce();
      return groth16.verify(verificationKey, parameters.publicSignals.map(String), unpackProof(parameters.proof));
    },
    async close() {
      await (await curves.getCurveFromName("bn128")).terminate();
      curve = null;
    },
  };
}
