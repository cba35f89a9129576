// A day's schedule as a clinic exports it: one offer per row, read into OfferSchedule messages.
// Columns (header row, any order; extra columns ignored):
//   caseId, appointment (ISO 8601, UTC unless it has an offset; or unix seconds), deposit and
//   price (ETH), freeCancelHours (default 24), lateFeePercent (default 10).
import { parseEther } from "viem";
import { parseCsv } from "./csv";

export const SCHEDULE_COLUMNS = ["caseId", "appointment", "deposit", "price", "freeCancelHours", "lateFeePercent"] as const;

export const SCHEDULE_TEMPLATE = `${SCHEDULE_COLUMNS.join(",")}\n12,2030-06-01T09:00Z,0.5,2,24,10\n13,2030-06-01T11:30Z,0.5,2.4,48,15\n`;

export type OfferMessage = {
  caseId: bigint;
  appointmentTime: bigint;
  deposit: bigint;
  price: bigint;
  freeCancelBefore: number;
  lateCancelFeeBps: number;
};

export type ScheduleRow = { line: number; cells: Record<string, string> } & ({ offer: OfferMessage; error: null } | { offer: null; error: string });

function eth(value: string, what: string): bigint {
  if (!/^\d+(\.\d{1,18})?$/.test(value)) throw new Error(`${what} "${value}" is not an ETH amount`);
  return parseEther(value);
}

function time(value: string, now: number): bigint {
  let seconds: number;
  if (/^\d{9,11}$/.test(value)) seconds = Number(value);
  else {
    const iso = /([zZ]|[+-]\d{2}:?\d{2})$/.test(value) ? value : `${value}Z`;
    const ms = Date.parse(iso);
    if (Number.isNaN(ms)) throw new Error(`appointment "${value}" is not a date (use 2030-06-01T09:00Z)`);
    seconds = Math.floor(ms / 1000);
  }
  if (seconds <= now) throw new Error(`appointment "${value}" has passed`);
  return BigInt(seconds);
}

function number(value: string, fallback: number, what: string, max: number): number {
  if (value === "") return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > max) throw new Error(`${what} "${value}" must be a number from 0 to ${max}`);
  return n;
}

export function parseSchedule(text: string, now: number): { rows: ScheduleRow[]; missing: string[] } {
  const table = parseCsv(text);
  const missing = ["caseId", "appointment", "deposit", "price"].filter((c) => !table.header.includes(c));
  if (missing.length) return { rows: [], missing };
  const seen = new Set<string>();
  const rows = table.rows.map(({ line, cells }): ScheduleRow => {
    try {
      if (!/^\d+$/.test(cells.caseId ?? "")) throw new Error(`caseId "${cells.caseId}" is not a case number`);
      if (seen.has(cells.caseId!)) throw new Error(`case ${cells.caseId} appears twice`);
      seen.add(cells.caseId!);
      const deposit = eth(cells.deposit ?? "", "deposit");
      const price = eth(cells.price ?? "", "price");
      if (deposit > price) throw new Error("the deposit is more than the price");
      const offer: OfferMessage = {
        caseId: BigInt(cells.caseId!),
        appointmentTime: time(cells.appointment ?? "", now),
        deposit,
        price,
        freeCancelBefore: Math.round(number(cells.freeCancelHours ?? "", 24, "freeCancelHours", 24 * 365) * 3600),
        lateCancelFeeBps: Math.round(number(cells.lateFeePercent ?? "", 10, "lateFeePercent", 100) * 100),
      };
      return { line, cells, offer, error: null };
    } catch (e) {
      return { line, cells, offer: null, error: (e as Error).message };
    }
  });
  return { rows, missing };
}
