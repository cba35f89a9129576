// Small read-only pieces: addresses, amounts, times, status badges and figures.
import type { ReactNode } from "react";
import { formatEth, formatTime, shortAddress, shortHash } from "../lib/format";
import { Link } from "../lib/router";

export function Addr({ address, link }: { address: string | null | undefined; link?: "doctor" }) {
  if (!address) return <span>—</span>;
  const text = <span className="mono">{shortAddress(address)}</span>;
  return (
    <span className="addr" title={address}>
      {link === "doctor" ? <Link to={`/doctors/${address}`}>{text}</Link> : text}
    </span>
  );
}

export function Hash({ value, to }: { value: string | null | undefined; to?: string }) {
  if (!value) return <span>—</span>;
  return (
    <span className="mono" title={value}>
      {to ? <Link to={to}>{shortHash(value)}</Link> : shortHash(value)}
    </span>
  );
}

export function Money({ wei }: { wei: bigint | string | number | null | undefined }) {
  return <span className="money">{formatEth(wei)}</span>;
}

export function Time({ seconds }: { seconds: bigint | string | number | null | undefined }) {
  const n = Number(seconds ?? 0);
  return n > 0 ? <time dateTime={new Date(n * 1000).toISOString()}>{formatTime(n)}</time> : <span>—</span>;
}

const TONE: Record<string, string> = {
  PROPOSED: "info",
  OFFERED: "info",
  SCHEDULED: "info",
  PLANNED: "info",
  CONFIRMED: "info",
  EXECUTED: "warn",
  CLOSED: "ok",
  CANCELLED: "muted",
  NO_SHOW: "bad",
  ACTIVE: "ok",
  RESERVED: "info",
  DISPENSED: "muted",
  RECALLED: "bad",
  SUSPENDED: "warn",
  REVOKED: "bad",
  EXPIRED: "bad",
  NONE: "muted",
  OPEN: "warn",
  RESOLVED: "ok",
  sealed: "info",
  submitted: "warn",
  posted: "warn",
  final: "ok",
  included: "info",
  batched: "warn",
  pending: "muted",
  rejected: "bad",
  healthy: "ok",
  unhealthy: "bad",
};

export function Badge({ status, children }: { status: string; children?: ReactNode }) {
  return <span className={`badge badge-${TONE[status] ?? "muted"}`}>{children ?? status.replace("_", " ")}</span>;
}

export function Stat({ label, value }: { label: ReactNode; value: ReactNode }) {
  return (
    <div className="stat">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

export function Stars({ rating }: { rating: number | null | undefined }) {
  if (rating === null || rating === undefined) return <span className="muted">no reviews yet</span>;
  const full = Math.round(rating);
  return (
    <span className="stars" role="img" aria-label={`${rating.toFixed(1)} out of 5`}>
      {"★".repeat(full)}
      <span className="stars-empty">{"★".repeat(5 - full)}</span> {rating.toFixed(1)}
    </span>
  );
}
