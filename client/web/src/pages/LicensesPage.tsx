// Licensing: anyone looks up a doctor's license; the licensing board attests (or suspends, revokes)
// one; the regulators admit manufacturers and insurers.
import { type FormEvent, useState } from "react";
import { type Address, keccak256, toBytes } from "viem";
import type { DoctorProfile } from "../../../src/types/json";
import { Addr, Badge, Time } from "../components/display";
import { Checkbox, Field, Select } from "../components/forms";
import { ErrorNotice, Notice } from "../components/Notice";
import { RequireAccount } from "../components/RequireAccount";
import { useAction } from "../components/useAction";
import { fromDateTimeInput, nowSeconds, toDateTimeInput } from "../lib/format";
import { isValidNpi } from "../lib/npi";
import { Link } from "../lib/router";
import { useSession } from "../session/SessionContext";
import { useMyAccount } from "../session/useMyAccount";

function LicenseLookup() {
  const { client } = useSession();
  const [address, setAddress] = useState("");
  const lookup = useAction<[], DoctorProfile>(() => client.getDoctor({ address: address.trim().toLowerCase() as Address }));
  const d = lookup.result;
  return (
    <section className="card" aria-labelledby="license-lookup">
      <h2 id="license-lookup">Look up a license</h2>
      <form
        className="inline-form"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          lookup.run();
        }}
      >
        <Field label="Doctor's address" value={address} onChange={(e) => setAddress(e.target.value)} pattern="^0x[0-9a-fA-F]{40}$" required />
        <button type="submit" className="secondary">
          Look up
        </button>
      </form>
      {lookup.error ? <Notice tone="error">No doctor registered at this address.</Notice> : null}
      {d && (
        <dl className="kv" data-testid="license-result">
          <dt>Status</dt>
          <dd>
            <Badge status={d.licenseStatus.status} />
          </dd>
          {d.license && (
            <>
              <dt>Jurisdiction</dt>
              <dd>{d.license.jurisdiction}</dd>
              <dt>NPI</dt>
              <dd>{d.license.npi || "—"}</dd>
              <dt>Expires</dt>
              <dd>
                <Time seconds={d.license.expiresAt} />
              </dd>
              <dt>Board</dt>
              <dd>
                <Addr address={d.license.board} />
              </dd>
            </>
          )}
          <dt>Profile</dt>
          <dd>
            <Link to={`/doctors/${d.address}`}>open</Link>
          </dd>
        </dl>
      )}
    </section>
  );
}

function AttestForm() {
  const { client } = useSession();
  const [doctor, setDoctor] = useState("");
  const [jurisdiction, setJurisdiction] = useState("US-NY");
  const [number, setNumber] = useState("");
  const [npi, setNpi] = useState("");
  const [status, setStatus] = useState("1");
  const [expires, setExpires] = useState(toDateTimeInput(nowSeconds() + 365 * 86_400).slice(0, 10));
  const npiError = npi && !isValidNpi(npi) ? "Not a valid NPI (10 digits, Luhn check digit with prefix 80840)" : null;
  const attest = useAction(() =>
    client.attestLicense({
      doctor: doctor.trim().toLowerCase() as Address,
      jurisdiction: jurisdiction.trim(),
      licenseNumberHash: keccak256(toBytes(`${jurisdiction.trim()}:${number.trim()}`)),
      npi: npi.trim(),
      status: Number(status),
      expiresAt: BigInt(fromDateTimeInput(`${expires}T00:00`)),
    }),
  );
  return (
    <section className="card" aria-labelledby="attest-title">
      <h2 id="attest-title">Attest a license</h2>
      <form
        className="stack"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          attest.run();
        }}
      >
        <Field label="Doctor's address" value={doctor} onChange={(e) => setDoctor(e.target.value)} pattern="^0x[0-9a-fA-F]{40}$" required />
        <div className="row">
          <Field label="Jurisdiction" value={jurisdiction} onChange={(e) => setJurisdiction(e.target.value)} required hint="e.g. US-NY" />
          <Field
            label="License number"
            value={number}
            onChange={(e) => setNumber(e.target.value)}
            required
            hint="Only its hash (with the jurisdiction) goes on chain."
          />
        </div>
        <div className="row">
          <Field label="NPI (optional)" inputMode="numeric" value={npi} onChange={(e) => setNpi(e.target.value)} error={npiError} />
          <Select
            label="Status"
            value={status}
            onChange={(e) => setStatus(e.target.value)}
            options={[
              { value: "1", label: "Active" },
              { value: "2", label: "Suspended" },
              { value: "3", label: "Revoked" },
            ]}
          />
          <Field label="Expires" type="date" value={expires} onChange={(e) => setExpires(e.target.value)} required />
        </div>
        <button type="submit" className="primary" disabled={attest.busy || Boolean(npiError)}>
          Sign the attestation
        </button>
      </form>
      {attest.result && <Notice tone="ok">Attested.</Notice>}
      <ErrorNotice error={attest.error} />
    </section>
  );
}

function AdmitForm({ participant }: { participant: 1 | 2 }) {
  const { client } = useSession();
  const [account, setAccount] = useState("");
  const [active, setActive] = useState(true);
  const admit = useAction(() => client.admitParticipant({ account: account.trim().toLowerCase() as Address, role: participant, active }));
  const name = participant === 1 ? "manufacturer" : "insurer";
  return (
    <section className="card" aria-labelledby={`admit-${name}`}>
      <h2 id={`admit-${name}`}>Admit a {name}</h2>
      <form
        className="stack"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          admit.run();
        }}
      >
        <Field label={`The ${name}'s address`} value={account} onChange={(e) => setAccount(e.target.value)} pattern="^0x[0-9a-fA-F]{40}$" required />
        <Checkbox label="Active (uncheck to remove)" checked={active} onChange={(e) => setActive(e.target.checked)} />
        <button type="submit" className="primary" disabled={admit.busy}>
          Sign
        </button>
      </form>
      {admit.result && <Notice tone="ok">Done.</Notice>}
      <ErrorNotice error={admit.error} />
    </section>
  );
}

export function LicensesPage() {
  const { view } = useMyAccount();
  const roles = view?.roles ?? [];
  return (
    <section className="page">
      <h1>Licenses and admissions</h1>
      <LicenseLookup />
      <RequireAccount what="attest licenses or admit participants">
        {view && !roles.some((r) => r.includes("board") || r.includes("regulator")) && (
          <Notice>Attesting licenses is for the licensing board; admitting manufacturers and insurers, for the regulators.</Notice>
        )}
        {roles.includes("licensing board") && <AttestForm />}
        {roles.includes("medicine regulator") && <AdmitForm participant={1} />}
        {roles.includes("insurance regulator") && <AdmitForm participant={2} />}
      </RequireAccount>
    </section>
  );
}
