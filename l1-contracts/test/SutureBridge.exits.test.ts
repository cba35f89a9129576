// The bridge's exit guarantees (issue 13, docs/protocol.md "L1 queue", "Deadlines", "Governance"):
// anyone can force an L2 transaction into the L1 queue; no batch is accepted while a queue item
// is overdue; once the sequencer has been inactive, any bonded account may propose; every
// setting changes only through a timelock longer than the exit path, so a batch submitted before
// a change keeps its finalAt and users can leave before the change takes effect.
import { beforeEach, describe, expect, it } from "vitest";
import { keccak256, maxUint160, toHex, type Hex } from "viem";
import { forcedQueueHash } from "../../sequencer/src/protocol";
import { bridgeArtifact } from "../scripts/artifacts";
import { BridgeDriver, Setting, type SettingName } from "./bridgeDriver";
import { loadFixture, type Fixture } from "./fixture";
import { advanceTime, eventsOf, expectRevert, mined, setNextTimestamp } from "./helpers";
import type { Withdrawal } from "./rollup";
import { WithdrawalTree } from "./withdrawalTree";

const abi = bridgeArtifact().abi;
const WINDOW = 3600n;
const root = (n: number): Hex => keccak256(toHex(`root ${n}`));
/** Stand-in bytes of a signed L2 transaction (the bridge only hashes and logs them). */
const txBytes = (n: number, length = 40): Hex => toHex(new Uint8Array(length).map((_, i) => (n * 31 + i) & 0xff));

describe("SutureBridge exits", () => {
  let f: Fixture;
  let bridge: BridgeDriver;
  let FORCE: bigint;
  let INACTIVE: bigint;
  let GOVERNANCE_DELAY: bigint;
  let FEE: bigint;

  beforeEach(async () => {
    f = await loadFixture();
    bridge = new BridgeDriver(f);
    FORCE = BigInt(f.deployment.forceInclusionDelaySeconds);
    INACTIVE = BigInt(f.deployment.sequencerInactiveDelaySeconds);
    GOVERNANCE_DELAY = BigInt(f.deployment.governanceDelaySeconds);
    FEE = f.deployment.forcedTransactionFee;
  });

  /** The L1 timestamp of the block that mined `receipt`. */
  async function timeOf(receipt: { blockNumber: bigint }): Promise<bigint> {
    return (await f.publicClient.getBlock({ blockNumber: receipt.blockNumber })).timestamp;
  }

  describe("# forceTransaction", () => {
    it("Should queue a forced transaction with the protocol's hash chain, record when it was queued and keep the fee", async () => {
      await bridge.deposit("alice", f.accounts.bob, 5n);
      const balance = await bridge.balance();
      const tx = txBytes(1);
      const receipt = await bridge.forceTransaction("carol", tx);
      // The link is the node's forcedQueueHash of the previous hash, the index, the L1 sender and the bytes' hash.
      const expected = forcedQueueHash({ previous: bridge.queue.hashes[1]!, item: { index: 1n, l1Sender: f.accounts.carol, transaction: tx } });
      expect(bridge.queue.hashes[2]).toBe(expected);
      expect(eventsOf(abi, receipt, "TransactionForced")[0]!.args).toEqual({ index: 1n, l1Sender: f.accounts.carol, transaction: tx, queueHash: expected });
      expect(await f.bridge.read.queueHash([2n])).toBe(expected);
      expect(await f.bridge.read.queueLength()).toBe(2n);
      expect(await f.bridge.read.queuedAt([1n])).toBe(await timeOf(receipt));
      expect(await f.bridge.read.burntFees()).toBe(FEE);
      expect(await bridge.balance()).toBe(balance + FEE);
      // The chain goes on across kinds: a deposit after the forced item links to its hash.
      const deposit = await bridge.deposit("bob", f.accounts.alice, 7n);
      expect(eventsOf(abi, deposit, "DepositQueued")[0]!.args.queueHash).toBe(bridge.queue.hashes[3]);
      expect(await f.bridge.read.queueHash([3n])).toBe(bridge.queue.hashes[3]);
    });

    it("Should return the forced transaction's queue index", async () => {
      await bridge.deposit("alice", f.accounts.bob, 5n);
      const { result } = await f.publicClient.simulateContract({
        abi,
        address: f.deployment.bridge,
        functionName: "forceTransaction",
        args: [txBytes(2)],
        value: FEE,
        account: f.accounts.stranger,
      });
      expect(result).toBe(1n);
    });

    it("Should not queue an empty transaction or one longer than MAX_FORCED_TX_BYTES, and queue both bounds", async () => {
      expect(await f.bridge.read.MAX_FORCED_TX_BYTES()).toBe(8192n);
      await expectRevert(abi, bridge.send("alice", "forceTransaction", ["0x"], FEE), "Bridge_ForcedTransactionSize", [0n]);
      await expectRevert(abi, bridge.send("alice", "forceTransaction", [txBytes(3, 8193)], FEE), "Bridge_ForcedTransactionSize", [8193n]);
      expect(await f.bridge.read.queueLength()).toBe(0n);
      expect(await f.bridge.read.burntFees()).toBe(0n);
      await mined(f, bridge.forceTransaction("alice", "0x01"));
      await mined(f, bridge.forceTransaction("alice", txBytes(4, 8192)));
      expect(await f.bridge.read.queueHash([2n])).toBe(bridge.queue.hashes[2]);
    });

    it("Should not queue a forced transaction without exactly the fee", async () => {
      for (const paid of [0n, FEE - 1n, FEE + 1n]) {
        await expectRevert(abi, bridge.send("alice", "forceTransaction", [txBytes(5)], paid), "Bridge_WrongForcedTransactionFee", [FEE, paid]);
      }
      expect(await f.bridge.read.queueLength()).toBe(0n);
      expect(await f.bridge.read.burntFees()).toBe(0n);
      expect(await bridge.balance()).toBe(f.deployment.minBond);
    });

    it("Should queue forced transactions while deposits are paused", async () => {
      await bridge.send("governance", "pauseDeposits", []);
      await expectRevert(abi, bridge.send("alice", "deposit", [f.accounts.alice], 1n), "Bridge_DepositsPaused");
      await mined(f, bridge.forceTransaction("alice", txBytes(6)));
      expect(await f.bridge.read.queueLength()).toBe(1n);
    });
  });

  describe("# submitBatch: overdue queue items", () => {
    for (const kind of ["deposit", "forced transaction"] as const) {
      it(`Should refuse a batch that leaves an overdue ${kind} unconsumed, from its due time on, and accept one that consumes it`, async () => {
        await bridge.submitNext({ data: "0x00", postStateRoot: root(0) });
        const queued = kind === "deposit" ? await bridge.deposit("alice", f.accounts.alice, 5n) : await bridge.forceTransaction("alice", txBytes(7));
        const dueAt = (await timeOf(queued)) + FORCE;
        expect(await f.bridge.read.queuedAt([0n])).toBe(dueAt - FORCE);
        // One second before it is due, a batch may still leave it for later.
        await setNextTimestamp(f, dueAt - 1n);
        await mined(f, bridge.submit(await bridge.nextHeader({ data: "0x01", postStateRoot: root(1), consume: 0n, timestamp: dueAt - 2n }), "0x01"));
        // From its due time, no batch that leaves it is accepted, whoever proposes.
        await setNextTimestamp(f, dueAt);
        const leave = await bridge.nextHeader({ data: "0x02", postStateRoot: root(2), consume: 0n });
        await expectRevert(abi, bridge.submit(leave, "0x02"), "Bridge_QueueItemOverdue", [0n, dueAt]);
        await advanceTime(f, 3600);
        await expectRevert(
          abi,
          bridge.submit(await bridge.nextHeader({ data: "0x02", postStateRoot: root(2), consume: 0n }), "0x02"),
          "Bridge_QueueItemOverdue",
          [0n, dueAt],
        );
        await mined(f, bridge.submit(await bridge.nextHeader({ data: "0x02", postStateRoot: root(2), consume: 1n }), "0x02"));
        expect(await f.bridge.read.cursor()).toMatchObject([3n, 1n, 3n, bridge.cursor.lastTimestamp]);
      });
    }

    it("Should accept a batch that consumes the overdue items and leaves one that is not yet due", async () => {
      await bridge.forceTransaction("bob", txBytes(8));
      const first = await bridge.deposit("alice", f.accounts.alice, 5n);
      const firstDue = (await timeOf(first)) + FORCE;
      await setNextTimestamp(f, firstDue - 5n);
      const second = await bridge.forceTransaction("carol", txBytes(9));
      const secondDue = (await timeOf(second)) + FORCE;
      await setNextTimestamp(f, firstDue);
      // Items 0 and 1 are overdue, item 2 is not: the batch must reach item 2, and may stop there.
      await expectRevert(abi, bridge.submit(await bridge.nextHeader({ data: "0x", postStateRoot: root(1), consume: 1n }), "0x"), "Bridge_QueueItemOverdue", [
        1n,
        firstDue,
      ]);
      await mined(f, bridge.submit(await bridge.nextHeader({ data: "0x", postStateRoot: root(1), consume: 2n }), "0x"));
      await setNextTimestamp(f, secondDue);
      await expectRevert(abi, bridge.submit(await bridge.nextHeader({ data: "0x", postStateRoot: root(2), consume: 0n }), "0x"), "Bridge_QueueItemOverdue", [
        2n,
        secondDue,
      ]);
    });
  });

  describe("# submitBatch: fallback proposer", () => {
    /** The first time any non-sequencer may submit: `sequencerLastBatchAt + sequencerInactiveDelay`. */
    async function openAt(): Promise<bigint> {
      return ((await f.bridge.read.sequencerLastBatchAt()) as bigint) + INACTIVE;
    }

    it("Should refuse a bonded non-sequencer until the sequencer has been inactive for the delay, then accept its batch", async () => {
      const { receipt } = await bridge.submitNext({ data: "0x00", postStateRoot: root(0) });
      expect(await f.bridge.read.sequencerLastBatchAt()).toBe(await timeOf(receipt));
      await bridge.send("carol", "postBond", [], f.deployment.minBond);
      const open = await openAt();
      await setNextTimestamp(f, open - 1n);
      const header = await bridge.nextHeader({ data: "0x01", postStateRoot: root(1), proposer: f.accounts.carol, timestamp: open - 2n });
      await expectRevert(abi, bridge.submit(header, "0x01", "carol"), "Bridge_NotSequencer", [open]);
      await setNextTimestamp(f, open);
      const accepted = await bridge.submit(header, "0x01", "carol");
      expect(eventsOf(abi, accepted, "BatchSubmitted")[0]!.args).toMatchObject({ batchIndex: 1n, submittedAt: open, finalAt: open + WINDOW });
      expect(await f.bridge.read.bondLockedUntil([f.accounts.carol])).toBe(open + WINDOW);
      // A fallback batch leaves the sequencer's clock where it was.
      expect(await f.bridge.read.sequencerLastBatchAt()).toBe(open - INACTIVE);
    });

    it("Should count the sequencer's inactivity from the deployment before any batch", async () => {
      await bridge.send("carol", "postBond", [], f.deployment.minBond);
      const open = await openAt();
      expect(open).toBe(BigInt((await f.publicClient.getBlock({ blockNumber: BigInt(f.deployment.deployBlock) })).timestamp) + INACTIVE);
      const header = await bridge.nextHeader({ data: "0x", postStateRoot: root(1), proposer: f.accounts.carol });
      await expectRevert(abi, bridge.submit(header, "0x", "carol"), "Bridge_NotSequencer", [open]);
      await setNextTimestamp(f, open);
      await mined(f, bridge.submit(header, "0x", "carol"));
    });

    it("Should still refuse an unbonded account, or a header naming another proposer, once proposing is open", async () => {
      await bridge.submitNext({ data: "0x00", postStateRoot: root(0) });
      await setNextTimestamp(f, await openAt());
      const header = await bridge.nextHeader({ data: "0x01", postStateRoot: root(1), proposer: f.accounts.stranger });
      await expectRevert(abi, bridge.submit(header, "0x01", "stranger"), "Bridge_BondTooLow", [0n, f.deployment.minBond]);
      await bridge.send("stranger", "postBond", [], f.deployment.minBond - 1n);
      await expectRevert(abi, bridge.submit(header, "0x01", "stranger"), "Bridge_BondTooLow", [f.deployment.minBond - 1n, f.deployment.minBond]);
      await bridge.send("stranger", "postBond", [], 1n);
      await expectRevert(abi, bridge.submit({ ...header, proposer: f.accounts.sequencer }, "0x01", "stranger"), "Bridge_WrongProposer", [
        f.accounts.stranger,
        f.accounts.sequencer,
      ]);
      await mined(f, bridge.submit(header, "0x01", "stranger"));
    });

    it("Should keep proposing open through fallback batches, and close it again only when the sequencer submits", async () => {
      await bridge.send("carol", "postBond", [], f.deployment.minBond);
      await bridge.send("bob", "postBond", [], f.deployment.minBond);
      const open = await openAt();
      await setNextTimestamp(f, open);
      await mined(f, bridge.submit(await bridge.nextHeader({ data: "0x01", postStateRoot: root(1), proposer: f.accounts.carol }), "0x01", "carol"));
      // Carol's fallback batch does not restart the sequencer's clock: bob may follow at once.
      expect(await openAt()).toBe(open);
      await mined(f, bridge.submit(await bridge.nextHeader({ data: "0x02", postStateRoot: root(2), proposer: f.accounts.bob }), "0x02", "bob"));
      // The sequencer comes back: its batch closes proposing again for the delay.
      const sequencers = await bridge.submit(await bridge.nextHeader({ data: "0x03", postStateRoot: root(3) }), "0x03");
      const afterSequencer = (await timeOf(sequencers)) + INACTIVE;
      expect(await openAt()).toBe(afterSequencer);
      await setNextTimestamp(f, afterSequencer - 1n);
      const bobs = await bridge.nextHeader({ data: "0x04", postStateRoot: root(4), proposer: f.accounts.bob, timestamp: afterSequencer - 2n });
      await expectRevert(abi, bridge.submit(bobs, "0x04", "bob"), "Bridge_NotSequencer", [afterSequencer]);
      await setNextTimestamp(f, afterSequencer);
      await mined(f, bridge.submit(bobs, "0x04", "bob"));
    });

    it("Should give a newly appointed sequencer the full delay before others may propose", async () => {
      await bridge.send("carol", "postBond", [], f.deployment.minBond);
      await setNextTimestamp(f, await openAt());
      const { executableAt } = await bridge.propose("Sequencer", BigInt(f.accounts.bob));
      await setNextTimestamp(f, executableAt);
      const executed = await bridge.execute("Sequencer");
      expect(await openAt()).toBe((await timeOf(executed)) + INACTIVE);
      const header = await bridge.nextHeader({ data: "0x01", postStateRoot: root(1), proposer: f.accounts.carol });
      await expectRevert(abi, bridge.submit(header, "0x01", "carol"), "Bridge_NotSequencer", [(await timeOf(executed)) + INACTIVE]);
    });
  });

  describe("# proposeChange / executeChange / cancelChange", () => {
    const ALL: SettingName[] = ["Sequencer", "ChallengeWindow", "ForceInclusionDelay", "SequencerInactiveDelay", "FraudVerifier", "Governance"];

    it("Should publish a proposed change and apply it only from its executable time, executed by anyone", async () => {
      const { receipt, executableAt } = await bridge.propose("ForceInclusionDelay", 45n);
      expect(executableAt).toBe((await timeOf(receipt)) + GOVERNANCE_DELAY);
      expect(eventsOf(abi, receipt, "ChangeProposed")[0]!.args).toEqual({ setting: Setting.ForceInclusionDelay, value: 45n, executableAt });
      expect(await f.bridge.read.pendingChanges([Setting.ForceInclusionDelay])).toEqual([45n, executableAt]);
      await setNextTimestamp(f, executableAt - 1n);
      await expectRevert(abi, bridge.execute("ForceInclusionDelay"), "Bridge_ChangeNotReady", [Setting.ForceInclusionDelay, executableAt]);
      expect(await f.bridge.read.forceInclusionDelay()).toBe(FORCE);
      await setNextTimestamp(f, executableAt);
      const executed = await bridge.execute("ForceInclusionDelay", "alice");
      expect(eventsOf(abi, executed, "ChangeExecuted")[0]!.args).toEqual({ setting: Setting.ForceInclusionDelay, previous: FORCE, value: 45n });
      expect(await f.bridge.read.forceInclusionDelay()).toBe(45n);
      expect(await f.bridge.read.pendingChanges([Setting.ForceInclusionDelay])).toEqual([0n, 0n]);
      await expectRevert(abi, bridge.execute("ForceInclusionDelay"), "Bridge_NoPendingChange", [Setting.ForceInclusionDelay]);
    });

    it("Should apply each setting's change to that setting only", async () => {
      const judge = f.accounts.doctor;
      await bridge.govern("SequencerInactiveDelay", 90n);
      expect(await f.bridge.read.sequencerInactiveDelay()).toBe(90n);
      await bridge.govern("FraudVerifier", judge);
      expect(await f.bridge.read.fraudVerifier()).toBe(judge);
      expect(await f.bridge.read.sequencer()).toBe(f.accounts.sequencer);
      expect(await f.bridge.read.governance()).toBe(f.accounts.governance);
      expect(await f.bridge.read.challengeWindow()).toBe(WINDOW);
      expect(await f.bridge.read.forceInclusionDelay()).toBe(FORCE);
    });

    it("Should let governance cancel a pending change, which can then never be executed", async () => {
      const { executableAt } = await bridge.propose("Sequencer", f.accounts.carol);
      await expectRevert(abi, bridge.send("sequencer", "cancelChange", [Setting.Sequencer]), "Bridge_NotGovernance");
      const receipt = await bridge.send("governance", "cancelChange", [Setting.Sequencer]);
      expect(eventsOf(abi, receipt, "ChangeCancelled")[0]!.args).toEqual({ setting: Setting.Sequencer, value: BigInt(f.accounts.carol) });
      await setNextTimestamp(f, executableAt);
      await expectRevert(abi, bridge.execute("Sequencer"), "Bridge_NoPendingChange", [Setting.Sequencer]);
      await expectRevert(abi, bridge.send("governance", "cancelChange", [Setting.Sequencer]), "Bridge_NoPendingChange", [Setting.Sequencer]);
      expect(await f.bridge.read.sequencer()).toBe(f.accounts.sequencer);
    });

    it("Should restart the timelock when governance proposes a setting again", async () => {
      const { executableAt: first } = await bridge.propose("ChallengeWindow", 100n);
      await advanceTime(f, 100);
      const { executableAt: second } = await bridge.propose("ChallengeWindow", 200n);
      expect(second).toBeGreaterThan(first);
      await setNextTimestamp(f, first);
      await expectRevert(abi, bridge.execute("ChallengeWindow"), "Bridge_ChangeNotReady", [Setting.ChallengeWindow, second]);
      await setNextTimestamp(f, second);
      await bridge.execute("ChallengeWindow");
      expect(await f.bridge.read.challengeWindow()).toBe(200n);
    });

    it("Should let only governance propose or cancel any setting", async () => {
      for (const setting of ALL) {
        for (const who of ["sequencer", "stranger", "alice", "deployer"] as const) {
          await expectRevert(abi, bridge.send(who, "proposeChange", [Setting[setting], 100n]), "Bridge_NotGovernance");
          await expectRevert(abi, bridge.send(who, "cancelChange", [Setting[setting]]), "Bridge_NotGovernance");
        }
      }
    });

    it("Should not propose an address setting that is zero or wider than an address", async () => {
      for (const setting of ["Sequencer", "FraudVerifier", "Governance"] as const) {
        for (const value of [0n, maxUint160 + 1n]) {
          await expectRevert(abi, bridge.send("governance", "proposeChange", [Setting[setting], value]), "Bridge_InvalidSetting", [Setting[setting], value]);
        }
      }
      await mined(
        f,
        bridge.propose("Governance", maxUint160).then((r) => r.receipt),
      );
    });

    it("Should not propose a duration out of bounds, nor one making the exit path as long as the timelock", async () => {
      const current = { ChallengeWindow: WINDOW, ForceInclusionDelay: FORCE, SequencerInactiveDelay: INACTIVE };
      const exitPath = WINDOW + FORCE + INACTIVE;
      for (const setting of ["ChallengeWindow", "ForceInclusionDelay", "SequencerInactiveDelay"] as const) {
        for (const value of [0n, 30n * 86400n + 1n]) {
          await expectRevert(abi, bridge.send("governance", "proposeChange", [Setting[setting], value]), "Bridge_InvalidSetting", [Setting[setting], value]);
        }
        // The longest value keeping window + force inclusion + inactivity below the timelock, and one more second.
        const longest = GOVERNANCE_DELAY - 1n - (exitPath - current[setting]);
        await expectRevert(abi, bridge.send("governance", "proposeChange", [Setting[setting], longest + 1n]), "Bridge_InvalidSetting", [
          Setting[setting],
          longest + 1n,
        ]);
        await mined(f, bridge.send("governance", "proposeChange", [Setting[setting], longest]));
      }
    });

    it("Should check the exit-path rule again at execution, against the settings then in force", async () => {
      // Each proposal alone keeps the exit path under the timelock; together they would not.
      const slack = GOVERNANCE_DELAY - (WINDOW + FORCE + INACTIVE) - 1n;
      await bridge.propose("ForceInclusionDelay", FORCE + slack);
      const { executableAt } = await bridge.propose("SequencerInactiveDelay", INACTIVE + slack);
      await setNextTimestamp(f, executableAt);
      await mined(f, bridge.execute("ForceInclusionDelay"));
      await expectRevert(abi, bridge.execute("SequencerInactiveDelay"), "Bridge_InvalidSetting", [Setting.SequencerInactiveDelay, INACTIVE + slack]);
      expect(await f.bridge.read.sequencerInactiveDelay()).toBe(INACTIVE);
      expect(await f.bridge.read.forceInclusionDelay()).toBe(FORCE + slack);
    });
  });

  describe("# governance cannot outrun users (Done-when 3)", () => {
    it("Should change nothing before the timelock when governance proposes a new sequencer and a 1-second window, and keep a prior batch's finalAt", async () => {
      // A user deposits; the sequencer posts a batch holding her withdrawal.
      await bridge.deposit("alice", f.accounts.alice, 10n ** 18n);
      const tree = await WithdrawalTree.create();
      const w: Withdrawal = { id: 0n, recipient: f.accounts.alice, amount: 10n ** 18n };
      tree.add(w);
      const { header: before, receipt } = await bridge.submitNext({ data: "0x01", postStateRoot: tree.root() });
      const beforeFinalAt = (await timeOf(receipt)) + WINDOW;
      expect((await bridge.batch(0n)).finalAt).toBe(beforeFinalAt);

      // Governance proposes a new sequencer (carol, bonded) and a 1-second window.
      await bridge.send("carol", "postBond", [], f.deployment.minBond);
      const { executableAt: sequencerAt } = await bridge.propose("Sequencer", f.accounts.carol);
      const { executableAt } = await bridge.propose("ChallengeWindow", 1n);
      expect(executableAt).toBeGreaterThan(beforeFinalAt);

      // Nothing changes before the timelock: same sequencer, same window, carol refused, no early payout.
      expect(await f.bridge.read.sequencer()).toBe(f.accounts.sequencer);
      expect(await f.bridge.read.challengeWindow()).toBe(WINDOW);
      const { receipt: second } = await bridge.submitNext({ data: "0x02", postStateRoot: tree.root() });
      const carols = await bridge.nextHeader({ data: "0x03", postStateRoot: tree.root(), proposer: f.accounts.carol });
      await expectRevert(abi, bridge.submit(carols, "0x03", "carol"), "Bridge_NotSequencer", [(await timeOf(second)) + INACTIVE]);
      await expectRevert(abi, bridge.execute("Sequencer"), "Bridge_ChangeNotReady", [Setting.Sequencer, sequencerAt]);
      await expectRevert(abi, bridge.execute("ChallengeWindow"), "Bridge_ChangeNotReady", [Setting.ChallengeWindow, executableAt]);
      await setNextTimestamp(f, beforeFinalAt - 1n);
      await expectRevert(abi, bridge.finalize(before, w, tree.siblings(0n)), "Bridge_NotFinal", [0n, beforeFinalAt]);

      // The user leaves inside the timelock: her withdrawal is final at the batch's own finalAt.
      await setNextTimestamp(f, beforeFinalAt);
      await mined(f, bridge.finalize(before, w, tree.siblings(0n)));

      // A batch just before the change takes effect keeps the window in force at its submission.
      await setNextTimestamp(f, executableAt - 5n);
      const { receipt: late } = await bridge.submitNext({ data: "0x04", postStateRoot: root(4) });
      const lateFinalAt = executableAt - 5n + WINDOW;
      expect((await bridge.batch(2n)).finalAt).toBe(lateFinalAt);
      expect(await timeOf(late)).toBe(executableAt - 5n);
      await setNextTimestamp(f, executableAt);
      await mined(f, bridge.execute("Sequencer"));
      await mined(f, bridge.execute("ChallengeWindow"));
      expect(await f.bridge.read.sequencer()).toBe(f.accounts.carol);
      expect(await f.bridge.read.challengeWindow()).toBe(1n);
      expect((await bridge.batch(2n)).finalAt).toBe(lateFinalAt);
      expect(await f.bridge.read.isBatchFinal([2n])).toBe(false);

      // After the change, the new sequencer submits (its batch final no sooner than the one before)
      // and the old one is an ordinary account: refused while the new sequencer is active.
      const carolsHeader = await bridge.nextHeader({ data: "0x05", postStateRoot: root(5), proposer: f.accounts.carol });
      const carols2 = await bridge.submit(carolsHeader, "0x05", "carol");
      expect((await bridge.batch(carolsHeader.batchIndex)).finalAt).toBe(lateFinalAt);
      const old = await bridge.nextHeader({ data: "0x06", postStateRoot: root(6) });
      await expectRevert(abi, bridge.submit(old, "0x06", "sequencer"), "Bridge_NotSequencer", [(await timeOf(carols2)) + INACTIVE]);
      // With the 1-second window in force, a batch submitted once the earlier ones are final is final one second later.
      await setNextTimestamp(f, lateFinalAt + 10n);
      const quickHeader = await bridge.nextHeader({ data: "0x07", postStateRoot: root(7), proposer: f.accounts.carol, timestamp: lateFinalAt });
      await bridge.submit(quickHeader, "0x07", "carol");
      expect((await bridge.batch(quickHeader.batchIndex)).finalAt).toBe(lateFinalAt + 11n);
    });
  });
});
