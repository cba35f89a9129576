// What the doctor can do with the case now: read the encrypted details and the patient's
// reliability, make the offer, propose the plan, record the surgery, post the summary, mark a
// no-show or finalize after the close timeout, and cancel.
import { type FormEvent, useState } from "react";
import { type Address, keccak256, parseEther, toBytes } from "viem";
import type { CaseView } from "../../../../src/types/json";
import { Money, Time } from "../../components/display";
import { Field, Select, TextArea } from "../../components/forms";
import { ErrorNotice, Notice } from "../../components/Notice";
import { useAction } from "../../components/useAction";
import { parsePackCode } from "../../lib/gs1";
import { formatEth, fromDateTimeInput, nowSeconds, toDateTimeInput } from "../../lib/format";
import { usePoll } from "../../lib/usePoll";
import { useSession } from "../../session/SessionContext";
import { PlanDetails } from "./PlanDetails";

/** "GTIN/serial" per line, or a GS1 element string per line. */
function parsePacks(text: string): { gtin: string; serial: string }[] {
  return text
    .split(/\n+/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line) => {
      const gs1 = parsePackCode(line);
      if (gs1) return { gtin: gs1.gtin, serial: gs1.serial };
      const [gtin, serial] = line.split(/[\s/,;]+/);
      if (!gtin || !serial || !/^\d{14}$/.test(gtin)) throw new Error(`"${line}": write GTIN/serial (14-digit GTIN) or a GS1 code`);
      return { gtin, serial };
    });
}

function PatientPanel({ c }: { c: CaseView }) {
  const { client } = useSession();
  const reliability = usePoll(() => client.getPatient({ address: c.patient as Address }), [c.patient]);
  const details = useAction(() => client.decryptCaseDetails({ caseId: BigInt(c.id) }));
  const r = reliability.data;
  return (
    <section className="card" aria-labelledby="patient-title">
      <h2 id="patient-title">The patient</h2>
      {r && (
        <p>
          {r.proposals} proposals, {r.closed} closed, {r.noShows} no-shows, {r.cancellations} cancellations ({r.lateCancellations} late), {r.reschedules}{" "}
          reschedules.
        </p>
      )}
      {c.detailsHash !== `0x${"00".repeat(32)}` && !details.result && (
        <button type="button" className="secondary" disabled={details.busy} onClick={() => details.run()}>
          Decrypt the case details
        </button>
      )}
      {details.result !== undefined && <pre className="record-content">{JSON.stringify(details.result, null, 2)}</pre>}
      <ErrorNotice error={details.error} />
    </section>
  );
}

function OfferForm({ c }: { c: CaseView }) {
  const { client } = useSession();
  const [when, setWhen] = useState(toDateTimeInput(Math.max(Number(c.requestedTime), nowSeconds() + 86_400)));
  const [deposit, setDeposit] = useState("0.5");
  const [price, setPrice] = useState("2");
  const [freeHours, setFreeHours] = useState("24");
  const [feePercent, setFeePercent] = useState("10");
  const offer = useAction(() =>
    client.offerSchedule({
      caseId: BigInt(c.id),
      appointmentTime: BigInt(fromDateTimeInput(when)),
      deposit: parseEther(deposit),
      price: parseEther(price),
      freeCancelBefore: Math.round(Number(freeHours) * 3600),
      lateCancelFeeBps: Math.round(Number(feePercent) * 100),
    }),
  );
  return (
    <section className="card" aria-labelledby="offer-form-title">
      <h2 id="offer-form-title">Make an offer</h2>
      <p>
        Requested for <Time seconds={c.requestedTime} />.
      </p>
      <form
        className="stack"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          offer.run();
        }}
      >
        <Field label="Appointment (UTC)" type="datetime-local" value={when} onChange={(e) => setWhen(e.target.value)} required />
        <div className="row">
          <Field label="Deposit (ETH)" type="number" min="0" step="any" value={deposit} onChange={(e) => setDeposit(e.target.value)} required />
          <Field label="Price (ETH)" type="number" min="0" step="any" value={price} onChange={(e) => setPrice(e.target.value)} required />
        </div>
        <div className="row">
          <Field label="Free cancellation until (hours before)" type="number" min="0" value={freeHours} onChange={(e) => setFreeHours(e.target.value)} />
          <Field
            label="Late cancellation fee (%)"
            type="number"
            min="0"
            max="100"
            step="any"
            value={feePercent}
            onChange={(e) => setFeePercent(e.target.value)}
          />
        </div>
        <button type="submit" className="primary" disabled={offer.busy}>
          Sign and send the offer
        </button>
      </form>
      <ErrorNotice error={offer.error} />
    </section>
  );
}

function PlanForm({ c }: { c: CaseView }) {
  const { client, account } = useSession();
  const policies = usePoll(() => client.getPolicies({ limit: 200 }).then((page) => page.policies), []);
  const me = usePoll(() => client.getDoctor({ address: account!.address }), [account?.address]);
  const usable = (policies.data ?? []).filter((p) => p.procedures.includes(c.procedure) && me.data?.acceptedInsurers.includes(p.insurer));
  const [packs, setPacks] = useState(c.plan?.packs.map((p) => `${p.gtin}/${p.serial}`).join("\n") ?? "");
  const [policyId, setPolicyId] = useState(c.plan?.policyId ?? "0");
  const plan = useAction(async () => client.proposePlan({ caseId: BigInt(c.id), packs: parsePacks(packs), policyId: BigInt(policyId) }));
  return (
    <section className="card" aria-labelledby="plan-form-title">
      <h2 id="plan-form-title">{c.plan ? "Replace the plan" : "Propose the plan"}</h2>
      <form
        className="stack"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          plan.run();
        }}
      >
        <TextArea
          label="Medicine packs"
          hint="One per line: GTIN/serial, or a scanned GS1 code such as (01)09506000134352(21)G1. Each must be registered, unexpired at the appointment and not recalled."
          rows={3}
          value={packs}
          onChange={(e) => setPacks(e.target.value)}
          spellCheck={false}
        />
        <Select
          label="Insurance policy"
          value={policyId}
          onChange={(e) => setPolicyId(e.target.value)}
          options={[
            { value: "0", label: "None" },
            ...usable.map((p) => ({ value: p.id, label: `#${p.id}: ${p.terms.map((t) => t.complication).join(", ")} (premium ${formatEth(p.premium)})` })),
          ]}
        />
        <button type="submit" className="primary" disabled={plan.busy}>
          Sign and send the plan
        </button>
      </form>
      <ErrorNotice error={plan.error} />
    </section>
  );
}

function SummaryForm({ c }: { c: CaseView }) {
  const { client } = useSession();
  const [text, setText] = useState("");
  const post = useAction(() => client.postSummary({ caseId: BigInt(c.id), content: { json: { summary: text.trim(), procedure: c.procedure } } }));
  return (
    <section className="card" aria-labelledby="summary-form-title">
      <h2 id="summary-form-title">Post the summary</h2>
      <form
        className="stack"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          post.run();
        }}
      >
        <TextArea
          label="Summary for the patient"
          hint="Encrypted to the patient and you; the patient can share it with another doctor."
          rows={3}
          value={text}
          onChange={(e) => setText(e.target.value)}
          required
        />
        <button type="submit" className="primary" disabled={post.busy}>
          Encrypt, sign and post
        </button>
      </form>
      <ErrorNotice error={post.error} />
    </section>
  );
}

export function DoctorActions({ c, grace, closeTimeout }: { c: CaseView; grace: number; closeTimeout: number }) {
  const { client } = useSession();
  const caseId = BigInt(c.id);
  const now = nowSeconds();
  const appointment = Number(c.appointmentTime);
  const record = useAction(() =>
    client.recordSurgery({ caseId, recordHash: keccak256(toBytes(`operative record of case ${c.id} at ${now}`)), packsUsed: c.plan?.packs ?? [] }),
  );
  const noShow = useAction(() => client.markNoShow({ caseId }));
  const finalize = useAction(() => client.finalizeSurgery({ caseId }));
  const cancel = useAction(() => client.cancelSurgery({ caseId }));
  const canCancel = ["PROPOSED", "OFFERED", "SCHEDULED", "PLANNED", "CONFIRMED"].includes(c.status);
  return (
    <>
      <PatientPanel c={c} />
      {c.status === "PROPOSED" && <OfferForm c={c} />}
      {c.status === "OFFERED" && <Notice>Waiting for the patient to accept the offer.</Notice>}
      {(c.status === "SCHEDULED" || c.status === "PLANNED") && <PlanForm c={c} />}
      {c.plan && c.status === "PLANNED" && (
        <section className="card">
          <h2>Waiting for the patient to confirm</h2>
          <PlanDetails c={c} />
        </section>
      )}
      {c.status === "CONFIRMED" && (
        <section className="card" aria-labelledby="record-title">
          <h2 id="record-title">Record the surgery</h2>
          <p>
            Appointment <Time seconds={c.appointmentTime} />. Recording dispenses the planned packs and moves the premium to the insurer.
          </p>
          <button type="button" className="primary" disabled={record.busy || now < appointment} onClick={() => record.run()}>
            {now < appointment ? "Recordable from the appointment time" : "Record the surgery"}
          </button>
          <ErrorNotice error={record.error} />
        </section>
      )}
      {["SCHEDULED", "PLANNED", "CONFIRMED"].includes(c.status) && now >= appointment + grace && (
        <section className="card">
          <h2>The patient did not come?</h2>
          <p>
            Marking a no-show pays you the deposit in escrow (<Money wei={c.escrow} />) and counts against the patient.
          </p>
          <button type="button" className="danger" disabled={noShow.busy} onClick={() => noShow.run()}>
            Mark a no-show
          </button>
          <ErrorNotice error={noShow.error} />
        </section>
      )}
      {(c.status === "EXECUTED" || c.status === "CLOSED") && !c.summaryHash && <SummaryForm c={c} />}
      {c.status === "EXECUTED" && (
        <section className="card">
          <h2>Waiting for the patient to close</h2>
          {c.executedAt !== null && now >= c.executedAt + closeTimeout && c.openIncidents === 0 ? (
            <button type="button" className="primary" disabled={finalize.busy} onClick={() => finalize.run()}>
              Finalize and receive the escrow
            </button>
          ) : (
            <p>
              You can finalize yourself from <Time seconds={(c.executedAt ?? 0) + closeTimeout} /> if no incident is open.
            </p>
          )}
          <ErrorNotice error={finalize.error} />
        </section>
      )}
      {canCancel && (
        <details className="card">
          <summary>Cancel this case</summary>
          <p>A cancellation by the doctor refunds the patient in full and counts against you.</p>
          <button type="button" className="danger" disabled={cancel.busy} onClick={() => cancel.run()}>
            Cancel the case
          </button>
          <ErrorNotice error={cancel.error} />
        </details>
      )}
    </>
  );
}
