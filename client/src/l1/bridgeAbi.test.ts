import { describe, expect, it } from "vitest";
import { readArtifact } from "../../../l1-contracts/scripts/artifacts";
import { BRIDGE_ABI } from "./bridgeAbi";

describe("BRIDGE_ABI", () => {
  it("Should match the compiled SutureBridge for every function the client calls", () => {
    const compiled = readArtifact("SutureBridge").abi as ReadonlyArray<{
      type: string;
      name?: string;
      inputs?: unknown;
      outputs?: unknown;
      stateMutability?: string;
    }>;
    const strip = (x: unknown): unknown =>
      Array.isArray(x)
        ? x.map(strip)
        : x && typeof x === "object"
          ? Object.fromEntries(
              Object.entries(x)
                .filter(([k]) => k !== "internalType")
                .map(([k, v]) => [k, strip(v)]),
            )
          : x;
    for (const fn of BRIDGE_ABI) {
      const real = compiled.find((f) => f.type === "function" && f.name === fn.name);
      expect(real, fn.name).toBeDefined();
      expect(strip(real!.inputs)).toEqual(strip(fn.inputs));
      expect(real!.stateMutability).toBe(fn.stateMutability);
    }
  });
});
