// Insurers: publish a coded policy (its cap locked as the reserve claims are paid from), see every
// policy with its reserve and payouts, close one's own policy and take its reserve back once no
// case can claim on it, and look up a claim (an incident) by number.
import { type FormEvent, useState } from "react";
import { parseEther } from "viem";
import type { PolicyView } from "../../../src/types/json";
import { Addr, Badge, Money, Time } from "../components/display";
import { Field } from "../components/forms";
import { ErrorNotice, Notice } from "../components/Notice";
import { RequireAccount } from "../components/RequireAccount";
import { useAction } from "../components/useAction";
import { formatEth } from "../lib/format";
import { Link } from "../lib/router";
import { usePoll } from "../lib/usePoll";
import { useSession } from "../session/SessionContext";
import { useMyAccount } from "../session/useMyAccount";

type TermInput = { complication: string; payout: string; windowDays: string };

function PublishPolicy() {
  const { client } = useSession();
  const [procedures, setProcedures] = useState("rhinoplasty");
  const [terms, setTerms] = useState<TermInput[]>([{ complication: "infection", payout: "1", windowDays: "30" }]);
  const [premium, setPremium] = useState("0.1");
  const [cap, setCap] = useState("4");
  const setTerm = (i: number, patch: Partial<TermInput>) => setTerms((t) => t.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  const publish = useAction(() =>
    client.publishPolicy({
      procedures: procedures
        .split(",")
        .map((p) => p.trim().toLowerCase())
        .filter(Boolean),
      terms: terms.map((t) => ({ complication: t.complication.trim().toLowerCase(), payout: parseEther(t.payout), windowDays: Number(t.windowDays) })),
      premium: parseEther(premium),
      cap: parseEther(cap),
    }),
  );
  return (
    <section className="card" aria-labelledby="publish-title">
      <h2 id="publish-title">Publish a policy</h2>
      <form
        className="stack"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          publish.run();
        }}
      >
        <Field label="Procedures covered (comma-separated)" value={procedures} onChange={(e) => setProcedures(e.target.value)} required />
        <fieldset>
          <legend>Terms: a complication the doctor attests pays automatically</legend>
          {terms.map((t, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place and never reordered
            <div className="row" key={i}>
              <Field label={`Complication ${i + 1}`} value={t.complication} onChange={(e) => setTerm(i, { complication: e.target.value })} required />
              <Field label="Payout (ETH)" type="number" min="0" step="any" value={t.payout} onChange={(e) => setTerm(i, { payout: e.target.value })} required />
              <Field label="Within (days)" type="number" min="1" value={t.windowDays} onChange={(e) => setTerm(i, { windowDays: e.target.value })} required />
            </div>
          ))}
          <button type="button" className="secondary small" onClick={() => setTerms((t) => [...t, { complication: "", payout: "1", windowDays: "30" }])}>
            Add a term
          </button>
        </fieldset>
        <div className="row">
          <Field label="Premium (ETH)" type="number" min="0" step="any" value={premium} onChange={(e) => setPremium(e.target.value)} required />
          <Field
            label="Cap (ETH)"
            type="number"
            min="0"
            step="any"
            value={cap}
            onChange={(e) => setCap(e.target.value)}
            required
            hint="Locked from your balance as the reserve."
          />
        </div>
        <button type="submit" className="primary" disabled={publish.busy}>
          Sign and publish
        </button>
      </form>
      {publish.result && <Notice tone="ok">Policy #{String(publish.result.policyId)} published.</Notice>}
      <ErrorNotice error={publish.error} />
    </section>
  );
}

function ClaimLookup() {
  const { client } = useSession();
  const [id, setId] = useState("");
  const [query, setQuery] = useState<string | null>(null);
  const incident = usePoll(query ? () => client.getIncident({ incidentId: BigInt(query) }) : null, [query]);
  const theCase = usePoll(incident.data ? () => client.getCase({ caseId: BigInt(incident.data!.caseId) }) : null, [incident.data?.caseId]);
  const i = incident.data;
  return (
    <section className="card" aria-labelledby="claim-title">
      <h2 id="claim-title">Look up a claim</h2>
      <form
        className="inline-form"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          setQuery(id.trim());
        }}
      >
        <Field label="Incident number" inputMode="numeric" pattern="\d+" value={id} onChange={(e) => setId(e.target.value)} required />
        <button type="submit" className="secondary">
          Look up
        </button>
      </form>
      <ErrorNotice error={incident.error} />
      {i && (
        <dl className="kv">
          <dt>Complication</dt>
          <dd>
            {i.complication} <Badge status={i.status} />
          </dd>
          <dt>Case</dt>
          <dd>
            <Link to={`/cases/${i.caseId}`}>#{i.caseId}</Link>
            {theCase.data?.plan && theCase.data.plan.policyId !== "0" ? `, insured by policy #${theCase.data.plan.policyId}` : ", no policy"}
          </dd>
          <dt>Attested by the doctor</dt>
          <dd>{i.attested ? "yes" : "not yet"}</dd>
          <dt>Paid by the policy</dt>
          <dd>
            <Money wei={i.payout} />
          </dd>
          <dt>Opened</dt>
          <dd>
            <Time seconds={i.openedAt} />
          </dd>
        </dl>
      )}
    </section>
  );
}

/** The insurer's own policy: close it to new plans, and take back its reserve once no case can claim on it. */
function ReleaseReserve({ policy }: { policy: PolicyView }) {
  const { client } = useSession();
  const release = useAction(() => client.releaseReserve({ policyId: BigInt(policy.id) }));
  if (policy.closed && policy.reserve === "0") return null;
  return (
    <>
      <button type="button" className="secondary small" disabled={release.busy} onClick={() => release.run()}>
        {policy.closed ? "Release the reserve" : "Close and release"}
      </button>
      <ErrorNotice error={release.error} />
    </>
  );
}

export function InsurerPage() {
  const { client, account, version } = useSession();
  const { view } = useMyAccount();
  const policies = usePoll<PolicyView[]>(() => client.getPolicies({ limit: 200 }).then((page) => page.policies), [version]);
  const isInsurer = view?.roles.includes("insurer");
  return (
    <section className="page">
      <h1>Insurance</h1>
      <RequireAccount what="publish policies">
        {view && !isInsurer && <Notice>Only an insurer admitted by the insurance regulator can publish a policy. This account is not one.</Notice>}
        {isInsurer && <PublishPolicy />}
      </RequireAccount>
      <section aria-labelledby="policies-title">
        <h2 id="policies-title">Policies</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Policy</th>
                <th scope="col">Insurer</th>
                <th scope="col">Procedures</th>
                <th scope="col">Terms</th>
                <th scope="col">Premium</th>
                <th scope="col">Reserve / cap</th>
                <th scope="col">Paid out</th>
                <th scope="col">Cases</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {(policies.data ?? []).map((p) => (
                <tr key={p.id} className={p.insurer === account?.address ? "mine" : undefined}>
                  <td>#{p.id}</td>
                  <td>
                    <Addr address={p.insurer} />
                    {p.insurer === account?.address && " (you)"}
                  </td>
                  <td>{p.procedures.join(", ")}</td>
                  <td>{p.terms.map((t) => `${t.complication}: ${formatEth(t.payout)} within ${t.windowDays} d`).join("; ")}</td>
                  <td>
                    <Money wei={p.premium} />
                  </td>
                  <td>
                    <Money wei={p.reserve} /> / <Money wei={p.cap} />
                  </td>
                  <td>
                    <Money wei={p.paidOut} />
                  </td>
                  <td>{p.boundCases}</td>
                  <td>
                    {p.closed ? "closed" : "open"}
                    {p.released !== "0" && (
                      <>
                        , <Money wei={p.released} /> released
                      </>
                    )}
                    {p.insurer === account?.address && <ReleaseReserve policy={p} />}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <ClaimLookup />
    </section>
  );
}
