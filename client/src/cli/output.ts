// Output for people and scripts: JSON (bigints as decimal strings) with --json; small aligned
// tables otherwise (progress goes to stderr, see CliContext.progress, so stdout stays parseable).
import { formatEther } from "viem";

export function toJsonText(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v instanceof Uint8Array ? `0x${Buffer.from(v).toString("hex")}` : v), 2);
}

export function table(rows: ReadonlyArray<Record<string, unknown>>, columns?: string[]): string {
  if (rows.length === 0) return "(none)";
  const cols = columns ?? Object.keys(rows[0]!);
  const cell = (v: unknown) => (v === null || v === undefined ? "-" : typeof v === "object" ? JSON.stringify(v) : String(v));
  const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (vals: string[]) =>
    vals
      .map((v, i) => v.padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
  return [line(cols.map((c) => c.toUpperCase())), ...rows.map((r) => line(cols.map((c) => cell(r[c]))))].join("\n");
}

/** key: value lines. */
export function fields(obj: Record<string, unknown>): string {
  const width = Math.max(...Object.keys(obj).map((k) => k.length));
  return Object.entries(obj)
    .map(
      ([k, v]) =>
        `${k.padEnd(width)}  ${v === null || v === undefined ? "-" : typeof v === "object" ? JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? x.toString() : x)) : String(v)}`,
    )
    .join("\n");
}

/** The line under a list when another page follows: the option that fetches it. */
export function nextPage(next: string | number | null, option = "--after"): string {
  return next === null ? "" : `\n\nmore: ${option} ${next}`;
}

export function eth(wei: bigint | string): string {
  return `${formatEther(BigInt(wei))} ETH`;
}

/** A transaction receipt for people: hash, block, and what the handler returned. */
export function receipt(
  r: { hash: string; status: string; blockNumber: bigint | null; result?: unknown; stateRoot?: unknown; index?: unknown } & Record<string, unknown>,
): string {
  const { hash, status, blockNumber, result: _result, stateRoot: _root, index: _index, ...rest } = r;
  const extra = Object.fromEntries(
    Object.entries(rest).map(([k, v]) => [k, typeof v === "bigint" && /amount|paid|payout|refund|fee|premium|refunded|txFee/i.test(k) ? eth(v) : v]),
  );
  return fields({ tx: hash, status: `${status}${blockNumber !== null ? ` in block ${blockNumber}` : ""}`, ...extra });
}
