// Complications on a case: report one (a doctor's report attests it and may trigger an automatic
// payout from the plan's policy), and settle each with a resolution both parties sign.
import { type FormEvent, useState } from "react";
import { parseEther } from "viem";
import type { CaseView, IncidentView } from "../../../../src/types/json";
import { Badge, Money, Time } from "../../components/display";
import { Field } from "../../components/forms";
import { ErrorNotice } from "../../components/Notice";
import { useAction } from "../../components/useAction";
import { formatEth } from "../../lib/format";
import { usePoll } from "../../lib/usePoll";
import { useSession } from "../../session/SessionContext";

function Incident({ id }: { id: string }) {
  const { client, account, version } = useSession();
  const { data: incident } = usePoll<IncidentView>(() => client.getIncident({ incidentId: BigInt(id) }), [id, version]);
  const [refund, setRefund] = useState("0");
  const propose = useAction(() => client.proposeResolution({ incidentId: BigInt(id), refund: parseEther(refund || "0") }));
  const accept = useAction(() =>
    client.acceptResolution({ incidentId: BigInt(id), refund: BigInt(incident!.proposal!.refund), resolutionHash: incident!.proposal!.resolutionHash }),
  );
  if (!incident) return null;
  const proposal = incident.proposal;
  return (
    <li className="card">
      <p>
        Incident #{incident.id}: <strong>{incident.complication}</strong> <Badge status={incident.status} /> reported <Time seconds={incident.openedAt} />
        {incident.attested && ", attested by the doctor"}
        {incident.payout !== "0" && (
          <>
            , insurance paid <Money wei={incident.payout} />
          </>
        )}
        {incident.status === "RESOLVED" && (
          <>
            , resolved with a refund of <Money wei={incident.refund} />
          </>
        )}
      </p>
      {incident.status === "OPEN" && proposal && proposal.proposer !== account?.address && (
        <button type="button" className="primary" disabled={accept.busy} onClick={() => accept.run()}>
          Accept the proposed resolution (refund {formatEth(proposal.refund)})
        </button>
      )}
      {incident.status === "OPEN" && proposal && proposal.proposer === account?.address && <p className="muted">Your resolution waits for the other party.</p>}
      {incident.status === "OPEN" && !proposal && (
        <form
          className="inline-form"
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            propose.run();
          }}
        >
          <Field label="Refund to the patient (ETH)" type="number" min="0" step="any" value={refund} onChange={(e) => setRefund(e.target.value)} />
          <button type="submit" className="secondary" disabled={propose.busy}>
            Propose a resolution
          </button>
        </form>
      )}
      <ErrorNotice error={propose.error ?? accept.error} />
    </li>
  );
}

export function Incidents({ c }: { c: CaseView }) {
  const { client } = useSession();
  const [complication, setComplication] = useState("");
  const report = useAction(() => client.reportIncident({ caseId: BigInt(c.id), complication: complication.trim().toLowerCase() }));
  const canReport = ["CONFIRMED", "EXECUTED", "CLOSED"].includes(c.status);
  if (!canReport && c.incidentIds.length === 0) return null;
  return (
    <section aria-labelledby="incidents-title">
      <h2 id="incidents-title">Incidents</h2>
      <ul className="plain">
        {c.incidentIds.map((id) => (
          <Incident key={id} id={id} />
        ))}
      </ul>
      {canReport && (
        <form
          className="inline-form card"
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            report.run();
          }}
        >
          <Field
            label="Report a complication"
            placeholder="e.g. infection"
            hint="Use the policy's code. A patient's report opens an incident; the doctor's attests it, which pays a matching policy term."
            value={complication}
            onChange={(e) => setComplication(e.target.value)}
            required
          />
          <button type="submit" className="secondary" disabled={report.busy}>
            Report
          </button>
          <ErrorNotice error={report.error} />
        </form>
      )}
    </section>
  );
}
