// The proof part of reviews.json: one valid Groth16 proof of the review witness, as snarkjs
// returns it and packed as PostReview and the bridge's verifier take it. A proof is random, so
// an existing one is kept for as long as it still verifies the same public signals.
import { isDeepStrictEqual } from "node:util";
import { groth16, type Groth16Proof } from "snarkjs";
import { REVIEW_ARTIFACTS } from "../../../../circuits/config";
import { packProof } from "..";
import { createReviewProofVerifier } from "../../proofs";
import { toJson, type Json } from "./vectorFiles";

export type ReviewProofVector = { groth16: Groth16Proof; packed: string[] };

export type ReviewProofVectorParameters = {
  /** witness.inputs of reviews.json (decimal strings). */
  inputs: Record<string, Json>;
  publicSignals: string[];
  /** The proof already committed, if any. */
  existing?: ReviewProofVector;
};

export async function reviewProofVector({ inputs, publicSignals, existing }: ReviewProofVectorParameters): Promise<Json> {
  const verifier = createReviewProofVerifier();
  try {
    const verifies = (packed: string[]) => verifier.verify({ publicSignals: publicSignals.map(BigInt), proof: packed.map(BigInt) });
    if (existing && isDeepStrictEqual(packProof(existing.groth16).map(String), existing.packed) && (await verifies(existing.packed))) {
      return toJson(existing);
    }
    const { proof, publicSignals: proven } = await groth16.fullProve(inputs as never, REVIEW_ARTIFACTS.wasm, REVIEW_ARTIFACTS.zkey);
    if (!isDeepStrictEqual(proven, publicSignals)) throw new Error(`the circuit gives public signals ${proven}, the vectors ${publicSignals}`);
    const packed = packProof(proof).map(String);
    if (!(await verifies(packed))) throw new Error("a fresh review proof does not verify");
    return toJson({ groth16: proof, packed });
  } finally {
    await verifier.close();
  }
}
