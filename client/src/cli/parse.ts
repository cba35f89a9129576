// Parsing of CLI argument values: addresses, ids, ETH amounts, times, packs. Every failure is an
// INVALID_ARGUMENT error naming the option.
import { parseEther, type Address, type Hex } from "viem";
import type { PackRef } from "../../../sequencer/src/protocol";
import { SutureClientError } from "../errors";
import type { OptionValues } from "./command";

function bad(option: string, expected: string, value: unknown): never {
  throw new SutureClientError("INVALID_ARGUMENT", `--${option} must be ${expected} (got ${JSON.stringify(value)})`);
}

export function required(values: OptionValues, option: string): string {
  const v = values[option];
  if (typeof v !== "string" || v === "") throw new SutureClientError("INVALID_ARGUMENT", `--${option} is required`);
  return v;
}

export function address(value: string, option: string): Address {
  if (!/^0x[0-9a-fA-F]{40}$/.test(value)) bad(option, "a 0x address", value);
  return value.toLowerCase() as Address;
}

export function hash32(value: string, option: string): Hex {
  if (!/^0x[0-9a-fA-F]{64}$/.test(value)) bad(option, "32 bytes of 0x hex", value);
  return value.toLowerCase() as Hex;
}

export function id(value: string, option: string): bigint {
  if (!/^\d+$/.test(value)) bad(option, "a non-negative integer", value);
  return BigInt(value);
}

export function int(value: string, option: string): number {
  if (!/^-?\d+$/.test(value)) bad(option, "an integer", value);
  return Number(value);
}

export function num(value: string, option: string): number {
  const n = Number(value);
  if (value === "" || !Number.isFinite(n)) bad(option, "a number", value);
  return n;
}

/** "1.5" (ETH) or "15wei". */
export function amount(value: string, option: string): bigint {
  if (/^\d+wei$/.test(value)) return BigInt(value.slice(0, -3));
  if (!/^\d+(\.\d{1,18})?$/.test(value)) bad(option, "an ETH amount like 1.5 (or 100wei)", value);
  return parseEther(value);
}

/** "+90s", "+5m", "+2h", "+3d", unix seconds, or an ISO date: unix seconds. */
export function time(value: string, option: string, now = Math.floor(Date.now() / 1000)): bigint {
  const rel = /^\+(\d+)([smhd])$/.exec(value);
  if (rel) return BigInt(now + Number(rel[1]) * { s: 1, m: 60, h: 3600, d: 86_400 }[rel[2] as "s"]);
  if (/^\d{9,}$/.test(value)) return BigInt(value);
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) bad(option, "+90s/+5m/+2h/+3d, unix seconds or an ISO date", value);
  return BigInt(Math.floor(ms / 1000));
}

/** "GTIN/SERIAL". */
export function pack(value: string, option: string): PackRef {
  const m = /^(\d{14})\/(.+)$/.exec(value);
  if (!m) bad(option, "GTIN/SERIAL (14-digit GTIN)", value);
  return { gtin: m[1]!, serial: m[2]! };
}

/** --limit and --after of a list command: one page, and where the next one starts. */
export function page(values: OptionValues): { limit?: number; after?: string } {
  return {
    ...(typeof values.limit === "string" && { limit: int(values.limit, "limit") }),
    ...(typeof values.after === "string" && { after: values.after }),
  };
}

export function list(values: OptionValues, option: string): string[] {
  const v = values[option];
  return Array.isArray(v) ? v : typeof v === "string" ? [v] : [];
}
