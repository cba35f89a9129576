// Bulk import of a day's schedule: a CSV of offers becomes OfferSchedule transactions with
// consecutive nonces, approved together (each shown in plain words), signed in the browser and
// sent in one POST /v1/txs; the node answers one result per row.
import { useState } from "react";
import type { Hex } from "viem";
import type { SignRequest } from "../../../src/client/createSutureClient";
import { createSutureClient } from "../../../src/createSutureClient";
import { Badge, Money, Time } from "../components/display";
import { TextArea } from "../components/forms";
import { ErrorNotice, Notice } from "../components/Notice";
import { RequireAccount } from "../components/RequireAccount";
import { useAction } from "../components/useAction";
import { formatBps, formatDuration, nowSeconds } from "../lib/format";
import { Link } from "../lib/router";
import { parseSchedule, SCHEDULE_COLUMNS, SCHEDULE_TEMPLATE, type ScheduleRow } from "../lib/scheduleCsv";
import { useSession } from "../session/SessionContext";
import { clearPreApproved, requestApproval } from "../signing/approvals";

type RowResult = { status: string; hash?: Hex; blockNumber?: string; error?: { code: string; message: string } };

class Collected extends Error {}

export function ClinicImportPage() {
  const { client, account, l1RpcUrl, nodeUrl } = useSession();
  const [text, setText] = useState("");
  const [fileName, setFileName] = useState<string | null>(null);
  const parsed = text.trim() ? parseSchedule(text, nowSeconds()) : null;
  const valid = parsed?.rows.filter((r): r is ScheduleRow & { offer: NonNullable<ScheduleRow["offer"]> } => r.offer !== null) ?? [];
  const [results, setResults] = useState<Map<number, RowResult>>(new Map());

  const submit = useAction(async () => {
    if (!account) throw new Error("no account");
    setResults(new Map());
    const start = BigInt((await client.getAccount({ address: account.address })).nonce);
    // First the exact typed data of every row (nothing is signed yet), for one approval...
    const requests: SignRequest[] = [];
    const collector = createSutureClient({
      nodeUrl,
      l1RpcUrl,
      account: account.kind === "key" ? account.privateKey : { address: account.address, privateKey: null, signer: account.signer },
      beforeSign: (r) => {
        requests.push(r);
        throw new Collected();
      },
    });
    // Each offer signs the fee its own encoding costs at the node's schedule (GET /v1/fees).
    const fees = await client.getFees();
    const maxFees: bigint[] = [];
    for (const [i, row] of valid.entries())
      maxFees.push((await client.estimateFee({ type: "OfferSchedule", message: row.offer, nonce: start + BigInt(i), fees })).fee);
    for (const [i, row] of valid.entries()) {
      await collector.signTransaction({ type: "OfferSchedule", message: row.offer, nonce: start + BigInt(i), maxFee: maxFees[i]! }).catch((e) => {
        if (!(e instanceof Collected)) throw e;
      });
    }
    await requestApproval({ kind: "l2-batch", title: `Sign ${requests.length} offers from ${fileName ?? "the pasted schedule"}`, requests });
    // ...then the signatures, which the approval already covers, and one submission.
    try {
      const txs = [];
      for (const [i, row] of valid.entries())
        txs.push(await client.signTransaction({ type: "OfferSchedule", message: row.offer, nonce: start + BigInt(i), maxFee: maxFees[i]! }));
      const answer = await client.request<{ results: RowResult[] }>({ path: "/v1/txs", body: txs });
      setResults(new Map(valid.map((row, i) => [row.line, answer.results[i]!])));
      return answer.results;
    } finally {
      clearPreApproved();
      client.nonces.reset(account.address);
    }
  });

  const included = [...results.values()].filter((r) => r.status === "included" || r.status === "batched" || r.status === "final").length;
  return (
    <section className="page">
      <h1>Import a day's schedule</h1>
      <p className="lede">
        One offer per row. Columns: <span className="mono">{SCHEDULE_COLUMNS.join(", ")}</span>. Times are UTC (<span className="mono">2030-06-01T09:00Z</span>)
        or unix seconds; amounts in ETH; the last two columns default to 24 hours and 10%.{" "}
        <a href={`data:text/csv;charset=utf-8,${encodeURIComponent(SCHEDULE_TEMPLATE)}`} download="suture-schedule-template.csv">
          Download a template
        </a>
        .
      </p>
      <RequireAccount what="import offers">
        <div className="card stack">
          <label className="file-label">
            CSV file{" "}
            <input
              type="file"
              accept=".csv,text/csv"
              onChange={async (e) => {
                const file = e.target.files?.[0];
                if (!file) return;
                setFileName(file.name);
                setResults(new Map());
                setText(await file.text());
              }}
            />
          </label>
          <TextArea
            label="Or paste the CSV"
            rows={5}
            value={text}
            onChange={(e) => {
              setFileName(null);
              setResults(new Map());
              setText(e.target.value);
            }}
            spellCheck={false}
            className="mono-input"
          />
        </div>
        {parsed && parsed.missing.length > 0 && <Notice tone="error">Missing column(s): {parsed.missing.join(", ")}.</Notice>}
        {parsed && parsed.rows.length > 0 && (
          <section aria-labelledby="rows-title">
            <h2 id="rows-title">
              {parsed.rows.length} rows: {valid.length} ready, {parsed.rows.length - valid.length} with errors
            </h2>
            <div className="table-wrap">
              <table className="import-table">
                <thead>
                  <tr>
                    <th scope="col">Line</th>
                    <th scope="col">Case</th>
                    <th scope="col">Appointment</th>
                    <th scope="col">Deposit / price</th>
                    <th scope="col">Cancellation</th>
                    <th scope="col">Result</th>
                  </tr>
                </thead>
                <tbody>
                  {parsed.rows.map((row) => {
                    const result = results.get(row.line);
                    return (
                      <tr key={row.line} data-line={row.line}>
                        <td>{row.line}</td>
                        <td>{row.offer ? <Link to={`/cases/${row.offer.caseId}`}>#{row.offer.caseId.toString()}</Link> : row.cells.caseId}</td>
                        <td>{row.offer ? <Time seconds={row.offer.appointmentTime} /> : row.cells.appointment}</td>
                        <td>
                          {row.offer ? (
                            <>
                              <Money wei={row.offer.deposit} /> / <Money wei={row.offer.price} />
                            </>
                          ) : (
                            `${row.cells.deposit} / ${row.cells.price}`
                          )}
                        </td>
                        <td>
                          {row.offer ? `free until ${formatDuration(row.offer.freeCancelBefore)} before, then ${formatBps(row.offer.lateCancelFeeBps)}` : ""}
                        </td>
                        <td className="row-result">
                          {row.error && (
                            <>
                              <Badge status="rejected">not sent</Badge> {row.error}
                            </>
                          )}
                          {result && (
                            <>
                              <Badge status={result.status}>{result.status}</Badge>{" "}
                              {result.error ? (
                                <>
                                  <span className="mono">{result.error.code}</span> {result.error.message}
                                </>
                              ) : (
                                result.blockNumber && <Link to={`/explorer/blocks/${result.blockNumber}`}>block {result.blockNumber}</Link>
                              )}
                            </>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            <button type="button" className="primary" disabled={submit.busy || valid.length === 0 || results.size > 0} onClick={() => submit.run()}>
              {submit.busy ? "Signing and sending…" : `Sign and send ${valid.length} offer${valid.length === 1 ? "" : "s"}`}
            </button>
            {results.size > 0 && (
              <Notice tone={included === results.size ? "ok" : "warn"}>
                <span data-testid="import-summary">
                  {included} of {results.size} offers included; {results.size - included} rejected.
                </span>
              </Notice>
            )}
            <ErrorNotice error={submit.error} />
          </section>
        )}
      </RequireAccount>
    </section>
  );
}
