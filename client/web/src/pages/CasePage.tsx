// One case: its timeline and public data for anyone; the patient's or the doctor's next steps for
// them; incidents for both.
import type { CaseView } from "../../../src/types/json";
import { Addr, Badge, Hash, Money } from "../components/display";
import { ErrorNotice, Notice } from "../components/Notice";
import { usePoll } from "../lib/usePoll";
import { useSession } from "../session/SessionContext";
import { CaseTimeline } from "./case/CaseTimeline";
import { DoctorActions } from "./case/DoctorActions";
import { Incidents } from "./case/Incidents";
import { PatientActions } from "./case/PatientActions";

export function CasePage({ id }: { id: string }) {
  const { client, account, status, version } = useSession();
  const poll = usePoll<CaseView>(() => client.getCase({ caseId: BigInt(id) }), [id, version], 2000);
  const c = poll.data;
  if (poll.error && !c) return <ErrorNotice error={poll.error} />;
  if (!c) return <p aria-busy="true">Loading case #{id}…</p>;
  const me = account?.address;
  const role = me === c.patient ? "patient" : me === c.doctor ? "doctor" : null;
  const genesis = (status as { genesis?: { noShowGraceSeconds?: number; closeTimeoutSeconds?: number } } | undefined)?.genesis;
  return (
    <section className="page">
      <h1>
        Case #{c.id}: {c.procedure} <Badge status={c.status} />
      </h1>
      <p className="lede">
        Patient <Addr address={c.patient} />, doctor <Addr address={c.doctor} link="doctor" />. In escrow: <Money wei={c.escrow} />
        {c.premiumEscrow !== "0" && (
          <>
            {" "}
            + premium <Money wei={c.premiumEscrow} />
          </>
        )}
        .
      </p>
      <div className="case-layout">
        <section className="card" aria-labelledby="timeline-title">
          <h2 id="timeline-title">Timeline</h2>
          <CaseTimeline c={c} />
          <dl className="kv small">
            <dt>Case history hash</dt>
            <dd>
              <Hash value={c.historyHash} />
            </dd>
            {c.recordHash && (
              <>
                <dt>Operative record</dt>
                <dd>
                  <Hash value={c.recordHash} />
                </dd>
              </>
            )}
            {c.packsUsed.length > 0 && (
              <>
                <dt>Packs dispensed</dt>
                <dd>{c.packsUsed.map((p) => `${p.gtin}/${p.serial}`).join(", ")}</dd>
              </>
            )}
          </dl>
        </section>
        <div className="stack">
          {role === null && <Notice>{account ? "You are not a party to this case: this is its public record." : "This is the case's public record."}</Notice>}
          {role === "patient" && <PatientActions c={c} />}
          {role === "doctor" && <DoctorActions c={c} grace={genesis?.noShowGraceSeconds ?? 7200} closeTimeout={genesis?.closeTimeoutSeconds ?? 1_209_600} />}
          {role !== null && <Incidents c={c} />}
        </div>
      </div>
    </section>
  );
}
