// `suture case`: the surgery lifecycle, one command per step, for patients and doctors.
import { readFileSync } from "node:fs";
import { keccak256, toBytes } from "viem";
import { SutureClientError } from "../../errors";
import type { RecordContent } from "../../records";
import type { CaseListView, CaseView } from "../../types/json";
import { flag, pageOptions, str, strs, type Command } from "../command";
import { eth, fields, nextPage, receipt, table } from "../output";
import { address, amount, hash32, id, int, list, pack, page, required, time } from "../parse";

const caseOption = { case: str };
const caseId = (v: Record<string, unknown>) => id(required(v as never, "case"), "case");

function caseFields(c: CaseView) {
  return {
    case: c.id,
    status: c.status,
    patient: c.patient,
    doctor: c.doctor,
    procedure: c.procedure,
    appointment: new Date(Number(c.appointmentTime) * 1000).toISOString(),
    price: c.offer ? eth(c.offer.price) : null,
    escrow: eth(c.escrow),
    plan: c.plan ? `${c.plan.packs.map((p) => `${p.gtin}/${p.serial}`).join(" ")}${c.plan.policyId !== "0" ? ` policy ${c.plan.policyId}` : ""}` : null,
    incidents: c.incidentIds.join(",") || null,
    summary: c.summaryHash,
  };
}

/** --file PATH (any bytes) or --content JSON. */
export function recordContent(v: Record<string, unknown>): RecordContent {
  if (typeof v.file === "string") return { bytes: readFileSync(v.file), name: v.file.split("/").pop() };
  if (typeof v.content === "string") {
    try {
      return { json: JSON.parse(v.content) };
    } catch {
      return { json: v.content };
    }
  }
  throw new SutureClientError("INVALID_ARGUMENT", "give --file PATH or --content JSON");
}

const simple = (
  words: string,
  summary: string,
  example: string,
  call: (client: Awaited<ReturnType<import("../context").CliContext["signer"]>>, caseId: bigint) => Promise<unknown>,
): Command => ({
  words,
  summary,
  example,
  options: caseOption,
  run: async (ctx, v) => call(await ctx.signer(), caseId(v)),
  print: receipt,
});

export const caseCommands: Command[] = [
  {
    words: "case propose",
    summary: "Patient: propose a surgery to a doctor (details are encrypted to the doctor)",
    example: 'suture case propose --doctor 0x... --procedure rhinoplasty --time +30d --details "deviated septum"',
    options: { doctor: str, procedure: str, time: str, details: str },
    async run(ctx, v) {
      return (await ctx.signer()).proposeSurgery({
        doctor: address(required(v, "doctor"), "doctor"),
        procedure: required(v, "procedure"),
        requestedTime: time(required(v, "time"), "time"),
        ...(typeof v.details === "string" && { details: v.details }),
      });
    },
    print: receipt,
  },
  {
    words: "case details",
    summary: "Doctor: decrypt a case's details",
    example: "suture case details --case 1",
    options: caseOption,
    run: async (ctx, v) => ({ details: await (await ctx.signer()).decryptCaseDetails({ caseId: caseId(v) }) }),
    print: (r: { details: unknown }) => (typeof r.details === "string" ? r.details : JSON.stringify(r.details, null, 2)),
  },
  {
    words: "case offer",
    summary: "Doctor (licensed): offer an appointment, deposit, price and cancellation terms",
    example: "suture case offer --case 1 --time +14d --deposit 0.5 --price 2 --free-cancel-before 86400 --late-fee-bps 1000",
    options: { ...caseOption, time: str, deposit: str, price: str, "free-cancel-before": str, "late-fee-bps": str },
    async run(ctx, v) {
      return (await ctx.signer()).offerSchedule({
        caseId: caseId(v),
        appointmentTime: time(required(v, "time"), "time"),
        deposit: amount(required(v, "deposit"), "deposit"),
        price: amount(required(v, "price"), "price"),
        freeCancelBefore: int((v["free-cancel-before"] as string) ?? "86400", "free-cancel-before"),
        lateCancelFeeBps: int((v["late-fee-bps"] as string) ?? "0", "late-fee-bps"),
      });
    },
    print: receipt,
  },
  simple("case accept", "Patient: accept the offer (the deposit goes into escrow)", "suture case accept --case 1", (c, caseId) => c.acceptOffer({ caseId })),
  {
    words: "case reschedule",
    summary: "Either party: request a new appointment time (the other accepts with `case accept-reschedule`)",
    example: "suture case reschedule --case 1 --time +21d",
    options: { ...caseOption, time: str },
    run: async (ctx, v) => (await ctx.signer()).requestReschedule({ caseId: caseId(v), newTime: time(required(v, "time"), "time") }),
    print: receipt,
  },
  simple("case accept-reschedule", "The other party: accept the requested time", "suture case accept-reschedule --case 1", (c, caseId) =>
    c.acceptReschedule({ caseId }),
  ),
  {
    words: "case plan",
    summary: "Doctor: propose the medicine packs (and insurance policy); recalled, expired or reserved packs are rejected",
    example: "suture case plan --case 1 --pack 09506000134352/S1 --policy 1",
    options: { ...caseOption, pack: strs, policy: str },
    async run(ctx, v) {
      return (await ctx.signer()).proposePlan({
        caseId: caseId(v),
        packs: list(v, "pack").map((p) => pack(p, "pack")),
        policyId: v.policy === undefined ? 0n : id(v.policy as string, "policy"),
      });
    },
    print: receipt,
  },
  simple(
    "case confirm",
    "Patient: confirm the plan on chain (pays the rest of the price and the premium into escrow)",
    "suture case confirm --case 1",
    (c, caseId) => c.confirmPlan({ caseId }),
  ),
  {
    words: "case record",
    summary: "Doctor, at or after the appointment: record the surgery and the packs used",
    example: "suture case record --case 1 --pack 09506000134352/S1 --record-hash 0x...",
    options: { ...caseOption, pack: strs, "record-hash": str },
    async run(ctx, v) {
      const recordHash =
        typeof v["record-hash"] === "string" ? hash32(v["record-hash"], "record-hash") : keccak256(toBytes(`surgery record of case ${caseId(v)}`));
      return (await ctx.signer()).recordSurgery({ caseId: caseId(v), recordHash, packsUsed: list(v, "pack").map((p) => pack(p, "pack")) });
    },
    print: receipt,
  },
  {
    words: "case summary",
    summary: "Doctor: post the encrypted surgery summary (a record the patient can read and share)",
    example: "suture case summary --case 1 --file summary.pdf",
    options: { ...caseOption, file: str, content: str },
    run: async (ctx, v) => (await ctx.signer()).postSummary({ caseId: caseId(v), content: recordContent(v) }),
    print: receipt,
  },
  {
    words: "case close",
    summary: "Patient: close the case (escrow to the doctor) and publish a review commitment for a later anonymous review",
    example: "suture case close --case 1",
    options: { ...caseOption, "no-review": flag },
    run: async (ctx, v) => (await ctx.signer()).closeSurgery({ caseId: caseId(v), review: !v["no-review"] }),
    print: receipt,
  },
  simple(
    "case finalize",
    "Doctor, after the close timeout with no open incident: close the case and take the escrow",
    "suture case finalize --case 1",
    (c, caseId) => c.finalizeSurgery({ caseId }),
  ),
  simple(
    "case add-review-commitment",
    "Patient of a finalized case: add the review commitment once",
    "suture case add-review-commitment --case 1",
    (c, caseId) => c.addReviewCommitment({ caseId }),
  ),
  simple("case cancel", "Either party: cancel (refund by the agreed terms; counted against the canceller)", "suture case cancel --case 1", (c, caseId) =>
    c.cancelSurgery({ caseId }),
  ),
  simple("case no-show", "Doctor, after appointment + grace: mark a no-show (the deposit goes to the doctor)", "suture case no-show --case 1", (c, caseId) =>
    c.markNoShow({ caseId }),
  ),
  {
    words: "case incident",
    summary: "Either party: report a complication; one the doctor attests and a bound policy covers pays at once",
    example: "suture case incident --case 1 --complication infection",
    options: { ...caseOption, complication: str },
    run: async (ctx, v) => (await ctx.signer()).reportIncident({ caseId: caseId(v), complication: required(v, "complication") }),
    print: receipt,
  },
  {
    words: "case resolve",
    summary: "Either party: propose a refund settling an incident (`--accept` signs the other's proposal)",
    example: "suture case resolve --incident 1 --refund 0.2 [--accept]",
    options: { incident: str, refund: str, accept: flag },
    async run(ctx, v) {
      const client = await ctx.signer();
      const p = { incidentId: id(required(v, "incident"), "incident"), refund: amount(required(v, "refund"), "refund") };
      return v.accept ? client.acceptResolution(p) : client.proposeResolution(p);
    },
    print: receipt,
  },
  {
    words: "case show",
    summary: "One case: status, parties, times, amounts, plan, incidents",
    example: "suture case show 1",
    positionals: ["CASE"],
    run: (ctx, _v, [c]) => ctx.reader().getCase({ caseId: id(c ?? "", "CASE") }),
    print: (c: CaseView) => fields(caseFields(c)),
  },
  {
    words: "case list",
    summary: "Cases of a patient or a doctor (yours as a patient by default), a page at a time",
    example: "suture case list --doctor 0x... [--limit 50 --after 120]",
    options: { patient: str, doctor: str, ...pageOptions },
    async run(ctx, v) {
      const doctor = typeof v.doctor === "string" ? address(v.doctor, "doctor") : undefined;
      const patient = typeof v.patient === "string" ? address(v.patient, "patient") : undefined;
      if (doctor) return ctx.reader().getCases({ doctor, patient, ...page(v) });
      return ctx.reader().getCases({ patient: patient ?? (await ctx.account()).address, ...page(v) });
    },
    print: (r: CaseListView) =>
      table(
        r.cases.map((c) => {
          const f = caseFields(c);
          return { case: f.case, status: f.status, procedure: f.procedure, doctor: f.doctor, patient: f.patient, appointment: f.appointment, escrow: f.escrow };
        }),
      ) + nextPage(r.next),
  },
];
