// Incidents: reports by either party, automatic payouts when the doctor attests a complication a
// bound policy covers, and resolutions both parties sign.
import { reject } from "../../errors";
import type { Tx } from "../../protocol";
import type { Case, Incident } from "../../state";
import {
  credit,
  debit,
  getAccount,
  getCase,
  nextId,
  requireParty,
  requireStatus,
  updateCase,
  updateDoctorStats,
  type HandlerContext,
  type HandlerResult,
} from "../context";
import { isValidCode } from "../validation";

const DAY = 86_400n;

export function reportIncident(h: HandlerContext<Tx<"ReportIncident">>): HandlerResult {
  const { st, tx, from, block } = h;
  const { caseId, complication, evidenceHash } = tx.message;
  const c = getCase(st, caseId);
  const by = requireParty(c, from);
  requireStatus(c, "CONFIRMED", "EXECUTED", "CLOSED");
  if (!isValidCode(complication)) reject("INVALID_FIELD", "complication must be 1 to 64 characters", { field: "complication" });
  const now = BigInt(block.timestamp);
  const since = c.executedAt === null ? null : BigInt(c.executedAt);
  if (since !== null && now > since + BigInt(st.params.incidentWindowSeconds)) reject("INCIDENT_WINDOW_CLOSED");

  // The doctor reporting a complication the patient already reported attests that incident.
  const pending = by === "doctor" ? findUnattested(h, c, complication) : undefined;
  let incident: Incident;
  let current = c;
  if (pending) {
    incident = { ...pending, attested: true };
  } else {
    const id = nextId(st, "nextIncidentId");
    incident = {
      id,
      caseId,
      reporter: from,
      complication,
      evidenceHash,
      attested: by === "doctor",
      payout: 0n,
      status: "OPEN",
      proposal: null,
      refund: 0n,
      openedAt: block.timestamp,
      resolvedAt: null,
    };
    current = { ...c, openIncidents: c.openIncidents + 1, incidentIds: [...c.incidentIds, id] };
    updateDoctorStats(st, c.doctor, (s) => ({ incidentsOpen: s.incidentsOpen + 1 }));
  }
  const payout = incident.attested ? claim(h, current, complication) : 0n;
  if (payout > 0n) {
    credit(st, c.patient, payout);
    incident = { ...incident, payout };
    current = { ...current, claimedComplications: [...current.claimedComplications, complication] };
  }
  st.put("incident", incident.id.toString(), incident);
  updateCase(h, c, { openIncidents: current.openIncidents, incidentIds: current.incidentIds, claimedComplications: current.claimedComplications });
  return { incidentId: incident.id, payout };
}

function findUnattested({ st }: HandlerContext, c: Case, complication: string): Incident | undefined {
  for (const id of c.incidentIds) {
    const i = st.get("incident", id.toString())!;
    if (i.status === "OPEN" && !i.attested && i.complication === complication) return i;
  }
  return undefined;
}

/**
 * Pays a covered, attested complication once per case, from the policy's locked reserve.
 * Coverage starts with the recorded surgery (when the insurer receives the premium): before it,
 * a cancellation or no-show refunds the premium, so a claim then would be paid for nothing.
 */
function claim({ st, block }: HandlerContext, c: Case, complication: string): bigint {
  if (!c.plan || c.plan.policyId === 0n || !c.confirmedPlan || c.executedAt === null) return 0n;
  if (c.claimedComplications.includes(complication)) return 0n;
  const policy = st.get("policy", c.plan.policyId.toString())!;
  const term = policy.terms.find((t) => t.complication === complication);
  if (!term) return 0n;
  if (BigInt(block.timestamp) > BigInt(c.executedAt) + BigInt(term.windowDays) * DAY) return 0n;
  const payout = term.payout < policy.reserve ? term.payout : policy.reserve;
  if (payout === 0n) return 0n;
  st.put("policy", policy.id.toString(), { ...policy, reserve: policy.reserve - payout, paidOut: policy.paidOut + payout });
  return payout;
}

export function proposeResolution(h: HandlerContext<Tx<"ProposeResolution">>): HandlerResult {
  const { st, tx, from } = h;
  const incident = st.get("incident", tx.message.incidentId.toString()) ?? reject("INCIDENT_NOT_FOUND");
  requireParty(getCase(st, incident.caseId), from);
  if (incident.status !== "OPEN") reject("INCIDENT_NOT_OPEN");
  st.put("incident", incident.id.toString(), {
    ...incident,
    proposal: { proposer: from, refund: tx.message.refund, resolutionHash: tx.message.resolutionHash },
  });
  return {};
}

export function acceptResolution(h: HandlerContext<Tx<"AcceptResolution">>): HandlerResult {
  const { st, tx, from, block } = h;
  const incident = st.get("incident", tx.message.incidentId.toString()) ?? reject("INCIDENT_NOT_FOUND");
  const c = getCase(st, incident.caseId);
  requireParty(c, from);
  if (incident.status !== "OPEN") reject("INCIDENT_NOT_OPEN");
  const proposal = incident.proposal ?? reject("NO_RESOLUTION_PROPOSED");
  if (proposal.proposer === from) reject("NOT_COUNTERPARTY");
  if (proposal.resolutionHash !== tx.message.resolutionHash || proposal.refund !== tx.message.refund) {
    reject("RESOLUTION_MISMATCH", undefined, { refund: proposal.refund, resolutionHash: proposal.resolutionHash });
  }
  // The refund comes from what the case still holds, then from the doctor's balance.
  const fromEscrow = proposal.refund < c.escrow ? proposal.refund : c.escrow;
  const fromDoctor = proposal.refund - fromEscrow;
  if (getAccount(st, c.doctor).balance < fromDoctor) reject("INSUFFICIENT_BALANCE", "the doctor's balance does not cover the refund");
  debit(st, c.doctor, fromDoctor);
  credit(st, c.patient, proposal.refund);
  st.put("incident", incident.id.toString(), { ...incident, status: "RESOLVED", refund: proposal.refund, resolvedAt: block.timestamp });
  updateCase(h, c, { escrow: c.escrow - fromEscrow, openIncidents: c.openIncidents - 1 });
  updateDoctorStats(st, c.doctor, (s) => ({ incidentsOpen: s.incidentsOpen - 1, incidentsResolved: s.incidentsResolved + 1 }));
  return { refund: proposal.refund };
}
