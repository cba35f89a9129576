// The STF's Solidity twin against the TypeScript STF, closing, records and reviews: every type
// of ClosingTwin (and of ClosingTwinB, behind it), accepted and rejected by each of its rules,
// with fees off and on; PostReview with real Groth16 proofs (checked by snarkjs on the
// TypeScript side, as the node does, and by ReviewVerifier on L1) and forged or tampered ones;
// then a seeded random sequence checked step by step.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeFunctionData, type Address, type Hex } from "viem";
import { createReviewProver, type ReviewProver } from "../../../client/src/reviews";
import { bytesToHex } from "../../../sequencer/src/crypto/bytes";
import { createReviewProofVerifier, type ReviewProofVerifier } from "../../../sequencer/src/proofs";
import {
  BN254_BASE_FIELD,
  encodeTx,
  MAX_REVIEW_LEAVES_PER_BLOCK,
  reviewCommitment,
  reviewLeaf,
  reviewNullifier,
  SNARK_SCALAR_FIELD,
  type Message,
  type SignedTxType,
  type Tx,
} from "../../../sequencer/src/protocol";
import { ReviewProofCache } from "../../../sequencer/src/runtime";
import { DEFAULT_FEES, proveStep } from "../../../sequencer/src/state";
import { REVIEW_TREE_CAPACITY, type Receipt } from "../../../sequencer/src/stf";
import { caseIn, caseOf } from "../../../sequencer/src/stf/testing/cases";
import {
  actor,
  BRIDGE,
  ETH,
  h32,
  L2_CHAIN_ID,
  PROPOSER,
  TestChain,
  testGenesis,
  type Actor,
  type TestMessage,
} from "../../../sequencer/src/stf/testing/harness";
import { prng } from "../../../sequencer/src/stf/testing/prng";
import { abiWitness } from "../../../sequencer/src/tree";
import { createWorld, DAY, type World } from "../../../sequencer/src/stf/testing/world";
import { readArtifact } from "../../scripts/artifacts";
import { loadFixture, type Fixture } from "../fixture";
import { TwinChecker } from "./twinChecker";

const U64_MAX = 2n ** 64n - 1n;
const U256_MAX = 2n ** 256n - 1n;
const closingAbi = readArtifact("ClosingTwin").abi;
const verifierAbi = readArtifact("FraudVerifier").abi;
const reviewVerifierAbi = readArtifact("ReviewVerifier").abi;

type ReviewMessage = Message<"PostReview">;

/** A review secret from a label (any field element serves; the client derives one per case). */
const secretOf = (label: string): bigint => BigInt(h32(label)) % SNARK_SCALAR_FIELD;

/** A wrapped key of `n` bytes, not all alike. */
const key = (n: number, seed = 1): Hex => bytesToHex(Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff));

const readerOf = (who: Actor | Address, wrappedKey: Hex = key(4)) => ({ reader: typeof who === "string" ? who : who.address, wrappedKey });

/**
 * One world checked on both sides: signed and unsigned steps through the TwinChecker, the codes
 * each type produced, and the node's review-proof check (snarkjs results looked up, as the node
 * verifies a proof before the STF runs).
 */
class ClosingRun {
  readonly codes = new Map<string, Set<string>>();
  readonly proofs: ReviewProofCache;

  constructor(
    readonly w: World,
    readonly twin: TwinChecker,
    verifier: ReviewProofVerifier,
  ) {
    this.proofs = new ReviewProofCache((input) => verifier.verify(input));
    w.chain.checkReviewProof = this.proofs.check;
  }

  get chain(): TestChain {
    return this.w.chain;
  }

  async signed<T extends SignedTxType>(who: Actor, type: T, message: TestMessage<T>): Promise<Receipt> {
    const receipt = await this.twin.tx(this.chain.sign(who, type, message) as unknown as Tx, type);
    this.#note(type, receipt);
    return receipt;
  }

  async review(message: ReviewMessage): Promise<Receipt> {
    const tx = { type: "PostReview", from: null, signature: null, message } as unknown as Tx<"PostReview">;
    await this.proofs.prepare(tx);
    const receipt = await this.twin.tx(tx as unknown as Tx, "PostReview");
    this.#note("PostReview", receipt);
    return receipt;
  }

  /** Expects `code` ("ok" for success) from a signed step. */
  async expect<T extends SignedTxType>(code: string, who: Actor, type: T, message: TestMessage<T>): Promise<Receipt> {
    const receipt = await this.signed(who, type, message);
    expect(outcome(receipt), `${who.name} ${type} ${stringify(message)}`).toBe(code);
    return receipt;
  }

  async expectReview(code: string, message: ReviewMessage): Promise<Receipt> {
    const receipt = await this.review(message);
    expect(outcome(receipt), `PostReview ${stringify({ ...message, proof: undefined })}`).toBe(code);
    return receipt;
  }

  #note(type: string, receipt: Receipt): void {
    if (!this.codes.has(type)) this.codes.set(type, new Set());
    this.codes.get(type)!.add(outcome(receipt));
  }
}

const outcome = (receipt: Receipt): string => (receipt.status === "ok" ? "ok" : receipt.error.code);
const stringify = (value: unknown): string =>
  JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v))?.slice(0, 200) ?? String(value);

/** A populated world (packs for 30 cases), with fees off or on, and every actor funded (patients for 30 surgeries). */
function world(fees: boolean): World {
  const chain = new TestChain({ params: testGenesis(fees ? { fees: DEFAULT_FEES } : {}) });
  const w = createWorld({ chain, packsPerLot: 60 });
  for (const a of [w.drA, w.drB, actor("stranger")]) chain.deposit(a, 10n * ETH);
  for (const p of w.patients) chain.deposit(p, 200n * ETH);
  return w;
}

describe("ClosingTwin ≡ TypeScript STF", () => {
  let f: Fixture;
  let prover: ReviewProver;
  let verifier: ReviewProofVerifier;

  beforeAll(async () => {
    f = await loadFixture({ fraudVerifier: "real" });
    prover = await createReviewProver();
    verifier = createReviewProofVerifier();
  });
  afterAll(async () => {
    await verifier.close();
  });

  const closing = async (): Promise<Address> =>
    (await f.publicClient.readContract({ address: f.deployment.fraudVerifier, abi: verifierAbi, functionName: "closing" })) as Address;

  /** A real review of `doctor` by the holder of `secret`, proven against the state's review tree. */
  async function proveReview(chain: TestChain, secret: bigint, doctor: Address, content: { rating: number; worthIt: boolean; text: string }) {
    const textHash = h32(content.text);
    const proven = await prover.prove({ secret, doctor, leaves: chain.state.reviewTree.leaves, rating: content.rating, worthIt: content.worthIt, textHash });
    const message = { doctor, rating: content.rating, worthIt: content.worthIt, textHash, root: proven.root, nullifier: proven.nullifier, proof: proven.proof };
    return message as unknown as ReviewMessage;
  }

  it("Should hold the review limits of the TypeScript STF and the deployment's review verifier", async () => {
    const address = await closing();
    const read = (functionName: string) => f.publicClient.readContract({ address, abi: closingAbi, functionName });
    expect(await read("MAX_REVIEW_LEAVES_PER_BLOCK")).toBe(BigInt(MAX_REVIEW_LEAVES_PER_BLOCK));
    expect(await read("REVIEW_TREE_CAPACITY")).toBe(BigInt(REVIEW_TREE_CAPACITY));
    expect(await read("reviewVerifier")).toBe(f.deployment.reviewVerifier);
    // A verification uses well under the allowance the twin gives the verifier.
    const chain = new TestChain();
    const doctor = actor("dr").address;
    chain.state.reviewTree.insertMany([1n, 2n]);
    const secret = secretOf("limits");
    chain.state.reviewTree.insertMany([reviewLeaf(reviewCommitment(secret), doctor)]);
    const proven = await prover.prove({ secret, doctor, leaves: chain.state.reviewTree.leaves, rating: 3, worthIt: true, textHash: h32("t") });
    const [root, doctorField, nullifier, message] = proven.publicSignals;
    const gas = await f.publicClient.estimateContractGas({
      address: f.deployment.reviewVerifier!,
      abi: reviewVerifierAbi,
      functionName: "verifyReview",
      args: [proven.proof, root, doctorField, nullifier, message],
      account: f.accounts.stranger,
    });
    expect(gas).toBeLessThan((((await read("REVIEW_VERIFIER_GAS")) as bigint) * 2n) / 3n);
  });

  for (const fees of [false, true]) {
    it(`Should compute the same root for every closing, record and review step, fees ${fees ? "on" : "off"}`, async () => {
      const w = world(fees);
      const { chain } = w;
      const [p1, p2, p3] = w.patients as [Actor, Actor, Actor];
      const { drA, drB } = w;
      const stranger = actor("stranger");
      const run = new ClosingRun(w, new TwinChecker(f, chain, { measureGas: fees }), verifier);

      // ----- CloseSurgery
      const c1 = caseIn(w, "EXECUTED", { patient: p1 }).caseId;
      const c2 = caseIn(w, "EXECUTED", { patient: p2 }).caseId;
      const c3 = caseIn(w, "EXECUTED", { patient: p3 }).caseId;
      const proposed = caseIn(w, "PROPOSED", { patient: p2 }).caseId;
      const s1 = secretOf(`s1-${fees}`);
      const s2 = secretOf(`s2-${fees}`);
      await run.expect("CASE_NOT_FOUND", p1, "CloseSurgery", { caseId: 999n, reviewCommitment: 0n });
      await run.expect("CASE_NOT_FOUND", p1, "CloseSurgery", { caseId: U64_MAX, reviewCommitment: 0n });
      await run.expect("NOT_CASE_PATIENT", drA, "CloseSurgery", { caseId: c1, reviewCommitment: 0n });
      await run.expect("INVALID_TRANSITION", p2, "CloseSurgery", { caseId: proposed, reviewCommitment: 0n });
      await run.expect("INVALID_COMMITMENT", p1, "CloseSurgery", { caseId: c1, reviewCommitment: SNARK_SCALAR_FIELD });
      await run.expect("INVALID_COMMITMENT", p1, "CloseSurgery", { caseId: c1, reviewCommitment: U256_MAX });
      await run.expect("NONCE_TOO_HIGH", p1, "CloseSurgery", { caseId: c1, reviewCommitment: 0n, nonce: 100n });
      await run.expect("NONCE_TOO_LOW", p1, "CloseSurgery", { caseId: c1, reviewCommitment: 0n, nonce: 0n });
      await run.expect("ok", p1, "CloseSurgery", { caseId: c1, reviewCommitment: reviewCommitment(s1) });
      await run.expect("INVALID_TRANSITION", p1, "CloseSurgery", { caseId: c1, reviewCommitment: 0n });
      await run.expect("ok", p2, "CloseSurgery", { caseId: c2, reviewCommitment: 0n });
      await run.expect("ok", p3, "CloseSurgery", { caseId: c3, reviewCommitment: SNARK_SCALAR_FIELD - 1n });
      expect(caseOf(w, c1)).toMatchObject({ status: "CLOSED", closedBy: "patient", escrow: 0n, reviewCommitment: reviewCommitment(s1) });
      chain.endBlock();
      chain.advance(60);

      // ----- FinalizeSurgery (c4: an incident stays open; c5: the timeout passes, to the second)
      const c4 = caseIn(w, "EXECUTED", { patient: p3, doctor: drB }).caseId;
      chain.ok(p3, "ReportIncident", { caseId: c4, complication: "infection", evidenceHash: h32("evidence") });
      const c5 = caseIn(w, "EXECUTED", { patient: p1 }).caseId;
      const allowedAt = caseOf(w, c5).executedAt! + chain.state.params.closeTimeoutSeconds;
      await run.expect("CASE_NOT_FOUND", drA, "FinalizeSurgery", { caseId: U64_MAX });
      await run.expect("NOT_CASE_DOCTOR", p1, "FinalizeSurgery", { caseId: c5 });
      await run.expect("NOT_CASE_DOCTOR", drB, "FinalizeSurgery", { caseId: c5 });
      await run.expect("INVALID_TRANSITION", drA, "FinalizeSurgery", { caseId: c1 });
      await run.expect("TOO_EARLY", drA, "FinalizeSurgery", { caseId: c5 });
      chain.time = allowedAt - 1;
      await run.expect("TOO_EARLY", drA, "FinalizeSurgery", { caseId: c5 });
      chain.time = allowedAt;
      await run.expect("INCIDENT_OPEN", drB, "FinalizeSurgery", { caseId: c4 });
      await run.expect("ok", drA, "FinalizeSurgery", { caseId: c5 });
      await run.expect("INVALID_TRANSITION", drA, "FinalizeSurgery", { caseId: c5 });
      expect(caseOf(w, c5)).toMatchObject({ status: "CLOSED", closedBy: "timeout", closedAt: allowedAt });

      // ----- AddReviewCommitment
      await run.expect("CASE_NOT_FOUND", p2, "AddReviewCommitment", { caseId: 999n, reviewCommitment: 1n });
      await run.expect("NOT_CASE_PATIENT", drA, "AddReviewCommitment", { caseId: c2, reviewCommitment: 1n });
      await run.expect("INVALID_TRANSITION", p3, "AddReviewCommitment", { caseId: c4, reviewCommitment: 1n });
      await run.expect("INVALID_COMMITMENT", p2, "AddReviewCommitment", { caseId: c2, reviewCommitment: 0n });
      await run.expect("INVALID_COMMITMENT", p2, "AddReviewCommitment", { caseId: c2, reviewCommitment: SNARK_SCALAR_FIELD });
      await run.expect("REVIEW_COMMITMENT_EXISTS", p1, "AddReviewCommitment", { caseId: c1, reviewCommitment: 5n });
      await run.expect("ok", p2, "AddReviewCommitment", { caseId: c2, reviewCommitment: reviewCommitment(s2) });
      await run.expect("REVIEW_COMMITMENT_EXISTS", p2, "AddReviewCommitment", { caseId: c2, reviewCommitment: 7n });
      await run.expect("ok", p1, "AddReviewCommitment", { caseId: c5, reviewCommitment: 1n });
      chain.endBlock();
      chain.advance(60);

      // ----- PostReview: a real proof, then every rule broken around it
      const real = await proveReview(chain, s1, drA.address, { rating: 5, worthIt: true, text: "great" });
      const withProof = (i: number, x: bigint) => ({ ...real, proof: real.proof.map((v, j) => (j === i ? x : v)) }) as ReviewMessage;
      for (const rating of [0, 6, 255]) await run.expectReview("INVALID_RATING", { ...real, rating });
      await run.expectReview("FIELD_OUT_OF_RANGE", { ...real, root: SNARK_SCALAR_FIELD });
      await run.expectReview("FIELD_OUT_OF_RANGE", { ...real, root: U256_MAX });
      await run.expectReview("FIELD_OUT_OF_RANGE", { ...real, nullifier: SNARK_SCALAR_FIELD });
      await run.expectReview("FIELD_OUT_OF_RANGE", withProof(7, BN254_BASE_FIELD));
      await run.expectReview("FIELD_OUT_OF_RANGE", withProof(0, U256_MAX));
      await run.expectReview("NOT_DOCTOR", { ...real, doctor: stranger.address });
      await run.expectReview("UNKNOWN_ROOT", { ...real, root: 12345n });
      await run.expectReview("UNKNOWN_ROOT", { ...real, root: 0n });
      await run.expectReview("INVALID_PROOF", { ...real, rating: 4 });
      await run.expectReview("INVALID_PROOF", { ...real, worthIt: false });
      await run.expectReview("INVALID_PROOF", { ...real, textHash: h32("another text") });
      await run.expectReview("INVALID_PROOF", { ...real, doctor: drB.address });
      await run.expectReview("INVALID_PROOF", { ...real, nullifier: real.nullifier + 1n });
      await run.expectReview("INVALID_PROOF", withProof(0, real.proof[0]! + 1n));
      await run.expectReview("INVALID_PROOF", withProof(6, real.proof[6]! + 1n));
      await run.expectReview("INVALID_PROOF", {
        ...real,
        proof: real.proof.map((v, j) => (j === 2 ? real.proof[3]! : j === 3 ? real.proof[2]! : v)),
      } as ReviewMessage);
      await run.expectReview("INVALID_PROOF", { ...real, proof: [1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n] } as ReviewMessage);
      await run.expectReview("INVALID_PROOF", { ...real, proof: Array(8).fill(0n) } as ReviewMessage);
      await run.expectReview("INVALID_PROOF", { ...real, proof: Array(8).fill(BN254_BASE_FIELD - 1n) } as ReviewMessage);
      await run.expectReview("ok", real);
      await run.expectReview("NULLIFIER_USED", real);
      expect(real.nullifier).toBe(reviewNullifier(s1, drA.address));
      const second = await proveReview(chain, s2, drA.address, { rating: 1, worthIt: false, text: "" });
      await run.expectReview("ok", second);
      expect(chain.state.get("doctor", drA.address)!.stats).toMatchObject({ reviewCount: 2, ratingSum: 6, worthItCount: 1 });

      // ----- ReplyToReview
      await run.expect("REVIEW_NOT_FOUND", drA, "ReplyToReview", { reviewId: 99n, textHash: h32("r") });
      await run.expect("REVIEW_NOT_FOUND", drA, "ReplyToReview", { reviewId: U64_MAX, textHash: h32("r") });
      await run.expect("NOT_AUTHORIZED", drB, "ReplyToReview", { reviewId: 1n, textHash: h32("r") });
      await run.expect("NOT_AUTHORIZED", p1, "ReplyToReview", { reviewId: 1n, textHash: h32("r") });
      await run.expect("ok", drA, "ReplyToReview", { reviewId: 1n, textHash: h32("thanks") });
      await run.expect("REPLY_EXISTS", drA, "ReplyToReview", { reviewId: 1n, textHash: h32("again") });
      await run.expect("ok", drA, "ReplyToReview", { reviewId: 2n, textHash: `0x${"00".repeat(32)}` });

      // ----- CreateRecord
      const sixteen = Array.from({ length: 16 }, (_, i) => readerOf(actor(`reader-${i}`), key(i === 5 ? 1024 : i + 1, i)));
      const record = (readers: { reader: Address; wrappedKey: Hex }[], subject: Actor = p1) => ({
        subject: subject.address,
        ciphertextHash: h32("ciphertext"),
        readers,
      });
      await run.expect("ok", p1, "CreateRecord", record([readerOf(p1)]));
      await run.expect("ok", drA, "CreateRecord", record(sixteen));
      await run.expect("NOT_TREATING_DOCTOR", drB, "CreateRecord", record([readerOf(p1)]));
      await run.expect("NOT_TREATING_DOCTOR", p2, "CreateRecord", record([readerOf(p1)]));
      await run.expect("NOT_TREATING_DOCTOR", stranger, "CreateRecord", record([readerOf(p1)]));
      await run.expect("ok", drB, "CreateRecord", record([readerOf(p3), readerOf(drB, key(1))], p3));
      await run.expect("INVALID_RECORD", p1, "CreateRecord", record([]));
      await run.expect("INVALID_RECORD", p1, "CreateRecord", record([...sixteen, readerOf(p1)]));
      await run.expect("INVALID_RECORD", p1, "CreateRecord", record(Array.from({ length: 128 }, (_, i) => readerOf(actor(`many-${i}`)))));
      await run.expect("INVALID_RECORD", p1, "CreateRecord", record([readerOf(p1), readerOf(drA), readerOf(p1, key(9))]));
      await run.expect("INVALID_RECORD", p1, "CreateRecord", record([readerOf(p1), readerOf(drA, "0x")]));
      await run.expect("INVALID_RECORD", drA, "CreateRecord", record([readerOf(drA, "0x")]));

      // ----- GrantAccess / RevokeAccess (record 1: p1 alone; record 2: sixteen readers, by drA)
      await run.expect("RECORD_NOT_FOUND", p1, "GrantAccess", { recordId: 99n, reader: drB.address, wrappedKey: key(3) });
      await run.expect("RECORD_NOT_FOUND", p1, "GrantAccess", { recordId: U64_MAX, reader: drB.address, wrappedKey: key(3) });
      await run.expect("NOT_RECORD_SUBJECT", drA, "GrantAccess", { recordId: 2n, reader: drB.address, wrappedKey: key(3) });
      await run.expect("READER_EXISTS", p1, "GrantAccess", { recordId: 1n, reader: p1.address, wrappedKey: key(3) });
      await run.expect("READER_EXISTS", p1, "GrantAccess", { recordId: 1n, reader: p1.address, wrappedKey: "0x" });
      await run.expect("INVALID_RECORD", p1, "GrantAccess", { recordId: 1n, reader: drB.address, wrappedKey: "0x" });
      await run.expect("INVALID_RECORD", p1, "GrantAccess", { recordId: 2n, reader: drB.address, wrappedKey: key(3) });
      await run.expect("ok", p1, "GrantAccess", { recordId: 1n, reader: drB.address, wrappedKey: key(1024, 7) });
      await run.expect("RECORD_NOT_FOUND", p1, "RevokeAccess", { recordId: 99n, reader: drB.address });
      await run.expect("NOT_RECORD_SUBJECT", drA, "RevokeAccess", { recordId: 2n, reader: sixteen[0]!.reader });
      await run.expect("READER_NOT_FOUND", p1, "RevokeAccess", { recordId: 2n, reader: drB.address });
      await run.expect("ok", p1, "RevokeAccess", { recordId: 2n, reader: sixteen[7]!.reader });
      await run.expect("READER_NOT_FOUND", p1, "RevokeAccess", { recordId: 2n, reader: sixteen[7]!.reader });
      await run.expect("ok", p1, "GrantAccess", { recordId: 2n, reader: sixteen[7]!.reader, wrappedKey: key(2, 99) });
      await run.expect("ok", p1, "RevokeAccess", { recordId: 1n, reader: p1.address });
      await run.expect("ok", p1, "RevokeAccess", { recordId: 1n, reader: drB.address });
      expect(chain.state.get("record", "1")!.readers).toEqual([]);
      await run.expect("ok", p1, "GrantAccess", { recordId: 1n, reader: p1.address, wrappedKey: key(1) });

      // ----- the fee frame on this group's types
      if (fees) {
        const poor = actor(`poor-${fees}`);
        await run.expect("INSUFFICIENT_FEE_BALANCE", poor, "CreateRecord", record([readerOf(poor)], poor));
        await run.expect("FEE_ABOVE_MAX", p1, "GrantAccess", { recordId: 1n, reader: drA.address, wrappedKey: key(3), maxFee: 0n });
        await run.expect("ok", p1, "GrantAccess", { recordId: 1n, reader: drA.address, wrappedKey: key(3), maxFee: U256_MAX });
      }

      // ----- REVIEW_BLOCK_FULL: at most MAX_REVIEW_LEAVES_PER_BLOCK leaves queued by one block.
      // Three closings queue the last three leaves; the block's earlier ones are queued directly in
      // the review-tree leaf (any count of closings would do it, this keeps the test fast whatever
      // the limit).
      const executed = Array.from({ length: 4 }, (_, i) => caseIn(w, "EXECUTED", { patient: w.patients[i % 3] }));
      chain.endBlock();
      const tree = chain.state.get("reviewTree", "")!;
      const queued = Array.from({ length: MAX_REVIEW_LEAVES_PER_BLOCK - 3 }, (_, i) => reviewLeaf(BigInt(i + 1), drB.address));
      chain.state.put("reviewTree", "", { ...tree, pending: queued });
      for (const [i, c] of executed.slice(0, 3).entries()) {
        await run.expect("ok", c.patient, "CloseSurgery", { caseId: c.caseId, reviewCommitment: BigInt(i + 100) });
      }
      expect(chain.state.get("reviewTree", "")!.pending).toHaveLength(MAX_REVIEW_LEAVES_PER_BLOCK);
      const last = executed[3]!;
      await run.expect("REVIEW_BLOCK_FULL", last.patient, "CloseSurgery", { caseId: last.caseId, reviewCommitment: 77n });
      await run.expect("ok", last.patient, "CloseSurgery", { caseId: last.caseId, reviewCommitment: 0n });
      await run.expect("REVIEW_BLOCK_FULL", last.patient, "AddReviewCommitment", { caseId: last.caseId, reviewCommitment: 77n });
      chain.endBlock();
      await run.expect("ok", last.patient, "AddReviewCommitment", { caseId: last.caseId, reviewCommitment: 77n });
      chain.endBlock();

      // ----- REVIEW_TREE_FULL: the tree's size leaf says one slot is left (the Poseidon tree itself
      // is not filled: the handlers only read the size), one more leaf fits, the next does not.
      const spare = [caseIn(w, "EXECUTED", { patient: p1 }), caseIn(w, "EXECUTED", { patient: p2 }), caseIn(w, "CLOSED", { patient: p3 })];
      const meta = chain.state.get("reviewTree", "")!;
      chain.state.put("reviewTree", "", { ...meta, size: REVIEW_TREE_CAPACITY - 1 });
      await run.expect("ok", spare[0]!.patient, "CloseSurgery", { caseId: spare[0]!.caseId, reviewCommitment: 3n });
      await run.expect("REVIEW_TREE_FULL", spare[1]!.patient, "CloseSurgery", { caseId: spare[1]!.caseId, reviewCommitment: 3n });
      await run.expect("REVIEW_TREE_FULL", spare[2]!.patient, "AddReviewCommitment", { caseId: spare[2]!.caseId, reviewCommitment: 3n });
      await run.expect("INVALID_COMMITMENT", spare[2]!.patient, "AddReviewCommitment", { caseId: spare[2]!.caseId, reviewCommitment: 0n });
      await run.expect("ok", spare[1]!.patient, "CloseSurgery", { caseId: spare[1]!.caseId, reviewCommitment: 0n });

      const expected: Record<string, string[]> = {
        CloseSurgery: [
          "ok",
          "CASE_NOT_FOUND",
          "NOT_CASE_PATIENT",
          "INVALID_TRANSITION",
          "INVALID_COMMITMENT",
          "REVIEW_TREE_FULL",
          "REVIEW_BLOCK_FULL",
          "NONCE_TOO_LOW",
          "NONCE_TOO_HIGH",
        ],
        FinalizeSurgery: ["ok", "CASE_NOT_FOUND", "NOT_CASE_DOCTOR", "INVALID_TRANSITION", "TOO_EARLY", "INCIDENT_OPEN"],
        AddReviewCommitment: [
          "ok",
          "CASE_NOT_FOUND",
          "NOT_CASE_PATIENT",
          "INVALID_TRANSITION",
          "REVIEW_COMMITMENT_EXISTS",
          "INVALID_COMMITMENT",
          "REVIEW_TREE_FULL",
          "REVIEW_BLOCK_FULL",
        ],
        CreateRecord: ["ok", "NOT_TREATING_DOCTOR", "INVALID_RECORD", ...(fees ? ["INSUFFICIENT_FEE_BALANCE"] : [])],
        GrantAccess: ["ok", "RECORD_NOT_FOUND", "NOT_RECORD_SUBJECT", "READER_EXISTS", "INVALID_RECORD", ...(fees ? ["FEE_ABOVE_MAX"] : [])],
        RevokeAccess: ["ok", "RECORD_NOT_FOUND", "NOT_RECORD_SUBJECT", "READER_NOT_FOUND"],
        ReplyToReview: ["ok", "REVIEW_NOT_FOUND", "NOT_AUTHORIZED", "REPLY_EXISTS"],
        PostReview: ["ok", "INVALID_RATING", "FIELD_OUT_OF_RANGE", "NOT_DOCTOR", "UNKNOWN_ROOT", "NULLIFIER_USED", "INVALID_PROOF"],
      };
      for (const [type, codes] of Object.entries(expected)) expect([...(run.codes.get(type) ?? [])].sort(), type).toEqual([...codes].sort());
      if (fees) {
        const largest = run.twin.steps.reduce((a, b) => (b.gas > a.gas ? b : a));
        console.log(`ClosingTwin: ${run.twin.steps.length} steps; largest gas ${largest.gas} (${largest.label})`);
      }
    });
  }

  it("Should treat bytes of this group's types that do not decode or do not recover a signer as steps that change nothing", async () => {
    const w = world(false);
    const { chain } = w;
    const twin = new TwinChecker(f, chain);
    const p1 = w.patients[0]!;
    const c = caseIn(w, "EXECUTED", { patient: p1 }).caseId;
    // Explicit nonces: applied in order at the end, every one of p1's is the next.
    const n = chain.state.get("account", p1.address)!.nonce;
    const signed: Array<[string, Tx]> = [
      ["CloseSurgery", chain.sign(p1, "CloseSurgery", { caseId: c, reviewCommitment: 0n, nonce: n }) as unknown as Tx],
      ["FinalizeSurgery", chain.sign(w.drA, "FinalizeSurgery", { caseId: c }) as unknown as Tx],
      ["AddReviewCommitment", chain.sign(p1, "AddReviewCommitment", { caseId: c, reviewCommitment: 9n, nonce: n + 1n }) as unknown as Tx],
      [
        "CreateRecord",
        chain.sign(p1, "CreateRecord", { subject: p1.address, ciphertextHash: h32("c"), readers: [readerOf(p1)], nonce: n + 2n }) as unknown as Tx,
      ],
      ["GrantAccess", chain.sign(p1, "GrantAccess", { recordId: 1n, reader: w.drA.address, wrappedKey: key(5), nonce: n + 3n }) as unknown as Tx],
      ["RevokeAccess", chain.sign(p1, "RevokeAccess", { recordId: 1n, reader: w.drA.address, nonce: n + 4n }) as unknown as Tx],
      ["ReplyToReview", chain.sign(w.drA, "ReplyToReview", { reviewId: 1n, textHash: h32("r") }) as unknown as Tx],
    ];
    for (const [type, tx] of signed) {
      const good = encodeTx(tx);
      await twin.bytes(good.subarray(0, good.length - 1), `${type} truncated`);
      await twin.bytes(new Uint8Array([...good, 0]), `${type} with a trailing byte`);
      await twin.bytes(good.subarray(0, 1), `${type} type byte alone`);
      const badV = good.slice();
      badV[badV.length - 1] = 29;
      await twin.bytes(badV, `${type} with v = 29`);
      const otherSigner = good.slice();
      otherSigner[good.length - 40]! ^= 1;
      await twin.bytes(otherSigner, `${type} signed by another key`);
    }
    const review = encodeTx({
      type: "PostReview",
      from: null,
      signature: null,
      message: { doctor: w.drA.address, rating: 3, worthIt: true, textHash: h32("t"), root: 1n, nullifier: 2n, proof: [1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n] },
    } as unknown as Tx);
    await twin.bytes(review.subarray(0, review.length - 1), "PostReview truncated");
    await twin.bytes(new Uint8Array([...review, 0]), "PostReview with a trailing byte");
    expect(await twin.bytes(review, "PostReview of an unknown root")).toMatchObject({ status: "rejected", error: { code: "UNKNOWN_ROOT" } });
    // In order, the signed ones apply as TypeScript says (the twin agreeing step by step).
    const outcomes = [];
    for (const [type, tx] of signed) outcomes.push(outcome((await twin.bytes(encodeTx(tx), type))!));
    expect(outcomes).toEqual(["ok", "INVALID_TRANSITION", "ok", "ok", "ok", "ok", "REVIEW_NOT_FOUND"]);
    expect(caseOf(w, c)).toMatchObject({ status: "CLOSED", reviewCommitment: 9n });
    expect(chain.state.get("record", "1")!.readers).toEqual([readerOf(p1)]);
  });

  it("Should never let a valid review proof be rejected for lack of gas (the step reverts instead)", async () => {
    const w = world(false);
    const { chain } = w;
    const twin = new TwinChecker(f, chain);
    const { caseId, patient } = caseIn(w, "EXECUTED");
    const secret = secretOf("gas");
    chain.ok(patient, "CloseSurgery", { caseId, reviewCommitment: reviewCommitment(secret) });
    chain.endBlock();
    const message = await proveReview(chain, secret, w.drA.address, { rating: 4, worthIt: true, text: "gas" });
    const tx = { type: "PostReview", from: null, signature: null, message } as unknown as Tx<"PostReview">;
    const cache = new ReviewProofCache((input) => verifier.verify(input));
    expect(await cache.prepare(tx)).toBe(true);
    chain.checkReviewProof = cache.check;
    const { preRoot, postRoot, witness } = proveStep(chain.state, () => chain.apply(tx as unknown as Tx));
    expect(postRoot).not.toBe(preRoot);
    const ctx = { blockNumber: chain.blockNumber, timestamp: BigInt(chain.time), feeRecipient: PROPOSER.address, chainId: BigInt(L2_CHAIN_ID), bridge: BRIDGE };
    const data = encodeFunctionData({
      abi: verifierAbi,
      functionName: "applyTransaction",
      args: [preRoot, ctx, bytesToHex(encodeTx(tx as unknown as Tx)), abiWitness(witness)],
    });
    const call = (gas?: bigint) => f.publicClient.call({ to: f.deployment.fraudVerifier, data, account: f.accounts.stranger, gas });
    const full = await f.publicClient.estimateGas({ to: f.deployment.fraudVerifier, data, account: f.accounts.stranger });
    expect((await call(full)).data).toBe(postRoot);
    let reverted = 0;
    for (let gas = full - 600_000n; gas < full; gas += 50_000n) {
      try {
        expect((await call(gas)).data, `gas ${gas}`).toBe(postRoot);
      } catch (error) {
        if (String(error).includes("expected")) throw error;
        reverted++;
      }
    }
    expect(reverted).toBeGreaterThan(0);
    await twin.tx(tx as unknown as Tx, "PostReview");
  });

  it("Should agree with the TypeScript STF on a seeded random sequence of closing, record and review steps", async () => {
    const SEED = 0xc105e;
    const STEPS = 380;
    const rng = prng(SEED);
    const w = world(true);
    const { chain } = w;
    const run = new ClosingRun(w, new TwinChecker(f, chain), verifier);
    const doctors = [w.drA, w.drB];
    const actors = [...w.patients, ...doctors, actor("stranger")];
    const secrets = new Map<bigint, bigint>();
    const cases: bigint[] = [];
    for (let i = 0; i < 10; i++) {
      const c = caseIn(w, "EXECUTED", { patient: w.patients[i % 3], doctor: doctors[i % 2] });
      cases.push(c.caseId);
    }
    chain.endBlock();
    // Real proofs made along the way, reused (replays, other rating) later in the sequence.
    const proven: ReviewMessage[] = [];
    const pick = <T>(items: readonly T[]): T => items[rng.int(items.length)]!;
    const randomField = (): bigint => (rng.chance(0.1) ? SNARK_SCALAR_FIELD + BigInt(rng.int(3)) : BigInt(h32(`f${rng.int(1e9)}`)) % SNARK_SCALAR_FIELD);
    const recordCount = () => Number(chain.state.get("meta", "")!.nextRecordId) - 1;
    const reviewCount = () => Number(chain.state.get("meta", "")!.nextReviewId) - 1;
    const randomReaders = () => {
      const n = pick([0, 1, 2, 3, 5, 16, 17]);
      const readers = Array.from({ length: n }, () =>
        readerOf(pick([...actors, actor(`r${rng.int(40)}`)]), rng.chance(0.05) ? "0x" : key(1 + rng.int(64), rng.int(256))),
      );
      return readers;
    };

    for (let step = 0; step < STEPS; step++) {
      const kind = rng.int(12);
      const who = pick(actors);
      const caseId = rng.chance(0.9) && cases.length ? pick(cases) : BigInt(1 + rng.int(60));
      if (kind === 0) {
        await run.signed(who, "Transfer", { to: pick(actors).address, amount: pick([0n, 1n, ETH, 100n * ETH]) });
      } else if (kind === 1 || kind === 2) {
        const c = chain.state.get("case", caseId.toString());
        const patient = c && rng.chance(0.8) ? w.patients.find((p) => p.address === c.patient)! : who;
        const secret = secretOf(`random-${step}`);
        const commitment = pick([0n, reviewCommitment(secret), randomField()]);
        const r = await run.signed(patient, "CloseSurgery", { caseId, reviewCommitment: commitment });
        if (r.status === "ok" && commitment === reviewCommitment(secret)) secrets.set(caseId, secret);
      } else if (kind === 3) {
        const c = chain.state.get("case", caseId.toString());
        const doctor = c && rng.chance(0.8) ? doctors.find((d) => d.address === c.doctor)! : who;
        await run.signed(doctor, "FinalizeSurgery", { caseId });
      } else if (kind === 4) {
        const c = chain.state.get("case", caseId.toString());
        const patient = c && rng.chance(0.8) ? w.patients.find((p) => p.address === c.patient)! : who;
        const secret = secretOf(`add-${step}`);
        const commitment = pick([0n, reviewCommitment(secret), randomField()]);
        const r = await run.signed(patient, "AddReviewCommitment", { caseId, reviewCommitment: commitment });
        if (r.status === "ok" && commitment === reviewCommitment(secret)) secrets.set(caseId, secret);
      } else if (kind === 5) {
        const subject = rng.chance(0.6) ? who : pick(w.patients);
        await run.signed(who, "CreateRecord", { subject: subject.address, ciphertextHash: h32(`c${step}`), readers: randomReaders() });
      } else if (kind === 6) {
        const recordId = BigInt(rng.int(recordCount() + 2));
        const record = chain.state.get("record", recordId.toString());
        const subject = record && rng.chance(0.8) ? (actors.find((a) => a.address === record.subject) ?? who) : who;
        const reader = record?.readers.length && rng.chance(0.2) ? pick(record.readers).reader : pick([...actors, actor(`r${rng.int(40)}`)]).address;
        await run.signed(subject, "GrantAccess", { recordId, reader, wrappedKey: rng.chance(0.1) ? "0x" : key(1 + rng.int(300), step) });
      } else if (kind === 7) {
        const recordId = BigInt(rng.int(recordCount() + 2));
        const record = chain.state.get("record", recordId.toString());
        const subject = record && rng.chance(0.8) ? (actors.find((a) => a.address === record.subject) ?? who) : who;
        const reader = record?.readers.length && rng.chance(0.7) ? pick(record.readers).reader : pick(actors).address;
        await run.signed(subject, "RevokeAccess", { recordId, reader });
      } else if (kind === 8) {
        const reviewId = BigInt(rng.int(reviewCount() + 2));
        const review = chain.state.get("review", reviewId.toString());
        const doctor = review && rng.chance(0.8) ? doctors.find((d) => d.address === review.doctor)! : who;
        await run.signed(doctor, "ReplyToReview", { reviewId, textHash: h32(`reply-${step}`) });
      } else if (kind === 9 || kind === 10) {
        // A review: a real proof for a closed case with a folded leaf (now and then), a replay or
        // variation of an earlier one, or a forged one.
        const folded = [...secrets.entries()].filter(([id]) => {
          const c = chain.state.get("case", id.toString())!;
          return chain.state.reviewTree.leaves.includes(reviewLeaf(c.reviewCommitment!, c.doctor));
        });
        if (folded.length && proven.length < 4 && rng.chance(0.5)) {
          const [id, secret] = pick(folded);
          secrets.delete(id);
          const message = await proveReview(chain, secret, chain.state.get("case", id.toString())!.doctor, {
            rating: 1 + rng.int(5),
            worthIt: rng.chance(0.5),
            text: `review-${step}`,
          });
          proven.push(message);
          await run.review(message);
        } else if (proven.length && rng.chance(0.5)) {
          const base = pick(proven);
          await run.review(rng.chance(0.5) ? base : { ...base, rating: pick([0, 1, 2, 3, 4, 5, 6]) });
        } else {
          const recent = chain.state.get("reviewTree", "")!.recentRoots;
          await run.review({
            doctor: pick([...doctors, who]).address,
            rating: pick([0, 1, 3, 5, 6]),
            worthIt: rng.chance(0.5),
            textHash: h32(`t${step}`),
            root: recent.length && rng.chance(0.8) ? pick(recent) : randomField(),
            nullifier: randomField(),
            proof: Array.from({ length: 8 }, () => (rng.chance(0.05) ? BN254_BASE_FIELD : BigInt(h32(`p${rng.int(1e9)}`)) % BN254_BASE_FIELD)),
          } as unknown as ReviewMessage);
        }
      } else {
        // End the block (the fold), let time pass, and sometimes bring a new case to EXECUTED.
        chain.endBlock();
        chain.advance(pick([1, 3600, DAY, 15 * DAY]));
        if (cases.length < 25 && rng.chance(0.5)) cases.push(caseIn(w, "EXECUTED", { patient: pick(w.patients), doctor: pick(doctors) }).caseId);
        chain.endBlock();
      }
    }
    const outcomes = [...run.codes].map(([type, codes]) => `${type}: ${[...codes].sort().join(" ")}`);
    console.log(`ClosingTwin random sequence (seed ${SEED}): ${run.twin.steps.length} steps\n${outcomes.join("\n")}`);
    expect(run.twin.steps.length).toBeGreaterThanOrEqual(300);
    for (const type of [
      "CloseSurgery",
      "FinalizeSurgery",
      "AddReviewCommitment",
      "CreateRecord",
      "GrantAccess",
      "RevokeAccess",
      "ReplyToReview",
      "PostReview",
    ]) {
      expect(run.codes.get(type), type).toContain("ok");
      expect(run.codes.get(type)!.size, type).toBeGreaterThan(1);
    }
  });
});
