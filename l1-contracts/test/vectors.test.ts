// The golden vectors (sequencer/src/protocol/vectors) against the contracts: the bridge chains the
// deposit vectors to the committed queue hashes, accepts the batch vector (chunks and step roots,
// from the bonded sequencer named as its proposer) and stores its committed header hash, finds no
// fault in its chunks when challenged, pays a withdrawal vector against it; Chunks and StepRoots
// decode the committed chunks, locate the committed steps and accept the committed step-root
// proofs; the Solidity StateTree and the review verifier accept the committed leaves, proofs and
// packed review proof. The node's side of the same vectors is checked by
// sequencer/src/protocol/vectors.test.ts.
import { beforeEach, describe, expect, it } from "vitest";
import { getAddress, type Address, type Hex } from "viem";
import { readVectors } from "../../sequencer/src/protocol/vectors/vectorFiles";
import { bridgeArtifact, readArtifact } from "../scripts/artifacts";
import { loadFixture, send, type Fixture, type FixtureAccounts } from "./fixture";
import { advanceTime, eventsOf, expectRevert } from "./helpers";

const abi = bridgeArtifact().abi;
const harnessArtifact = readArtifact("StateTreeHarness");
const chunksHarnessArtifact = readArtifact("ChunksHarness");
const reviewVerifierAbi = readArtifact("ReviewVerifier").abi;

type Deposit = { index: string; l1Sender: Address; l2Recipient: Address; amount: string; queueHash: Hex };
type WithdrawalVector = { id: string; recipient: Address; amount: string; key: Hex; valueHash: Hex; siblings: Hex[] };
type ProofVector = { key: Hex; kind: string; valueHash: Hex | null; proof: { siblings: Hex[]; leaf: { key: Hex; valueHash: Hex } | null } };

type ForcedItem = { index: string; l1Sender: Address; transaction: Hex; queueHash: Hex };
const depositQueue = readVectors<{ deposits: Deposit[]; forced: ForcedItem[] }>("depositQueue");
type ChunkVector = { bytes: Hex; hash: Hex; payload: Hex; summary: Record<string, string> };
type StepVector = {
  index: string;
  kind: string;
  chunkIndex: number;
  blockNumber: string;
  timestamp: string;
  depositIndex: string;
  tx: Hex | null;
  root: Hex;
  proof: Hex[];
};
const batch = readVectors<{
  header: Record<string, string>;
  chunks: ChunkVector[];
  stepRoots: Hex[];
  steps: StepVector[];
  headerHash: Hex;
  stepRootsHashes: { roots: Hex[]; hash: Hex; proofs: Hex[][] }[];
}>("batch");
const withdrawals = readVectors<{ leaves: WithdrawalVector[]; treeRoot: Hex }>("withdrawals");
const stateTree = readVectors<{ hashes: { leafHash: { key: Hex; valueHash: Hex; hash: Hex } }; root: Hex; proofs: ProofVector[] }>("stateTree");
const reviews = readVectors<{ proof: { packed: string[] }; witness: { publicSignals: string[] } }>("reviews");
const l2ChainId = readVectors<{ domain: { chainId: number } }>("transactions").domain.chainId;

/** The header as the contract takes it: uint64 fields as bigints, bytes32 and address fields as hex. */
const header = Object.fromEntries(Object.entries(batch.header).map(([k, v]) => [k, v.startsWith("0x") ? v : BigInt(v)]));
const chunks = batch.chunks.map((c) => c.bytes);
const chunkHashes = batch.chunks.map((c) => c.hash);
const STEP_KIND_CODES: Record<string, number> = { deposit: 0, tx: 1, fold: 2 };
const asWithdrawal = (w: WithdrawalVector) => ({ id: BigInt(w.id), recipient: w.recipient, amount: BigInt(w.amount) });

describe("Golden vectors on L1", () => {
  let f: Fixture;

  beforeEach(async () => {
    // The batch vector is batch 0 of a chain whose genesis root is the genesis vector's. The real
    // judge, so challenging the vector's chunks runs Chunks.sol; the sequencer bonds in the test.
    f = await loadFixture({ genesisStateRoot: batch.header.prevStateRoot as Hex, l2ChainId, fraudVerifier: "real", sequencerBond: 0n });
  });

  /** The fixture account that sent a deposit vector (Hardhat accounts 3 and 4). */
  function accountOf(address: Address): keyof FixtureAccounts {
    const found = (Object.keys(f.accounts) as (keyof FixtureAccounts)[]).find((name) => f.accounts[name] === getAddress(address));
    if (!found) throw new Error(`no fixture account is ${address}`);
    return found;
  }

  async function depositAll(): Promise<void> {
    for (const d of depositQueue.deposits) {
      const receipt = await send(f, {
        from: accountOf(d.l1Sender),
        address: f.deployment.bridge,
        abi,
        functionName: "deposit",
        args: [d.l2Recipient],
        value: BigInt(d.amount),
      });
      const [event] = eventsOf(abi, receipt, "DepositQueued");
      expect(event!.args.index).toBe(BigInt(d.index));
      expect(event!.args.queueHash).toBe(d.queueHash);
    }
  }

  /** The sequencer posts the deployment's minimum bond, then the batch vector as its proposer. */
  async function submitBatchVector() {
    await depositAll();
    const bonded = await send(f, { from: "sequencer", address: f.deployment.bridge, abi, functionName: "postBond", args: [], value: f.deployment.minBond });
    expect(eventsOf(abi, bonded, "BondPosted")[0]!.args).toEqual({ proposer: f.accounts.sequencer, amount: f.deployment.minBond, bond: f.deployment.minBond });
    return send(f, { from: "sequencer", address: f.deployment.bridge, abi, functionName: "submitBatch", args: [header, chunks, batch.stepRoots] });
  }

  /** Forces the forced-item vectors (after the deposits), from their L1 senders, with the deployment's fee. */
  async function forceAll(): Promise<void> {
    for (const item of depositQueue.forced) {
      const receipt = await send(f, {
        from: accountOf(item.l1Sender),
        address: f.deployment.bridge,
        abi,
        functionName: "forceTransaction",
        args: [item.transaction],
        value: f.deployment.forcedTransactionFee,
      });
      const [event] = eventsOf(abi, receipt, "TransactionForced");
      expect(event!.args).toEqual({ index: BigInt(item.index), l1Sender: getAddress(item.l1Sender), transaction: item.transaction, queueHash: item.queueHash });
    }
  }

  describe("# deposit", () => {
    it("Should chain the deposit vectors to their committed queue hashes", async () => {
      await depositAll();
      for (const d of depositQueue.deposits) expect(await f.bridge.read.queueHash([BigInt(d.index) + 1n])).toBe(d.queueHash);
    });
  });

  describe("# forceTransaction", () => {
    it("Should chain the forced-item vectors after the deposits to their committed queue hashes", async () => {
      await depositAll();
      await forceAll();
      expect(depositQueue.forced.length).toBeGreaterThan(0);
      for (const item of depositQueue.forced) expect(await f.bridge.read.queueHash([BigInt(item.index) + 1n])).toBe(item.queueHash);
      expect(await f.bridge.read.queueLength()).toBe(BigInt(depositQueue.deposits.length + depositQueue.forced.length));
    });
  });

  describe("# submitBatch", () => {
    it("Should accept the batch vector and store its committed header hash", async () => {
      const receipt = await submitBatchVector();
      const [event] = eventsOf(abi, receipt, "BatchSubmitted");
      expect(event!.args.headerHash).toBe(batch.headerHash);
      const [headerHash] = (await f.bridge.read.batches([0n])) as readonly [Hex, bigint, bigint];
      expect(headerHash).toBe(batch.headerHash);
      expect(await f.bridge.read.lastStateRoot()).toBe(withdrawals.treeRoot);
      expect(getAddress(batch.header.proposer!)).toBe(f.accounts.sequencer);
    });
  });

  describe("# challengeChunk", () => {
    it("Should find every chunk of the batch vector valid and linked", async () => {
      await submitBatchVector();
      for (const [i, c] of batch.chunks.entries()) {
        const challenge = { chunkIndex: BigInt(i), chunk: c.bytes, previousChunk: i === 0 ? "0x" : chunks[i - 1]!, chunkHashes };
        await expectRevert(
          abi,
          send(f, { from: "stranger", address: f.deployment.bridge, abi, functionName: "challengeChunk", args: [header, challenge] }),
          "Bridge_ChunkValid",
          [BigInt(i)],
        );
      }
    });
  });

  describe("# finalizeWithdrawal", () => {
    it("Should pay the withdrawal vector with its committed proof once the batch vector is final", async () => {
      await submitBatchVector();
      await advanceTime(f, (await f.bridge.read.challengeWindow()) as bigint);
      const w = withdrawals.leaves[0]!;
      const receipt = await send(f, {
        from: "stranger",
        address: f.deployment.bridge,
        abi,
        functionName: "finalizeWithdrawal",
        args: [header, asWithdrawal(w), w.siblings],
      });
      const [event] = eventsOf(abi, receipt, "WithdrawalFinalized");
      expect(event!.args).toEqual({ id: BigInt(w.id), recipient: getAddress(w.recipient), amount: BigInt(w.amount), batchIndex: 0n });
    });
  });

  describe("# Chunks, StepRoots", () => {
    let harness: Address;
    beforeEach(async () => {
      const hash = await f.wallets.deployer.deployContract({ abi: chunksHarnessArtifact.abi, bytecode: chunksHarnessArtifact.bytecode });
      harness = (await f.publicClient.waitForTransactionReceipt({ hash })).contractAddress!;
    });
    const read = (functionName: string, args: readonly unknown[]) =>
      f.publicClient.readContract({ address: harness, abi: chunksHarnessArtifact.abi, functionName, args });

    it("Should decompress each committed chunk to its committed payload and summarize it as committed", async () => {
      for (const c of batch.chunks) expect(await read("decompress", [c.bytes])).toEqual([true, c.payload]);
      const [ok, summaries] = (await read("summarizeMany", [chunks])) as [boolean[], Record<string, bigint>[]];
      expect(ok).toEqual(chunks.map(() => true));
      expect(summaries).toEqual(batch.chunks.map((c) => Object.fromEntries(Object.entries(c.summary).map(([k, v]) => [k, BigInt(v)]))));
    });

    it("Should locate every committed step in its chunk", async () => {
      for (const [i, chunk] of chunks.entries()) {
        const steps = batch.steps.filter((s) => s.chunkIndex === i);
        const [found, refs] = (await read("locateMany", [chunk, steps.map((s) => BigInt(s.index))])) as [boolean[], Record<string, unknown>[]];
        expect(found).toEqual(steps.map(() => true));
        expect(refs).toEqual(
          steps.map((s) => ({
            kind: STEP_KIND_CODES[s.kind],
            blockNumber: BigInt(s.blockNumber),
            timestamp: BigInt(s.timestamp),
            depositIndex: BigInt(s.depositIndex),
            txBytes: s.tx ?? "0x",
          })),
        );
      }
    });

    it("Should hash the committed step roots to txRootsHash and accept every committed step-root proof", async () => {
      expect(await read("stepRootsHash", [batch.stepRoots])).toBe(batch.header.txRootsHash);
      for (const s of batch.steps) {
        const args = [batch.header.txRootsHash, BigInt(batch.header.stepCount!), BigInt(s.index), s.root, s.proof];
        expect(await read("verifyStepRoot", args)).toBe(true);
      }
      for (const { roots, hash, proofs } of batch.stepRootsHashes) {
        expect(await read("stepRootsHash", [roots])).toBe(hash);
        for (const [i, proof] of proofs.entries()) expect(await read("verifyStepRoot", [hash, BigInt(roots.length), BigInt(i), roots[i], proof])).toBe(true);
      }
    });
  });

  describe("# StateTree", () => {
    let harness: Address;
    beforeEach(async () => {
      const hash = await f.wallets.deployer.deployContract({ abi: harnessArtifact.abi, bytecode: harnessArtifact.bytecode });
      harness = (await f.publicClient.waitForTransactionReceipt({ hash })).contractAddress!;
    });
    const read = (functionName: string, args: readonly unknown[]) =>
      f.publicClient.readContract({ address: harness, abi: harnessArtifact.abi, functionName, args });

    it("Should compute the committed withdrawal keys and value hashes", async () => {
      const [keys, valueHashes] = (await read("withdrawalLeaves", [withdrawals.leaves.map(asWithdrawal)])) as [Hex[], Hex[]];
      expect(keys).toEqual(withdrawals.leaves.map((w) => w.key));
      expect(valueHashes).toEqual(withdrawals.leaves.map((w) => w.valueHash));
    });

    it("Should hash the committed leaf and accept every committed state-tree proof", async () => {
      const { key, valueHash, hash } = stateTree.hashes.leafHash;
      expect(await read("leafHash", [key, valueHash])).toBe(hash);
      for (const p of stateTree.proofs) {
        const { siblings, leaf } = p.proof;
        if (p.kind === "inclusion") expect(await read("verifyInclusion", [stateTree.root, p.key, p.valueHash, siblings])).toBe(true);
        else if (p.kind === "exclusion-empty") expect(await read("verifyExclusionEmpty", [stateTree.root, p.key, siblings])).toBe(true);
        else expect(await read("verifyExclusionOtherLeaf", [stateTree.root, p.key, leaf!.key, leaf!.valueHash, siblings])).toBe(true);
      }
    });
  });

  describe("# ReviewVerifier", () => {
    it("Should accept the committed packed review proof with the committed public signals", async () => {
      const [root, doctor, nullifier, message] = reviews.witness.publicSignals.map(BigInt);
      const ok = await f.publicClient.readContract({
        address: f.deployment.reviewVerifier!,
        abi: reviewVerifierAbi,
        functionName: "verifyReview",
        args: [reviews.proof.packed.map(BigInt), root, doctor, nullifier, message],
      });
      expect(ok).toBe(true);
    });
  });
});
