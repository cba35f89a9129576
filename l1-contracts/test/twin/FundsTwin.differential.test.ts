// The STF's Solidity twin against the TypeScript STF, funds and governance: every transaction
// type of FundsTwin, accepted and rejected by each of its rules, with fees off and on.
import { beforeAll, describe, expect, it } from "vitest";
import { encodeTx } from "../../../sequencer/src/protocol";
import { DEFAULT_FEES } from "../../../sequencer/src/state";
import { actor, ETH, TestChain, testGenesis } from "../../../sequencer/src/stf/testing/harness";
import { loadFixture, type Fixture } from "../fixture";
import { TwinChecker } from "./twinChecker";

const alice = actor("alice");
const bob = actor("bob");
const governance = actor("governance");
/** A valid compressed secp256k1 public key (the generator point). */
const GENERATOR = "0x0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798";

describe("FundsTwin ≡ TypeScript STF", () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await loadFixture({ fraudVerifier: "real" });
  });

  for (const fees of [false, true]) {
    it(`Should compute the same root for every funds and governance step, fees ${fees ? "on" : "off"}`, async () => {
      const chain = new TestChain({ params: testGenesis(fees ? { fees: DEFAULT_FEES } : {}) });
      const twin = new TwinChecker(f, chain);
      chain.deposit(alice, 10n * ETH);
      chain.deposit(governance, ETH);
      const codes: string[] = [];
      const step = async (tx: Parameters<TwinChecker["tx"]>[0]) => {
        const r = await twin.tx(tx);
        codes.push(r.status === "ok" ? "ok" : r.error.code);
      };
      await step(chain.sign(alice, "Transfer", { to: bob.address, amount: 3n * ETH }));
      await step(chain.sign(alice, "Transfer", { to: bob.address, amount: 0n }));
      await step(chain.sign(alice, "Transfer", { to: bob.address, amount: 100n * ETH }));
      await step(chain.sign(alice, "Transfer", { to: alice.address, amount: ETH }));
      await step(chain.sign(alice, "Transfer", { to: bob.address, amount: 1n, nonce: 7n }));
      await step(chain.sign(alice, "Transfer", { to: bob.address, amount: 1n, nonce: 0n }));
      await step(chain.sign(bob, "Withdraw", { recipient: bob.address, amount: ETH }));
      await step(chain.sign(bob, "Withdraw", { recipient: bob.address, amount: 0n }));
      await step(chain.sign(bob, "Withdraw", { recipient: alice.address, amount: 2n ** 255n }));
      await step(chain.sign(alice, "SetEncryptionKey", { encryptionKey: GENERATOR }));
      await step(chain.sign(alice, "SetEncryptionKey", { encryptionKey: `0x04${GENERATOR.slice(4)}` }));
      await step(chain.sign(alice, "SetEncryptionKey", { encryptionKey: `0x02${"ff".repeat(32)}` }));
      await step(chain.sign(alice, "SetEncryptionKey", { encryptionKey: "0x" }));
      const at = BigInt(chain.time + 7 * 86400);
      await step(chain.sign(governance, "SetFeeSchedule", { perByte: 1n, perWorkUnit: 2n, effectiveAt: at }));
      await step(chain.sign(governance, "SetFeeSchedule", { perByte: 1n, perWorkUnit: 2n, effectiveAt: at - 100n }));
      await step(chain.sign(alice, "SetFeeSchedule", { perByte: 1n, perWorkUnit: 2n, effectiveAt: at }));
      chain.advance(8 * 86400);
      await step(chain.sign(alice, "Transfer", { to: bob.address, amount: 5n }));
      await step(chain.sign(governance, "SetFeeSchedule", { perByte: 3n, perWorkUnit: 4n, effectiveAt: BigInt(chain.time + 8 * 86400) }));
      await step(chain.sign(alice, "Transfer", { to: bob.address, amount: 5n, maxFee: 0n }));
      await step(chain.sign(bob, "Transfer", { to: alice.address, amount: 5n, maxFee: 2n ** 256n - 1n }));
      const poor = actor("poor");
      await step(chain.sign(poor, "Transfer", { to: alice.address, amount: 1n }));
      expect(codes).toContain("ok");
      expect(new Set(codes).size).toBeGreaterThan(5);
    });
  }

  it("Should treat bytes that do not decode or do not recover a signer as a step that changes nothing", async () => {
    const chain = new TestChain();
    const twin = new TwinChecker(f, chain);
    chain.deposit(alice, ETH);
    const good = encodeTx(chain.sign(alice, "Transfer", { to: bob.address, amount: 1n }));
    await twin.bytes(new Uint8Array([]), "empty");
    await twin.bytes(new Uint8Array([0xee, 1, 2]), "unknown type");
    await twin.bytes(good.subarray(0, good.length - 1), "truncated");
    await twin.bytes(new Uint8Array([...good, 0]), "trailing byte");
    const badV = good.slice();
    badV[badV.length - 1] = 29;
    await twin.bytes(badV, "v = 29");
    const otherSigner = good.slice();
    otherSigner[good.length - 40] ^= 1;
    await twin.bytes(otherSigner, "another signer");
    expect(await twin.bytes(good, "the transfer")).toMatchObject({ status: "ok" });
  });
});
