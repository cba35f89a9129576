// Closing a case: the patient closes (with a review commitment), or the doctor finalizes after the
// close timeout; either way the escrow goes to the doctor and the case can be reviewed.
import type { Address } from "viem";
import { reject } from "../../errors";
import type { Tx } from "../../protocol";
import { MAX_REVIEW_LEAVES_PER_BLOCK, REVIEW_TREE_DEPTH, reviewLeaf, SNARK_SCALAR_FIELD } from "../../protocol";
import type { State } from "../../state";
import {
  bumpPatient,
  credit,
  getCase,
  requireDoctor,
  requirePatient,
  requireStatus,
  updateCase,
  updateDoctorStats,
  type HandlerContext,
  type HandlerResult,
} from "../context";

export const REVIEW_TREE_CAPACITY = 2 ** REVIEW_TREE_DEPTH;

/**
 * Whether the transaction would queue a review-tree leaf if accepted (a CloseSurgery with a
 * review commitment, an AddReviewCommitment): the ones a block holds at most
 * MAX_REVIEW_LEAVES_PER_BLOCK of.
 */
export function addsReviewLeaf(tx: Tx): boolean {
  if (tx.type === "CloseSurgery") return (tx as Tx<"CloseSurgery">).message.reviewCommitment !== 0n;
  return tx.type === "AddReviewCommitment";
}

export function closeSurgery(h: HandlerContext<Tx<"CloseSurgery">>): HandlerResult {
  const { st, tx, from, block } = h;
  const { caseId, reviewCommitment } = tx.message;
  const c = getCase(st, caseId);
  requirePatient(c, from);
  requireStatus(c, "EXECUTED");
  if (reviewCommitment !== 0n) requireCommitment(st, reviewCommitment);
  credit(st, c.doctor, c.escrow);
  updateCase(h, c, {
    status: "CLOSED",
    escrow: 0n,
    closedAt: block.timestamp,
    closedBy: "patient",
    reviewCommitment: reviewCommitment === 0n ? null : reviewCommitment,
  });
  bumpPatient(st, c.patient, "closed");
  const leafIndex = reviewCommitment === 0n ? null : insertReviewLeaf(st, reviewCommitment, c.doctor);
  return { paid: c.escrow, leafIndex };
}

export function finalizeSurgery(h: HandlerContext<Tx<"FinalizeSurgery">>): HandlerResult {
  const { st, tx, from, block } = h;
  const c = getCase(st, tx.message.caseId);
  requireDoctor(c, from);
  requireStatus(c, "EXECUTED");
  const allowedAt = c.executedAt! + st.params.closeTimeoutSeconds;
  if (block.timestamp < allowedAt) reject("TOO_EARLY", undefined, { allowedAt });
  if (c.openIncidents > 0) reject("INCIDENT_OPEN");
  credit(st, c.doctor, c.escrow);
  updateCase(h, c, { status: "CLOSED", escrow: 0n, closedAt: block.timestamp, closedBy: "timeout" });
  bumpPatient(st, c.patient, "closed");
  return { paid: c.escrow };
}

export function addReviewCommitment(h: HandlerContext<Tx<"AddReviewCommitment">>): HandlerResult {
  const { st, tx, from } = h;
  const c = getCase(st, tx.message.caseId);
  requirePatient(c, from);
  requireStatus(c, "CLOSED");
  if (c.reviewCommitment !== null) reject("REVIEW_COMMITMENT_EXISTS");
  requireCommitment(st, tx.message.reviewCommitment);
  updateCase(h, c, { reviewCommitment: tx.message.reviewCommitment });
  return { leafIndex: insertReviewLeaf(st, tx.message.reviewCommitment, c.doctor) };
}

/** A valid commitment, and room for its leaf: a full tree is a rejection, never a crash at block end. */
function requireCommitment(st: State, commitment: bigint): void {
  if (commitment === 0n || commitment >= SNARK_SCALAR_FIELD) reject("INVALID_COMMITMENT");
  const meta = st.get("reviewTree", "")!;
  if (meta.size + meta.pending.length >= REVIEW_TREE_CAPACITY) reject("REVIEW_TREE_FULL", undefined, { capacity: REVIEW_TREE_CAPACITY });
  if (meta.pending.length >= MAX_REVIEW_LEAVES_PER_BLOCK) reject("REVIEW_BLOCK_FULL", undefined, { perBlock: MAX_REVIEW_LEAVES_PER_BLOCK });
}

/**
 * Queues Poseidon(commitment, doctor) for the review tree; the block folds the queue into the
 * tree at its end (sealReviewTree). Returns the leaf's index in the tree.
 */
function insertReviewLeaf(st: State, commitment: bigint, doctor: Address): number {
  updateDoctorStats(st, doctor, (s) => ({ reviewCommitments: s.reviewCommitments + 1 }));
  const meta = st.get("reviewTree", "")!;
  st.put("reviewTree", "", { ...meta, pending: [...meta.pending, reviewLeaf(commitment, doctor)] });
  return meta.size + meta.pending.length;
}
