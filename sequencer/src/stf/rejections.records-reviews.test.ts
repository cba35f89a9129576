// Encrypted records with their readers, anonymous reviews (unsigned, proof-checked) and doctors'
// replies: success with the state left behind, and every rejection rule.
import { describe, expect, it } from "vitest";
import type { Address, Hex } from "viem";
import type { Message, Tx } from "../protocol";
import { BN254_BASE_FIELD, doctorToField, reviewMessage, SNARK_SCALAR_FIELD } from "../protocol";
import { actor, h32, TestChain, testGenesis, type Actor } from "./testing/harness";
import { createWorld, type World } from "./testing/world";
import { caseIn, doctorStats } from "./testing/cases";

const reader = (who: Actor, key: Hex = "0x01020304") => ({ reader: who.address, wrappedKey: key });

function createRecord(w: World, author: Actor, subject: Actor, readers = [reader(subject)]): bigint {
  return w.chain.ok(author, "CreateRecord", { subject: subject.address, ciphertextHash: h32("ciphertext"), readers }).recordId;
}

const recordOf = (w: World, id: bigint) => w.chain.state.get("record", id.toString())!;

describe("# CreateRecord", () => {
  it("Should store a record its subject creates, with its readers", () => {
    const w = createWorld();
    const [p1] = w.patients;
    const id = createRecord(w, p1!, p1!, [reader(p1!), reader(w.drA, "0xaa")]);
    expect(id).toBe(1n);
    expect(recordOf(w, id)).toEqual({
      id,
      subject: p1!.address,
      author: p1!.address,
      ciphertextHash: h32("ciphertext"),
      readers: [reader(p1!), reader(w.drA, "0xaa")],
      createdAt: w.chain.time,
    });
  });

  it("Should let a doctor with a case with the subject create a record about them", () => {
    const w = createWorld();
    const { patient, doctor } = caseIn(w, "PROPOSED");
    const id = createRecord(w, doctor, patient);
    expect(recordOf(w, id)).toMatchObject({ subject: patient.address, author: doctor.address });
  });

  it("Should not let a doctor without a case with the subject, or another patient, create a record about them", () => {
    const w = createWorld();
    const [p1, p2] = w.patients;
    caseIn(w, "PROPOSED", { patient: p2, doctor: w.drB });
    const message = { subject: p1!.address, ciphertextHash: h32("c"), readers: [reader(p1!)] };
    expect(w.chain.fails(w.drB, "CreateRecord", message)).toBe("NOT_TREATING_DOCTOR");
    expect(w.chain.fails(p2!, "CreateRecord", message)).toBe("NOT_TREATING_DOCTOR");
    expect(w.chain.state.get("meta", "")!.nextRecordId).toBe(1n);
  });

  it.each([
    ["no readers", () => []],
    ["17 readers", () => Array.from({ length: 17 }, (_, i) => reader(actor(`r${i}`)))],
    ["a repeated reader", () => [reader(actor("r")), reader(actor("r"), "0xff")]],
    ["an empty wrapped key", () => [reader(actor("r"), "0x")]],
  ])("Should not create a record with %s", (_, readers) => {
    const w = createWorld();
    const [p1] = w.patients;
    expect(w.chain.fails(p1!, "CreateRecord", { subject: p1!.address, ciphertextHash: h32("c"), readers: readers() })).toBe("INVALID_RECORD");
  });
});

describe("# GrantAccess / RevokeAccess", () => {
  it("Should add and remove a reader by the record's subject", () => {
    const w = createWorld();
    const [p1] = w.patients;
    const id = createRecord(w, p1!, p1!);
    w.chain.ok(p1!, "GrantAccess", { recordId: id, reader: w.drB.address, wrappedKey: "0xbeef" });
    expect(recordOf(w, id).readers).toEqual([reader(p1!), reader(w.drB, "0xbeef")]);
    w.chain.ok(p1!, "RevokeAccess", { recordId: id, reader: w.drB.address });
    expect(recordOf(w, id).readers).toEqual([reader(p1!)]);
  });

  it("Should not grant or revoke on an unknown record", () => {
    const w = createWorld();
    const [p1] = w.patients;
    expect(w.chain.fails(p1!, "GrantAccess", { recordId: 5n, reader: w.drB.address, wrappedKey: "0xbeef" })).toBe("RECORD_NOT_FOUND");
    expect(w.chain.fails(p1!, "RevokeAccess", { recordId: 5n, reader: w.drB.address })).toBe("RECORD_NOT_FOUND");
  });

  it("Should not let anyone but the subject grant or revoke, not even the record's author", () => {
    const w = createWorld();
    const { patient, doctor } = caseIn(w, "PROPOSED");
    const id = createRecord(w, doctor, patient, [reader(patient), reader(doctor)]);
    expect(w.chain.fails(doctor, "GrantAccess", { recordId: id, reader: w.drB.address, wrappedKey: "0xbeef" })).toBe("NOT_RECORD_SUBJECT");
    expect(w.chain.fails(doctor, "RevokeAccess", { recordId: id, reader: patient.address })).toBe("NOT_RECORD_SUBJECT");
    expect(recordOf(w, id).readers).toHaveLength(2);
  });

  it("Should not grant a reader twice, with an empty key, or beyond 16 readers", () => {
    const w = createWorld();
    const [p1] = w.patients;
    const id = createRecord(w, p1!, p1!);
    expect(w.chain.fails(p1!, "GrantAccess", { recordId: id, reader: p1!.address, wrappedKey: "0xbeef" })).toBe("READER_EXISTS");
    expect(w.chain.fails(p1!, "GrantAccess", { recordId: id, reader: w.drB.address, wrappedKey: "0x" })).toBe("INVALID_RECORD");
    const full = createRecord(
      w,
      p1!,
      p1!,
      Array.from({ length: 16 }, (_, i) => reader(actor(`r${i}`))),
    );
    expect(w.chain.fails(p1!, "GrantAccess", { recordId: full, reader: w.drB.address, wrappedKey: "0xbeef" })).toBe("INVALID_RECORD");
  });

  it("Should not revoke a reader without access", () => {
    const w = createWorld();
    const [p1] = w.patients;
    const id = createRecord(w, p1!, p1!);
    expect(w.chain.fails(p1!, "RevokeAccess", { recordId: id, reader: w.drB.address })).toBe("READER_NOT_FOUND");
  });
});

type ReviewMessage = Message<"PostReview">;

/** A world with one surgery of drA closed with a review commitment (so the tree has a root to prove against). */
function reviewWorld(chain?: TestChain): World {
  const w = createWorld({ chain });
  const { caseId, patient } = caseIn(w, "EXECUTED");
  w.chain.ok(patient, "CloseSurgery", { caseId, reviewCommitment: 1234n });
  return w;
}

function review(w: World, overrides: Partial<ReviewMessage> = {}): ReviewMessage {
  return {
    doctor: w.drA.address,
    rating: 4,
    worthIt: true,
    textHash: h32("great"),
    root: w.chain.state.get("reviewTree", "")!.root,
    nullifier: 99n,
    proof: [1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n],
    ...overrides,
  } as ReviewMessage;
}

function postReview(w: World, message: ReviewMessage) {
  return w.chain.apply({ type: "PostReview", from: null, signature: null, message } as unknown as Tx);
}

/** Posts a review expecting a rejection; checks the root did not move and returns the code. */
function reviewFails(w: World, message: ReviewMessage): string {
  const before = w.chain.state.root();
  const receipt = postReview(w, message);
  if (receipt.status === "ok") throw new Error("PostReview unexpectedly succeeded");
  expect(w.chain.state.root()).toBe(before);
  return receipt.error.code;
}

describe("# PostReview", () => {
  it("Should store a proven review, spend its nullifier and update the doctor's rating", () => {
    const w = reviewWorld();
    const seen: Array<{ publicSignals: bigint[]; proof: bigint[] }> = [];
    w.chain.checkReviewProof = (input) => {
      seen.push(input);
      return true;
    };
    const message = review(w, { rating: 5, worthIt: false });
    const receipt = postReview(w, message);
    expect(receipt.status === "ok" && receipt.result.reviewId).toBe(1n);
    expect(seen).toEqual([
      {
        publicSignals: [message.root, doctorToField(w.drA.address), 99n, reviewMessage({ rating: 5, worthIt: false, textHash: h32("great") })],
        proof: message.proof,
      },
    ]);
    expect(w.chain.state.get("review", "1")).toMatchObject({
      doctor: w.drA.address,
      rating: 5,
      worthIt: false,
      nullifier: 99n,
      root: message.root,
      reply: null,
    });
    expect(w.chain.state.get("nullifier", "99")).toEqual({ reviewId: 1n });
    expect(doctorStats(w)).toMatchObject({ reviewCount: 1, ratingSum: 5, worthItCount: 0 });
  });

  it("Should not accept a review whose proof does not verify (the default check)", () => {
    const w = reviewWorld();
    expect(reviewFails(w, review(w))).toBe("INVALID_PROOF");
    w.chain.checkReviewProof = () => false;
    expect(reviewFails(w, review(w))).toBe("INVALID_PROOF");
    expect(w.chain.state.get("nullifier", "99")).toBeUndefined();
  });

  it("Should not accept a second review with the same nullifier", () => {
    const w = reviewWorld();
    w.chain.checkReviewProof = () => true;
    expect(postReview(w, review(w)).status).toBe("ok");
    expect(reviewFails(w, review(w, { rating: 1, textHash: h32("changed my mind") }))).toBe("NULLIFIER_USED");
    expect(doctorStats(w)).toMatchObject({ reviewCount: 1, ratingSum: 4 });
  });

  it.each([0, 6])("Should not accept the rating %d", (rating) => {
    const w = reviewWorld();
    w.chain.checkReviewProof = () => true;
    expect(reviewFails(w, review(w, { rating }))).toBe("INVALID_RATING");
  });

  it("Should not accept a review of an account that is not a doctor", () => {
    const w = reviewWorld();
    w.chain.checkReviewProof = () => true;
    expect(reviewFails(w, review(w, { doctor: actor("nobody").address as Address }))).toBe("NOT_DOCTOR");
  });

  it("Should not accept a root that was never a review-tree root", () => {
    const w = reviewWorld();
    w.chain.checkReviewProof = () => true;
    expect(reviewFails(w, review(w, { root: 12345n }))).toBe("UNKNOWN_ROOT");
  });

  it.each([
    ["the root", { root: SNARK_SCALAR_FIELD }],
    ["the nullifier", { nullifier: SNARK_SCALAR_FIELD }],
    ["a proof coordinate", { proof: [1n, 2n, 3n, 4n, 5n, 6n, 7n, BN254_BASE_FIELD] }],
  ])("Should not accept %s at or above its field", (_, overrides) => {
    const w = reviewWorld();
    w.chain.checkReviewProof = () => true;
    expect(reviewFails(w, review(w, overrides as Partial<ReviewMessage>))).toBe("FIELD_OUT_OF_RANGE");
  });

  it("Should accept a recent root and reject one that left the history window", () => {
    const w = reviewWorld(new TestChain({ params: testGenesis({ reviewRootHistory: 2 }) }));
    w.chain.checkReviewProof = () => true;
    const oldRoot = w.chain.state.get("reviewTree", "")!.root;
    const second = caseIn(w, "EXECUTED", { patient: w.patients[1] });
    w.chain.ok(second.patient, "CloseSurgery", { caseId: second.caseId, reviewCommitment: 5678n });
    expect(postReview(w, review(w, { root: oldRoot, nullifier: 1n })).status).toBe("ok");
    const third = caseIn(w, "EXECUTED", { patient: w.patients[2] });
    w.chain.ok(third.patient, "CloseSurgery", { caseId: third.caseId, reviewCommitment: 9012n });
    expect(w.chain.state.get("reviewTree", "")!.recentRoots).not.toContain(oldRoot);
    expect(reviewFails(w, review(w, { root: oldRoot, nullifier: 2n }))).toBe("UNKNOWN_ROOT");
  });
});

describe("# ReplyToReview", () => {
  function reviewed(): World {
    const w = reviewWorld();
    w.chain.checkReviewProof = () => true;
    postReview(w, review(w));
    return w;
  }

  it("Should store the doctor's one reply without touching the rating", () => {
    const w = reviewed();
    const stats = doctorStats(w);
    w.chain.ok(w.drA, "ReplyToReview", { reviewId: 1n, textHash: h32("thanks") });
    expect(w.chain.state.get("review", "1")!.reply).toEqual({ textHash: h32("thanks"), at: w.chain.time });
    expect(doctorStats(w)).toEqual(stats);
    expect(w.chain.fails(w.drA, "ReplyToReview", { reviewId: 1n, textHash: h32("again") })).toBe("REPLY_EXISTS");
  });

  it("Should not reply to an unknown review", () => {
    const w = reviewed();
    expect(w.chain.fails(w.drA, "ReplyToReview", { reviewId: 2n, textHash: h32("t") })).toBe("REVIEW_NOT_FOUND");
  });

  it("Should not let another doctor or the patient reply", () => {
    const w = reviewed();
    expect(w.chain.fails(w.drB, "ReplyToReview", { reviewId: 1n, textHash: h32("t") })).toBe("NOT_AUTHORIZED");
    expect(w.chain.fails(w.patients[0]!, "ReplyToReview", { reviewId: 1n, textHash: h32("t") })).toBe("NOT_AUTHORIZED");
  });
});
