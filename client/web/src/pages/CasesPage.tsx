// The patient's cases, newest first, each with what it waits for.
import type { Address } from "viem";
import type { CaseView } from "../../../src/types/json";
import { Addr, Badge, Time } from "../components/display";
import { ErrorNotice, Notice } from "../components/Notice";
import { RequireAccount } from "../components/RequireAccount";
import { Link } from "../lib/router";
import { usePoll } from "../lib/usePoll";
import { useSession } from "../session/SessionContext";

const NEXT: Record<string, string> = {
  PROPOSED: "waiting for the doctor's offer",
  OFFERED: "your turn: accept the offer",
  SCHEDULED: "waiting for the doctor's plan",
  PLANNED: "your turn: confirm the plan",
  CONFIRMED: "surgery ahead",
  EXECUTED: "your turn: close the case",
  CLOSED: "closed: you can review it anonymously",
  CANCELLED: "cancelled",
  NO_SHOW: "no-show",
};

export function CasesPage() {
  const { client, account, version } = useSession();
  const poll = usePoll<CaseView[]>(
    account ? () => client.getCases({ patient: account.address as Address, limit: 200 }).then((page) => page.cases) : null,
    [account?.address, version],
    3000,
  );
  const cases = [...(poll.data ?? [])].reverse();
  return (
    <section className="page">
      <h1>My cases</h1>
      <RequireAccount what="see your cases">
        <ErrorNotice error={poll.error} />
        {poll.data && cases.length === 0 && (
          <Notice>
            No cases yet. <Link to="/">Find a surgeon</Link> to propose one.
          </Notice>
        )}
        <ul className="plain case-list">
          {cases.map((c) => (
            <li key={c.id} className="card">
              <h2>
                <Link to={`/cases/${c.id}`}>
                  Case #{c.id}: {c.procedure}
                </Link>{" "}
                <Badge status={c.status} />
              </h2>
              <p>
                Doctor <Addr address={c.doctor} link="doctor" /> ·{" "}
                {c.offer ? (
                  <Time seconds={c.appointmentTime} />
                ) : (
                  <>
                    requested <Time seconds={c.requestedTime} />
                  </>
                )}{" "}
                · <strong>{NEXT[c.status]}</strong>
              </p>
            </li>
          ))}
        </ul>
      </RequireAccount>
    </section>
  );
}
