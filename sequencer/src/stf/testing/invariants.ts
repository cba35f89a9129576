// State invariants beyond value conservation, checked by the property tests after every step:
// no money left in a case that can no longer move, pack reservations that match live plans,
// read-model counters that match the entities they summarise, and policy books that balance.
import type { Address } from "viem";
import { CASE_STATUSES, type CaseStatus, type State } from "../../state";
import { packId } from "../packs";

const TERMINAL: ReadonlySet<CaseStatus> = new Set(["CANCELLED", "NO_SHOW", "CLOSED"]);
const RESERVING: ReadonlySet<CaseStatus> = new Set(["PLANNED", "CONFIRMED"]);

export function checkInvariants(state: State): void {
  const fail = (what: string): never => {
    throw new Error(`invariant broken: ${what}`);
  };
  const casesByStatus = new Map<Address, Record<CaseStatus, number>>();
  const openIncidents = new Map<Address, number>();
  const reserved = new Map<string, bigint>();
  const bound = new Map<string, number>();
  const pending = new Map<string, number>();
  const lastSurgery = new Map<string, number>();

  for (const [id, c] of state.entries("case")) {
    if (TERMINAL.has(c.status) && (c.escrow !== 0n || c.premiumEscrow !== 0n)) fail(`case ${id} is ${c.status} but holds ${c.escrow} + ${c.premiumEscrow}`);
    if (c.premiumEscrow !== 0n && c.status !== "CONFIRMED") fail(`case ${id} is ${c.status} but holds a premium`);
    if (c.escrow < 0n || c.premiumEscrow < 0n) fail(`case ${id} has negative escrow`);
    const counts = casesByStatus.get(c.doctor) ?? (Object.fromEntries(CASE_STATUSES.map((s) => [s, 0])) as Record<CaseStatus, number>);
    counts[c.status]++;
    casesByStatus.set(c.doctor, counts);
    if (RESERVING.has(c.status)) for (const ref of c.plan!.packs) reserved.set(packId(ref), c.id);
    if (c.confirmedPlan && c.plan!.policyId !== 0n && c.status !== "CANCELLED" && c.status !== "NO_SHOW") {
      const policyId = c.plan!.policyId.toString();
      bound.set(policyId, (bound.get(policyId) ?? 0) + 1);
      if (c.status === "CONFIRMED") pending.set(policyId, (pending.get(policyId) ?? 0) + 1);
      if (c.executedAt !== null && c.executedAt > (lastSurgery.get(policyId) ?? -1)) lastSurgery.set(policyId, c.executedAt);
    }
    let open = 0;
    for (const incidentId of c.incidentIds) if (state.get("incident", incidentId.toString())!.status === "OPEN") open++;
    if (open !== c.openIncidents) fail(`case ${id} counts ${c.openIncidents} open incidents, has ${open}`);
    openIncidents.set(c.doctor, (openIncidents.get(c.doctor) ?? 0) + open);
  }

  for (const [id, p] of state.entries("pack")) {
    const holder = reserved.get(id);
    if (p.status === "RESERVED" && p.caseId !== holder) fail(`pack ${id} is reserved for case ${p.caseId}, which does not plan it`);
    // A live plan holds every pack it lists (a recall leaves the pack's status alone).
    if (p.status !== "RESERVED" && holder !== undefined) fail(`pack ${id} is ${p.status} but case ${holder} plans it`);
    if (p.status === "DISPENSED") {
      const c = state.get("case", p.caseId!.toString())!;
      if (c.status !== "EXECUTED" && c.status !== "CLOSED") fail(`pack ${id} dispensed for case ${c.id}, which is ${c.status}`);
    }
  }

  for (const [address, d] of state.entries("doctor")) {
    const counts = casesByStatus.get(address as Address);
    for (const s of CASE_STATUSES)
      if (d.stats.cases[s] !== (counts?.[s] ?? 0)) fail(`doctor ${address} counts ${d.stats.cases[s]} ${s} cases, has ${counts?.[s] ?? 0}`);
    if (d.stats.incidentsOpen !== (openIncidents.get(address as Address) ?? 0)) fail(`doctor ${address} counts ${d.stats.incidentsOpen} open incidents`);
  }

  for (const [id, p] of state.entries("policy")) {
    if (p.reserve + p.paidOut + p.released !== p.cap || p.reserve < 0n)
      fail(`policy ${id}: reserve ${p.reserve} + paid ${p.paidOut} + released ${p.released} != cap ${p.cap}`);
    if (p.boundCases !== (bound.get(id) ?? 0)) fail(`policy ${id} counts ${p.boundCases} bound cases, has ${bound.get(id) ?? 0}`);
    if (p.pendingCases !== (pending.get(id) ?? 0)) fail(`policy ${id} counts ${p.pendingCases} pending cases, has ${pending.get(id) ?? 0}`);
    // Every operated bound case's claim window is covered by the policy's latest surgery.
    if ((lastSurgery.get(id) ?? null) !== null && (p.lastSurgeryAt === null || p.lastSurgeryAt < lastSurgery.get(id)!))
      fail(`policy ${id}: latest surgery ${p.lastSurgeryAt} before a bound case's`);
    if (p.released > 0n && (!p.closed || p.reserve !== 0n)) fail(`policy ${id} released ${p.released} but is open or still holds a reserve`);
  }

  const tree = state.get("reviewTree", "")!;
  if (tree.root !== state.reviewTree.root || tree.size !== state.reviewTree.size) fail("review tree meta does not match the tree");
}

/**
 * No claim is ever left unpaid by a release: once a policy has returned reserve to its insurer,
 * no case bound to it can be paid a claim any more (none awaits its surgery, and every operated
 * one is past the incident window or its longest term's window). Needs the chain's time.
 */
export function checkReleasedReserves(state: State, now: number): void {
  const released = new Map<string, { horizon: number }>();
  for (const [id, p] of state.entries("policy")) {
    if (p.released === 0n) continue;
    const longest = Math.max(0, ...p.terms.map((t) => t.windowDays * 86_400));
    released.set(id, { horizon: Math.min(longest, state.params.incidentWindowSeconds) });
  }
  if (released.size === 0) return;
  for (const [id, c] of state.entries("case")) {
    if (!c.confirmedPlan || c.plan!.policyId === 0n || c.status === "CANCELLED" || c.status === "NO_SHOW") continue;
    const policy = released.get(c.plan!.policyId.toString());
    if (!policy) continue;
    if (c.executedAt === null) throw new Error(`invariant broken: policy ${c.plan!.policyId} released its reserve while case ${id} awaits its surgery`);
    if (now <= c.executedAt + policy.horizon)
      throw new Error(`invariant broken: policy ${c.plan!.policyId} released its reserve while case ${id} can still claim`);
  }
}
