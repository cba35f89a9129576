// The chain explorer: node status (state root, verifier health), batches with their L1 status and
// the countdown to finality, recent blocks, one block, one transaction.
import { type FormEvent, useState } from "react";
import type { Hex } from "viem";
import type { GetBlockReturnType } from "../../../src/actions/getBlock";
import type { BatchView } from "../../../src/types/json";
import { Addr, Badge, Hash, Time } from "../components/display";
import { Field } from "../components/forms";
import { ErrorNotice } from "../components/Notice";
import { formatBytes, formatDuration } from "../lib/format";
import { Link, navigate } from "../lib/router";
import { useNow } from "../lib/useNow";
import { usePoll } from "../lib/usePoll";
import { useSession } from "../session/SessionContext";

const BATCH_LABEL: Record<BatchView["status"], string> = { sealed: "sealed, not on L1 yet", submitted: "posted to L1", final: "final" };

function StatusCard() {
  const { status } = useSession();
  if (!status) return <p aria-busy="true">Reading the node's status…</p>;
  return (
    <section className="card" aria-labelledby="status-title">
      <h2 id="status-title">
        Node <Badge status={status.healthy ? "healthy" : "unhealthy"} />
      </h2>
      <dl className="kv">
        <dt>Mode</dt>
        <dd>{status.mode}</dd>
        <dt>L2 chain / L1 chain</dt>
        <dd>
          {status.chainId} / {status.l1ChainId}
        </dd>
        <dt>Height</dt>
        <dd>{status.height ?? 0}</dd>
        <dt>State root</dt>
        <dd className="mono break" data-testid="state-root">
          {status.stateRoot}
        </dd>
        <dt>Bridge</dt>
        <dd className="mono break">{status.bridge}</dd>
        <dt>Batches</dt>
        <dd>
          {status.batches.sealed} sealed · {status.batches.posted} posted · {status.batches.finalized} final
        </dd>
        <dt>Challenge window</dt>
        <dd>{formatDuration(status.challengeWindowSeconds)}</dd>
        <dt>Mempool</dt>
        <dd>{status.pendingTxs} pending</dd>
        {status.verifier && (
          <>
            <dt>Verifier</dt>
            <dd>
              {status.verifier.verifiedBatches} of {status.verifier.l1Batches} L1 batches re-executed
              {status.verifier.mismatch ? <Badge status="unhealthy"> state root mismatch</Badge> : " — every root matched"}
            </dd>
          </>
        )}
      </dl>
      {status.mode === "sequencer" && (
        <p className="hint">
          This node is the sequencer. Verifier health is reported by verifier nodes (<span className="mono">npm run verifier</span>), which re-derive every
          batch from L1 alone; their explorer shows it here.
        </p>
      )}
    </section>
  );
}

function Batches() {
  const { client } = useSession();
  const now = useNow();
  const batches = usePoll(() => client.getBatches({ limit: 20 }).then((page) => page.batches), [], 1000);
  return (
    <section aria-labelledby="batches-title">
      <h2 id="batches-title">Batches</h2>
      <ErrorNotice error={batches.error} />
      <div className="table-wrap">
        <table data-testid="batches" className="nowrap">
          <thead>
            <tr>
              <th scope="col">Batch</th>
              <th scope="col">L1 status</th>
              <th scope="col">Finality</th>
              <th scope="col">Blocks</th>
              <th scope="col">Txs</th>
              <th scope="col">Size</th>
              <th scope="col">L1 transaction</th>
              <th scope="col">L1 gas</th>
            </tr>
          </thead>
          <tbody>
            {(batches.data ?? []).map((b) => (
              <tr key={b.index} data-batch={b.index} data-status={b.status}>
                <td>#{b.index}</td>
                <td>
                  <Badge status={b.status}>{BATCH_LABEL[b.status]}</Badge>
                </td>
                <td>
                  {b.status === "final" ? (
                    <>
                      final since <Time seconds={b.finalAt} />
                    </>
                  ) : b.finalAt ? (
                    <span aria-live="off">final in {formatDuration(b.finalAt - now)}</span>
                  ) : (
                    "after posting + challenge window"
                  )}
                </td>
                <td>
                  <Link to={`/explorer/blocks/${b.firstBlock}`}>{b.firstBlock}</Link>
                  {b.lastBlock !== b.firstBlock && (
                    <>
                      –<Link to={`/explorer/blocks/${b.lastBlock}`}>{b.lastBlock}</Link>
                    </>
                  )}
                </td>
                <td>{b.txCount}</td>
                <td>{formatBytes(b.bytes)}</td>
                <td>
                  <Hash value={b.l1TxHash} />
                </td>
                <td>{b.l1GasUsed ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function RecentBlocks() {
  const { client } = useSession();
  const blocks = usePoll(
    async () => {
      const latest = await client.getBlock({ number: "latest" });
      const n = BigInt(latest.number);
      const earlier = await Promise.all(Array.from({ length: Number(n < 9n ? n : 9n) }, (_, i) => client.getBlock({ number: n - BigInt(i + 1) })));
      return [latest, ...earlier];
    },
    [],
    2000,
  );
  return (
    <section aria-labelledby="blocks-title">
      <h2 id="blocks-title">Recent blocks</h2>
      <div className="table-wrap">
        <table className="nowrap">
          <thead>
            <tr>
              <th scope="col">Block</th>
              <th scope="col">Time</th>
              <th scope="col">Txs</th>
              <th scope="col">State root</th>
            </tr>
          </thead>
          <tbody>
            {(blocks.data ?? []).map((b) => (
              <tr key={b.number}>
                <td>
                  <Link to={`/explorer/blocks/${b.number}`}>{b.number}</Link>
                </td>
                <td>
                  <Time seconds={b.timestamp} />
                </td>
                <td>{b.txs.length}</td>
                <td>
                  <Hash value={b.stateRoot} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function ExplorerPage() {
  const [hash, setHash] = useState("");
  return (
    <section className="page">
      <h1>Explorer</h1>
      <form
        className="inline-form card"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          const q = hash.trim();
          if (/^\d+$/.test(q)) navigate(`/explorer/blocks/${q}`);
          else if (/^0x[0-9a-fA-F]{64}$/.test(q)) navigate(`/explorer/tx/${q}`);
        }}
      >
        <Field label="Transaction hash or block number" value={hash} onChange={(e) => setHash(e.target.value)} pattern="^(\d+|0x[0-9a-fA-F]{64})$" />
        <button type="submit" className="secondary">
          Look up
        </button>
      </form>
      <div className="grid-2">
        <StatusCard />
        <RecentBlocks />
      </div>
      <Batches />
    </section>
  );
}

export function BlockPage({ number }: { number: string }) {
  const { client } = useSession();
  const block = usePoll<GetBlockReturnType>(() => client.getBlock({ number: BigInt(number) }), [number]);
  const b = block.data;
  return (
    <section className="page">
      <h1>Block {number}</h1>
      <ErrorNotice error={block.error} />
      {b && (
        <>
          <dl className="kv card">
            <dt>Time</dt>
            <dd>
              <Time seconds={b.timestamp} />
            </dd>
            <dt>State root</dt>
            <dd className="mono break">{b.stateRoot}</dd>
            <dt>Batch</dt>
            <dd>{b.batchIndex === null || b.batchIndex === undefined ? "not sealed yet" : `#${String(b.batchIndex)}`}</dd>
          </dl>
          <h2>{b.txs.length} transactions</h2>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Hash</th>
                  <th scope="col">Type</th>
                  <th scope="col">From</th>
                  <th scope="col">State root after</th>
                </tr>
              </thead>
              <tbody>
                {b.txs.map((t) => (
                  <tr key={t.hash}>
                    <td>
                      <Hash value={t.hash} to={`/explorer/tx/${t.hash}`} />
                    </td>
                    <td>{t.type}</td>
                    <td>{t.from ? <Addr address={t.from} /> : "anonymous"}</td>
                    <td>
                      <Hash value={t.stateRoot} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p>
            {BigInt(number) > 0n && <Link to={`/explorer/blocks/${BigInt(number) - 1n}`}>← Block {String(BigInt(number) - 1n)}</Link>}{" "}
            <Link to={`/explorer/blocks/${BigInt(number) + 1n}`}>Block {String(BigInt(number) + 1n)} →</Link>
          </p>
        </>
      )}
    </section>
  );
}

export function TxPage({ hash }: { hash: string }) {
  const { client } = useSession();
  const tx = usePoll(() => client.getTransaction({ hash: hash as Hex }), [hash], 2000);
  const t = tx.data;
  return (
    <section className="page">
      <h1>Transaction</h1>
      <p className="mono break">{hash}</p>
      <ErrorNotice error={tx.error} />
      {t && (
        <dl className="kv card">
          <dt>Status</dt>
          <dd>
            <Badge status={t.status} />
          </dd>
          {t.blockNumber && (
            <>
              <dt>Block</dt>
              <dd>
                <Link to={`/explorer/blocks/${t.blockNumber}`}>{t.blockNumber}</Link>, position {t.index}
              </dd>
            </>
          )}
          {t.stateRoot && (
            <>
              <dt>State root after</dt>
              <dd className="mono break">{t.stateRoot}</dd>
            </>
          )}
          {t.result && Object.keys(t.result).length > 0 && (
            <>
              <dt>Result</dt>
              <dd className="mono">{JSON.stringify(t.result)}</dd>
            </>
          )}
          {t.error && (
            <>
              <dt>Error</dt>
              <dd>
                <span className="mono">{t.error.code}</span> {t.error.message}
              </dd>
            </>
          )}
        </dl>
      )}
    </section>
  );
}
