// The clinical middle of the lifecycle: medicine and insurance plan, confirmation with payment,
// the surgery record, and the encrypted summary.
import { reject } from "../../errors";
import type { Tx } from "../../protocol";
import {
  credit,
  debit,
  getCase,
  getDoctor,
  requireDoctor,
  requirePatient,
  requireStatus,
  updateCase,
  type HandlerContext,
  type HandlerResult,
} from "../context";
import { packId, releasePacks, requireNotRecalled, requireUsablePack, setPackStatus } from "../packs";
import { hasDuplicates, isValidGtin } from "../validation";

const MAX_PLAN_PACKS = 32;

export function proposePlan(h: HandlerContext<Tx<"ProposePlan">>): HandlerResult {
  const { st, tx, from } = h;
  const { caseId, packs, policyId, planHash } = tx.message;
  const c = getCase(st, caseId);
  requireDoctor(c, from);
  requireStatus(c, "SCHEDULED", "PLANNED");
  // A valid GTIN (14 digits) fixes where a pack id splits, so no other (gtin, serial) names the same pack.
  if (packs.length > MAX_PLAN_PACKS || hasDuplicates(packs, packId) || !packs.every((p) => isValidGtin(p.gtin)))
    reject("INVALID_PLAN", `at most ${MAX_PLAN_PACKS} distinct packs, by valid GTINs`);
  for (const ref of packs) requireUsablePack(st, ref, c.id, c.appointmentTime);
  let premium = 0n;
  if (policyId !== 0n) {
    const policy = st.get("policy", policyId.toString()) ?? reject("POLICY_NOT_FOUND", undefined, { policyId });
    if (policy.closed) reject("POLICY_CLOSED", undefined, { policyId });
    if (!policy.procedures.includes(c.procedure)) reject("POLICY_NOT_COVERING", undefined, { policyId, procedure: c.procedure });
    if (!getDoctor(st, c.doctor).acceptedInsurers.includes(policy.insurer)) reject("POLICY_NOT_ACCEPTED", undefined, { insurer: policy.insurer });
    premium = policy.premium;
  }
  // A new plan replaces an unconfirmed one: release what it no longer uses, reserve the rest.
  const keep = new Set(packs.map(packId));
  releasePacks(
    st,
    c.id,
    (c.plan?.packs ?? []).filter((p) => !keep.has(packId(p))),
  );
  for (const ref of packs) setPackStatus(st, ref, "RESERVED", c.id);
  updateCase(h, c, { status: "PLANNED", plan: { packs, policyId, planHash, premium } });
  return { premium };
}

export function confirmPlan(h: HandlerContext<Tx<"ConfirmPlan">>): HandlerResult {
  const { st, tx, from } = h;
  const c = getCase(st, tx.message.caseId);
  requirePatient(c, from);
  requireStatus(c, "PLANNED");
  const plan = c.plan!;
  if (plan.planHash !== tx.message.planHash) reject("PLAN_HASH_MISMATCH");
  for (const ref of plan.packs) requireNotRecalled(st, st.get("pack", packId(ref))!);
  // A policy closed since the plan was proposed binds no new case: the doctor plans again.
  const policy = plan.policyId === 0n ? null : st.get("policy", plan.policyId.toString())!;
  if (policy?.closed) reject("POLICY_CLOSED", undefined, { policyId: plan.policyId });
  const rest = c.offer!.price - c.escrow;
  debit(st, from, rest + plan.premium);
  if (policy) st.put("policy", policy.id.toString(), { ...policy, boundCases: policy.boundCases + 1, pendingCases: policy.pendingCases + 1 });
  updateCase(h, c, { status: "CONFIRMED", escrow: c.escrow + rest, premiumEscrow: plan.premium, confirmedPlan: true });
  return { paid: rest + plan.premium };
}

export function recordSurgery(h: HandlerContext<Tx<"RecordSurgery">>): HandlerResult {
  const { st, tx, from, block } = h;
  const { caseId, recordHash, packsUsed } = tx.message;
  const c = getCase(st, caseId);
  requireDoctor(c, from);
  requireStatus(c, "CONFIRMED");
  if (BigInt(block.timestamp) < c.appointmentTime)
    reject("TOO_EARLY", "the surgery cannot be recorded before the appointment", { appointmentTime: c.appointmentTime });
  const planned = new Set((c.plan?.packs ?? []).map(packId));
  if (hasDuplicates(packsUsed, packId) || !packsUsed.every((p) => isValidGtin(p.gtin))) reject("INVALID_PLAN", "a pack is listed twice or by an invalid GTIN");
  for (const ref of packsUsed) {
    if (!planned.has(packId(ref))) reject("PACK_NOT_IN_PLAN", undefined, { ...ref });
    requireNotRecalled(st, st.get("pack", packId(ref))!);
  }
  for (const ref of packsUsed) setPackStatus(st, ref, "DISPENSED", c.id);
  const used = new Set(packsUsed.map(packId));
  releasePacks(
    st,
    c.id,
    (c.plan?.packs ?? []).filter((p) => !used.has(packId(p))),
  );
  // Coverage starts with the surgery: the premium goes to the insurer now, and the policy's
  // claims stay open for this case's window (ReleaseReserve waits for it).
  if (c.plan && c.plan.policyId !== 0n) {
    const p = st.get("policy", c.plan.policyId.toString())!;
    credit(st, p.insurer, c.premiumEscrow);
    const last = p.lastSurgeryAt !== null && p.lastSurgeryAt > block.timestamp ? p.lastSurgeryAt : block.timestamp;
    st.put("policy", p.id.toString(), { ...p, pendingCases: p.pendingCases - 1, lastSurgeryAt: last });
  }
  updateCase(h, c, { status: "EXECUTED", recordHash, packsUsed, executedAt: block.timestamp, premiumEscrow: 0n });
  return {};
}

export function postSummary(h: HandlerContext<Tx<"PostSummary">>): HandlerResult {
  const { st, tx, from } = h;
  const c = getCase(st, tx.message.caseId);
  requireDoctor(c, from);
  requireStatus(c, "EXECUTED", "CLOSED");
  updateCase(h, c, { summaryHash: tx.message.summaryHash });
  return {};
}
