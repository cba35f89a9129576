// Registries: participants admitted by regulators, doctors and their licenses, medicine packs and
// lots, insurance policies.
import { reject } from "../../errors";
import type { Tx } from "../../protocol";
import { emptyDoctorStats, LICENSE_STATUSES, PARTICIPANT_ROLES, type Lot, type Participant, type Policy, type State } from "../../state";
import { credit, debit, getDoctor, nextId, type HandlerContext, type HandlerResult } from "../context";
import { hasDuplicates, isValidCode, isValidGtin, isValidNpi, isValidSerial } from "../validation";

const MAX_SPECIALTIES = 8;
const MAX_ACCEPTED_INSURERS = 32;
const MAX_SERIALS_PER_TX = 100;
const MAX_POLICY_ITEMS = 16;
const DAY = 86_400n;

export function admitParticipant({ st, tx, from }: HandlerContext<Tx<"AdmitParticipant">>): HandlerResult {
  const { account, role, active } = tx.message;
  const name = PARTICIPANT_ROLES[role as keyof typeof PARTICIPANT_ROLES];
  if (!name) reject("INVALID_ROLE", undefined, { role });
  const regulator = name === "manufacturer" ? st.params.medicineRegulator : st.params.insuranceRegulator;
  if (from !== regulator) reject("NOT_AUTHORIZED", `only the ${name === "manufacturer" ? "medicine" : "insurance"} regulator admits ${name}s`);
  const current: Participant = st.get("participant", account) ?? { manufacturer: false, insurer: false };
  st.put("participant", account, { ...current, [name]: active });
  return {};
}

export function registerDoctor({ st, tx, from, block }: HandlerContext<Tx<"RegisterDoctor">>): HandlerResult {
  const { specialties, latE6, lonE6, acceptedInsurers, profileHash } = tx.message;
  if (specialties.length === 0 || specialties.length > MAX_SPECIALTIES || !specialties.every((s) => isValidCode(s, 48)) || hasDuplicates(specialties)) {
    reject("INVALID_PROFILE", `1 to ${MAX_SPECIALTIES} distinct specialties of 1 to 48 characters`);
  }
  if (Math.abs(latE6) > 90_000_000 || Math.abs(lonE6) > 180_000_000) reject("INVALID_PROFILE", "latitude/longitude out of range");
  if (acceptedInsurers.length > MAX_ACCEPTED_INSURERS || hasDuplicates(acceptedInsurers)) reject("INVALID_PROFILE", "accepted insurers repeat or exceed 32");
  const existing = st.get("doctor", from);
  st.put("doctor", from, {
    address: from,
    specialties,
    latE6,
    lonE6,
    acceptedInsurers,
    profileHash,
    registeredAt: existing?.registeredAt ?? block.timestamp,
    license: existing?.license ?? null,
    stats: existing?.stats ?? emptyDoctorStats(),
  });
  return {};
}

export function attestLicense({ st, tx, from, block }: HandlerContext<Tx<"AttestLicense">>): HandlerResult {
  const { doctor, jurisdiction, licenseNumberHash, npi, status, expiresAt } = tx.message;
  if (from !== st.params.licensingBoard) reject("NOT_AUTHORIZED", "only the licensing board attests licenses");
  const d = getDoctor(st, doctor);
  const statusName = LICENSE_STATUSES[status - 1];
  if (!statusName || !isValidCode(jurisdiction) || expiresAt === 0n) reject("INVALID_LICENSE", "status 1..3, a jurisdiction and an expiry are required");
  if (npi !== "" && !isValidNpi(npi)) reject("INVALID_NPI", undefined, { npi });
  st.put("doctor", doctor, {
    ...d,
    license: { board: from, jurisdiction, licenseNumberHash, npi, status: statusName, expiresAt, attestedAt: block.timestamp },
  });
  return {};
}

export function registerMedicine({ st, tx, from, block }: HandlerContext<Tx<"RegisterMedicine">>): HandlerResult {
  const { gtin, lot, expiry, serials } = tx.message;
  if (!st.get("participant", from)?.manufacturer) reject("NOT_AUTHORIZED", "only admitted manufacturers register medicine");
  if (!isValidGtin(gtin)) reject("INVALID_GTIN", undefined, { gtin });
  if (!isValidSerial(lot) || serials.length === 0 || serials.length > MAX_SERIALS_PER_TX || !serials.every(isValidSerial) || hasDuplicates(serials)) {
    reject("INVALID_MEDICINE", `a valid lot and 1 to ${MAX_SERIALS_PER_TX} distinct serials of 1 to 20 characters`);
  }
  if (expiry <= BigInt(block.timestamp)) reject("INVALID_MEDICINE", "the expiry has passed");
  const lotId = `${gtin}/${lot}`;
  const existing = st.get("lot", lotId);
  if (existing) {
    if (existing.manufacturer !== from || existing.expiry !== expiry) reject("LOT_MISMATCH", undefined, { gtin, lot });
    if (existing.recalled) reject("MEDICINE_RECALLED", "the lot is recalled", { gtin, lot });
  }
  for (const serial of serials) {
    if (st.get("pack", `${gtin}/${serial}`)) reject("MEDICINE_ALREADY_REGISTERED", undefined, { gtin, serial });
  }
  const next: Lot = existing
    ? { ...existing, packs: existing.packs + serials.length }
    : { gtin, lot, manufacturer: from, expiry, packs: serials.length, recalled: false, recalledAt: null };
  st.put("lot", lotId, next);
  for (const serial of serials) {
    st.put("pack", `${gtin}/${serial}`, { gtin, serial, lot, manufacturer: from, expiry, status: "ACTIVE", caseId: null });
  }
  return { registered: serials.length };
}

export function recallLot({ st, tx, from, block }: HandlerContext<Tx<"RecallLot">>): HandlerResult {
  const { gtin, lot } = tx.message;
  if (!isValidGtin(gtin)) reject("INVALID_GTIN", undefined, { gtin });
  const existing = st.get("lot", `${gtin}/${lot}`) ?? reject("LOT_NOT_FOUND", undefined, { gtin, lot });
  if (from !== existing.manufacturer && from !== st.params.medicineRegulator)
    reject("NOT_AUTHORIZED", "only the lot's manufacturer or the medicine regulator recalls it");
  if (existing.recalled) reject("LOT_ALREADY_RECALLED");
  // One write covers every pack of the lot: a pack's recall status is read through its lot.
  st.put("lot", `${gtin}/${lot}`, { ...existing, recalled: true, recalledAt: block.timestamp });
  return { packs: existing.packs };
}

export function publishPolicy({ st, tx, from, block }: HandlerContext<Tx<"PublishPolicy">>): HandlerResult {
  const { procedures, terms, premium, cap } = tx.message;
  if (!st.get("participant", from)?.insurer) reject("NOT_AUTHORIZED", "only admitted insurers publish policies");
  const validProcedures =
    procedures.length > 0 && procedures.length <= MAX_POLICY_ITEMS && procedures.every((p) => isValidCode(p)) && !hasDuplicates(procedures);
  const validTerms =
    terms.length > 0 &&
    terms.length <= MAX_POLICY_ITEMS &&
    !hasDuplicates(terms, (t) => t.complication) &&
    terms.every((t) => isValidCode(t.complication) && t.payout > 0n && t.payout <= cap && t.windowDays >= 1 && t.windowDays <= 3650);
  if (!validProcedures || !validTerms || cap === 0n) reject("INVALID_POLICY");
  debit(st, from, cap);
  const id = nextId(st, "nextPolicyId");
  st.put("policy", id.toString(), {
    id,
    insurer: from,
    procedures,
    terms,
    premium,
    cap,
    reserve: cap,
    paidOut: 0n,
    boundCases: 0,
    createdAt: block.timestamp,
    closed: false,
    pendingCases: 0,
    lastSurgeryAt: null,
    released: 0n,
  });
  return { policyId: id };
}

/**
 * The last moment a case bound to the policy can still be paid a claim, or null when none ever
 * can: a claim needs an operated case (a bound case still CONFIRMED may yet be operated, so then
 * there is no end), a report within `incidentWindowSeconds` of the surgery and a term whose
 * window is not over. Block times never go back, so the latest surgery ends last.
 */
export function claimsOpenUntil(st: State, policy: Policy): bigint | "pending" | null {
  if (policy.pendingCases > 0) return "pending";
  if (policy.lastSurgeryAt === null) return null;
  let longest = 0n;
  for (const t of policy.terms) if (BigInt(t.windowDays) * DAY > longest) longest = BigInt(t.windowDays) * DAY;
  const incidentWindow = BigInt(st.params.incidentWindowSeconds);
  return BigInt(policy.lastSurgeryAt) + (incidentWindow < longest ? incidentWindow : longest);
}

/**
 * The insurer closes its policy to new plans, and takes back its reserve once no case can claim
 * on it any more. Sent while a case can still claim, it only closes the policy (releasing
 * nothing); sent again after the last claim window, it releases the whole reserve. So no claim the
 * terms allow ever finds a smaller reserve than it would have without the release.
 */
export function releaseReserve({ st, tx, from, block }: HandlerContext<Tx<"ReleaseReserve">>): HandlerResult {
  const { policyId } = tx.message;
  const policy = st.get("policy", policyId.toString()) ?? reject("POLICY_NOT_FOUND", undefined, { policyId });
  if (from !== policy.insurer) reject("NOT_AUTHORIZED", "only the policy's insurer releases its reserve");
  if (policy.closed && policy.reserve === 0n) reject("RESERVE_EMPTY", undefined, { policyId });
  const until = claimsOpenUntil(st, policy);
  const open = until === "pending" || (until !== null && BigInt(block.timestamp) <= until);
  if (open && policy.closed) {
    reject("POLICY_CLAIMS_OPEN", undefined, { policyId, pendingCases: policy.pendingCases, ...(until === "pending" ? {} : { claimsOpenUntil: until }) });
  }
  const released = open ? 0n : policy.reserve;
  credit(st, from, released);
  st.put("policy", policy.id.toString(), { ...policy, closed: true, reserve: policy.reserve - released, released: policy.released + released });
  return { released };
}
