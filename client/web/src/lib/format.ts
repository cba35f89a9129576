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

export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60 ? `${s % 60} s` : ""}`.trim();
  if (s < 86_400) return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
  return `${Math.floor(s / 86_400)} d ${Math.floor((s % 86_400) / 3600)} h`;
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
