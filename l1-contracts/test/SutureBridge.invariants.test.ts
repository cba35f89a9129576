// Invariants of l1-contracts/PROPERTIES.md, checked over random sequences of deposits, batches
// (honest and forged), time jumps and withdrawal attempts. An honest L2 is modelled: it credits
// consumed deposits and writes withdrawal leaves into a state tree built with the node's own
// StateTree, whose roots the batches claim, so every withdrawal proof is a real one. The
// sequencer is bonded (the fixture posts the minimum bond) and nobody challenges, so its bond
// stays in the bridge, untouched, beside the deposits.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hexToBytes, keccak256, toHex, type Address, type Hex } from "viem";
import { BridgeDriver, type Signer } from "./bridgeDriver";
import { loadFixture } from "./fixture";
import { advanceTime, expectRevert } from "./helpers";
import type { BatchHeader, Withdrawal } from "./rollup";
import { WithdrawalTree } from "./withdrawalTree";

const WINDOW = 3600;
const USERS: Signer[] = ["alice", "bob", "carol"];

type Action =
  | { kind: "deposit"; user: number; amount: bigint }
  | { kind: "batch"; consume: number; withdrawals: { user: number; share: number }[] }
  | { kind: "forgedBatch"; how: "queueHash" | "prevRoot" | "skipDeposit" | "proposer" | "stepRoots" }
  | { kind: "wait"; seconds: number }
  | { kind: "withdraw"; pick: number; tamper: boolean; again: boolean };

const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("deposit" as const), user: fc.nat(2), amount: fc.bigInt(1n, 10n ** 18n) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("batch" as const),
      consume: fc.nat(4),
      withdrawals: fc.array(fc.record({ user: fc.nat(2), share: fc.integer({ min: 1, max: 100 }) }), { maxLength: 3 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("forgedBatch" as const),
      how: fc.constantFrom("queueHash" as const, "prevRoot" as const, "skipDeposit" as const, "proposer" as const, "stepRoots" as const),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("wait" as const), seconds: fc.integer({ min: 1, max: 2 * WINDOW }) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("withdraw" as const), pick: fc.nat(), tamper: fc.boolean(), again: fc.boolean() }) },
);

/** A withdrawal written in some batch's state, with its proof against that batch's root. */
type Proven = { w: Withdrawal; header: BatchHeader; siblings: Hex[] };

describe("SutureBridge invariants", () => {
  it("Should hold over random sequences of deposits, batches, forged batches, time and withdrawals", async () => {
    // How often each outcome happened over all runs: the property must have exercised them all.
    const seen = { paid: 0, notFinal: 0, alreadyWithdrawn: 0, invalidProof: 0, forged: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 15, maxLength: 40 }), async (actions) => {
        const f = await loadFixture();
        const bridge = new BridgeDriver(f);
        const abi = bridge.abi;
        const tree = await WithdrawalTree.create();
        const sequencer = f.accounts.sequencer;
        const bond = (await f.bridge.read.bonds([sequencer])) as bigint;
        expect(bond).toBeGreaterThanOrEqual((await f.bridge.read.minBond()) as bigint);
        const l2Balances = new Map<Address, bigint>();
        const written: Withdrawal[] = [];
        const proven: Proven[] = [];
        const paid = new Set<bigint>();
        let deposited = 0n;
        let finalizedOut = 0n;
        let nextWithdrawalId = 0n;
        let batchNonce = 0;

        for (const a of actions) {
          switch (a.kind) {
            case "deposit": {
              const user = USERS[a.user]!;
              await bridge.deposit(user, f.accounts[user], a.amount);
              deposited += a.amount;
              break;
            }
            case "batch": {
              const pending = Number(bridge.queue.length - bridge.cursor.queueConsumed);
              const consume = BigInt(Math.min(a.consume, pending));
              // The honest L2 credits the consumed deposits, then pays out some withdrawals.
              for (let i = bridge.cursor.queueConsumed; i < bridge.cursor.queueConsumed + consume; i++) {
                const d = bridge.queue.items[Number(i)]!;
                l2Balances.set(d.recipient, (l2Balances.get(d.recipient) ?? 0n) + d.amount);
              }
              for (const { user, share } of a.withdrawals) {
                const recipient = f.accounts[USERS[user]!];
                const amount = ((l2Balances.get(recipient) ?? 0n) * BigInt(share)) / 100n;
                if (amount === 0n) continue;
                l2Balances.set(recipient, l2Balances.get(recipient)! - amount);
                const w = { id: nextWithdrawalId++, recipient, amount };
                tree.add(w);
                written.push(w);
              }
              tree.addOther(hexToBytes(keccak256(toHex(`state ${batchNonce}`))), hexToBytes(keccak256(toHex(batchNonce++))));
              // One step per consumed deposit and per withdrawal, then the fold step on the final
              // root; the bridge only hashes the step roots, so the intermediate ones are stand-ins.
              const steps = Number(consume) + a.withdrawals.length;
              const stepRoots = [...Array.from({ length: steps }, (_, i) => keccak256(toHex(`step ${batchNonce} ${i}`))), tree.root()];
              const data = [keccak256(toHex(`batch ${batchNonce}`)), toHex(`chunk ${batchNonce}`)];
              const { header } = await bridge.submitNext({ data, postStateRoot: tree.root(), stepRoots, consume });
              expect(await f.bridge.read.bondLockedUntil([sequencer])).toBe((await bridge.batch(header.batchIndex)).finalAt);
              // Every withdrawal ever written is in this root too, so each batch can prove all of them.
              for (const w of written) proven.push({ w, header, siblings: tree.siblings(w.id) });
              break;
            }
            case "forgedBatch": {
              const header = await bridge.nextHeader({ data: "0x", postStateRoot: keccak256(toHex("lie")) });
              if (a.how === "queueHash") {
                const forged = { ...header, queueHash: keccak256(toHex("invented deposit")) };
                await expectRevert(abi, bridge.submit(forged, "0x"), "Bridge_WrongQueueHash");
                seen.forged++;
              } else if (a.how === "prevRoot") {
                await expectRevert(abi, bridge.submit({ ...header, prevStateRoot: keccak256(toHex("other fork")) }, "0x"), "Bridge_WrongPrevStateRoot");
                seen.forged++;
              } else if (a.how === "proposer") {
                // Only the bonded sequencer proposes, and only for itself.
                await expectRevert(abi, bridge.submit({ ...header, proposer: f.accounts.alice }, "0x"), "Bridge_WrongProposer", [sequencer, f.accounts.alice]);
                seen.forged++;
              } else if (a.how === "stepRoots") {
                // The step roots must end on the post-state root the header claims.
                const stepRoots = [keccak256(toHex("step")), keccak256(toHex("another root"))];
                await expectRevert(abi, bridge.submit({ ...header, stepCount: 2n }, "0x", "sequencer", stepRoots), "Bridge_WrongStepRoots");
                seen.forged++;
              } else {
                if (bridge.queue.length === bridge.cursor.queueConsumed) break;
                const skip = { ...header, queueStart: header.queueStart + 1n };
                await expectRevert(abi, bridge.submit(skip, "0x"), "Bridge_WrongQueueStart");
                seen.forged++;
              }
              break;
            }
            case "wait":
              await advanceTime(f, a.seconds);
              break;
            case "withdraw": {
              if (proven.length === 0) break;
              // `again` retries a withdrawal already paid (possibly proven against another batch).
              const candidates = a.again && paid.size > 0 ? proven.filter((x) => paid.has(x.w.id)) : proven;
              const p = candidates[a.pick % candidates.length]!;
              const { finalAt } = await bridge.batch(p.header.batchIndex);
              const nextTimestamp = (await f.publicClient.getBlock()).timestamp + 1n;
              if (nextTimestamp < finalAt) {
                // P2: nothing is paid before the batch is final, whatever the proof.
                await expectRevert(abi, bridge.finalize(p.header, p.w, p.siblings), "Bridge_NotFinal");
                seen.notFinal++;
              } else if (a.tamper) {
                // P4: only leaves of the batch's root are paid.
                await expectRevert(abi, bridge.finalize(p.header, { ...p.w, amount: p.w.amount + 1n }, p.siblings), "Bridge_InvalidProof");
                seen.invalidProof++;
              } else if (paid.has(p.w.id)) {
                // P3: a withdrawal is paid once, even when proven again against another batch.
                await expectRevert(abi, bridge.finalize(p.header, p.w, p.siblings), "Bridge_AlreadyWithdrawn", [p.w.id]);
                seen.alreadyWithdrawn++;
              } else {
                const before = await f.publicClient.getBalance({ address: p.w.recipient });
                const receipt = await bridge.finalize(p.header, p.w, p.siblings, "stranger");
                expect(receipt.status).toBe("success");
                expect(await f.publicClient.getBalance({ address: p.w.recipient })).toBe(before + p.w.amount);
                paid.add(p.w.id);
                finalizedOut += p.w.amount;
                seen.paid++;
              }
              break;
            }
          }
          // P1: the bridge holds exactly what came in (deposits and the bond) minus what was paid
          // out, so never less; without a challenge the bond is never touched.
          expect(await f.bridge.read.bonds([sequencer])).toBe(bond);
          expect(await bridge.balance()).toBe(deposited - finalizedOut + bond);
          expect(await f.bridge.read.burntBonds()).toBe(0n);
          expect(finalizedOut).toBeLessThanOrEqual(deposited);
          // P5: the bridge's view of the chain is the honest one, whatever was attempted.
          expect(await f.bridge.read.lastStateRoot()).toBe(bridge.cursor.stateRoot);
          expect(await f.bridge.read.queueLength()).toBe(bridge.queue.length);
        }
        // P3: exactly the withdrawals paid are marked withdrawn.
        for (let id = 0n; id < nextWithdrawalId; id++) expect(await f.bridge.read.isWithdrawn([id])).toBe(paid.has(id));
      }),
      // A fixed count and seed: the same 40 sequences every run (so the outcome counts below are
      // deterministic), and a failure replays from the seed and path fast-check prints.
      { numRuns: 40, seed: 0xb71d6e },
    );
    for (const [outcome, count] of Object.entries(seen)) expect(count, outcome).toBeGreaterThan(0);
  });
});
