// How values read on screen: ETH amounts, addresses, times and durations.
import { formatEther } from "viem";

export function formatEth(wei: bigint | string | number | null | undefined): string {
  if (wei === null || wei === undefined) return "—";
  const value = formatEther(BigInt(wei));
  const [whole, fraction = ""] = value.split(".");
  const trimmed = fraction.slice(0, 6).replace(/0+$/, "");
  return `${Number(whole).toLocaleString("en-US")}${trimmed ? `.${trimmed}` : ""} ETH`;
}

export function shortAddress(address: string | null | undefined): string {
  if (!address) return "—";
  return address.length > 12 ? `${address.slice(0, 6)}…${address.slice(-4)}` : address;
}

export function shortHash(hash: string | null | undefined): string {
  if (!hash) return "—";
  return hash.length > 14 ? `${hash.slice(0, 10)}…${hash.slice(-6)}` : hash;
}

const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** A unix time (seconds) as a date and time, in UTC like the chain's block times. */
export function formatTime(seconds: bigint | string | number | null | undefined): string {
  if (seconds === null || seconds === undefined) return "—";
  const n = Number(seconds);
  if (!Number.isFinite(n) || n <= 0) return "—";
  return `${dateTime.format(new Date(n * 1000))} UTC`;
}

/** "45 s", "3 min 20 s", "2 h", "1 d 6 h": the two largest units, zero parts left out. */
export function formatDuration(seconds: number): string {
  let s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const parts: [number, string][] = [];
  for (const [size, unit] of [
    [86_400, "d"],
    [3600, "h"],
    [60, "min"],
    [1, "s"],
  ] as const) {
    parts.push([Math.floor(s / size), unit]);
    s %= size;
  }
  const first = parts.findIndex(([n]) => n > 0);
  return parts
    .slice(first, first + 2)
    .filter(([n]) => n > 0)
    .map(([n, unit]) => `${n} ${unit}`)
    .join(" ");
}

export function formatBps(bps: number | string): string {
  return `${Number(bps) / 100}%`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** `datetime-local` input value (UTC) ↔ unix seconds. */
export function toDateTimeInput(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 16);
}

export function fromDateTimeInput(value: string): number {
  const ms = Date.parse(`${value}Z`);
  return Number.isNaN(ms) ? Number.NaN : Math.floor(ms / 1000);
}
