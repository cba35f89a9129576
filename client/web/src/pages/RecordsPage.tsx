// Encrypted records: the ones about you and the ones shared with you. Open one (decrypted here),
// share it with a doctor (the record's key wrapped for their public key), revoke a reader, or add
// a new record (a note or a file, encrypted before it leaves the page).
import { type FormEvent, useState } from "react";
import type { Address } from "viem";
import type { DecryptRecordReturnType } from "../../../src/actions/decryptRecord";
import type { RecordView } from "../../../src/types/json";
import { Addr, Time } from "../components/display";
import { Field, TextArea } from "../components/forms";
import { ErrorNotice, Notice } from "../components/Notice";
import { RequireAccount } from "../components/RequireAccount";
import { useAction } from "../components/useAction";
import { formatBytes } from "../lib/format";
import { usePoll } from "../lib/usePoll";
import { useSession } from "../session/SessionContext";

function Opened({ opened }: { opened: DecryptRecordReturnType }) {
  if (opened.json !== undefined) return <pre className="record-content">{JSON.stringify(opened.json, null, 2)}</pre>;
  if (opened.contentType.startsWith("text/")) return <pre className="record-content">{new TextDecoder().decode(opened.bytes)}</pre>;
  const url = URL.createObjectURL(new Blob([opened.bytes as BlobPart], { type: opened.contentType }));
  return (
    <p>
      <a href={url} download={opened.name ?? "record"}>
        Download {opened.name ?? "the file"}
      </a>{" "}
      ({opened.contentType}, {formatBytes(opened.bytes.length)})
    </p>
  );
}

function RecordItem({ record }: { record: RecordView }) {
  const { client, account } = useSession();
  const me = account!.address;
  const [reader, setReader] = useState("");
  const open = useAction(() => client.decryptRecord({ recordId: BigInt(record.id) }));
  const share = useAction(() => client.grantAccess({ recordId: BigInt(record.id), reader: reader.trim().toLowerCase() as Address }));
  const revoke = useAction((who: Address) => client.revokeAccess({ recordId: BigInt(record.id), reader: who }));
  const isSubject = record.subject === me;
  const canRead = record.readers.some((r) => r.reader === me);
  return (
    <li className="card" data-record={record.id}>
      <h3>Record #{record.id}</h3>
      <p className="small">
        About <Addr address={record.subject} />, written by <Addr address={record.author} />, <Time seconds={record.createdAt} />
      </p>
      <p>
        Readers:{" "}
        {record.readers.map((r) => (
          <span key={r.reader} className="reader">
            <Addr address={r.reader} />
            {isSubject && r.reader !== me && (
              <button
                type="button"
                className="small danger"
                disabled={revoke.busy}
                onClick={() => revoke.run(r.reader as Address)}
                aria-label={`Revoke ${r.reader}`}
              >
                Revoke
              </button>
            )}
          </span>
        ))}
      </p>
      {canRead && !open.result && (
        <button type="button" className="secondary" disabled={open.busy} onClick={() => open.run()}>
          {open.busy ? "Decrypting…" : "Open"}
        </button>
      )}
      {open.result && <Opened opened={open.result} />}
      {isSubject && (
        <form
          className="inline-form"
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            share.run();
          }}
        >
          <Field
            label="Share with (doctor's address)"
            value={reader}
            onChange={(e) => setReader(e.target.value)}
            pattern="^0x[0-9a-fA-F]{40}$"
            required
            hint="They must have published an encryption key."
          />
          <button type="submit" className="secondary" disabled={share.busy}>
            Share
          </button>
        </form>
      )}
      <ErrorNotice error={open.error ?? share.error ?? revoke.error} />
    </li>
  );
}

function NewRecord() {
  const { client, account } = useSession();
  const [note, setNote] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const create = useAction(async () => {
    const content = file
      ? { bytes: new Uint8Array(await file.arrayBuffer()), name: file.name, contentType: file.type || "application/octet-stream" }
      : { json: { note: note.trim() } };
    return client.createRecord({ subject: account!.address, content, readers: [] });
  });
  return (
    <section className="card" aria-labelledby="new-record">
      <h2 id="new-record">Add a record</h2>
      <form
        className="stack"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          create.run();
        }}
      >
        <TextArea label="Note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} disabled={Boolean(file)} />
        <label className="file-label">
          Or a file (at most 1 MiB after encryption) <input type="file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </label>
        <button type="submit" className="primary" disabled={create.busy || (!file && !note.trim())}>
          Encrypt and register
        </button>
      </form>
      {create.result && <Notice tone="ok">Record #{create.result.recordId.toString()} registered.</Notice>}
      <ErrorNotice error={create.error} />
    </section>
  );
}

export function RecordsPage() {
  const { client, account, version } = useSession();
  const about = usePoll(account ? () => client.getRecords({ subject: account.address, limit: 200 }).then((page) => page.records) : null, [
    account?.address,
    version,
  ]);
  const shared = usePoll(account ? () => client.getRecords({ reader: account.address, limit: 200 }).then((page) => page.records) : null, [
    account?.address,
    version,
  ]);
  const others = (shared.data ?? []).filter((r) => r.subject !== account?.address);
  return (
    <section className="page">
      <h1>Records</h1>
      <RequireAccount what="read and share your records" needsKey>
        <p className="lede">
          Records are encrypted in the browser (AES-256-GCM); each reader gets the key wrapped for their public key. Who can read what is public; the content is
          not.
        </p>
        <section aria-labelledby="about-me">
          <h2 id="about-me">About you ({about.data?.length ?? 0})</h2>
          <ul className="plain">
            {(about.data ?? []).map((r) => (
              <RecordItem key={r.id} record={r} />
            ))}
          </ul>
        </section>
        {others.length > 0 && (
          <section aria-labelledby="shared-with-me">
            <h2 id="shared-with-me">Shared with you ({others.length})</h2>
            <ul className="plain">
              {others.map((r) => (
                <RecordItem key={r.id} record={r} />
              ))}
            </ul>
          </section>
        )}
        <NewRecord />
        <ErrorNotice error={about.error ?? shared.error} />
      </RequireAccount>
    </section>
  );
}
