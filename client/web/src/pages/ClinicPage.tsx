// The clinic's dashboard: every case of the doctor by status with the action each one waits for
// (offers, plans, surgery records, summaries, incidents), replies to reviews, and registration.
import { type FormEvent, useMemo, useState } from "react";
import { type Address, keccak256, toBytes } from "viem";
import type { CaseView, ReviewView } from "../../../src/types/json";
import { Addr, Badge, Money, Stars, Time } from "../components/display";
import { Checkbox, Field, Select, TextArea } from "../components/forms";
import { MapView } from "../components/MapView";
import { ErrorNotice, Notice } from "../components/Notice";
import { RequireAccount } from "../components/RequireAccount";
import { useAction } from "../components/useAction";
import { useBlobText } from "../components/useBlobText";
import { nowSeconds } from "../lib/format";
import { Link } from "../lib/router";
import { usePoll } from "../lib/usePoll";
import { useSession } from "../session/SessionContext";
import { useMyAccount } from "../session/useMyAccount";

const GROUPS: [string, string, string[]][] = [
  ["new", "New proposals", ["PROPOSED"]],
  ["offers", "Offers out", ["OFFERED"]],
  ["plans", "Scheduled and planned", ["SCHEDULED", "PLANNED", "CONFIRMED"]],
  ["done", "Operated", ["EXECUTED"]],
  ["closed", "Closed", ["CLOSED"]],
  ["off", "Cancelled and no-shows", ["CANCELLED", "NO_SHOW"]],
];

/** What a case waits for from the doctor, or null. */
export function dueAction(c: CaseView, now: number, grace: number, closeTimeout: number): string | null {
  if (c.openIncidents > 0) return "resolve the open incident";
  switch (c.status) {
    case "PROPOSED":
      return "make an offer";
    case "SCHEDULED":
      return "propose the plan";
    case "CONFIRMED":
      return now >= Number(c.appointmentTime) ? "record the surgery" : null;
    case "PLANNED":
      return now >= Number(c.appointmentTime) + grace ? "patient unconfirmed: mark a no-show?" : null;
    case "EXECUTED":
      if (!c.summaryHash) return "post the summary";
      return c.executedAt !== null && now >= c.executedAt + closeTimeout ? "finalize (close timeout passed)" : null;
    case "CLOSED":
      return c.summaryHash ? null : "post the summary";
    default:
      return null;
  }
}

function RegisterForm({ existing }: { existing?: { specialties: string[]; latE6: number; lonE6: number; acceptedInsurers: string[] } }) {
  const { client, version } = useSession();
  const policies = usePoll(() => client.getPolicies({ limit: 200 }).then((page) => page.policies), [version]);
  const insurers = [...new Set((policies.data ?? []).map((p) => p.insurer))];
  const [specialties, setSpecialties] = useState(existing?.specialties.join(", ") ?? "rhinoplasty");
  const [lat, setLat] = useState(existing ? existing.latE6 / 1e6 : 40.7527);
  const [lon, setLon] = useState(existing ? existing.lonE6 / 1e6 : -73.9772);
  const [accepted, setAccepted] = useState<string[]>(existing?.acceptedInsurers ?? []);
  const register = useAction(() =>
    client.registerDoctor({
      specialties: specialties
        .split(",")
        .map((s) => s.trim().toLowerCase())
        .filter(Boolean),
      latE6: Math.round(lat * 1e6),
      lonE6: Math.round(lon * 1e6),
      acceptedInsurers: accepted as Address[],
    }),
  );
  return (
    <form
      className="stack"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        register.run();
      }}
    >
      <Field label="Specialties (comma-separated procedure codes)" value={specialties} onChange={(e) => setSpecialties(e.target.value)} required />
      <div className="row">
        <Field label="Latitude" type="number" step="any" min="-90" max="90" value={lat} onChange={(e) => setLat(Number(e.target.value))} />
        <Field label="Longitude" type="number" step="any" min="-180" max="180" value={lon} onChange={(e) => setLon(Number(e.target.value))} />
      </div>
      <MapView
        label="Clinic location (click to move it)"
        center={{ lat, lon }}
        radiusKm={null}
        centerLabel="your clinic"
        points={[]}
        onPick={(a, b) => {
          setLat(Math.round(a * 1e6) / 1e6);
          setLon(Math.round(b * 1e6) / 1e6);
        }}
      />
      <fieldset>
        <legend>Accepted insurers</legend>
        {insurers.length === 0 && <p className="muted">No insurer has published a policy yet.</p>}
        {insurers.map((i) => (
          <Checkbox
            key={i}
            label={<span className="mono">{i}</span>}
            checked={accepted.includes(i)}
            onChange={(e) => setAccepted((a) => (e.target.checked ? [...a, i] : a.filter((x) => x !== i)))}
          />
        ))}
      </fieldset>
      <button type="submit" className="primary" disabled={register.busy}>
        {existing ? "Update the profile" : "Register as a doctor"}
      </button>
      <ErrorNotice error={register.error} />
    </form>
  );
}

function ReviewReply({ review }: { review: ReviewView }) {
  const { client } = useSession();
  const text = useBlobText(review.textHash);
  const [reply, setReply] = useState("");
  const send = useAction(async () => {
    const data = toBytes(reply.trim());
    await client.uploadBlob({ data });
    return client.replyToReview({ reviewId: BigInt(review.id), textHash: keccak256(data) });
  });
  return (
    <li className="card">
      <p>
        <Stars rating={review.rating} /> review #{review.id}, <Time seconds={review.postedAt} />
      </p>
      {text && <blockquote>{text}</blockquote>}
      <form
        className="stack"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          send.run();
        }}
      >
        <TextArea label="Your public reply" rows={2} value={reply} onChange={(e) => setReply(e.target.value)} required />
        <button type="submit" className="secondary" disabled={send.busy}>
          Reply
        </button>
      </form>
      <ErrorNotice error={send.error} />
    </li>
  );
}

function Dashboard({ address }: { address: Address }) {
  const { client, status, version } = useSession();
  const cases = usePoll<CaseView[]>(() => client.getCases({ doctor: address, limit: 200 }).then((page) => page.cases), [address, version], 3000);
  const profile = usePoll(() => client.getDoctor({ address }), [address, version]);
  const reviews = usePoll(() => client.getDoctorReviews({ address }), [address, version]);
  const [group, setGroup] = useState("all");
  const genesis = (status as { genesis?: { noShowGraceSeconds?: number; closeTimeoutSeconds?: number } } | undefined)?.genesis;
  const now = nowSeconds();
  const all = useMemo(() => [...(cases.data ?? [])].reverse(), [cases.data]);
  const due = all
    .map((c) => ({ c, action: dueAction(c, now, genesis?.noShowGraceSeconds ?? 7200, genesis?.closeTimeoutSeconds ?? 1_209_600) }))
    .filter((d) => d.action);
  const shown = group === "all" ? all : all.filter((c) => GROUPS.find(([g]) => g === group)![2].includes(c.status));
  const unanswered = (reviews.data?.reviews ?? []).filter((r) => !r.reply);
  return (
    <>
      {profile.data && !profile.data.licenseStatus.valid && (
        <Notice tone="warn">
          Your license is {profile.data.licenseStatus.status.toLowerCase()}: you cannot make new offers until a licensing board attests it.
        </Notice>
      )}
      <dl className="stats status-counts" aria-label="Cases by status">
        {GROUPS.map(([g, label, statuses]) => (
          <div className="stat" key={g}>
            <dt>{label}</dt>
            <dd>{all.filter((c) => statuses.includes(c.status)).length}</dd>
          </div>
        ))}
      </dl>
      <section aria-labelledby="due-title">
        <h2 id="due-title">Due now ({due.length})</h2>
        {due.length === 0 ? (
          <p className="muted">Nothing waits for you.</p>
        ) : (
          <ul className="plain due-list">
            {due.map(({ c, action }) => (
              <li key={c.id} className="card due">
                <Link to={`/cases/${c.id}`}>
                  Case #{c.id} ({c.procedure})
                </Link>{" "}
                <Badge status={c.status} /> <strong>{action}</strong>
                {c.offer && (
                  <span className="muted">
                    {" "}
                    · <Time seconds={c.appointmentTime} />
                  </span>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="cases-title">
        <div className="section-head">
          <h2 id="cases-title">Cases</h2>
          <Select
            label="Show"
            value={group}
            onChange={(e) => setGroup(e.target.value)}
            options={[{ value: "all", label: "All" }, ...GROUPS.map(([value, label]) => ({ value, label }))]}
          />
          <Link to="/clinic/import" className="button secondary">
            Import a day's schedule (CSV)
          </Link>
        </div>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Case</th>
                <th scope="col">Patient</th>
                <th scope="col">Status</th>
                <th scope="col">Appointment</th>
                <th scope="col">Escrow</th>
                <th scope="col">Plan</th>
                <th scope="col">Record / summary</th>
                <th scope="col">Incidents</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link to={`/cases/${c.id}`}>
                      #{c.id} {c.procedure}
                    </Link>
                  </td>
                  <td>
                    <Addr address={c.patient} />
                  </td>
                  <td>
                    <Badge status={c.status} />
                  </td>
                  <td>{c.offer ? <Time seconds={c.appointmentTime} /> : "—"}</td>
                  <td>
                    <Money wei={c.escrow} />
                  </td>
                  <td>
                    {c.plan
                      ? `${c.plan.packs.length} pack(s)${c.plan.policyId !== "0" ? `, policy #${c.plan.policyId}` : ""}${c.confirmedPlan ? ", confirmed" : ""}`
                      : "—"}
                  </td>
                  <td>{c.recordHash ? (c.summaryHash ? "recorded, summary posted" : "recorded") : "—"}</td>
                  <td>{c.incidentIds.length ? `${c.incidentIds.length} (${c.openIncidents} open)` : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      {unanswered.length > 0 && (
        <section aria-labelledby="replies-title">
          <h2 id="replies-title">Reviews without your reply ({unanswered.length})</h2>
          <ul className="plain">
            {unanswered.map((r) => (
              <ReviewReply key={r.id} review={r} />
            ))}
          </ul>
        </section>
      )}
      {profile.data && (
        <details className="card">
          <summary>Update your public profile</summary>
          <RegisterForm existing={profile.data} />
        </details>
      )}
    </>
  );
}

export function ClinicPage() {
  const { account } = useSession();
  const { view } = useMyAccount();
  return (
    <section className="page">
      <h1>Clinic</h1>
      <RequireAccount what="run your clinic">
        {view && !view.roles.includes("doctor") && (
          <section className="card" aria-labelledby="register-title">
            <h2 id="register-title">Register as a doctor</h2>
            <p>Patients find you once a licensing board has attested your license.</p>
            <RegisterForm />
          </section>
        )}
        {view?.roles.includes("doctor") && account && <Dashboard address={account.address} />}
      </RequireAccount>
    </section>
  );
}
