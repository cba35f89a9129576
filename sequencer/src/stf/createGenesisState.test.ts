// Genesis parameters are normalized: a checksummed role address gives the same chain as its
// lower-case form, and its holder keeps the role (senders are recovered lower case).
import { getAddress } from "viem";
import { describe, expect, it } from "vitest";
import { createGenesisState } from "./createGenesisState";
import { actor, TestChain, testGenesis } from "./testing/harness";

describe("# createGenesisState", () => {
  it("Should give the same root and roles for checksummed and lower-case addresses", () => {
    const params = testGenesis();
    const checksummed = {
      ...params,
      licensingBoard: getAddress(params.licensingBoard),
      medicineRegulator: getAddress(params.medicineRegulator),
      governance: getAddress(params.governance),
    };
    expect(checksummed.licensingBoard).not.toBe(params.licensingBoard);
    expect(createGenesisState({ params: checksummed }).root()).toBe(createGenesisState({ params }).root());
    const chain = new TestChain({ params: checksummed });
    chain.ok(actor("medicine-regulator"), "AdmitParticipant", { account: actor("maker").address, role: 1, active: true });
  });
});
