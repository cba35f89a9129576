import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as snarkjs from "snarkjs";
import { REVIEW_ARTIFACTS } from "../../../circuits/config";
import { BN254_BASE_FIELD, SNARK_SCALAR_FIELD } from "../protocol/reviews/constants";
import { createReviewProofVerifier, type ReviewProofVerifier } from "./createReviewProofVerifier";
import { packProof, type PackedProof } from "../protocol/reviews/packProof";
import { reviewCommitment, reviewLeaf, reviewNullifier } from "../protocol/reviews/reviewHashes";
import { reviewMessage } from "../protocol/reviews/reviewMessage";
import { reviewPublicSignals } from "../protocol/reviews/reviewPublicSignals";
import { ReviewTree } from "../reviews/ReviewTree";

const doctor = "0x00000000000000000000000000000000000d0c70";
const s = 31337n;

describe("createReviewProofVerifier", () => {
  let verifier: ReviewProofVerifier;
  let publicSignals: bigint[];
  let proof: PackedProof;

  beforeAll(async () => {
    const tree = new ReviewTree([7n, reviewLeaf(reviewCommitment(s), doctor), 9n]);
    const { root, siblings } = tree.proof(1);
    const nullifier = reviewNullifier(s, doctor);
    const message = reviewMessage({ rating: 5, worthIt: true, textHash: `0x${"11".repeat(32)}` });
    const input = { s, leafIndex: 1, siblings, root, doctor: BigInt(doctor), nullifier, message };
    const result = await snarkjs.groth16.fullProve(
      input,
      { type: "mem", data: readFileSync(REVIEW_ARTIFACTS.wasm) },
      { type: "mem", data: readFileSync(REVIEW_ARTIFACTS.zkey) },
    );
    proof = packProof(result.proof);
    publicSignals = reviewPublicSignals({ root, doctor, nullifier, message });
    verifier = createReviewProofVerifier();
  });
  afterAll(async () => {
    await verifier.close();
  });

  // Proofs sent to the pairing check (snarkjs, on the verifier's worker thread): out-of-range
  // inputs must be refused before it.
  const verifyCalls = () => verifier.pairingChecks;
  const withSignal = (index: number, value: bigint) => publicSignals.map((x, i) => (i === index ? value : x));
  const withProofElement = (index: number, value: bigint) => proof.map((x, i) => (i === index ? value : x));

  describe("# verify", () => {
    it("Should accept a valid proof with its public signals", async () => {
      expect(await verifier.verify({ publicSignals, proof })).toBe(true);
    });

    it("Should verify proofs sent together, each with its own answer", async () => {
      const bad = withSignal(0, publicSignals[0]! + 1n);
      const answers = await Promise.all([true, false, true, false].map((good) => verifier.verify({ publicSignals: good ? publicSignals : bad, proof })));
      expect(answers).toEqual([true, false, true, false]);
    });

    it.each([0, 1, 2, 3])("Should not accept public signal %i changed by one", async (index) => {
      expect(await verifier.verify({ publicSignals: withSignal(index, publicSignals[index]! + 1n), proof })).toBe(false);
    });

    it("Should not accept a tampered proof element (including a point off the curve)", async () => {
      expect(await verifier.verify({ publicSignals, proof: withProofElement(0, proof[0] + 1n) })).toBe(false);
      expect(await verifier.verify({ publicSignals, proof: withProofElement(2, proof[3]) })).toBe(false);
    });

    it.each([0, 1, 2, 3])("Should not accept public signal %i aliased as value + p, without calling snarkjs", async (index) => {
      const before = verifyCalls();
      const aliased = withSignal(index, publicSignals[index]! + SNARK_SCALAR_FIELD);
      expect(await verifier.verify({ publicSignals: aliased, proof })).toBe(false);
      expect(verifyCalls()).toBe(before);
    });

    it("Should not accept a proof element >= q or a wrong number of elements, without calling snarkjs", async () => {
      const before = verifyCalls();
      expect(await verifier.verify({ publicSignals, proof: withProofElement(6, proof[6] + BN254_BASE_FIELD) })).toBe(false);
      expect(await verifier.verify({ publicSignals, proof: proof.slice(0, 7) })).toBe(false);
      expect(await verifier.verify({ publicSignals: publicSignals.slice(0, 3), proof })).toBe(false);
      expect(await verifier.verify({ publicSignals: withSignal(2, -1n), proof })).toBe(false);
      expect(verifyCalls()).toBe(before);
    });
  });

  describe("# close", () => {
    it("Should refuse proofs once closed, and verify again after ready()", async () => {
      const own = createReviewProofVerifier();
      await own.ready();
      await own.close();
      expect(await own.verify({ publicSignals, proof })).toBe(true);
      await own.close();
    });
  });

  describe("# createReviewProofVerifier", () => {
    it("Should not accept a verification key of another circuit shape", () => {
      const key = JSON.parse(readFileSync(REVIEW_ARTIFACTS.verificationKey, "utf8"));
      expect(() => createReviewProofVerifier({ verificationKey: { ...key, nPublic: 3 } })).toThrow(/4 public signals/);
    });
  });
});
