import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createReviewProofVerifier, type ReviewProofVerifier } from "../../../sequencer/src/proofs";
import { ReviewTree } from "../../../sequencer/src/reviews";
import { reviewCommitment, reviewLeaf, reviewMessage, reviewNullifier } from "../../../sequencer/src/protocol";
import { createReviewProver, type ReviewProver } from "./createReviewProver";
import { deriveReviewSecret } from "./deriveReviewSecret";
import { fakeReviewTreeNode } from "./testing/fakeReviewTreeNode";

const privateKey = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
const doctor = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
const other = "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc";
const textHash = `0x${"5e".repeat(32)}` as const;
const secret = deriveReviewSecret({ privateKey, caseId: 3n });
const ourLeaf = reviewLeaf(reviewCommitment(secret), doctor);
const leaves = [reviewLeaf(100n, other), reviewLeaf(101n, doctor), ourLeaf, reviewLeaf(102n, doctor)];

describe("createReviewProver", () => {
  let prover: ReviewProver;
  let verifier: ReviewProofVerifier;
  beforeAll(async () => {
    prover = await createReviewProver();
    verifier = createReviewProofVerifier();
  });
  afterAll(async () => {
    await prover.close();
  });

  describe("# prove", () => {
    it("Should prove a review the node verifier accepts, finding the leaf itself", async () => {
      const review = await prover.prove({ secret, doctor, leaves, rating: 4, worthIt: true, textHash });
      expect(review.root).toBe(new ReviewTree(leaves).root);
      expect(review.nullifier).toBe(reviewNullifier(secret, doctor));
      expect(review.message).toBe(reviewMessage({ rating: 4, worthIt: true, textHash }));
      expect(review.publicSignals).toEqual([review.root, BigInt(doctor), review.nullifier, review.message]);
      expect(await verifier.verify(review)).toBe(true);
    });

    it("Should keep the nullifier across roots as the tree grows, and rebuild for an unrelated list", async () => {
      const grown = [...leaves, reviewLeaf(103n, other)];
      const later = await prover.prove({ secret, doctor, leaves: grown, leafIndex: 2, rating: 1, worthIt: false, textHash });
      expect(later.root).toBe(new ReviewTree(grown).root);
      expect(later.nullifier).toBe(reviewNullifier(secret, doctor));
      expect(await verifier.verify(later)).toBe(true);

      const reordered = [ourLeaf, reviewLeaf(104n, doctor)];
      const elsewhere = await prover.prove({ secret, doctor, leaves: reordered, rating: 2, worthIt: true, textHash });
      expect(elsewhere.root).toBe(new ReviewTree(reordered).root);
      expect(await verifier.verify(elsewhere)).toBe(true);
    });

    it("Should prove against its synced copy, and after the tree grows fetch only the new leaves", async () => {
      const node = fakeReviewTreeNode(leaves);
      // A second prover with its own tree copy; not closed here: close() stops the snarkjs curve
      // every prover in the process shares (afterAll does it once).
      const synced = await createReviewProver();
      expect(await synced.tree.sync(node.client)).toMatchObject({ size: 4, fetched: 4 });
      const before = await synced.prove({ secret, doctor, rating: 5, worthIt: true, textHash });
      expect(before.root).toBe(new ReviewTree(leaves).root);
      expect(await verifier.verify(before)).toBe(true);

      const grown = [...leaves, reviewLeaf(105n, other), reviewLeaf(106n, doctor)];
      node.add(...grown.slice(leaves.length));
      expect(await synced.tree.sync(node.client)).toMatchObject({ size: 6, fetched: 2, requests: 1 });
      expect(node.served.requests).toEqual([0, 4]);
      expect(node.served.leaves).toBe(6);
      const after = await synced.prove({ secret, doctor, rating: 2, worthIt: false, textHash });
      expect(after.root).toBe(new ReviewTree(grown).root);
      expect(after.nullifier).toBe(before.nullifier);
      expect(await verifier.verify(after)).toBe(true);
    });

    it("Should not prove for a case whose leaf is not in the tree, or with a wrong leaf index", async () => {
      const stranger = deriveReviewSecret({ privateKey, caseId: 99n });
      await expect(prover.prove({ secret: stranger, doctor, leaves, rating: 3, worthIt: true, textHash })).rejects.toThrow(/no leaf/);
      await expect(prover.prove({ secret, doctor: other, leaves, rating: 3, worthIt: true, textHash })).rejects.toThrow(/no leaf/);
      await expect(prover.prove({ secret, doctor, leaves, leafIndex: 1, rating: 3, worthIt: true, textHash })).rejects.toThrow(/not this case's leaf/);
    });

    it("Should not prove a rating outside 1..5", async () => {
      await expect(prover.prove({ secret, doctor, leaves, rating: 6, worthIt: true, textHash })).rejects.toMatchObject({ code: "INVALID_RATING" });
      await expect(prover.prove({ secret, doctor, leaves, rating: 0, worthIt: true, textHash })).rejects.toMatchObject({ code: "INVALID_RATING" });
    });
  });
});
