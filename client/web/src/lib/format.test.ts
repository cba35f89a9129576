import { describe, expect, it } from "vitest";
import { parseEther } from "viem";
import { formatDuration, formatEth, formatTime, fromDateTimeInput, toDateTimeInput } from "./format";

describe("format", () => {
  it("Should show durations in their two largest units", () => {
    expect([45, 200, 3600, 5400, 86_400, 93_600, 1_209_600].map(formatDuration)).toEqual(["45 s", "3 min 20 s", "1 h", "1 h 30 min", "1 d", "1 d 2 h", "14 d"]);
  });

  it("Should show ETH with up to six decimals and thousands separators", () => {
    expect(formatEth(parseEther("1234.5"))).toBe("1,234.5 ETH");
    expect(formatEth(1n)).toBe("0 ETH");
    expect(formatEth("100000000000000000")).toBe("0.1 ETH");
    expect(formatEth(null)).toBe("—");
  });

  it("Should show chain times in UTC and round-trip the datetime inputs", () => {
    expect(formatTime(1_900_000_000)).toBe("17 Mar 2030, 17:46 UTC");
    expect(fromDateTimeInput(toDateTimeInput(1_900_000_020))).toBe(1_900_000_020);
  });
});
