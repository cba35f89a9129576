// Posts an anonymous verified review of a closed case: derives the case's secret from the
// patient's key, proves (Groth16) that its leaf is in the review tree for that doctor, and submits
// the unsigned PostReview, which names neither the patient nor the case. The anonymity set is
// the doctor's closed cases; below SMALL_ANONYMITY_SET the result carries a warning.
// Proving takes seconds: pass one long-lived `prover` when posting several reviews.
import { keccak256, toBytes, type Address, type Hex, type LocalAccount } from "viem";
import { fieldToJson } from "../../../sequencer/src/protocol";
import { reviewCommitment, reviewLeaf } from "../../../sequencer/src/protocol/reviews/reviewHashes";
import { requirePrivateKey, type SutureAccount } from "../accounts";
import { resolveAccount, type SutureClient } from "../client/createSutureClient";
import { SutureClientError } from "../errors";
import { SMALL_ANONYMITY_SET } from "../reviews/anonymitySetSize";
import type { ReviewProver } from "../reviews/createReviewProver";
import { deriveReviewSecret } from "../reviews/deriveReviewSecret";
import { ZERO_HASH } from "./defineTransaction";
import { getCase } from "./getCase";
import { getDoctor } from "./getDoctor";
import { getReviewTree } from "./getReviewTree";
import { submitTransaction, type TransactionReceipt } from "./submitTransaction";
import { uploadBlob } from "./uploadBlob";

export type PostReviewParameters = {
  caseId: bigint;
  /**
   * The case's doctor. Give it: without it the client reads the case from the node just before
   * posting, which lets whoever runs the node link the anonymous review to the case (timing, IP).
   */
  doctor?: Address;
  rating: 1 | 2 | 3 | 4 | 5;
  worthIt: boolean;
  /** Review text: stored in the blob store in clear (it is public), its hash is proven. */
  text?: string;
  textHash?: Hex;
  prover?: ReviewProver;
  onProgress?: (step: "anonymity-set" | "proving" | "submitting", detail?: string) => void;
  signer?: Hex | LocalAccount | SutureAccount;
};

export type PostReviewReturnType = TransactionReceipt & {
  reviewId: bigint;
  nullifier: bigint;
  anonymitySet: { size: number; small: boolean };
  warning: string | null;
  proveMs: number;
};

export async function postReview(client: SutureClient, parameters: PostReviewParameters): Promise<PostReviewReturnType> {
  const { caseId, rating, worthIt, text, onProgress } = parameters;
  const account = resolveAccount(client, parameters.signer);
  const secret = deriveReviewSecret({ privateKey: requirePrivateKey(account, "a review proof"), caseId });
  const doctor = (parameters.doctor?.toLowerCase() as Address | undefined) ?? (await getCase(client, { caseId })).doctor;

  const closed = (await getDoctor(client, { address: doctor })).reputation.casesByStatus.CLOSED;
  const anonymitySet = { size: closed, small: closed < SMALL_ANONYMITY_SET };
  const warning = anonymitySet.small
    ? `only ${closed} closed surgeries of this doctor: the review hides among few (< ${SMALL_ANONYMITY_SET}) and may be attributable`
    : null;
  onProgress?.("anonymity-set", `${closed} closed surgeries${warning ? " (small!)" : ""}`);

  let textHash = parameters.textHash ?? ZERO_HASH;
  if (text !== undefined) {
    const data = toBytes(text);
    textHash = keccak256(data);
    if (data.length) await uploadBlob(client, { data });
  }

  const leaves = (await getReviewTree(client)).leaves.map(BigInt);
  if (!leaves.includes(reviewLeaf(reviewCommitment(secret), doctor))) {
    throw new SutureClientError("REVIEW_LEAF_MISSING", undefined, { details: { caseId: caseId.toString() } });
  }
  onProgress?.("proving", `tree of ${leaves.length} leaves`);
  // Loaded on demand: snarkjs takes seconds to import, and most callers never prove.
  const prover = parameters.prover ?? (await (await import("../reviews/createReviewProver")).createReviewProver());
  const started = Date.now();
  try {
    const proof = await prover.prove({ secret, doctor, leaves, rating, worthIt, textHash });
    const proveMs = Date.now() - started;
    onProgress?.("submitting", `proved in ${proveMs} ms`);
    const message = { doctor, rating, worthIt, textHash, root: proof.root, nullifier: proof.nullifier, proof: proof.proof };
    const receipt = await submitTransaction(client, { tx: { type: "PostReview", message: fieldToJson(message) as Record<string, unknown> } });
    return { ...receipt, reviewId: receipt.result.reviewId as bigint, nullifier: proof.nullifier, anonymitySet, warning, proveMs };
  } finally {
    if (!parameters.prover) await prover.close();
  }
}
