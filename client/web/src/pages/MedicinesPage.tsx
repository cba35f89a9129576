// Medicine packs: anyone verifies a pack by GTIN and serial (typed, or a scanned GS1 code pasted);
// a manufacturer registers packs of a lot and recalls a lot.
import { type FormEvent, useState } from "react";
import type { LotView, MedicineView } from "../../../src/types/json";
import { Addr, Badge, Time } from "../components/display";
import { Field, TextArea } from "../components/forms";
import { ErrorNotice, Notice } from "../components/Notice";
import { RequireAccount } from "../components/RequireAccount";
import { useAction } from "../components/useAction";
import { fromDateTimeInput } from "../lib/format";
import { isValidGtin, normalizeGtin, parsePackCode } from "../lib/gs1";
import { useSession } from "../session/SessionContext";
import { useMyAccount } from "../session/useMyAccount";

function PackLookup() {
  const { client } = useSession();
  const [code, setCode] = useState("");
  const [gtin, setGtin] = useState("");
  const [serial, setSerial] = useState("");
  const lookup = useAction<[string, string], MedicineView>((g, s) => client.getMedicine({ gtin: g, serial: s }));
  const onPaste = (value: string) => {
    setCode(value);
    const parsed = parsePackCode(value);
    if (parsed) {
      setGtin(parsed.gtin);
      setSerial(parsed.serial);
    }
  };
  const gtinError = gtin && !isValidGtin(normalizeGtin(gtin)) ? "Not a valid GTIN (14 digits with a correct check digit)" : null;
  const pack = lookup.result;
  return (
    <section className="card" aria-labelledby="lookup-title">
      <h2 id="lookup-title">Verify a pack</h2>
      <form
        className="stack"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          lookup.run(normalizeGtin(gtin), serial.trim());
        }}
      >
        <Field
          label="Scanned code (optional)"
          placeholder="(01)09506000134352(21)G1"
          hint="Paste a GS1 DataMatrix reading: it fills in the GTIN and serial."
          value={code}
          onChange={(e) => onPaste(e.target.value)}
          spellCheck={false}
        />
        <div className="row">
          <Field label="GTIN" inputMode="numeric" value={gtin} onChange={(e) => setGtin(e.target.value)} error={gtinError} required />
          <Field label="Serial" value={serial} onChange={(e) => setSerial(e.target.value)} required />
        </div>
        <button type="submit" className="secondary" disabled={Boolean(gtinError)}>
          Verify
        </button>
      </form>
      {lookup.error ? (
        <Notice tone="error">Not registered: this GTIN and serial are unknown to the chain. Do not use the pack.</Notice>
      ) : (
        pack && (
          <dl className="kv" data-testid="pack-result">
            <dt>Status</dt>
            <dd>
              <Badge status={pack.status} /> {pack.expired && <Badge status="EXPIRED">expired</Badge>}
            </dd>
            <dt>Lot</dt>
            <dd>{pack.lot}</dd>
            <dt>Expiry</dt>
            <dd>
              <Time seconds={pack.expiry} />
            </dd>
            <dt>Manufacturer</dt>
            <dd>
              <Addr address={pack.manufacturer} />
            </dd>
            {pack.caseId && (
              <>
                <dt>Case</dt>
                <dd>#{pack.caseId}</dd>
              </>
            )}
          </dl>
        )
      )}
    </section>
  );
}

function RegisterPacks() {
  const { client } = useSession();
  const [gtin, setGtin] = useState("");
  const [lot, setLot] = useState("");
  const [expiry, setExpiry] = useState("");
  const [serials, setSerials] = useState("");
  const list = serials.split(/[\s,;]+/).filter(Boolean);
  const register = useAction(() =>
    client.registerMedicine({ gtin: normalizeGtin(gtin), lot: lot.trim(), expiry: BigInt(fromDateTimeInput(`${expiry}T00:00`)), serials: list }),
  );
  const gtinError = gtin && !isValidGtin(normalizeGtin(gtin)) ? "Not a valid GTIN" : null;
  return (
    <section className="card" aria-labelledby="register-title">
      <h2 id="register-title">Register packs</h2>
      <form
        className="stack"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          register.run();
        }}
      >
        <div className="row">
          <Field label="GTIN" inputMode="numeric" value={gtin} onChange={(e) => setGtin(e.target.value)} error={gtinError} required />
          <Field label="Lot" value={lot} onChange={(e) => setLot(e.target.value)} required maxLength={20} />
          <Field label="Expiry" type="date" value={expiry} onChange={(e) => setExpiry(e.target.value)} required />
        </div>
        <TextArea
          label={`Serials (${list.length})`}
          hint="Separated by spaces, commas or lines."
          rows={3}
          value={serials}
          onChange={(e) => setSerials(e.target.value)}
          required
        />
        <button type="submit" className="primary" disabled={register.busy || Boolean(gtinError)}>
          Sign and register {list.length} pack{list.length === 1 ? "" : "s"}
        </button>
      </form>
      {register.result && <Notice tone="ok">Registered.</Notice>}
      <ErrorNotice error={register.error} />
    </section>
  );
}

function RecallLot() {
  const { client } = useSession();
  const [gtin, setGtin] = useState("");
  const [lot, setLot] = useState("");
  const check = useAction<[], LotView>(() => client.getLot({ gtin: normalizeGtin(gtin), lot: lot.trim() }));
  const recall = useAction(() => client.recallLot({ gtin: normalizeGtin(gtin), lot: lot.trim() }));
  return (
    <section className="card" aria-labelledby="recall-title">
      <h2 id="recall-title">Recall a lot</h2>
      <form
        className="stack"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          check.run();
        }}
      >
        <div className="row">
          <Field label="GTIN" inputMode="numeric" value={gtin} onChange={(e) => setGtin(e.target.value)} required />
          <Field label="Lot" value={lot} onChange={(e) => setLot(e.target.value)} required />
        </div>
        <button type="submit" className="secondary">
          Find the lot
        </button>
      </form>
      <ErrorNotice error={check.error} />
      {check.result && (
        <>
          <p>
            Lot {check.result.lot}: {check.result.packs} packs, expires <Time seconds={check.result.expiry} />.{" "}
            {check.result.recalled ? <Badge status="RECALLED">recalled</Badge> : <Badge status="ACTIVE">not recalled</Badge>}
          </p>
          {!check.result.recalled && (
            <button type="button" className="danger" disabled={recall.busy} onClick={() => recall.run().then(() => check.run())}>
              Recall all {check.result.packs} packs (irreversible)
            </button>
          )}
        </>
      )}
      <ErrorNotice error={recall.error} />
    </section>
  );
}

export function MedicinesPage() {
  const { view } = useMyAccount();
  const isManufacturer = view?.roles.includes("manufacturer");
  return (
    <section className="page">
      <h1>Medicines</h1>
      <PackLookup />
      <RequireAccount what="register or recall medicine">
        {view && !isManufacturer && <Notice>Registering and recalling packs is for manufacturers admitted by the medicine regulator.</Notice>}
        {isManufacturer && (
          <div className="grid-2">
            <RegisterPacks />
            <RecallLot />
          </div>
        )}
      </RequireAccount>
    </section>
  );
}
