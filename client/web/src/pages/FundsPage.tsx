// Money in and out: deposits from L1 (sent, mined, credited on L2) and withdrawals to L1 (included,
// sealed in a batch, posted, the challenge window counted down, final, paid on L1).
import { type FormEvent, useState } from "react";
import { type Address, type Hex, parseEther } from "viem";
import type { BatchView } from "../../../src/types/json";
import { Field } from "../components/forms";
import { ErrorNotice, Notice } from "../components/Notice";
import { RequireAccount } from "../components/RequireAccount";
import { useAction } from "../components/useAction";
import { formatDuration, formatEth, shortHash } from "../lib/format";
import { Link } from "../lib/router";
import { useNow } from "../lib/useNow";
import { usePoll } from "../lib/usePoll";
import { useSession } from "../session/SessionContext";
import { useMyAccount } from "../session/useMyAccount";

type Step = { label: string; state: "done" | "current" | "todo"; detail?: string };

function Steps({ steps, label }: { steps: Step[]; label: string }) {
  return (
    <ol className="progress-steps" aria-label={label} aria-live="polite">
      {steps.map((s) => (
        <li key={s.label} className={`step-${s.state}`}>
          {s.label}
          {s.detail && <span className="muted small"> — {s.detail}</span>}
          <span className="visually-hidden">{s.state === "done" ? " (done)" : s.state === "current" ? " (in progress)" : ""}</span>
        </li>
      ))}
    </ol>
  );
}

function Deposit() {
  const { client, account, l1RpcUrl } = useSession();
  const { view } = useMyAccount();
  const [amount, setAmount] = useState("1");
  const [phase, setPhase] = useState<{ sent?: Hex; queueIndex?: bigint | null; target?: bigint } | null>(null);
  const balance = view ? BigInt(view.balance) : null;
  const credited = phase?.target !== undefined && balance !== null && balance >= phase.target;
  const deposit = useAction(async () => {
    const value = parseEther(amount);
    const before = BigInt((await client.getAccount({ address: account!.address })).balance);
    setPhase({});
    const { depositOnL1 } = await import("../funds/l1Transactions");
    const r = await depositOnL1({ client, account: account!, amount: value, to: account!.address, l1RpcUrl });
    setPhase({ sent: r.l1TxHash, queueIndex: r.queueIndex, target: before + value });
  });
  const steps: Step[] = phase
    ? [
        { label: "Send the deposit on L1", state: phase.sent ? "done" : "current", detail: phase.sent && `tx ${shortHash(phase.sent)}` },
        {
          label: "Queued in the bridge",
          state: phase.sent ? "done" : "todo",
          detail: phase.queueIndex !== undefined && phase.queueIndex !== null ? `queue position ${phase.queueIndex}` : undefined,
        },
        { label: "Credited on L2 by the sequencer", state: credited ? "done" : phase.sent ? "current" : "todo" },
      ]
    : [];
  return (
    <section className="card" aria-labelledby="deposit-title">
      <h2 id="deposit-title">Deposit from L1</h2>
      <form
        className="inline-form"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          deposit.run();
        }}
      >
        <Field label="Amount (ETH)" type="number" min="0" step="any" value={amount} onChange={(e) => setAmount(e.target.value)} required />
        <button type="submit" className="primary" disabled={deposit.busy}>
          Deposit
        </button>
      </form>
      {phase && <Steps steps={steps} label="Deposit progress" />}
      <ErrorNotice error={deposit.error} />
    </section>
  );
}

function WithdrawalProgress({ withdrawalId, blockNumber }: { withdrawalId: bigint; blockNumber: bigint | null }) {
  const { client, account, l1RpcUrl } = useSession();
  const now = useNow();
  const block = usePoll(blockNumber !== null ? () => client.getBlock({ number: blockNumber }) : null, [blockNumber?.toString()], 1000);
  const batchIndex = (block.data?.batchIndex as number | null | undefined) ?? null;
  const batch = usePoll<BatchView>(batchIndex !== null ? () => client.getBatch({ index: batchIndex }) : null, [batchIndex], 1000);
  const b = batch.data;
  const finalize = useAction(async () => {
    const { finalizeOnL1 } = await import("../funds/l1Transactions");
    return finalizeOnL1({ client, account: account!, proof: await client.getWithdrawalProof({ withdrawalId }), l1RpcUrl });
  });
  const paid = finalize.result;
  const steps: Step[] = [
    { label: "Withdrawal included in an L2 block", state: "done", detail: blockNumber !== null ? `block ${blockNumber}` : undefined },
    { label: "Sealed in a batch", state: batchIndex !== null ? "done" : "current", detail: batchIndex !== null ? `batch #${batchIndex}` : undefined },
    {
      label: "Batch posted to L1",
      state: b && b.status !== "sealed" ? "done" : batchIndex !== null ? "current" : "todo",
      detail: b?.l1TxHash ? `tx ${shortHash(b.l1TxHash)}` : undefined,
    },
    {
      label: "Challenge window passed: final",
      state: b?.status === "final" ? "done" : b?.status === "submitted" ? "current" : "todo",
      detail: b?.status === "submitted" && b.finalAt ? `final in ${formatDuration(b.finalAt - now)}` : undefined,
    },
    {
      label: "Paid on L1",
      state: paid ? "done" : b?.status === "final" ? "current" : "todo",
      detail: paid?.l1TxHash ? `tx ${shortHash(paid.l1TxHash)}` : undefined,
    },
  ];
  return (
    <div>
      <h3>Withdrawal #{withdrawalId.toString()}</h3>
      <Steps steps={steps} label={`Withdrawal ${withdrawalId} progress`} />
      {b?.status === "final" && !paid && (
        <button type="button" className="primary" disabled={finalize.busy} onClick={() => finalize.run()}>
          Pay it out on L1
        </button>
      )}
      {paid && <Notice tone="ok">{paid.alreadyFinalized ? "This withdrawal had already been paid." : "Paid on L1."}</Notice>}
      <ErrorNotice error={finalize.error ?? batch.error} />
    </div>
  );
}

function Withdraw() {
  const { client, account } = useSession();
  const [amount, setAmount] = useState("1");
  const [recipient, setRecipient] = useState("");
  const [resumeId, setResumeId] = useState("");
  const [tracked, setTracked] = useState<{ withdrawalId: bigint; blockNumber: bigint | null } | null>(null);
  const withdraw = useAction(async () => {
    const r = await client.withdraw({ recipient: (recipient.trim() || account!.address) as Address, amount: parseEther(amount) });
    setTracked({ withdrawalId: r.withdrawalId, blockNumber: r.blockNumber });
  });
  const resume = useAction(async () => {
    const id = BigInt(resumeId);
    const proof = await client.getWithdrawalProof({ withdrawalId: id });
    setTracked({ withdrawalId: id, blockNumber: BigInt(proof.header.firstBlock) });
  });
  return (
    <section className="card" aria-labelledby="withdraw-title">
      <h2 id="withdraw-title">Withdraw to L1</h2>
      <form
        className="stack"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          withdraw.run();
        }}
      >
        <div className="row">
          <Field label="Amount (ETH)" type="number" min="0" step="any" value={amount} onChange={(e) => setAmount(e.target.value)} required />
          <Field
            label="L1 recipient"
            placeholder={account?.address}
            value={recipient}
            onChange={(e) => setRecipient(e.target.value)}
            hint="Yours by default"
            pattern="^0x[0-9a-fA-F]{40}$"
          />
        </div>
        <button type="submit" className="primary" disabled={withdraw.busy}>
          Withdraw
        </button>
      </form>
      <ErrorNotice error={withdraw.error} />
      {tracked && <WithdrawalProgress key={tracked.withdrawalId.toString()} {...tracked} />}
      <details>
        <summary>Pay out an earlier withdrawal</summary>
        <form
          className="inline-form"
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            resume.run();
          }}
        >
          <Field label="Withdrawal number" inputMode="numeric" pattern="\d+" value={resumeId} onChange={(e) => setResumeId(e.target.value)} required />
          <button type="submit" className="secondary">
            Track
          </button>
        </form>
        <ErrorNotice error={resume.error} />
      </details>
    </section>
  );
}

export function FundsPage() {
  const { view } = useMyAccount();
  const { account } = useSession();
  return (
    <section className="page">
      <h1>Funds</h1>
      <RequireAccount what="move funds">
        <p className="lede">
          L2 balance: <strong>{view ? formatEth(view.balance) : "…"}</strong>. Deposits arrive in seconds; withdrawals are paid on L1 once their batch is past
          the challenge window (see the <Link to="/explorer">explorer</Link>).
        </p>
        {account?.kind === "key" && (
          <p className="hint">
            With a browser key, L1 transactions go through the L1 node set on the <Link to="/keys">accounts page</Link>.
          </p>
        )}
        <div className="grid-2">
          <Deposit />
          <Withdraw />
        </div>
      </RequireAccount>
    </section>
  );
}
