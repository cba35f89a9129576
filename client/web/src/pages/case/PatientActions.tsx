// What the patient can do with the case now: accept the offer (terms shown first), confirm the
// plan (medicines and insurance shown first), close the case, cancel, and read the summary.
import type { CaseView, RecordView } from "../../../../src/types/json";
import { Money, Time } from "../../components/display";
import { ErrorNotice, Notice } from "../../components/Notice";
import { useAction } from "../../components/useAction";
import { formatBps, formatDuration, nowSeconds } from "../../lib/format";
import { usePoll } from "../../lib/usePoll";
import { useSession } from "../../session/SessionContext";
import { PlanDetails } from "./PlanDetails";
import { ReviewForm } from "./ReviewForm";

function OfferTerms({ c }: { c: CaseView }) {
  const o = c.offer!;
  const freeUntil = Number(c.appointmentTime) - o.freeCancelBefore;
  return (
    <dl className="kv">
      <dt>Appointment</dt>
      <dd>
        <Time seconds={c.appointmentTime} />
      </dd>
      <dt>Deposit (into escrow on accepting)</dt>
      <dd>
        <Money wei={o.deposit} />
      </dd>
      <dt>Price (the rest on confirming the plan)</dt>
      <dd>
        <Money wei={o.price} />
      </dd>
      <dt>Cancellation</dt>
      <dd>
        free until {formatDuration(o.freeCancelBefore)} before (<Time seconds={freeUntil} />
        ), then {formatBps(o.lateCancelFeeBps)} of the price goes to the doctor
      </dd>
    </dl>
  );
}

function Summary({ c }: { c: CaseView }) {
  const { client, account } = useSession();
  const records = usePoll(() => client.getRecords({ reader: account!.address, limit: 200 }).then((page) => page.records), [account?.address, c.summaryHash]);
  const record = records.data?.find((r: RecordView) => r.ciphertextHash === c.summaryHash);
  const open = useAction(() => client.decryptRecord({ recordId: BigInt(record!.id) }));
  if (!record) return null;
  return (
    <section className="card" aria-labelledby="summary-title">
      <h2 id="summary-title">The doctor's summary</h2>
      <p>Encrypted record #{record.id}: only you and the doctor can read it.</p>
      {!open.result && (
        <button type="button" className="secondary" disabled={open.busy} onClick={() => open.run()}>
          Decrypt and read
        </button>
      )}
      {open.result && (
        <pre className="record-content">{open.result.json ? JSON.stringify(open.result.json, null, 2) : new TextDecoder().decode(open.result.bytes)}</pre>
      )}
      <ErrorNotice error={open.error} />
    </section>
  );
}

export function PatientActions({ c }: { c: CaseView }) {
  const { client, account } = useSession();
  const caseId = BigInt(c.id);
  const accept = useAction(() => client.acceptOffer({ caseId }));
  const confirm = useAction(() => client.confirmPlan({ caseId }));
  const close = useAction(() => client.closeSurgery({ caseId, review: account?.kind === "key" }));
  const cancel = useAction(() => client.cancelSurgery({ caseId, reasonHash: `0x${"00".repeat(32)}` }));
  const canCancel = ["PROPOSED", "OFFERED", "SCHEDULED", "PLANNED", "CONFIRMED"].includes(c.status);
  const lateCancel = c.offer && nowSeconds() + c.offer.freeCancelBefore > Number(c.appointmentTime);
  return (
    <>
      {c.status === "PROPOSED" && <Notice>Waiting for the doctor's offer.</Notice>}
      {c.status === "OFFERED" && (
        <section className="card" aria-labelledby="offer-title">
          <h2 id="offer-title">The doctor's offer</h2>
          <OfferTerms c={c} />
          <button type="button" className="primary" disabled={accept.busy} onClick={() => accept.run()}>
            Accept the offer and pay the deposit
          </button>
          <ErrorNotice error={accept.error} />
        </section>
      )}
      {c.status === "SCHEDULED" && (
        <Notice>
          Scheduled for <Time seconds={c.appointmentTime} />. Waiting for the doctor's plan (medicines and insurance).
        </Notice>
      )}
      {c.plan && (c.status === "PLANNED" || c.status === "CONFIRMED" || c.status === "SCHEDULED") && (
        <section className="card" aria-labelledby="plan-title">
          <h2 id="plan-title">{c.confirmedPlan ? "The confirmed plan" : "The proposed plan"}</h2>
          <PlanDetails c={c} />
          {c.status === "PLANNED" && (
            <button type="button" className="primary" disabled={confirm.busy} onClick={() => confirm.run()}>
              Confirm the plan and pay into escrow
            </button>
          )}
          <ErrorNotice error={confirm.error} />
        </section>
      )}
      {c.status === "CONFIRMED" && (
        <Notice>
          Confirmed. Surgery on <Time seconds={c.appointmentTime} />.
        </Notice>
      )}
      {c.status === "EXECUTED" && (
        <section className="card" aria-labelledby="close-title">
          <h2 id="close-title">Close the case</h2>
          <p>
            Closing pays the escrow (<Money wei={c.escrow} />) to the doctor.{" "}
            {account?.kind === "key"
              ? "It also publishes a review commitment derived from your key, so you can review this surgery anonymously."
              : "With a wallet, no review commitment can be derived: you will not be able to review this surgery."}
          </p>
          <button type="button" className="primary" disabled={close.busy} onClick={() => close.run()}>
            Close the case
          </button>
          <ErrorNotice error={close.error} />
        </section>
      )}
      {c.status === "CLOSED" && account?.kind === "key" && c.reviewCommitment && c.reviewCommitment !== "0" && (
        <ReviewForm c={c} privateKey={account.privateKey} />
      )}
      {c.summaryHash && <Summary c={c} />}
      {canCancel && (
        <details className="card">
          <summary>Cancel this case</summary>
          <p>
            {c.escrow === "0"
              ? "Nothing is in escrow yet."
              : lateCancel
                ? `Inside the free-cancellation window: ${formatBps(c.offer!.lateCancelFeeBps)} of the price goes to the doctor, the rest of the escrow back to you.`
                : "The escrow comes back to you in full."}
          </p>
          <button type="button" className="danger" disabled={cancel.busy} onClick={() => cancel.run()}>
            Cancel the case
          </button>
          <ErrorNotice error={cancel.error} />
        </details>
      )}
    </>
  );
}
