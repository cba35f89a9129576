import { beforeEach, describe, expect, it } from "vitest";
import { encodeFunctionData, keccak256, parseEther, toHex, zeroAddress, type Address, type Hex } from "viem";
import { bridgeArtifact, readArtifact } from "../scripts/artifacts";
import { BridgeDriver, Setting } from "./bridgeDriver";
import { loadFixture, type Fixture } from "./fixture";
import { advanceTime, eventsOf, expectRevert, mined, setNextTimestamp } from "./helpers";
import { dataCommitment, headerHash, ZERO_HASH, type BatchHeader, type Withdrawal } from "./rollup";
import { WithdrawalTree } from "./withdrawalTree";

const abi = bridgeArtifact().abi;
const WINDOW = 3600n;
const root = (n: number): Hex => keccak256(toHex(`root ${n}`));

describe("SutureBridge", () => {
  let f: Fixture;
  let bridge: BridgeDriver;

  beforeEach(async () => {
    f = await loadFixture();
    bridge = new BridgeDriver(f);
  });

  /** Submits one batch whose post-state root holds `withdrawals`, and returns what a withdrawer needs. */
  async function batchWithWithdrawals(withdrawals: Withdrawal[]) {
    const tree = await WithdrawalTree.create();
    for (const w of withdrawals) tree.add(w);
    const { header, receipt } = await bridge.submitNext({ data: "0xabcd", postStateRoot: tree.root() });
    return { header, receipt, tree };
  }

  describe("# constructor", () => {
    it("Should set the parameters given by the deploy script and emit them", async () => {
      expect(await f.bridge.read.governance()).toBe(f.accounts.governance);
      expect(await f.bridge.read.sequencer()).toBe(f.accounts.sequencer);
      expect(await f.bridge.read.challengeWindow()).toBe(WINDOW);
      expect(await f.bridge.read.forceInclusionDelay()).toBe(BigInt(f.deployment.forceInclusionDelaySeconds));
      expect(await f.bridge.read.sequencerInactiveDelay()).toBe(BigInt(f.deployment.sequencerInactiveDelaySeconds));
      expect(await f.bridge.read.governanceDelay()).toBe(BigInt(f.deployment.governanceDelaySeconds));
      expect(await f.bridge.read.forcedTransactionFee()).toBe(f.deployment.forcedTransactionFee);
      expect(await f.bridge.read.genesisStateRoot()).toBe(ZERO_HASH);
      expect(await f.bridge.read.lastStateRoot()).toBe(ZERO_HASH);
      expect(await f.bridge.read.l2ChainId()).toBe(BigInt(f.deployment.l2ChainId));
      expect(await f.bridge.read.queueLength()).toBe(0n);
      const logs = await f.publicClient.getContractEvents({ abi, address: f.deployment.bridge, fromBlock: 0n });
      expect(logs.map((l) => l.eventName)).toEqual([...Array(6).fill("ChangeExecuted"), "BondPosted"]);
      // Each setting's initial value is logged as a change from zero.
      expect(logs.slice(0, 6).map((l) => (l as unknown as { args: unknown }).args)).toEqual([
        { setting: Setting.Governance, previous: 0n, value: BigInt(f.accounts.governance) },
        { setting: Setting.Sequencer, previous: 0n, value: BigInt(f.accounts.sequencer) },
        { setting: Setting.FraudVerifier, previous: 0n, value: BigInt(f.deployment.fraudVerifier) },
        { setting: Setting.ChallengeWindow, previous: 0n, value: WINDOW },
        { setting: Setting.ForceInclusionDelay, previous: 0n, value: BigInt(f.deployment.forceInclusionDelaySeconds) },
        { setting: Setting.SequencerInactiveDelay, previous: 0n, value: BigInt(f.deployment.sequencerInactiveDelaySeconds) },
      ]);
      expect(await f.bridge.read.minBond()).toBe(f.deployment.minBond);
      expect(await f.bridge.read.fraudVerifier()).toBe(f.deployment.fraudVerifier);
      expect(await f.bridge.read.bonds([f.accounts.sequencer])).toBe(f.deployment.minBond);
    });

    /** Constructor arguments: (governance, sequencer, window, genesis root, chain id, judge, min bond, delays, fee). */
    const args = (change: { governance?: Address; sequencer?: Address; window?: bigint; judge?: Address; delays?: [bigint, bigint, bigint] } = {}) => {
      const [forceInclusionDelay, sequencerInactiveDelay, governanceDelay] = change.delays ?? [30n, 60n, 3700n];
      return [
        change.governance ?? f.accounts.governance,
        change.sequencer ?? f.accounts.sequencer,
        change.window ?? WINDOW,
        ZERO_HASH,
        1n,
        change.judge ?? f.deployment.fraudVerifier,
        1n,
        { forceInclusionDelay, sequencerInactiveDelay, governanceDelay },
        10n ** 14n,
      ] as const;
    };
    const deploy = (a: readonly unknown[]) => f.wallets.deployer.deployContract({ abi, bytecode: bridgeArtifact().bytecode, args: a });

    it("Should deploy with valid arguments (the reference for the refusals below)", async () => {
      await mined(f, deploy(args()));
    });

    it("Should not deploy if governance, the sequencer or the judge is the zero address", async () => {
      await expectRevert(abi, deploy(args({ governance: zeroAddress })), "Bridge_ZeroAddress");
      await expectRevert(abi, deploy(args({ sequencer: zeroAddress })), "Bridge_ZeroAddress");
      await expectRevert(abi, deploy(args({ judge: zeroAddress })), "Bridge_ZeroAddress");
    });

    it("Should not deploy if the challenge window or a delay is out of bounds", async () => {
      await expectRevert(abi, deploy(args({ window: 0n })), "Bridge_InvalidSetting", [Setting.ChallengeWindow, 0n]);
      const tooLong = 30n * 86400n + 1n;
      await expectRevert(abi, deploy(args({ window: tooLong, delays: [30n, 60n, 60n * 86400n] })), "Bridge_InvalidSetting", [Setting.ChallengeWindow, tooLong]);
      await expectRevert(abi, deploy(args({ delays: [0n, 60n, 3700n] })), "Bridge_InvalidSetting", [Setting.ForceInclusionDelay, 0n]);
      await expectRevert(abi, deploy(args({ delays: [30n, 0n, 3700n] })), "Bridge_InvalidSetting", [Setting.SequencerInactiveDelay, 0n]);
    });

    it("Should not deploy if the governance delay is not longer than the exit path", async () => {
      // window + force inclusion + inactivity = 3690 s: a 3690 s timelock is one second short.
      await expectRevert(abi, deploy(args({ delays: [30n, 60n, 3690n] })), "Bridge_InvalidSetting", [Setting.ChallengeWindow, WINDOW]);
      await mined(f, deploy(args({ delays: [30n, 60n, 3691n] })));
    });
  });

  describe("# deposit", () => {
    it("Should append deposits to the queue with the protocol's hash chain", async () => {
      const amounts = [1n, parseEther("2"), 12345n];
      for (const [i, amount] of amounts.entries()) {
        const receipt = await bridge.deposit("alice", f.accounts.bob, amount);
        const [event] = eventsOf(abi, receipt, "DepositQueued");
        expect(event!.args).toEqual({
          index: BigInt(i),
          l1Sender: f.accounts.alice,
          l2Recipient: f.accounts.bob,
          amount,
          queueHash: bridge.queue.hashes[i + 1],
        });
      }
      expect(await f.bridge.read.queueLength()).toBe(3n);
      for (let n = 0n; n <= 3n; n++) expect(await f.bridge.read.queueHash([n])).toBe(bridge.queue.hashes[Number(n)]);
      expect(await bridge.balance()).toBe(f.deployment.minBond + amounts.reduce((a, b) => a + b));
    });

    it("Should return the deposit's queue index", async () => {
      await bridge.deposit("alice", f.accounts.bob, 1n);
      const { result } = await f.publicClient.simulateContract({
        abi,
        address: f.deployment.bridge,
        functionName: "deposit",
        args: [f.accounts.bob],
        value: 1n,
        account: f.accounts.carol,
      });
      expect(result).toBe(1n);
    });

    it("Should not deposit if no ETH is sent", async () => {
      await expectRevert(abi, bridge.send("alice", "deposit", [f.accounts.bob], 0n), "Bridge_ZeroDeposit");
    });

    it("Should not deposit if the L2 recipient is the zero address", async () => {
      await expectRevert(abi, bridge.send("alice", "deposit", [zeroAddress], 1n), "Bridge_ZeroAddress");
    });

    it("Should not deposit if deposits are paused", async () => {
      await bridge.send("governance", "pauseDeposits", []);
      await expectRevert(abi, bridge.send("alice", "deposit", [f.accounts.bob], 1n), "Bridge_DepositsPaused");
    });

    it("Should not accept plain ETH transfers, which no L2 account would receive", async () => {
      await expect(f.wallets.alice.sendTransaction({ to: f.deployment.bridge, value: 1n })).rejects.toThrow();
    });
  });

  describe("# queueHash", () => {
    it("Should not read past the end of the queue", async () => {
      await expectRevert(abi, f.bridge.read.queueHash([1n]), "Bridge_QueueEndOutOfRange", [1n, 0n]);
    });
  });

  describe("# submitBatch", () => {
    it("Should accept the first batch from the genesis root, store its hash and timing and log the header", async () => {
      await bridge.deposit("alice", f.accounts.bob, 5n);
      const data: Hex = "0x0102030405";
      const header = await bridge.nextHeader({ data, postStateRoot: root(1) });
      const receipt = await bridge.submit(header, data);
      const block = await f.publicClient.getBlock({ blockNumber: receipt.blockNumber });

      const stored = await bridge.batch(0n);
      expect(stored).toEqual({ headerHash: headerHash(header), submittedAt: block.timestamp, finalAt: block.timestamp + WINDOW });
      const [event] = eventsOf(abi, receipt, "BatchSubmitted");
      expect(event!.args).toEqual({
        batchIndex: 0n,
        headerHash: headerHash(header),
        header,
        submittedAt: block.timestamp,
        finalAt: block.timestamp + WINDOW,
      });
      expect(await f.bridge.read.lastStateRoot()).toBe(root(1));
      expect(await f.bridge.read.cursor()).toEqual([1n, 1n, header.lastBlock + 1n, header.lastTimestamp]);
      // A verifier finds the batch data in the calldata of the transaction that logged the event.
      const tx = await f.publicClient.getTransaction({ hash: receipt.transactionHash });
      expect(tx.input).toContain(data.slice(2));
    });

    it("Should chain batches, consuming deposits in order, with or without new deposits", async () => {
      await bridge.deposit("alice", f.accounts.bob, 5n);
      await bridge.deposit("bob", f.accounts.alice, 7n);
      await bridge.submitNext({ data: "0x01", postStateRoot: root(1), consume: 1n });
      await bridge.submitNext({ data: "0x02", postStateRoot: root(2) });
      await bridge.submitNext({ data: "0x", postStateRoot: root(3) });
      expect(await f.bridge.read.cursor()).toEqual([3n, 2n, 3n, bridge.cursor.lastTimestamp]);
      expect(await f.bridge.read.lastStateRoot()).toBe(root(3));
    });

    it("Should not accept a batch if the caller is not the sequencer", async () => {
      const header = await bridge.nextHeader({ data: "0x", postStateRoot: root(1) });
      await expectRevert(abi, bridge.submit(header, "0x", "stranger"), "Bridge_NotSequencer");
      await expectRevert(abi, bridge.submit(header, "0x", "governance"), "Bridge_NotSequencer");
    });

    it("Should not accept a batch if its index is not the next one", async () => {
      const header = await bridge.nextHeader({ data: "0x", postStateRoot: root(1) });
      await expectRevert(abi, bridge.submit({ ...header, batchIndex: 1n }, "0x"), "Bridge_WrongBatchIndex", [0n, 1n]);
      await bridge.submit(header, "0x");
      const again = await bridge.nextHeader({ data: "0x", postStateRoot: root(2) });
      await expectRevert(abi, bridge.submit({ ...again, batchIndex: 0n }, "0x"), "Bridge_WrongBatchIndex", [1n, 0n]);
    });

    it("Should not accept a batch if its previous root is not the last post-state root", async () => {
      const header = await bridge.nextHeader({ data: "0x", postStateRoot: root(1) });
      await expectRevert(abi, bridge.submit({ ...header, prevStateRoot: root(9) }, "0x"), "Bridge_WrongPrevStateRoot", [ZERO_HASH, root(9)]);
      await bridge.submit(header, "0x");
      const next = await bridge.nextHeader({ data: "0x", postStateRoot: root(2) });
      await expectRevert(abi, bridge.submit({ ...next, prevStateRoot: ZERO_HASH }, "0x"), "Bridge_WrongPrevStateRoot", [root(1), ZERO_HASH]);
    });

    it("Should not accept a batch if its data hash does not match the calldata", async () => {
      const header = await bridge.nextHeader({ data: "0x1234", postStateRoot: root(1) });
      await expectRevert(abi, bridge.submit(header, "0x1235"), "Bridge_WrongTxDataHash", [dataCommitment("0x1235"), header.txDataHash]);
      await expectRevert(abi, bridge.submit(header, ["0x12", "0x34"]), "Bridge_WrongTxDataHash", [dataCommitment(["0x12", "0x34"]), header.txDataHash]);
    });

    it("Should not accept a batch if it skips or replays queue items", async () => {
      await bridge.deposit("alice", f.accounts.bob, 5n);
      await bridge.deposit("alice", f.accounts.bob, 6n);
      const first = await bridge.nextHeader({ data: "0x", postStateRoot: root(1), consume: 1n });
      const skip = { ...first, queueStart: 1n, queueEnd: 2n, queueHash: bridge.queue.hashes[2]! };
      await expectRevert(abi, bridge.submit(skip, "0x"), "Bridge_WrongQueueStart", [0n, 1n]);
      await bridge.submit(first, "0x");
      const replay = { ...(await bridge.nextHeader({ data: "0x", postStateRoot: root(2) })), queueStart: 0n };
      await expectRevert(abi, bridge.submit(replay, "0x"), "Bridge_WrongQueueStart", [1n, 0n]);
    });

    it("Should not accept a batch if it claims queue items that do not exist or ends before it starts", async () => {
      await bridge.deposit("alice", f.accounts.bob, 5n);
      const header = await bridge.nextHeader({ data: "0x", postStateRoot: root(1) });
      await expectRevert(abi, bridge.submit({ ...header, queueEnd: 2n }, "0x"), "Bridge_QueueEndOutOfRange", [2n, 1n]);
      await bridge.submit(header, "0x");
      const next = await bridge.nextHeader({ data: "0x", postStateRoot: root(2) });
      await expectRevert(abi, bridge.submit({ ...next, queueEnd: 0n }, "0x"), "Bridge_QueueEndOutOfRange", [0n, 1n]);
    });

    it("Should not accept a batch if its queue hash is not the chain's (an invented deposit)", async () => {
      await bridge.deposit("alice", f.accounts.bob, 5n);
      const header = await bridge.nextHeader({ data: "0x", postStateRoot: root(1) });
      const forged = keccak256(toHex("deposit of 1000 ETH that never happened"));
      await expectRevert(abi, bridge.submit({ ...header, queueHash: forged }, "0x"), "Bridge_WrongQueueHash", [bridge.queue.hashes[1], forged]);
    });

    it("Should not accept a batch if its first block does not follow the previous batch", async () => {
      const header = await bridge.nextHeader({ data: "0x", postStateRoot: root(1), blocks: 3n });
      await expectRevert(abi, bridge.submit({ ...header, firstBlock: 1n }, "0x"), "Bridge_WrongFirstBlock", [0n, 1n]);
      await bridge.submit(header, "0x");
      const next = await bridge.nextHeader({ data: "0x", postStateRoot: root(2) });
      expect(next.firstBlock).toBe(3n);
      await expectRevert(abi, bridge.submit({ ...next, firstBlock: 2n, lastBlock: 2n }, "0x"), "Bridge_WrongFirstBlock", [3n, 2n]);
    });

    it("Should not accept a batch if its last block is before its first", async () => {
      await bridge.submitNext({ data: "0x", postStateRoot: root(1), blocks: 2n });
      const next = await bridge.nextHeader({ data: "0x", postStateRoot: root(2) });
      await expectRevert(abi, bridge.submit({ ...next, lastBlock: next.firstBlock - 1n }, "0x"), "Bridge_InvalidBlockRange", [
        next.firstBlock,
        next.firstBlock - 1n,
      ]);
    });

    it("Should not accept a batch if its timestamps go backwards", async () => {
      const first = await bridge.nextHeader({ data: "0x", postStateRoot: root(1) });
      const inverted = { ...first, firstTimestamp: first.lastTimestamp, lastTimestamp: first.lastTimestamp - 1n };
      await expectRevert(abi, bridge.submit(inverted, "0x"), "Bridge_TimestampBackwards", [inverted.firstTimestamp, inverted.lastTimestamp]);
      await bridge.submit(first, "0x");
      const next = await bridge.nextHeader({ data: "0x", postStateRoot: root(2) });
      const early = { ...next, firstTimestamp: first.lastTimestamp - 1n };
      await expectRevert(abi, bridge.submit(early, "0x"), "Bridge_TimestampBackwards", [first.lastTimestamp, early.firstTimestamp]);
      // Equal timestamps are fine: several L2 blocks may share a second.
      await bridge.submit({ ...next, firstTimestamp: first.lastTimestamp, lastTimestamp: first.lastTimestamp }, "0x");
    });

    it("Should not accept a batch if its L2 time is ahead of L1 time", async () => {
      const header = await bridge.nextHeader({ data: "0x", postStateRoot: root(1) });
      const l1Time = header.lastTimestamp + 100n;
      await setNextTimestamp(f, l1Time);
      await expectRevert(abi, bridge.submit({ ...header, lastTimestamp: l1Time + 1n }, "0x"), "Bridge_TimestampInFuture", [l1Time + 1n, l1Time]);
    });
  });

  describe("# finalizeWithdrawal", () => {
    const withdrawal = (id: bigint, recipient: Address, amount: bigint): Withdrawal => ({ id, recipient, amount });

    it("Should pay a withdrawal proven against a final batch, once", async () => {
      await bridge.deposit("alice", f.accounts.alice, parseEther("3"));
      const w = withdrawal(0n, f.accounts.carol, parseEther("1"));
      const { header, tree } = await batchWithWithdrawals([w, withdrawal(1n, f.accounts.bob, 5n)]);
      await advanceTime(f, WINDOW);
      const before = await f.publicClient.getBalance({ address: f.accounts.carol });
      const receipt = await bridge.finalize(header, w, tree.siblings(0n));
      expect(await f.publicClient.getBalance({ address: f.accounts.carol })).toBe(before + w.amount);
      expect(await bridge.balance()).toBe(f.deployment.minBond + parseEther("2"));
      expect(eventsOf(abi, receipt, "WithdrawalFinalized")[0]!.args).toEqual({ ...w, batchIndex: 0n });
      expect(await f.bridge.read.isWithdrawn([0n])).toBe(true);
      expect(await f.bridge.read.isWithdrawn([1n])).toBe(false);
    });

    it("Should pay withdrawals of an older batch after newer batches, and to any caller's chosen recipient only", async () => {
      await bridge.deposit("alice", f.accounts.alice, 100n);
      const w = withdrawal(300n, f.accounts.bob, 40n);
      const { header, tree } = await batchWithWithdrawals([w]);
      await bridge.submitNext({ data: "0x02", postStateRoot: root(2) });
      await advanceTime(f, WINDOW);
      const before = await f.publicClient.getBalance({ address: f.accounts.bob });
      await bridge.finalize(header, w, tree.siblings(w.id), "carol");
      expect(await f.publicClient.getBalance({ address: f.accounts.bob })).toBe(before + 40n);
    });

    it("Should not pay if the batch has not been submitted", async () => {
      const { header, tree } = await batchWithWithdrawals([withdrawal(0n, f.accounts.bob, 1n)]);
      await expectRevert(abi, bridge.finalize({ ...header, batchIndex: 1n }, withdrawal(0n, f.accounts.bob, 1n), tree.siblings(0n)), "Bridge_BatchNotFound", [
        1n,
      ]);
    });

    it("Should not pay if the header is not the one submitted", async () => {
      await bridge.deposit("alice", f.accounts.alice, 1n);
      const w = withdrawal(0n, f.accounts.bob, 1n);
      const { header, tree } = await batchWithWithdrawals([w]);
      await advanceTime(f, WINDOW);
      const forged = await WithdrawalTree.create();
      const big = withdrawal(0n, f.accounts.bob, 10n ** 24n);
      forged.add(big);
      const forgedHeader: BatchHeader = { ...header, postStateRoot: forged.root() };
      await expectRevert(abi, bridge.finalize(forgedHeader, big, forged.siblings(0n)), "Bridge_WrongHeader", [headerHash(header), headerHash(forgedHeader)]);
      await mined(f, bridge.finalize(header, w, tree.siblings(0n)));
    });

    it("Should not pay before the challenge window has passed, and pay from its last second", async () => {
      await bridge.deposit("alice", f.accounts.alice, 10n);
      const w = withdrawal(0n, f.accounts.bob, 10n);
      const { header, tree } = await batchWithWithdrawals([w]);
      const { finalAt } = await bridge.batch(0n);
      expect(await f.bridge.read.isBatchFinal([0n])).toBe(false);
      await setNextTimestamp(f, finalAt - 1n);
      await expectRevert(abi, bridge.finalize(header, w, tree.siblings(0n)), "Bridge_NotFinal", [0n, finalAt]);
      await setNextTimestamp(f, finalAt);
      await mined(f, bridge.finalize(header, w, tree.siblings(0n)));
      expect(await f.bridge.read.isBatchFinal([0n])).toBe(true);
    });

    it("Should keep a pending batch's window when governance shortens the window", async () => {
      await bridge.deposit("alice", f.accounts.alice, 10n);
      const w = withdrawal(0n, f.accounts.bob, 10n);
      const { header, tree } = await batchWithWithdrawals([w]);
      const { finalAt } = await bridge.batch(0n);
      // A shorter window only takes effect after the timelock, which is longer than the window.
      await bridge.propose("ChallengeWindow", 1n);
      expect(BigInt(f.deployment.governanceDelaySeconds)).toBeGreaterThan(WINDOW);
      await advanceTime(f, 10);
      await expectRevert(abi, bridge.finalize(header, w, tree.siblings(0n)), "Bridge_NotFinal", [0n, finalAt]);
      await expectRevert(abi, bridge.execute("ChallengeWindow"), "Bridge_ChangeNotReady");
      // Had the window already changed, the pending batch would keep its own finalAt.
      await bridge.govern("ChallengeWindow", 2n);
      expect((await bridge.batch(0n)).finalAt).toBe(finalAt);
    });

    it("Should not pay a withdrawal that is not in the batch's state", async () => {
      await bridge.deposit("alice", f.accounts.alice, parseEther("5"));
      const w = withdrawal(7n, f.accounts.bob, parseEther("1"));
      const { header, tree } = await batchWithWithdrawals([w, withdrawal(8n, f.accounts.carol, 1n)]);
      await advanceTime(f, WINDOW);
      const siblings = tree.siblings(7n);
      const finalize = (x: Withdrawal, s: Hex[]) => bridge.finalize(header, x, s);
      await expectRevert(abi, finalize({ ...w, amount: parseEther("2") }, siblings), "Bridge_InvalidProof");
      await expectRevert(abi, finalize({ ...w, recipient: f.accounts.stranger }, siblings), "Bridge_InvalidProof");
      await expectRevert(abi, finalize({ ...w, id: 9n }, tree.siblings(9n)), "Bridge_InvalidProof");
      await expectRevert(abi, finalize(w, [...siblings.slice(0, -1), root(5)]), "Bridge_InvalidProof");
      await expectRevert(abi, finalize(w, []), "Bridge_InvalidProof");
    });

    it("Should not pay a withdrawal twice", async () => {
      await bridge.deposit("alice", f.accounts.alice, 10n);
      const w = withdrawal(0n, f.accounts.bob, 4n);
      const { header, tree } = await batchWithWithdrawals([w]);
      // The same leaf stays in later states; a later batch's proof must not pay it again either.
      const later = await bridge.submitNext({ data: "0x03", postStateRoot: tree.root() });
      await advanceTime(f, WINDOW);
      await bridge.finalize(header, w, tree.siblings(0n));
      await expectRevert(abi, bridge.finalize(header, w, tree.siblings(0n)), "Bridge_AlreadyWithdrawn", [0n]);
      await expectRevert(abi, bridge.finalize(later.header, w, tree.siblings(0n)), "Bridge_AlreadyWithdrawn", [0n]);
    });

    it("Should not pay if the recipient refuses the ETH, and leave the withdrawal payable", async () => {
      const recipient = await deployRecipient(f);
      await bridge.deposit("alice", f.accounts.alice, 10n);
      const w = withdrawal(0n, recipient, 4n);
      const { header, tree } = await batchWithWithdrawals([w]);
      await advanceTime(f, WINDOW);
      await mined(f, f.wallets.deployer.writeContract({ abi: recipientAbi, address: recipient, functionName: "configure", args: [zeroAddress, "0x", true] }));
      await expectRevert(abi, bridge.finalize(header, w, tree.siblings(0n)), "Bridge_TransferFailed");
      expect(await f.bridge.read.isWithdrawn([0n])).toBe(false);
      await mined(f, f.wallets.deployer.writeContract({ abi: recipientAbi, address: recipient, functionName: "configure", args: [zeroAddress, "0x", false] }));
      await mined(f, bridge.finalize(header, w, tree.siblings(0n)));
      expect(await f.publicClient.getBalance({ address: recipient })).toBe(4n);
    });

    it("Should not let a recipient re-enter to take another withdrawal during the payment", async () => {
      const recipient = await deployRecipient(f);
      await bridge.deposit("alice", f.accounts.alice, 10n);
      const first = withdrawal(0n, recipient, 3n);
      const second = withdrawal(1n, recipient, 5n);
      const { header, tree } = await batchWithWithdrawals([first, second]);
      await advanceTime(f, WINDOW);
      const reenter = encodeFunctionData({ abi, functionName: "finalizeWithdrawal", args: [header, second, tree.siblings(1n)] });
      await mined(
        f,
        f.wallets.deployer.writeContract({ abi: recipientAbi, address: recipient, functionName: "configure", args: [f.deployment.bridge, reenter, false] }),
      );
      await mined(f, bridge.finalize(header, first, tree.siblings(0n)));
      const read = (functionName: string) => f.publicClient.readContract({ abi: recipientAbi, address: recipient, functionName });
      expect(await read("lastCallOk")).toBe(false);
      expect(await read("lastCallResult")).toBe(encodeErrorSelector("Bridge_Reentrancy()"));
      expect(await f.publicClient.getBalance({ address: recipient })).toBe(3n);
      await mined(f, bridge.finalize(header, second, tree.siblings(1n)));
      expect(await f.publicClient.getBalance({ address: recipient })).toBe(8n);
    });

    it("Should pay finalized withdrawals while deposits are paused", async () => {
      await bridge.deposit("alice", f.accounts.alice, 10n);
      const w = withdrawal(0n, f.accounts.bob, 10n);
      const { header, tree } = await batchWithWithdrawals([w]);
      await bridge.send("governance", "pauseDeposits", []);
      await advanceTime(f, WINDOW);
      await mined(f, bridge.finalize(header, w, tree.siblings(0n)));
    });
  });

  describe("# proposeChange / executeChange: the sequencer", () => {
    it("Should let governance replace the sequencer through the timelock", async () => {
      await bridge.propose("Sequencer", f.accounts.carol);
      expect(await f.bridge.read.sequencer()).toBe(f.accounts.sequencer);
      await advanceTime(f, f.deployment.governanceDelaySeconds);
      const receipt = await bridge.execute("Sequencer");
      expect(eventsOf(abi, receipt, "ChangeExecuted")[0]!.args).toEqual({
        setting: Setting.Sequencer,
        previous: BigInt(f.accounts.sequencer),
        value: BigInt(f.accounts.carol),
      });
      expect(await f.bridge.read.sequencer()).toBe(f.accounts.carol);
      const header = await bridge.nextHeader({ data: "0x", postStateRoot: root(1), proposer: f.accounts.carol });
      await expectRevert(abi, bridge.submit(header, "0x", "carol"), "Bridge_BondTooLow", [0n, f.deployment.minBond]);
      await bridge.send("carol", "postBond", [], f.deployment.minBond);
      await mined(f, bridge.submit(header, "0x", "carol"));
    });

    it("Should not propose a sequencer if the caller is not governance", async () => {
      await expectRevert(abi, bridge.send("sequencer", "proposeChange", [Setting.Sequencer, BigInt(f.accounts.carol)]), "Bridge_NotGovernance");
    });

    it("Should not propose the zero address as sequencer", async () => {
      await expectRevert(abi, bridge.send("governance", "proposeChange", [Setting.Sequencer, 0n]), "Bridge_InvalidSetting", [Setting.Sequencer, 0n]);
    });
  });

  describe("# proposeChange / executeChange: the challenge window", () => {
    it("Should let governance set the window within bounds through the timelock, for batches submitted afterwards", async () => {
      // The longest window the timelock allows: window + force inclusion + inactivity < governance delay.
      const longest = BigInt(f.deployment.governanceDelaySeconds - f.deployment.forceInclusionDelaySeconds - f.deployment.sequencerInactiveDelaySeconds - 1);
      const receipt = await bridge.govern("ChallengeWindow", longest);
      expect(eventsOf(abi, receipt, "ChangeExecuted")[0]!.args).toEqual({ setting: Setting.ChallengeWindow, previous: WINDOW, value: longest });
      const { receipt: submitted } = await bridge.submitNext({ data: "0x", postStateRoot: root(1) });
      const { timestamp } = await f.publicClient.getBlock({ blockNumber: submitted.blockNumber });
      expect((await bridge.batch(0n)).finalAt).toBe(timestamp + longest);
      await bridge.govern("ChallengeWindow", 1n);
      expect(await f.bridge.read.challengeWindow()).toBe(1n);
    });

    it("Should not propose a window if the caller is not governance", async () => {
      await expectRevert(abi, bridge.send("stranger", "proposeChange", [Setting.ChallengeWindow, 10n]), "Bridge_NotGovernance");
    });

    it("Should not propose a window out of bounds", async () => {
      await expectRevert(abi, bridge.send("governance", "proposeChange", [Setting.ChallengeWindow, 0n]), "Bridge_InvalidSetting", [
        Setting.ChallengeWindow,
        0n,
      ]);
      const tooLong = 30n * 86400n + 1n;
      await expectRevert(abi, bridge.send("governance", "proposeChange", [Setting.ChallengeWindow, tooLong]), "Bridge_InvalidSetting", [
        Setting.ChallengeWindow,
        tooLong,
      ]);
    });
  });

  describe("# pauseDeposits", () => {
    it("Should let governance pause deposits", async () => {
      const receipt = await bridge.send("governance", "pauseDeposits", []);
      expect(eventsOf(abi, receipt, "DepositsPaused")[0]!.args).toEqual({ by: f.accounts.governance });
      expect(await f.bridge.read.depositsPaused()).toBe(true);
    });

    it("Should not pause if the caller is not governance", async () => {
      await expectRevert(abi, bridge.send("sequencer", "pauseDeposits", []), "Bridge_NotGovernance");
    });

    it("Should not pause if already paused", async () => {
      await bridge.send("governance", "pauseDeposits", []);
      await expectRevert(abi, bridge.send("governance", "pauseDeposits", []), "Bridge_DepositsPaused");
    });
  });

  describe("# unpauseDeposits", () => {
    it("Should let governance unpause deposits", async () => {
      await bridge.send("governance", "pauseDeposits", []);
      const receipt = await bridge.send("governance", "unpauseDeposits", []);
      expect(eventsOf(abi, receipt, "DepositsUnpaused")[0]!.args).toEqual({ by: f.accounts.governance });
      await mined(f, bridge.deposit("alice", f.accounts.bob, 1n));
    });

    it("Should not unpause if the caller is not governance", async () => {
      await bridge.send("governance", "pauseDeposits", []);
      await expectRevert(abi, bridge.send("alice", "unpauseDeposits", []), "Bridge_NotGovernance");
    });

    it("Should not unpause if not paused", async () => {
      await expectRevert(abi, bridge.send("governance", "unpauseDeposits", []), "Bridge_DepositsNotPaused");
    });
  });

  describe("# proposeChange / executeChange: governance", () => {
    it("Should hand governance over through the timelock, and not before", async () => {
      const { executableAt } = await bridge.propose("Governance", f.accounts.carol);
      expect(await f.bridge.read.governance()).toBe(f.accounts.governance);
      await expectRevert(abi, bridge.send("carol", "pauseDeposits", []), "Bridge_NotGovernance");
      await setNextTimestamp(f, executableAt);
      const receipt = await bridge.execute("Governance");
      expect(eventsOf(abi, receipt, "ChangeExecuted")[0]!.args).toEqual({
        setting: Setting.Governance,
        previous: BigInt(f.accounts.governance),
        value: BigInt(f.accounts.carol),
      });
      expect(await f.bridge.read.governance()).toBe(f.accounts.carol);
      await mined(f, bridge.send("carol", "pauseDeposits", []));
      await expectRevert(abi, bridge.send("governance", "unpauseDeposits", []), "Bridge_NotGovernance");
      await expectRevert(abi, bridge.send("governance", "proposeChange", [Setting.Sequencer, BigInt(f.accounts.bob)]), "Bridge_NotGovernance");
    });

    it("Should not propose a governance transfer if the caller is not governance", async () => {
      await expectRevert(abi, bridge.send("carol", "proposeChange", [Setting.Governance, BigInt(f.accounts.carol)]), "Bridge_NotGovernance");
    });
  });
});

const recipientArtifact = readArtifact("ReentrantRecipient");
const recipientAbi = recipientArtifact.abi;

async function deployRecipient(f: Fixture): Promise<Address> {
  const hash = await f.wallets.deployer.deployContract({ abi: recipientAbi, bytecode: recipientArtifact.bytecode });
  const { contractAddress } = await f.publicClient.waitForTransactionReceipt({ hash });
  return contractAddress!;
}

function encodeErrorSelector(signature: string): Hex {
  return keccak256(toHex(signature)).slice(0, 10) as Hex;
}
