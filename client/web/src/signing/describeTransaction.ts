// Every signed transaction in plain words: a title, one or two sentences of what signing does, and
// each EIP-712 field with a readable label and value (the raw value beside it). The approval dialog
// shows this before any signature; describeTransaction.test.ts checks every type has its words.
import { messageFields, type SignedTxType } from "../../../../sequencer/src/protocol/txTypes";
import { formatBps, formatDuration, formatEth, formatTime, shortHash } from "../lib/format";

export type DescribedField = { name: string; label: string; value: string; raw: string };
export type DescribedTransaction = { title: string; summary: string; fields: DescribedField[] };

type Message = Record<string, unknown>;
type Pack = { gtin: string; serial: string };
type Term = { complication: string; payout: bigint | string; windowDays: number };
type Reader = { reader: string; wrappedKey: string };

const LICENSE_STATUS = ["", "ACTIVE", "SUSPENDED", "REVOKED"];
const ROLES: Record<number, string> = { 1: "manufacturer", 2: "insurer" };
const MONEY = new Set(["amount", "deposit", "price", "premium", "cap", "refund", "payout", "maxFee", "perByte", "perWorkUnit"]);
const TIMES = new Set(["requestedTime", "appointmentTime", "newTime", "expiresAt", "expiry"]);
const ZERO = `0x${"00".repeat(32)}`;

const LABELS: Record<string, string> = {
  nonce: "Nonce (your transaction count)",
  maxFee: "Most you pay in fees",
  latE6: "Latitude",
  lonE6: "Longitude",
  freeCancelBefore: "Free cancellation until",
  lateCancelFeeBps: "Late cancellation fee",
  licenseNumberHash: "License number (hashed)",
  npi: "NPI",
  detailsHash: "Encrypted details (hash)",
  planHash: "Plan (hash)",
  recordHash: "Operative record (hash)",
  summaryHash: "Encrypted summary (hash)",
  evidenceHash: "Evidence (hash)",
  resolutionHash: "Resolution terms (hash)",
  reasonHash: "Reason (hash)",
  ciphertextHash: "Ciphertext (hash)",
  textHash: "Text (hash)",
  profileHash: "Profile (hash)",
  reviewCommitment: "Review commitment",
  wrappedKey: "Record key wrapped for the reader",
  encryptionKey: "Encryption public key",
  policyId: "Insurance policy",
  packsUsed: "Packs used",
  acceptedInsurers: "Accepted insurers",
};

function label(name: string): string {
  return LABELS[name] ?? name.replace(/([A-Z])/g, " $1").replace(/^./, (c) => c.toUpperCase());
}

const packs = (list: unknown) => ((list as Pack[]) ?? []).map((p) => `${p.gtin} / ${p.serial}`).join(", ") || "none";
const terms = (list: unknown) =>
  ((list as Term[]) ?? []).map((t) => `${t.complication} pays ${formatEth(t.payout)} within ${t.windowDays} days`).join("; ") || "none";
const readers = (list: unknown) => ((list as Reader[]) ?? []).map((r) => r.reader).join(", ") || "none";
const list = (value: unknown) => ((value as string[]) ?? []).join(", ") || "none";
const hash = (value: unknown) => (value === ZERO ? "none" : shortHash(String(value)));

function formatValue(name: string, type: string, value: unknown, message: Message): string {
  if (name === "nonce") return `${value}`;
  if (name === "status" && "jurisdiction" in message) return LICENSE_STATUS[Number(value)] ?? `unknown (${value})`;
  if (name === "role") return ROLES[Number(value)] ?? `unknown (${value})`;
  if (name === "policyId") return BigInt(value as bigint) === 0n ? "none" : `#${value}`;
  if (name === "latE6" || name === "lonE6") return `${(Number(value) / 1e6).toFixed(6)}°`;
  if (name === "freeCancelBefore") return `${formatDuration(Number(value))} before the appointment`;
  if (name === "lateCancelFeeBps") return `${formatBps(Number(value))} of the price`;
  if (name === "reviewCommitment") return BigInt(value as bigint) === 0n ? "none (no review)" : `${String(value).slice(0, 12)}… (reveals nothing about you)`;
  if (MONEY.has(name)) return formatEth(value as bigint);
  if (TIMES.has(name)) return formatTime(value as bigint);
  switch (type) {
    case "address":
      return String(value);
    case "address[]":
    case "string[]":
      return list(value);
    case "PackRef[]":
      return packs(value);
    case "PolicyTerm[]":
      return terms(value);
    case "ReaderKey[]":
      return readers(value);
    case "bool":
      return value ? "yes" : "no";
    case "bytes32":
    case "bytes":
      return hash(value);
    case "string":
      return value === "" ? "(empty)" : String(value);
    default:
      return String(value);
  }
}

/** The value as signed: scalars as they are, lists and structs as JSON (bigints in decimal). */
function rawValue(value: unknown): string {
  if (typeof value === "bigint" || typeof value === "number" || typeof value === "string" || typeof value === "boolean") return String(value);
  return JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v)) ?? "";
}

const SENTENCES: { [T in SignedTxType]: (m: Message) => [string, string] } = {
  SetEncryptionKey: () => ["Publish your encryption key", "Others can then encrypt records and case details to you. Only the public half goes on chain."],
  Transfer: (m) => ["Transfer on L2", `Send ${formatEth(m.amount as bigint)} from your L2 balance to ${m.to}.`],
  Withdraw: (m) => [
    "Withdraw to L1",
    `Take ${formatEth(m.amount as bigint)} out of your L2 balance for ${m.recipient} on L1. It can be paid on L1 once its batch is final.`,
  ],
  AdmitParticipant: (m) => [
    m.active ? "Admit a participant" : "Remove a participant",
    `${m.active ? "Admit" : "Remove"} ${m.account} as ${ROLES[Number(m.role)] === "insurer" ? "an insurer" : "a manufacturer"}.`,
  ],
  RegisterDoctor: (m) => [
    "Register as a doctor",
    `Publish your doctor profile: ${list(m.specialties)}, at ${(Number(m.latE6) / 1e6).toFixed(4)}°, ${(Number(m.lonE6) / 1e6).toFixed(4)}°, accepting ${
      (m.acceptedInsurers as string[]).length
    } insurer(s). A licensing board must attest your license before patients can book.`,
  ],
  AttestLicense: (m) => [
    "Attest a license",
    `Record ${m.doctor}'s license in ${m.jurisdiction} as ${LICENSE_STATUS[Number(m.status)] ?? "?"} until ${formatTime(m.expiresAt as bigint)}.`,
  ],
  RegisterMedicine: (m) => [
    "Register medicine packs",
    `Register ${(m.serials as string[]).length} pack(s) of GTIN ${m.gtin}, lot ${m.lot}, expiring ${formatTime(m.expiry as bigint)}.`,
  ],
  RecallLot: (m) => [
    "Recall a lot",
    `Recall every pack of lot ${m.lot} of GTIN ${m.gtin}. A recall cannot be undone; recalled packs cannot be used in a plan.`,
  ],
  PublishPolicy: (m) => [
    "Publish an insurance policy",
    `Cover ${list(m.procedures)} for a premium of ${formatEth(m.premium as bigint)}. The cap, ${formatEth(
      m.cap as bigint,
    )}, is locked from your balance as the reserve claims are paid from. Terms: ${terms(m.terms)}.`,
  ],
  ReleaseReserve: (m) => [
    "Close a policy and release its reserve",
    `Close policy #${m.policyId} to new plans, for good. Its reserve comes back to your balance once no case bound to it can claim any more; until then this only closes it.`,
  ],
  ProposeSurgery: (m) => [
    "Propose a surgery",
    `Ask ${m.doctor} for a ${m.procedure} around ${formatTime(m.requestedTime as bigint)}.${
      m.detailsHash === ZERO ? "" : " Your details are encrypted to the doctor; only their hash goes on chain."
    }`,
  ],
  OfferSchedule: (m) => [
    "Offer an appointment",
    `Offer case #${m.caseId} an appointment on ${formatTime(m.appointmentTime as bigint)}: deposit ${formatEth(m.deposit as bigint)}, price ${formatEth(
      m.price as bigint,
    )}, free cancellation until ${formatDuration(Number(m.freeCancelBefore))} before, then a ${formatBps(Number(m.lateCancelFeeBps))} fee.`,
  ],
  AcceptOffer: (m) => ["Accept the offer", `Accept the doctor's terms for case #${m.caseId}. The deposit moves from your L2 balance into escrow now.`],
  RequestReschedule: (m) => ["Ask to reschedule", `Ask to move case #${m.caseId} to ${formatTime(m.newTime as bigint)}. The other party must accept.`],
  AcceptReschedule: (m) => ["Accept the new time", `Accept the new appointment time proposed for case #${m.caseId}.`],
  CancelSurgery: (m) => ["Cancel the surgery", `Cancel case #${m.caseId}. Money in escrow is refunded by the agreed cancellation terms.`],
  MarkNoShow: (m) => ["Mark a no-show", `The patient of case #${m.caseId} did not come: the deposit in escrow is paid to you.`],
  ProposePlan: (m) => [
    "Propose the plan",
    `Plan case #${m.caseId} with ${(m.packs as Pack[]).length} medicine pack(s) (${packs(m.packs)}) and ${
      BigInt(m.policyId as bigint) === 0n ? "no insurance" : `insurance policy #${m.policyId}`
    }. The packs are reserved for this case.`,
  ],
  ConfirmPlan: (m) => [
    "Confirm the plan",
    `Confirm the plan of case #${m.caseId} exactly as proposed (its hash is signed): the rest of the price and the insurance premium move into escrow.`,
  ],
  RecordSurgery: (m) => ["Record the surgery", `Record that case #${m.caseId} was operated, with ${packs(m.packsUsed)} dispensed.`],
  PostSummary: (m) => ["Post the summary", `Attach the encrypted summary ${hash(m.summaryHash)} to case #${m.caseId}.`],
  ReportIncident: (m) => [
    "Report a complication",
    `Report "${m.complication}" on case #${m.caseId}. When the doctor attests it and a policy term matches, the policy pays automatically.`,
  ],
  ProposeResolution: (m) => ["Propose a resolution", `Propose to resolve incident #${m.incidentId} with a refund of ${formatEth(m.refund as bigint)}.`],
  AcceptResolution: (m) => ["Accept the resolution", `Accept resolving incident #${m.incidentId} with a refund of ${formatEth(m.refund as bigint)}.`],
  CloseSurgery: (m) => [
    "Close the case",
    `Close case #${m.caseId}: the escrow is paid to the doctor.${
      BigInt(m.reviewCommitment as bigint) === 0n
        ? ""
        : " A review commitment derived from your key is published, so you can later review this surgery anonymously."
    }`,
  ],
  FinalizeSurgery: (m) => ["Finalize the case", `Close case #${m.caseId} after the patient's close timeout: the escrow is paid to you.`],
  AddReviewCommitment: (m) => ["Add a review commitment", `Publish the review commitment of case #${m.caseId}, so you can review it anonymously.`],
  CreateRecord: (m) => [
    "Register an encrypted record",
    `Register a record about ${m.subject} (ciphertext ${hash(m.ciphertextHash)}) readable by: ${readers(m.readers)}. Only the readers' keys can open it.`,
  ],
  GrantAccess: (m) => ["Share a record", `Let ${m.reader} read record #${m.recordId}: the record's key is wrapped for their public key.`],
  RevokeAccess: (m) => ["Revoke access", `Stop ${m.reader} from reading record #${m.recordId} from now on (what they have read cannot be unread).`],
  ReplyToReview: (m) => ["Reply to a review", `Publish your public reply to review #${m.reviewId}. A reply never changes the rating.`],
  SetFeeSchedule: (m) => [
    "Announce a new fee schedule",
    `From ${whenEffective(m.effectiveAt as bigint)}, every transaction pays ${formatEth(m.perByte as bigint)} per byte and ${formatEth(m.perWorkUnit as bigint)} per unit of work.`,
  ],
};

export function describeTransaction(type: SignedTxType, message: Message): DescribedTransaction {
  const [title, summary] = SENTENCES[type](message);
  const fields = messageFields(type).map((f) => ({
    name: f.name,
    label: label(f.name),
    value: formatValue(f.name, f.type, message[f.name], message),
    raw: rawValue(message[f.name]),
  }));
  return { title, summary, fields };
}

/** An announced schedule's start: a date when it is one, else the block time as given. */
function whenEffective(effectiveAt: bigint): string {
  const ms = Number(effectiveAt) * 1000;
  return Number.isSafeInteger(ms) && ms < 8.64e15 ? new Date(ms).toISOString() : `block time ${effectiveAt}`;
}
