// The approval dialog: whatever is about to be signed, in plain words and field by field, before
// the signature is asked for. For a case's transaction it also shows the case's current terms
// (the offer, the plan's medicines and insurance), read from the node.
import { useEffect, useRef, useSyncExternalStore } from "react";
import type { SignRequest } from "../../../src/client/createSutureClient";
import type { CaseView } from "../../../src/types/json";
import { Addr, Money, Time } from "../components/display";
import { formatBps, formatDuration, formatEth } from "../lib/format";
import { usePoll } from "../lib/usePoll";
import { useSession } from "../session/SessionContext";
import { type ApprovalRequest, currentApproval, settleApproval, subscribeApprovals } from "./approvals";
import { describeTransaction } from "./describeTransaction";

function CaseTerms({ caseId }: { caseId: bigint }) {
  const { client } = useSession();
  const { data: c } = usePoll<CaseView>(() => client.getCase({ caseId }), [caseId.toString()]);
  const { data: policy } = usePoll(c?.plan && c.plan.policyId !== "0" ? () => client.getPolicy({ policyId: BigInt(c.plan!.policyId) }) : null, [
    c?.plan?.policyId,
  ]);
  if (!c) return null;
  return (
    <section className="sign-context" aria-label={`Case ${c.id} as it stands`}>
      <h3>
        Case #{c.id}: {c.procedure} ({c.status.replace("_", " ").toLowerCase()})
      </h3>
      <dl className="kv">
        <dt>Doctor</dt>
        <dd>
          <Addr address={c.doctor} />
        </dd>
        <dt>Patient</dt>
        <dd>
          <Addr address={c.patient} />
        </dd>
        {c.offer && (
          <>
            <dt>Appointment</dt>
            <dd>
              <Time seconds={c.appointmentTime} />
            </dd>
            <dt>Deposit / price</dt>
            <dd>
              <Money wei={c.offer.deposit} /> now, <Money wei={c.offer.price} /> in all
            </dd>
            <dt>Cancellation</dt>
            <dd>
              free until {formatDuration(c.offer.freeCancelBefore)} before, then {formatBps(c.offer.lateCancelFeeBps)} of the price
            </dd>
          </>
        )}
        {c.plan && (
          <>
            <dt>Medicines</dt>
            <dd>{c.plan.packs.map((p) => `${p.gtin} / ${p.serial}`).join(", ") || "none"}</dd>
            <dt>Insurance</dt>
            <dd>
              {c.plan.policyId === "0" ? (
                "none"
              ) : (
                <>
                  policy #{c.plan.policyId}, premium <Money wei={c.plan.premium} />
                  {policy && `: ${policy.terms.map((t) => `${t.complication} pays ${formatEth(t.payout)}`).join("; ")}`}
                </>
              )}
            </dd>
            {c.offer && !c.confirmedPlan && (
              <>
                <dt>To pay on confirming</dt>
                <dd>
                  <Money wei={BigInt(c.offer.price) - BigInt(c.escrow) + BigInt(c.plan.premium)} />
                </dd>
              </>
            )}
          </>
        )}
      </dl>
    </section>
  );
}

function SignRequestView({ request, compact = false }: { request: SignRequest; compact?: boolean }) {
  const described = describeTransaction(request.type, request.message);
  if (compact) return <p>{described.summary}</p>;
  const caseId = request.message.caseId as bigint | undefined;
  return (
    <>
      <p id="sign-summary" className="sign-summary">
        {described.summary}
      </p>
      {caseId !== undefined && request.type !== "ProposeSurgery" && <CaseTerms caseId={caseId} />}
      <table className="sign-fields">
        <caption>
          EIP-712 message <span className="mono">{request.type}</span>
        </caption>
        <tbody>
          {described.fields.map((f) => (
            <tr key={f.name}>
              <th scope="row">{f.label}</th>
              <td>
                <span className="sign-value">{f.value}</span>
                {f.raw !== f.value && (
                  <span className="mono sign-raw" title={f.raw}>
                    {f.name} = {f.raw.length > 80 ? `${f.raw.slice(0, 77)}…` : f.raw}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="sign-domain">
        Signed by <span className="mono">{request.from}</span> for domain {request.domain.name} v{request.domain.version}, L2 chain {request.domain.chainId},
        bridge <span className="mono">{request.domain.verifyingContract}</span>.
      </p>
    </>
  );
}

function title(approval: ApprovalRequest): string {
  if (approval.kind === "l2") return describeTransaction(approval.request.type, approval.request.message).title;
  return approval.title;
}

export function SignDialog() {
  const pending = useSyncExternalStore(subscribeApprovals, currentApproval);
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (pending && !dialog.open) dialog.showModal();
    if (!pending && dialog.open) dialog.close();
  }, [pending]);

  const settle = (approved: boolean) => pending && settleApproval(pending.id, approved);
  const approval = pending?.approval;
  return (
    <dialog
      ref={ref}
      className="sign-dialog"
      aria-labelledby="sign-title"
      aria-describedby="sign-summary"
      onCancel={(e) => {
        e.preventDefault();
        settle(false);
      }}
    >
      {approval && (
        <form
          method="dialog"
          onSubmit={(e) => {
            e.preventDefault();
            settle(true);
          }}
        >
          <p className="sign-kicker">{approval.kind === "l1" ? "L1 transaction: check before sending" : "Signature request: check before signing"}</p>
          <h2 id="sign-title">{title(approval)}</h2>
          {approval.kind === "l2" && <SignRequestView request={approval.request} />}
          {approval.kind === "l2-batch" && (
            <>
              <p id="sign-summary" className="sign-summary">
                {approval.requests.length} transactions, each signed with your key and sent together. Each one:
              </p>
              <ol className="sign-batch">
                {approval.requests.map((r) => (
                  <li key={String(r.message.nonce)}>
                    <SignRequestView request={r} compact />
                  </li>
                ))}
              </ol>
            </>
          )}
          {approval.kind === "l1" && (
            <>
              <p id="sign-summary" className="sign-summary">
                {approval.summary}
              </p>
              <dl className="kv">
                {approval.lines.map(([k, v]) => (
                  <div key={k} className="kv-row">
                    <dt>{k}</dt>
                    <dd className="mono">{v}</dd>
                  </div>
                ))}
              </dl>
            </>
          )}
          <div className="actions">
            <button type="button" className="secondary" onClick={() => settle(false)}>
              Cancel
            </button>
            {/* biome-ignore lint/a11y/noAutofocus: the dialog's one decision; Esc or Cancel declines */}
            <button type="submit" className="primary" autoFocus>
              {approval.kind === "l1" ? "Send" : approval.kind === "l2-batch" ? `Sign all ${approval.requests.length}` : "Sign"}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}
