// The front half of the lifecycle: proposal, offer, acceptance, rescheduling, cancellation and
// no-shows. Leaving a case settles its escrow and releases its packs in the same transaction.
import { ZERO_HASH } from "../constants";
import { reject } from "../../errors";
import type { Tx } from "../../protocol";
import type { Case } from "../../state";
import {
  bumpPatient,
  credit,
  debit,
  getCase,
  getDoctor,
  nextId,
  requireDoctor,
  requireParty,
  requirePatient,
  requireStatus,
  updateCase,
  updateDoctorStats,
  type HandlerContext,
  type HandlerResult,
} from "../context";
import { releasePacks } from "../packs";
import { isValidCode } from "../validation";

export function proposeSurgery(h: HandlerContext<Tx<"ProposeSurgery">>): HandlerResult {
  const { st, tx, from, block } = h;
  const { doctor, procedure, requestedTime, detailsHash } = tx.message;
  const d = getDoctor(st, doctor);
  if (doctor === from) reject("SELF_DEALING");
  if (!isValidCode(procedure)) reject("INVALID_FIELD", "procedure must be 1 to 64 characters", { field: "procedure" });
  if (requestedTime <= BigInt(block.timestamp)) reject("INVALID_TIME", "the requested time has passed");
  const id = nextId(st, "nextCaseId");
  const c: Case = {
    id,
    patient: from,
    doctor,
    procedure,
    status: "PROPOSED",
    requestedTime,
    detailsHash,
    createdAt: block.timestamp,
    offer: null,
    appointmentTime: requestedTime,
    reschedule: null,
    reschedules: 0,
    plan: null,
    confirmedPlan: false,
    escrow: 0n,
    premiumEscrow: 0n,
    recordHash: null,
    packsUsed: [],
    executedAt: null,
    summaryHash: null,
    closedAt: null,
    closedBy: null,
    cancelledBy: null,
    reviewCommitment: null,
    openIncidents: 0,
    incidentIds: [],
    claimedComplications: [],
    historyHash: ZERO_HASH,
    updatedAt: block.timestamp,
  };
  st.put("doctor", doctor, { ...d, stats: { ...d.stats, cases: { ...d.stats.cases, PROPOSED: d.stats.cases.PROPOSED + 1 } } });
  updateCase(h, c, {});
  bumpPatient(st, from, "proposals");
  const relation = st.get("relation", `${doctor}:${from}`);
  st.put("relation", `${doctor}:${from}`, { cases: (relation?.cases ?? 0) + 1 });
  return { caseId: id };
}

export function offerSchedule(h: HandlerContext<Tx<"OfferSchedule">>): HandlerResult {
  const { st, tx, from, block } = h;
  const { caseId, appointmentTime, deposit, price, freeCancelBefore, lateCancelFeeBps } = tx.message;
  const c = getCase(st, caseId);
  requireDoctor(c, from);
  requireStatus(c, "PROPOSED");
  const license = getDoctor(st, from).license ?? reject("LICENSE_MISSING");
  if (license.status !== "ACTIVE") reject("LICENSE_INACTIVE", undefined, { status: license.status });
  if (license.expiresAt <= BigInt(block.timestamp)) reject("LICENSE_EXPIRED", undefined, { expiresAt: license.expiresAt });
  if (appointmentTime <= BigInt(block.timestamp)) reject("INVALID_TIME", "the appointment time has passed");
  if (price === 0n || deposit > price || lateCancelFeeBps > 10_000) reject("INVALID_TERMS", "price > 0, deposit <= price, fee <= 10000 bps");
  updateCase(h, c, { status: "OFFERED", offer: { appointmentTime, deposit, price, freeCancelBefore, lateCancelFeeBps }, appointmentTime });
  return {};
}

export function acceptOffer(h: HandlerContext<Tx<"AcceptOffer">>): HandlerResult {
  const { st, tx, from, block } = h;
  const c = getCase(st, tx.message.caseId);
  requirePatient(c, from);
  requireStatus(c, "OFFERED");
  if (c.appointmentTime <= BigInt(block.timestamp)) reject("INVALID_TIME", "the offered appointment has passed");
  const deposit = c.offer!.deposit;
  debit(st, from, deposit);
  updateCase(h, c, { status: "SCHEDULED", escrow: deposit });
  return {};
}

export function requestReschedule(h: HandlerContext<Tx<"RequestReschedule">>): HandlerResult {
  const { st, tx, from, block } = h;
  const c = getCase(st, tx.message.caseId);
  requireParty(c, from);
  requireStatus(c, "SCHEDULED");
  if (tx.message.newTime <= BigInt(block.timestamp)) reject("INVALID_TIME", "the new time has passed");
  updateCase(h, c, { reschedule: { requester: from, newTime: tx.message.newTime } });
  return {};
}

export function acceptReschedule(h: HandlerContext<Tx<"AcceptReschedule">>): HandlerResult {
  const { st, tx, from, block } = h;
  const c = getCase(st, tx.message.caseId);
  requireParty(c, from);
  requireStatus(c, "SCHEDULED");
  const request = c.reschedule ?? reject("NO_PENDING_RESCHEDULE");
  if (request.requester === from) reject("RESCHEDULE_BY_REQUESTER");
  if (request.newTime <= BigInt(block.timestamp)) reject("INVALID_TIME", "the requested time has passed");
  updateCase(h, c, { appointmentTime: request.newTime, reschedule: null, reschedules: c.reschedules + 1 });
  if (request.requester === c.patient) bumpPatient(st, c.patient, "reschedules");
  return { appointmentTime: request.newTime };
}

export function cancelSurgery(h: HandlerContext<Tx<"CancelSurgery">>): HandlerResult {
  const { st, tx, from, block } = h;
  const c = getCase(st, tx.message.caseId);
  const by = requireParty(c, from);
  requireStatus(c, "PROPOSED", "OFFERED", "SCHEDULED", "PLANNED", "CONFIRMED");
  let fee = 0n;
  let late = false;
  // After the appointment a patient cannot dodge a no-show by cancelling: the doctor settles the
  // case (no-show or surgery record). If the doctor does neither until the close timeout, the
  // patient may leave with a full refund, counted against the doctor, so no escrow is stranded.
  const now = BigInt(block.timestamp);
  const scheduled = c.status === "SCHEDULED" || c.status === "PLANNED" || c.status === "CONFIRMED";
  const abandonedAt = c.appointmentTime + BigInt(st.params.closeTimeoutSeconds);
  const abandoned = by === "patient" && scheduled && now >= abandonedAt;
  if (by === "patient" && scheduled && now >= c.appointmentTime && !abandoned) {
    reject("INVALID_TIME", "the appointment has passed: the doctor marks a no-show or records the surgery", { abandonedAt });
  }
  if (by === "patient" && !abandoned) {
    // The agreed terms: free until `freeCancelBefore` seconds before the appointment, then the
    // doctor keeps `lateCancelFeeBps` of the price-side escrow.
    late = c.offer !== null && BigInt(block.timestamp) + BigInt(c.offer.freeCancelBefore) > c.appointmentTime;
    if (late && c.escrow > 0n) fee = (c.escrow * BigInt(c.offer!.lateCancelFeeBps)) / 10_000n;
  }
  credit(st, c.doctor, fee);
  credit(st, c.patient, c.escrow - fee + c.premiumEscrow);
  releasePacks(st, c.id, c.plan?.packs ?? []);
  unbindPolicy(h, c);
  updateCase(h, c, { status: "CANCELLED", escrow: 0n, premiumEscrow: 0n, cancelledBy: by, reschedule: null });
  if (abandoned) {
    updateDoctorStats(st, c.doctor, (s) => ({ cancellationsByDoctor: s.cancellationsByDoctor + 1 }));
  } else if (by === "patient") {
    bumpPatient(st, c.patient, "cancellations");
    if (late && c.status !== "PROPOSED" && c.status !== "OFFERED") bumpPatient(st, c.patient, "lateCancellations");
  } else {
    updateDoctorStats(st, c.doctor, (s) => ({ cancellationsByDoctor: s.cancellationsByDoctor + 1 }));
  }
  return { refunded: c.escrow - fee + c.premiumEscrow, fee };
}

export function markNoShow(h: HandlerContext<Tx<"MarkNoShow">>): HandlerResult {
  const { st, tx, from, block } = h;
  const c = getCase(st, tx.message.caseId);
  requireDoctor(c, from);
  requireStatus(c, "SCHEDULED", "PLANNED", "CONFIRMED");
  const allowedAt = c.appointmentTime + BigInt(st.params.noShowGraceSeconds);
  if (BigInt(block.timestamp) < allowedAt) reject("TOO_EARLY", undefined, { allowedAt });
  credit(st, c.doctor, c.escrow);
  credit(st, c.patient, c.premiumEscrow);
  releasePacks(st, c.id, c.plan?.packs ?? []);
  unbindPolicy(h, c);
  updateCase(h, c, { status: "NO_SHOW", escrow: 0n, premiumEscrow: 0n, reschedule: null });
  bumpPatient(st, c.patient, "noShows");
  return { paid: c.escrow };
}

/** A confirmed plan counts toward its policy's bound cases until the case leaves. */
function unbindPolicy({ st }: HandlerContext, c: Case): void {
  if (c.status !== "CONFIRMED" || !c.plan || c.plan.policyId === 0n) return;
  const p = st.get("policy", c.plan.policyId.toString())!;
  st.put("policy", p.id.toString(), { ...p, boundCases: p.boundCases - 1, pendingCases: p.pendingCases - 1 });
}
