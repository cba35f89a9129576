import { describe, expect, it } from "vitest";
import { parseEther } from "viem";
import { parseSchedule, SCHEDULE_TEMPLATE } from "./scheduleCsv";

const NOW = 1_900_000_000;

describe("parseSchedule", () => {
  it("Should turn rows into OfferSchedule messages with defaults, and report each bad row", () => {
    const text = [
      "caseId,appointment,deposit,price,freeCancelHours,lateFeePercent,comment",
      "7,2030-06-01T09:00Z,0.5,2,48,15,first",
      "8,2030-06-01T12:00+02:00,0.25,1.5,,,",
      "9,1900000100,0,1,,,unix seconds",
      "x,2030-06-01T09:00Z,0.5,2,,,",
      "10,2020-01-01T00:00Z,0.5,2,,,",
      "11,2030-06-01T09:00Z,3,2,,,",
      "7,2030-06-01T10:00Z,0.5,2,,,",
    ].join("\n");
    const { rows, missing } = parseSchedule(text, NOW);
    expect(missing).toEqual([]);
    expect(rows[0]!.offer).toEqual({
      caseId: 7n,
      appointmentTime: BigInt(Date.parse("2030-06-01T09:00Z") / 1000),
      deposit: parseEther("0.5"),
      price: parseEther("2"),
      freeCancelBefore: 48 * 3600,
      lateCancelFeeBps: 1500,
    });
    expect(rows[1]!.offer).toMatchObject({ appointmentTime: BigInt(Date.parse("2030-06-01T10:00Z") / 1000), freeCancelBefore: 86_400, lateCancelFeeBps: 1000 });
    expect(rows[2]!.offer).toMatchObject({ caseId: 9n, appointmentTime: 1_900_000_100n, deposit: 0n });
    expect(rows.slice(3).map((r) => [r.line, r.error])).toEqual([
      [5, 'caseId "x" is not a case number'],
      [6, 'appointment "2020-01-01T00:00Z" has passed'],
      [7, "the deposit is more than the price"],
      [8, "case 7 appears twice"],
    ]);
  });

  it("Should name missing required columns", () => {
    expect(parseSchedule("caseId,price\n1,2", NOW)).toEqual({ rows: [], missing: ["appointment", "deposit"] });
  });

  it("Should read its own template", () => {
    expect(parseSchedule(SCHEDULE_TEMPLATE, NOW).rows.every((r) => r.error === null)).toBe(true);
  });
});
