// The state transition function: one transaction against the state, all or nothing. Pure: the
// block context carries time, the review-proof check is injected, nothing here does I/O.
import type { Address, Hex } from "viem";
import { SutureError } from "../errors";
import { txHash as hashTx, isSigned, type Tx, type TxType } from "../protocol";
import type { State } from "../state";
import { getAccount, type BlockContext, type HandlerContext, type HandlerResult } from "./context";
import { setEncryptionKey, transfer, withdraw } from "./handlers/funds";
import { admitParticipant, attestLicense, publishPolicy, recallLot, registerDoctor, registerMedicine, releaseReserve } from "./handlers/registry";
import { acceptOffer, acceptReschedule, cancelSurgery, markNoShow, offerSchedule, proposeSurgery, requestReschedule } from "./handlers/schedule";
import { confirmPlan, postSummary, proposePlan, recordSurgery } from "./handlers/plan";
import { acceptResolution, proposeResolution, reportIncident } from "./handlers/incidents";
import { addReviewCommitment, closeSurgery, finalizeSurgery } from "./handlers/close";
import { postReview, replyToReview, type ReviewProofCheck } from "./handlers/reviews";
import { createRecord, grantAccess, revokeAccess } from "./handlers/records";
import { setFeeSchedule } from "./handlers/governance";
import { chargeFee } from "./fees";

type Handler = (h: HandlerContext<any>, checkProof: ReviewProofCheck) => HandlerResult;

const HANDLERS: Record<TxType, Handler> = {
  SetEncryptionKey: setEncryptionKey,
  Transfer: transfer,
  Withdraw: withdraw,
  AdmitParticipant: admitParticipant,
  RegisterDoctor: registerDoctor,
  AttestLicense: attestLicense,
  RegisterMedicine: registerMedicine,
  RecallLot: recallLot,
  PublishPolicy: publishPolicy,
  ProposeSurgery: proposeSurgery,
  OfferSchedule: offerSchedule,
  AcceptOffer: acceptOffer,
  RequestReschedule: requestReschedule,
  AcceptReschedule: acceptReschedule,
  CancelSurgery: cancelSurgery,
  MarkNoShow: markNoShow,
  ProposePlan: proposePlan,
  ConfirmPlan: confirmPlan,
  RecordSurgery: recordSurgery,
  PostSummary: postSummary,
  ReportIncident: reportIncident,
  ProposeResolution: proposeResolution,
  AcceptResolution: acceptResolution,
  CloseSurgery: closeSurgery,
  FinalizeSurgery: finalizeSurgery,
  AddReviewCommitment: addReviewCommitment,
  CreateRecord: createRecord,
  GrantAccess: grantAccess,
  RevokeAccess: revokeAccess,
  ReplyToReview: replyToReview,
  PostReview: postReview,
  SetFeeSchedule: setFeeSchedule,
  ReleaseReserve: releaseReserve,
};

export type Receipt =
  | { status: "ok"; txHash: Hex; result: HandlerResult; stateRoot: Hex /** What the sender paid in fees. */; fee: bigint }
  | { status: "rejected"; txHash: Hex; error: { code: string; message: string; details: Record<string, unknown> } };

export type ApplyTransactionParameters = {
  state: State;
  tx: Tx;
  block: BlockContext;
  /** Precomputed hash (the node has it already); computed when absent. */
  txHash?: Hex;
  /** Verifies review proofs; the default rejects every proof. */
  checkReviewProof?: ReviewProofCheck;
  /** Skip the per-transaction root (callers that only need the block's). Default false. */
  skipRoot?: boolean;
};

const ZERO_ADDRESS: Address = "0x0000000000000000000000000000000000000000";
const rejectAllProofs: ReviewProofCheck = () => false;

/**
 * Applies one transaction. A rejection returns a receipt with a stable code and leaves the state
 * exactly as it was; a success bumps the sender's nonce and returns the new state root.
 */
export function applyTransaction({ state, tx, block, txHash, checkReviewProof = rejectAllProofs, skipRoot = false }: ApplyTransactionParameters): Receipt {
  const hash = txHash ?? hashTx(tx);
  state.begin();
  let fee = 0n;
  try {
    const from = tx.from ?? ZERO_ADDRESS;
    if (isSigned(tx.type)) {
      const nonce = (tx.message as { nonce: bigint }).nonce;
      const account = getAccount(state, from);
      if (nonce < account.nonce) throw new SutureError("NONCE_TOO_LOW", undefined, { expected: account.nonce, got: nonce });
      if (nonce > account.nonce) throw new SutureError("NONCE_TOO_HIGH", undefined, { expected: account.nonce, got: nonce });
      fee = chargeFee(state, tx, from, block.timestamp, block.feeRecipient);
    }
    const result = HANDLERS[tx.type]({ st: state, block, tx, from, txHash: hash }, checkReviewProof);
    if (isSigned(tx.type)) {
      const account = getAccount(state, from);
      state.put("account", from, { ...account, nonce: account.nonce + 1n });
    }
    state.commit();
    return { status: "ok", txHash: hash, result, stateRoot: skipRoot ? ("0x" as Hex) : state.root(), fee };
  } catch (error) {
    state.rollback();
    if (error instanceof SutureError) return { status: "rejected", txHash: hash, error: error.toJSON() };
    throw error;
  }
}
