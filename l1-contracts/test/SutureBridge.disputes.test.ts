// The bridge's dispute mechanics against a test judge (MockFraudVerifier): bonds, the step-root
// and data commitments computed at submission, what a challenge must open, and what a successful
// one does (the batch and every later one deleted, the chain resumed from the batch before, the
// proposer slashed, no withdrawal ever paid from a deleted root). The real judge's rules are
// tested in FraudVerifier.test.ts and end to end in test/e2e.
import { beforeEach, describe, expect, it } from "vitest";
import { keccak256, parseEther, toHex, type Hex } from "viem";
import { stepRootProof } from "../../sequencer/src/protocol";
import { bridgeArtifact } from "../scripts/artifacts";
import { BridgeDriver } from "./bridgeDriver";
import { loadFixture, type Fixture } from "./fixture";
import { advanceTime, eventsOf, expectRevert, mined, setNextTimestamp } from "./helpers";
import { dataCommitment, type BatchHeader, type Withdrawal } from "./rollup";
import { WithdrawalTree } from "./withdrawalTree";

const abi = bridgeArtifact().abi;
const WINDOW = 3600n;
const root = (n: number): Hex => keccak256(toHex(`root ${n}`));
/** A witness the mock judge turns into `keccak256(witness)`: the "honest" root of a step. */
const honest = (witness: Hex): Hex => keccak256(witness);
const NO_ITEM = {
  index: 0n,
  l1Sender: "0x0000000000000000000000000000000000000000",
  l2Recipient: "0x0000000000000000000000000000000000000000",
  amount: 0n,
  transaction: "0x",
} as const;

describe("SutureBridge disputes", () => {
  let f: Fixture;
  let bridge: BridgeDriver;

  beforeEach(async () => {
    f = await loadFixture({ fraudVerifier: "mock", challengeWindowSeconds: Number(WINDOW) });
    bridge = new BridgeDriver(f);
  });

  /** A step challenge of `stepIndex` in a batch submitted with `stepRoots` and `chunks`. */
  function stepChallenge(header: BatchHeader, stepRoots: Hex[], chunks: Hex[], stepIndex: number, witness: Hex, chunkIndex = 0) {
    return {
      stepIndex: BigInt(stepIndex),
      preRoot: stepIndex === 0 ? header.prevStateRoot : stepRoots[stepIndex - 1]!,
      preRootProof: stepIndex === 0 ? [] : stepRootProof(stepRoots, stepIndex - 1),
      postRoot: stepRoots[stepIndex]!,
      postRootProof: stepRootProof(stepRoots, stepIndex),
      chunkIndex: BigInt(chunkIndex),
      chunk: chunks[chunkIndex]!,
      chunkHashes: chunks.map((c) => keccak256(c)),
      item: NO_ITEM,
      witness,
    };
  }

  /** Batch 0 (honest, one step), then batch 1 with three steps whose middle one is `root(12)`, then batch 2 holding a withdrawal. */
  async function threeBatches() {
    const first = await bridge.submitNext({ data: "0x00", postStateRoot: root(1) });
    const stepRoots = [root(11), root(12), root(13)];
    const chunks: Hex[] = ["0x0101", "0x0102"];
    await bridge.deposit("alice", f.accounts.bob, parseEther("1"));
    const second = await bridge.submitNext({ data: chunks, postStateRoot: root(13), stepRoots });
    const tree = await WithdrawalTree.create();
    const w: Withdrawal = { id: 0n, recipient: f.accounts.carol, amount: parseEther("1") };
    tree.add(w);
    const third = await bridge.submitNext({ data: "0x03", postStateRoot: tree.root() });
    return { first: first.header, second: second.header, third: third.header, stepRoots, chunks, tree, w };
  }

  describe("# submitBatch", () => {
    it("Should compute the step-root and data commitments itself and bind the proposer", async () => {
      const stepRoots = [root(1), root(2), root(3)];
      const header = await bridge.nextHeader({ data: ["0xaa", "0xbb"], postStateRoot: root(3), stepRoots });
      await expectRevert(abi, bridge.submit(header, ["0xaa", "0xbb"], "sequencer", [root(1), root(2)]), "Bridge_WrongStepRoots");
      await expectRevert(abi, bridge.submit(header, ["0xaa", "0xbb"], "sequencer", [root(1), root(9), root(3)]), "Bridge_WrongStepRoots");
      await expectRevert(
        abi,
        bridge.submit({ ...header, postStateRoot: root(2) }, ["0xaa", "0xbb"], "sequencer", [root(1), root(3), root(2)]),
        "Bridge_WrongStepRoots",
      );
      await expectRevert(abi, bridge.submit(header, ["0xaa"], "sequencer", stepRoots), "Bridge_WrongTxDataHash", [dataCommitment(["0xaa"]), header.txDataHash]);
      await expectRevert(abi, bridge.submit(header, [], "sequencer", stepRoots), "Bridge_NoChunks");
      await expectRevert(abi, bridge.submit(header, ["0xaa", "0xbb"], "sequencer", []), "Bridge_WrongStepRoots");
      await expectRevert(abi, bridge.submit({ ...header, proposer: f.accounts.carol }, ["0xaa", "0xbb"], "sequencer", stepRoots), "Bridge_WrongProposer", [
        f.accounts.sequencer,
        f.accounts.carol,
      ]);
      await mined(f, bridge.submit(header, ["0xaa", "0xbb"], "sequencer", stepRoots));
    });

    it("Should not accept a batch from a sequencer without the minimum bond", async () => {
      const bare = await loadFixture({ fraudVerifier: "mock", challengeWindowSeconds: Number(WINDOW), sequencerBond: 0n });
      const driver = new BridgeDriver(bare);
      const header = await driver.nextHeader({ data: "0x", postStateRoot: root(1) });
      await expectRevert(abi, driver.submit(header, "0x"), "Bridge_BondTooLow", [0n, bare.deployment.minBond]);
      await driver.send("sequencer", "postBond", [], bare.deployment.minBond - 1n);
      await expectRevert(abi, driver.submit(header, "0x"), "Bridge_BondTooLow", [bare.deployment.minBond - 1n, bare.deployment.minBond]);
      await driver.send("sequencer", "postBond", [], 1n);
      await mined(f, driver.submit(header, "0x"));
    });

    it("Should make a batch final no sooner than the batch before it, even after the window shrinks", async () => {
      // The shorter window is proposed first; the first batch comes just before it takes effect.
      const { executableAt } = await bridge.propose("ChallengeWindow", 60n);
      await setNextTimestamp(f, executableAt - 10n);
      const { header: first } = await bridge.submitNext({ data: "0x", postStateRoot: root(1) });
      await setNextTimestamp(f, executableAt);
      await bridge.execute("ChallengeWindow");
      const { header: second } = await bridge.submitNext({ data: "0x", postStateRoot: root(2) });
      const firstFinalAt = (await bridge.batch(first.batchIndex)).finalAt;
      expect(firstFinalAt).toBe(executableAt - 10n + WINDOW);
      expect((await bridge.batch(second.batchIndex)).finalAt).toBe(firstFinalAt);
    });
  });

  describe("# bonds", () => {
    it("Should lock the bond until the proposer's last batch is final, then return it", async () => {
      const { header } = await bridge.submitNext({ data: "0x", postStateRoot: root(1) });
      const { finalAt } = await bridge.batch(header.batchIndex);
      expect(await f.bridge.read.bondLockedUntil([f.accounts.sequencer])).toBe(finalAt);
      await expectRevert(abi, bridge.send("sequencer", "withdrawBond", [1n]), "Bridge_BondLocked", [finalAt]);
      await advanceTime(f, WINDOW);
      await expectRevert(abi, bridge.send("sequencer", "withdrawBond", [f.deployment.minBond + 1n]), "Bridge_InsufficientBond", [
        f.deployment.minBond,
        f.deployment.minBond + 1n,
      ]);
      const before = await f.publicClient.getBalance({ address: f.accounts.sequencer });
      const receipt = await bridge.send("sequencer", "withdrawBond", [f.deployment.minBond]);
      const gas = receipt.gasUsed * receipt.effectiveGasPrice;
      expect(await f.publicClient.getBalance({ address: f.accounts.sequencer })).toBe(before + f.deployment.minBond - gas);
      expect(await f.bridge.read.bonds([f.accounts.sequencer])).toBe(0n);
    });
  });

  describe("# challengeStep", () => {
    it("Should delete a batch whose step root is wrong and every later one, slash the proposer and resume from the batch before", async () => {
      const { first, second, third, stepRoots, chunks, tree, w } = await threeBatches();
      const balanceBefore = await bridge.balance();
      const challengerBefore = await f.publicClient.getBalance({ address: f.accounts.stranger });
      const receipt = await bridge.send("stranger", "challengeStep", [second, stepChallenge(second, stepRoots, chunks, 1, "0x5e")]);
      const gas = receipt.gasUsed * receipt.effectiveGasPrice;
      const bond = f.deployment.minBond;
      expect(eventsOf(abi, receipt, "BatchChallenged")[0]!.args).toEqual({
        batchIndex: 1n,
        challenger: f.accounts.stranger,
        proposer: f.accounts.sequencer,
        kind: "step",
        at: 1n,
        slashed: bond,
      });
      expect(await f.publicClient.getBalance({ address: f.accounts.stranger })).toBe(challengerBefore + bond / 2n - gas);
      expect(await bridge.balance()).toBe(balanceBefore - bond / 2n);
      expect(await f.bridge.read.burntBonds()).toBe(bond - bond / 2n);
      expect(await f.bridge.read.bonds([f.accounts.sequencer])).toBe(0n);
      // The chain is back where batch 0 left it: its root, its queue position, its next block.
      expect(await f.bridge.read.lastStateRoot()).toBe(first.postStateRoot);
      expect(await f.bridge.read.cursor()).toEqual([1n, first.queueEnd, first.lastBlock + 1n, first.lastTimestamp]);
      // Nothing can be paid from the deleted roots, ever.
      await advanceTime(f, WINDOW);
      expect(await f.bridge.read.isBatchFinal([1n])).toBe(false);
      expect(await f.bridge.read.isBatchFinal([2n])).toBe(false);
      expect(await f.bridge.read.isBatchFinal([0n])).toBe(true);
      await expectRevert(abi, bridge.finalize(third, w, tree.siblings(0n)), "Bridge_BatchNotFound", [2n]);
      // The sequencer re-bonds and posts the honest batch 1 from batch 0's root; the deposit is consumed again.
      await bridge.send("sequencer", "postBond", [], bond);
      bridge.cursor = {
        batchIndex: 1n,
        stateRoot: first.postStateRoot,
        queueConsumed: first.queueEnd,
        nextBlock: first.lastBlock + 1n,
        lastTimestamp: first.lastTimestamp,
      };
      const { header: replacement } = await bridge.submitNext({ data: "0x11", postStateRoot: root(21) });
      expect(replacement.queueStart).toBe(0n);
      expect(replacement.queueEnd).toBe(1n);
      expect(await f.bridge.read.lastStateRoot()).toBe(root(21));
    });

    it("Should revert a challenge of a correct step and change nothing", async () => {
      // The mock judge re-executes to keccak256(witness): commit exactly that root at step 1.
      const witness = "0x5e" as Hex;
      const stepRoots = [root(11), honest(witness), root(13)];
      const chunks: Hex[] = ["0x0201", "0x0202"];
      const { header } = await bridge.submitNext({ data: chunks, postStateRoot: root(13), stepRoots });
      await expectRevert(abi, bridge.send("stranger", "challengeStep", [header, stepChallenge(header, stepRoots, chunks, 1, witness)]), "Bridge_StepCorrect", [
        1n,
        honest(witness),
      ]);
      expect(await f.bridge.read.bonds([f.accounts.sequencer])).toBe(f.deployment.minBond);
      expect(await f.bridge.read.lastStateRoot()).toBe(header.postStateRoot);
      expect(await f.bridge.read.isBatchFinal([0n])).toBe(false);
      await advanceTime(f, WINDOW);
      expect(await f.bridge.read.isBatchFinal([0n])).toBe(true);
    });

    it("Should revert a challenge that does not open the batch's own commitments", async () => {
      const { second, stepRoots, chunks } = await threeBatches();
      const good = stepChallenge(second, stepRoots, chunks, 1, "0x5e");
      const call = (c: typeof good, header = second) => bridge.send("stranger", "challengeStep", [header, c]);
      await expectRevert(abi, call({ ...good, postRoot: root(99) }), "Bridge_NotCommitted");
      await expectRevert(abi, call({ ...good, preRoot: root(99) }), "Bridge_NotCommitted");
      await expectRevert(abi, call({ ...good, postRootProof: good.postRootProof.slice(1) }), "Bridge_NotCommitted");
      await expectRevert(abi, call({ ...good, stepIndex: 3n, postRootProof: good.postRootProof }), "Bridge_NotCommitted");
      await expectRevert(abi, call({ ...good, chunk: "0x0103" }), "Bridge_NotCommitted");
      await expectRevert(abi, call({ ...good, chunkIndex: 2n }), "Bridge_NotCommitted");
      await expectRevert(abi, call({ ...good, chunkHashes: [keccak256("0x0101")] }), "Bridge_NotCommitted");
      await expectRevert(abi, call({ ...stepChallenge(second, stepRoots, chunks, 0, "0x5e"), preRoot: root(11) }), "Bridge_NotCommitted");
      await expectRevert(abi, call(good, { ...second, postStateRoot: root(99) }), "Bridge_WrongHeader");
      await expectRevert(abi, call(good, { ...second, batchIndex: 7n }), "Bridge_BatchNotFound", [7n]);
    });

    it("Should not take challenges once the window is over, nor of deleted batches", async () => {
      const { second, third, stepRoots, chunks } = await threeBatches();
      await bridge.send("stranger", "challengeStep", [second, stepChallenge(second, stepRoots, chunks, 1, "0x5e")]);
      await expectRevert(
        abi,
        bridge.send("stranger", "challengeStep", [third, stepChallenge(third, [third.postStateRoot], ["0x03"], 0, "0x5e")]),
        "Bridge_BatchNotFound",
        [2n],
      );
      const fresh = await loadFixture({ fraudVerifier: "mock", challengeWindowSeconds: Number(WINDOW) });
      const driver = new BridgeDriver(fresh);
      const { header } = await driver.submitNext({ data: "0x", postStateRoot: root(1) });
      await advanceTime(fresh, WINDOW);
      const { finalAt } = await driver.batch(0n);
      await expectRevert(abi, driver.send("stranger", "challengeStep", [header, stepChallenge(header, [root(1)], ["0x"], 0, "0x5e")]), "Bridge_WindowClosed", [
        0n,
        finalAt,
      ]);
    });
  });

  describe("# challengeChunk", () => {
    it("Should delete a batch whose chunk the judge finds invalid, and refuse a valid chunk", async () => {
      const { second, chunks } = await threeBatches();
      const challenge = (chunkIndex: number, chunk = chunks[chunkIndex]!) => ({
        chunkIndex: BigInt(chunkIndex),
        chunk,
        previousChunk: chunkIndex === 0 ? "0x" : chunks[chunkIndex - 1]!,
        chunkHashes: chunks.map((c) => keccak256(c)),
      });
      await expectRevert(abi, bridge.send("stranger", "challengeChunk", [second, challenge(1)]), "Bridge_ChunkValid", [1n]);
      await expectRevert(abi, bridge.send("stranger", "challengeChunk", [second, { ...challenge(1), previousChunk: "0x0000" }]), "Bridge_NotCommitted");
      await expectRevert(abi, bridge.send("stranger", "challengeChunk", [second, challenge(1, "0xff")]), "Bridge_NotCommitted");
      const bad = await submitChunks(["0x01", "0xff02"]);
      const receipt = await bridge.send("stranger", "challengeChunk", [
        bad.header,
        { chunkIndex: 1n, chunk: "0xff02", previousChunk: "0x01", chunkHashes: [keccak256("0x01"), keccak256("0xff02")] },
      ]);
      expect(eventsOf(abi, receipt, "BatchChallenged")[0]!.args).toMatchObject({ batchIndex: bad.header.batchIndex, kind: "chunk", at: 1n });
      expect(await f.bridge.read.lastStateRoot()).toBe(bad.header.prevStateRoot);
    });
  });

  /** Submits one more batch with the given chunks (one step). */
  async function submitChunks(chunks: Hex[]) {
    const { header } = await bridge.submitNext({ data: chunks, postStateRoot: root(77) });
    return { header, chunks };
  }
});
