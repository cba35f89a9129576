// A doctor's public profile: license, track record, verified anonymous reviews with the doctor's
// replies; and, for a patient, the form to propose a surgery (details encrypted to the doctor).
import { type FormEvent, useState } from "react";
import type { Address } from "viem";
import type { DoctorProfile, ReviewView } from "../../../src/types/json";
import { Addr, Badge, Stars, Stat, Time } from "../components/display";
import { Field, Select, TextArea } from "../components/forms";
import { MapView } from "../components/MapView";
import { ErrorNotice, Notice } from "../components/Notice";
import { RequireAccount } from "../components/RequireAccount";
import { useAction } from "../components/useAction";
import { useBlobText } from "../components/useBlobText";
import { fromDateTimeInput, nowSeconds, toDateTimeInput } from "../lib/format";
import { navigate } from "../lib/router";
import { usePoll } from "../lib/usePoll";
import { useSession } from "../session/SessionContext";

function Review({ review }: { review: ReviewView }) {
  const text = useBlobText(review.textHash);
  const reply = useBlobText(review.reply?.textHash);
  return (
    <li className="card review">
      <p>
        <Stars rating={review.rating} /> {review.worthIt ? <Badge status="ACTIVE">worth it</Badge> : <Badge status="NONE">not worth it</Badge>}{" "}
        <span className="muted small">
          review #{review.id}, <Time seconds={review.postedAt} />
        </span>
      </p>
      {text && <blockquote>{text}</blockquote>}
      {review.reply && (
        <div className="reply">
          <strong>The doctor replied</strong>{" "}
          <span className="muted small">
            (<Time seconds={review.reply.at} />)
          </span>
          <p>{reply ?? "…"}</p>
        </div>
      )}
    </li>
  );
}

function ProposeForm({ doctor }: { doctor: DoctorProfile }) {
  const { client, account } = useSession();
  const doctorKey = usePoll(() => client.getAccount({ address: doctor.address as Address }), [doctor.address]);
  const [procedure, setProcedure] = useState(doctor.specialties[0] ?? "");
  const [when, setWhen] = useState(toDateTimeInput(nowSeconds() + 14 * 86_400));
  const [note, setNote] = useState("");
  const canEncrypt = Boolean(doctorKey.data?.encryptionKey);
  const propose = useAction(async () => {
    const requestedTime = fromDateTimeInput(when);
    if (!(requestedTime > nowSeconds())) throw new Error("Choose a time in the future");
    const r = await client.proposeSurgery({
      doctor: doctor.address as Address,
      procedure,
      requestedTime: BigInt(requestedTime),
      ...(canEncrypt && note.trim() && { details: { note: note.trim() } }),
    });
    navigate(`/cases/${r.caseId}`);
  });
  if (account?.address === doctor.address) return null;
  return (
    <section className="card" aria-labelledby="propose-title">
      <h2 id="propose-title">Propose a surgery</h2>
      <RequireAccount what="propose a surgery">
        <form
          className="stack"
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            propose.run();
          }}
        >
          <Select
            label="Procedure"
            value={procedure}
            onChange={(e) => setProcedure(e.target.value)}
            options={doctor.specialties.map((s) => ({ value: s, label: s }))}
          />
          <Field label="Preferred date and time (UTC)" type="datetime-local" value={when} onChange={(e) => setWhen(e.target.value)} required />
          <TextArea
            label="Details for the doctor"
            hint={
              canEncrypt
                ? "Encrypted to the doctor's key before it leaves this page; only its hash goes on chain."
                : "This doctor has not published an encryption key yet: details cannot be sent privately."
            }
            value={note}
            onChange={(e) => setNote(e.target.value)}
            disabled={!canEncrypt}
            rows={3}
          />
          <button type="submit" className="primary" disabled={propose.busy || !procedure}>
            {propose.busy ? "Proposing…" : "Review and sign the proposal"}
          </button>
        </form>
        <ErrorNotice error={propose.error} />
      </RequireAccount>
    </section>
  );
}

export function DoctorPage({ address }: { address: string }) {
  const { client, version } = useSession();
  const profile = usePoll(() => client.getDoctor({ address: address as Address }), [address, version]);
  const reviews = usePoll(() => client.getDoctorReviews({ address: address as Address }), [address, version]);
  const d = profile.data;
  if (profile.error) return <ErrorNotice error={profile.error} />;
  if (!d) return <p aria-busy="true">Loading the profile…</p>;
  const r = d.reputation;
  const list = [...(reviews.data?.reviews ?? [])].reverse();
  return (
    <section className="page">
      <h1>
        Dr {d.address.slice(0, 8)}… <Badge status={d.licenseStatus.status}>license {d.licenseStatus.status.toLowerCase()}</Badge>
      </h1>
      <p className="lede">
        <span className="mono">{d.address}</span> · {d.specialties.join(" · ")}
      </p>
      <div className="grid-2">
        <section className="card" aria-labelledby="license-title">
          <h2 id="license-title">License</h2>
          {d.license ? (
            <dl className="kv">
              <dt>Status</dt>
              <dd>
                <Badge status={d.licenseStatus.status} />
              </dd>
              <dt>Jurisdiction</dt>
              <dd>{d.license.jurisdiction}</dd>
              <dt>NPI</dt>
              <dd>{d.license.npi || "—"}</dd>
              <dt>License number</dt>
              <dd className="mono" title={d.license.licenseNumberHash}>
                hash {d.license.licenseNumberHash.slice(0, 14)}…
              </dd>
              <dt>Expires</dt>
              <dd>
                <Time seconds={d.license.expiresAt} />
              </dd>
              <dt>Attested by</dt>
              <dd>
                board <Addr address={d.license.board} />, <Time seconds={d.license.attestedAt} />
              </dd>
            </dl>
          ) : (
            <Notice tone="warn">No license attested: this doctor cannot be offered new cases.</Notice>
          )}
        </section>
        <section className="card" aria-labelledby="record-title">
          <h2 id="record-title">Track record</h2>
          <dl className="stats">
            <Stat label="Rating" value={<Stars rating={r.meanRating} />} />
            <Stat label="Verified reviews" value={r.reviewCount} />
            <Stat label="Worth it" value={r.worthItPercent === null ? "—" : `${r.worthItPercent}%`} />
            <Stat label="Completed surgeries" value={r.casesByStatus.CLOSED} />
            <Stat label="Completion rate" value={`${Math.round(r.completionRate * 100)}%`} />
            <Stat
              label="Open cases"
              value={r.casesByStatus.PROPOSED + r.casesByStatus.OFFERED + r.casesByStatus.SCHEDULED + r.casesByStatus.PLANNED + r.casesByStatus.CONFIRMED}
            />
            <Stat label="Cancelled by the doctor" value={r.cancellationsByDoctor} />
            <Stat label="Incidents open / resolved" value={`${r.incidentsOpen} / ${r.incidentsResolved}`} />
            <Stat label="Unclosed past timeout" value={r.overdueUnclosed} />
            <Stat label="Ranking score" value={r.score.toFixed(3)} />
          </dl>
        </section>
      </div>
      <div className="grid-2">
        <MapView
          label="Where the doctor practises"
          center={{ lat: d.latE6 / 1e6, lon: d.lonE6 / 1e6 }}
          radiusKm={null}
          centerLabel={null}
          points={[{ id: d.address, lat: d.latE6 / 1e6, lon: d.lonE6 / 1e6, label: "clinic", highlight: true }]}
        />
        <section className="card" aria-labelledby="insurers-title">
          <h2 id="insurers-title">Accepted insurers</h2>
          {d.acceptedInsurers.length ? (
            <ul>
              {d.acceptedInsurers.map((i) => (
                <li key={i}>
                  <Addr address={i} />
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">None listed.</p>
          )}
        </section>
      </div>
      <ProposeForm doctor={d} />
      <section aria-labelledby="reviews-title">
        <h2 id="reviews-title">Verified reviews ({list.length})</h2>
        <p className="hint">Each review carries a zero-knowledge proof that its author's surgery with this doctor was closed; nobody can tell which surgery.</p>
        {list.length === 0 ? (
          <p className="muted">No reviews yet.</p>
        ) : (
          <ul className="plain">
            {list.map((review) => (
              <Review key={review.id} review={review} />
            ))}
          </ul>
        )}
      </section>
    </section>
  );
}
