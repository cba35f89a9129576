// Posts an anonymous verified review of a closed case: derives the case's secret from the
// patient's key, proves (Groth16) that its leaf is in the review tree for that doctor, and submits
// the unsigned PostReview, which names neither the patient nor the case. The anonymity set is
// the doctor's closed cases; below SMALL_ANONYMITY_SET the result carries a warning.
// Proving takes seconds: pass one long-lived `prover` when posting several reviews; its copy of
// the review tree is synced, so each review downloads only the leaves added since the last.
// The text goes to the blob store after the review is on chain, unsigned: an upload signed by the
// patient would name the review's author to the node (it takes a posted review's text unsigned).
import { keccak256, toBytes, type Address, type Hex, type LocalAccount } from "viem";
import { fieldToJson } from "../../../sequencer/src/protocol";
import { reviewCommitment, reviewLeaf } from "../../../sequencer/src/protocol/reviews/reviewHashes";
import { createReviewTreeMirror } from "../reviews/createReviewTreeMirror";
import { requirePrivateKey, type SutureAccount } from "../accounts";
import { resolveAccount, type SutureClient } from "../client/createSutureClient";
import { SutureClientError } from "../errors";
import { SMALL_ANONYMITY_SET } from "../reviews/anonymitySetSize";
import type { ReviewProver } from "../reviews/createReviewProver";
import { deriveReviewSecret } from "../reviews/deriveReviewSecret";
import { ZERO_HASH } from "./defineTransaction";
import { getCase } from "./getCase";
import { getDoctor } from "./getDoctor";
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
  /** Review-tree leaves downloaded for this review (only those added since the prover's last sync). */
  leavesFetched: number;
  /** Whether the text is in the node's blob store (false: no text, or the upload failed: see warning). */
  textStored: boolean;
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

  const data = text === undefined ? null : toBytes(text);
  const textHash = data ? keccak256(data) : (parameters.textHash ?? ZERO_HASH);

  const tree = parameters.prover?.tree ?? createReviewTreeMirror();
  const { fetched } = await tree.sync(client);
  if (tree.indexOf(reviewLeaf(reviewCommitment(secret), doctor)) < 0) {
    throw new SutureClientError("REVIEW_LEAF_MISSING", undefined, { details: { caseId: caseId.toString() } });
  }
  onProgress?.("proving", `tree of ${tree.size} leaves (${fetched} new)`);
  // Loaded on demand: snarkjs takes seconds to import, and most callers never prove.
  const prover = parameters.prover ?? (await (await import("../reviews/createReviewProver")).createReviewProver({ tree }));
  const started = Date.now();
  let posted: Omit<PostReviewReturnType, "textStored" | "warning"> & { warning: string | null };
  try {
    const proof = await prover.prove({ secret, doctor, rating, worthIt, textHash });
    const proveMs = Date.now() - started;
    onProgress?.("submitting", `proved in ${proveMs} ms`);
    const message = { doctor, rating, worthIt, textHash, root: proof.root, nullifier: proof.nullifier, proof: proof.proof };
    const receipt = await submitTransaction(client, { tx: { type: "PostReview", message: fieldToJson(message) as Record<string, unknown> } });
    posted = { ...receipt, reviewId: receipt.result.reviewId as bigint, nullifier: proof.nullifier, anonymitySet, warning, proveMs, leavesFetched: fetched };
  } finally {
    if (!parameters.prover) await prover.close();
  }
  if (!data?.length) return { ...posted, textStored: false };
  // The review is posted whatever happens to its text: report a failed upload, don't throw.
  try {
    await uploadBlob(client, { data, unsigned: true });
    return { ...posted, textStored: true };
  } catch (error) {
    const why = `the review is posted but its text was not stored (${(error as { code?: string }).code ?? (error as Error).message}); upload it again with uploadBlob({ data, unsigned: true })`;
    return { ...posted, textStored: false, warning: posted.warning ? `${posted.warning}; ${why}` : why };
  }
}
