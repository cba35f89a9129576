// ReviewVerifier on L1: proofs made by the client prover verify, tampered ones do not, and public
// inputs outside the scalar field revert with a custom error. Prints the gas of one verification.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { encodeFunctionData, type Address } from "viem";
import { createReviewProver, deriveReviewSecret, type ProveReviewReturnType } from "../../client/src/reviews";
import { createReviewProofVerifier, type ReviewProofVerifier } from "../../sequencer/src/proofs";
import { reviewCommitment, reviewLeaf, SNARK_SCALAR_FIELD } from "../../sequencer/src/protocol";
import { readArtifact } from "../scripts/artifacts";
import { loadFixture, type Fixture } from "./fixture";
import { expectRevert } from "./helpers";

const abi = readArtifact("ReviewVerifier").abi;
const doctor = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
const secret = deriveReviewSecret({ privateKey: `0x${"42".repeat(32)}`, caseId: 1n });
const leaves = [reviewLeaf(5n, doctor), reviewLeaf(reviewCommitment(secret), doctor), reviewLeaf(6n, doctor)];

type Signals = [bigint, bigint, bigint, bigint];

describe("ReviewVerifier", () => {
  let f: Fixture;
  let address: Address;
  let review: ProveReviewReturnType;
  let nodeVerifier: ReviewProofVerifier;

  beforeAll(async () => {
    const prover = await createReviewProver();
    review = await prover.prove({ secret, doctor, leaves, rating: 5, worthIt: true, textHash: `0x${"ee".repeat(32)}` });
    nodeVerifier = createReviewProofVerifier();
  });
  afterAll(async () => {
    await nodeVerifier.close();
  });
  beforeEach(async () => {
    f = await loadFixture();
    if (!f.deployment.reviewVerifier) throw new Error("the deploy script did not deploy ReviewVerifier");
    address = f.deployment.reviewVerifier;
  });

  const signals = (): Signals => review.publicSignals as Signals;
  const verifyReview = (proof: readonly bigint[], [root, doctorField, nullifier, message]: Signals) =>
    f.publicClient.readContract({
      address,
      abi,
      functionName: "verifyReview",
      args: [proof, root, doctorField, nullifier, message],
    }) as Promise<boolean>;
  const withSignal = (index: number, value: bigint): Signals => signals().map((x, i) => (i === index ? value : x)) as Signals;

  describe("# verifyReview", () => {
    it("Should accept a proof made by the client prover, like the node does", async () => {
      expect(await verifyReview(review.proof, signals())).toBe(true);
      expect(await nodeVerifier.verify(review)).toBe(true);
    });

    it.each([
      ["root", 0],
      ["doctor", 1],
      ["nullifier", 2],
      ["message", 3],
    ])("Should not accept the proof with another %s", async (_name, index) => {
      const tampered = withSignal(index, signals()[index]! + 1n);
      expect(await verifyReview(review.proof, tampered)).toBe(false);
      expect(await nodeVerifier.verify({ publicSignals: tampered, proof: review.proof })).toBe(false);
    });

    it("Should not accept a tampered proof", async () => {
      const shifted = review.proof.map((x, i) => (i === 6 ? x + 1n : x));
      const swapped = review.proof.map((x, i) => (i === 2 ? review.proof[3] : i === 3 ? review.proof[2] : x));
      expect(await verifyReview(shifted, signals())).toBe(false);
      expect(await verifyReview(swapped, signals())).toBe(false);
    });

    it.each([
      ["root", 0],
      ["doctor", 1],
      ["nullifier", 2],
      ["message", 3],
    ])("Should revert with ReviewVerifier_InputOutOfField if the %s is aliased as value + p", async (_name, index) => {
      await expectRevert(abi, verifyReview(review.proof, withSignal(index, signals()[index]! + SNARK_SCALAR_FIELD)), "ReviewVerifier_InputOutOfField");
    });

    it("Should revert with ReviewVerifier_InputOutOfField at exactly p", async () => {
      await expectRevert(abi, verifyReview(review.proof, withSignal(2, SNARK_SCALAR_FIELD)), "ReviewVerifier_InputOutOfField");
    });

    it("Should verify within 250k gas (printed: the cost of one L1 verification)", async () => {
      const [root, doctorField, nullifier, message] = signals();
      const data = encodeFunctionData({ abi, functionName: "verifyReview", args: [review.proof, root, doctorField, nullifier, message] });
      const gas = await f.publicClient.estimateGas({ account: f.accounts.stranger, to: address, data });
      console.log(`ReviewVerifier.verifyReview: ${gas} gas per transaction (including the 21,000 base and calldata)`);
      expect(gas).toBeLessThan(250_000n);
    });
  });

  describe("# constants", () => {
    it("Should expose the field order and tree depth it checks against", async () => {
      const read = (functionName: "SNARK_SCALAR_FIELD" | "TREE_DEPTH") => f.publicClient.readContract({ address, abi, functionName });
      expect(await read("SNARK_SCALAR_FIELD")).toBe(SNARK_SCALAR_FIELD);
      expect(await read("TREE_DEPTH")).toBe(20n);
    });
  });
});
