// A case's lifecycle as a list of steps: done, current or still ahead, with the times the chain
// recorded (or agreed, for the appointment).
import type { CaseView } from "../../../../src/types/json";
import { Time } from "../../components/display";

const PATH = ["PROPOSED", "OFFERED", "SCHEDULED", "PLANNED", "CONFIRMED", "EXECUTED", "CLOSED"] as const;
const LABELS: Record<string, string> = {
  PROPOSED: "Proposed by the patient",
  OFFERED: "Offer made by the doctor",
  SCHEDULED: "Offer accepted, deposit in escrow",
  PLANNED: "Plan proposed (medicines, insurance)",
  CONFIRMED: "Plan confirmed, price in escrow",
  EXECUTED: "Surgery recorded",
  CLOSED: "Closed, escrow paid to the doctor",
};

export function CaseTimeline({ c }: { c: CaseView }) {
  const off = c.status === "CANCELLED" || c.status === "NO_SHOW";
  // How far along the path the case got (an off-path case stopped where its data ends).
  const reached = off
    ? c.confirmedPlan
      ? 4
      : c.plan
        ? 3
        : c.escrow !== "0" || c.status === "NO_SHOW"
          ? 2
          : c.offer
            ? 1
            : 0
    : PATH.indexOf(c.status as (typeof PATH)[number]);
  const when: Partial<Record<(typeof PATH)[number], React.ReactNode>> = {
    PROPOSED: <Time seconds={c.createdAt} />,
    OFFERED: c.offer ? (
      <>
        appointment <Time seconds={c.appointmentTime} />
      </>
    ) : null,
    EXECUTED: c.executedAt ? <Time seconds={c.executedAt} /> : null,
    CLOSED: c.closedAt ? (
      <>
        <Time seconds={c.closedAt} />
        {c.closedBy === "timeout" && " (by the doctor after the close timeout)"}
      </>
    ) : null,
  };
  return (
    <ol className="timeline" aria-label="Case timeline">
      {PATH.map((step, i) => {
        const state = i < reached || (i === reached && !off) ? (i === reached && !off && step !== "CLOSED" ? "current" : "done") : "todo";
        return (
          <li key={step} className={`timeline-step timeline-${state}`} aria-current={state === "current" ? "step" : undefined}>
            <span className="timeline-label">{LABELS[step]}</span>
            {when[step] && <span className="timeline-when">{when[step]}</span>}
            <span className="visually-hidden">{state === "done" ? " (done)" : state === "current" ? " (current step)" : " (ahead)"}</span>
          </li>
        );
      })}
      {off && (
        <li className="timeline-step timeline-off" aria-current="step">
          <span className="timeline-label">
            {c.status === "CANCELLED" ? `Cancelled by the ${c.cancelledBy ?? "?"}` : "The patient did not show up: the deposit went to the doctor"}
          </span>
          <span className="timeline-when">
            <Time seconds={c.updatedAt} />
          </span>
        </li>
      )}
    </ol>
  );
}
