// Every kind of dispute, settled on the in-process L1 by the real judge (FraudVerifier, the STF's
// Solidity twin and the chunk rules) through the bridge's public entry points. Batches are built
// by the node's own code (executeBlock on a TestChain's state, encodeChunks, step roots, headers
// as BatchSealer computes them) after real L1 deposits, so queue hashes, EIP-712 domain and
// genesis root are those of a live chain. A faulty sequencer is modelled by posting data with
// roots of its own: another replica's (which executed something else) or forged ones.
// Covers: an honest batch survives every challenge; each chunk format and link rule, broken,
// is proven; each step fraud (wrong root after a transfer, a wrong deposit credit, an unreadable
// or badly signed transaction committed as applied) is proven; the drain attack is stopped;
// challenges with wrong inputs change nothing. Gas of each successful kind is reported.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { decodeAbiParameters, encodeAbiParameters, keccak256, toHex, type Abi, type Address, type Hex, type TransactionReceipt } from "viem";
import { bytesToHex, hexToBytes } from "../../sequencer/src/crypto/bytes";
import { SutureError } from "../../sequencer/src/errors";
import {
  CHUNK_LINK_RULES,
  MAX_CHUNK_RAW_BYTES,
  MAX_TX_BYTES,
  checkChunkSequence,
  chunkSummary,
  decodeChunk,
  decompressChunk,
  encodeChunks,
  encodeTx,
  withdrawalKey,
  withdrawalValueHash,
  type ChunkBounds,
  type ChunkContent,
  type ChunkLinkRule,
  type SignedTxType,
  type Tx,
} from "../../sequencer/src/protocol";
import { DEFAULT_FEES, type GenesisParams } from "../../sequencer/src/state";
import type { Deposit, QueueItem } from "../../sequencer/src/stf";
import { actor, ETH, L2_CHAIN_ID, testGenesis, TestChain, type Actor, type TestMessage } from "../../sequencer/src/stf/testing/harness";
import { WITNESS_ABI } from "../../sequencer/src/tree";
import { bridgeArtifact, readArtifact } from "../scripts/artifacts";
import { BridgeDriver, type Signer } from "./bridgeDriver";
import { loadFixture, type Fixture } from "./fixture";
import { advanceTime, eventsOf, expectRevert, now } from "./helpers";
import {
  chunkBlock,
  chunkChallenge,
  forcedItem,
  L2Replica,
  queueItemArgs,
  rawChunk,
  reseal,
  sealBatch,
  stepChallenge,
  stepsOf,
  varint,
  type ExecutedBlock,
  type L2Batch,
  type PostedBlock,
} from "./l2Batches";
import { ZERO_HASH, type Withdrawal } from "./rollup";
import { WithdrawalTree } from "./withdrawalTree";

const bridgeAbi = bridgeArtifact().abi;
/** The bridge's ABI plus every error the judge and its twins can bubble up through it. */
const abi = [
  ...bridgeAbi,
  ...["FraudVerifier", "FundsTwin", "ChainStepsTwin"].flatMap((name) => (readArtifact(name).abi as Abi).filter((e) => e.type === "error")),
] as Abi;

const WINDOW = 3600n;
const alice = actor("alice");
const bob = actor("bob");
const carol = actor("carol");
const mallory = actor("mallory");
const forged = (label: string | number): Hex => keccak256(toHex(`forged ${label}`));

/** Gas of every successful challenge (and of the largest step), printed after the run. */
const gasUsed: Record<string, bigint> = {};

afterAll(() => {
  const rows = Object.entries(gasUsed).map(([what, gas]) => `  ${what.padEnd(88)} ${gas.toLocaleString("en-US").padStart(11)}`);
  if (rows.length > 0) console.log(`Gas of successful challenges (receipts):\n${rows.join("\n")}`);
});

/** One test's world: a fresh L1 with the real judge, and an L2 replica from the matching genesis. */
type World = { f: Fixture; bridge: BridgeDriver; params: GenesisParams; l2: L2Replica; t0: number };

async function world(genesis: Partial<GenesisParams> = {}): Promise<World> {
  // The genesis root does not commit to the bridge address (createGenesisState), so it is known
  // before deployment; the L2's EIP-712 domain then names the deployed bridge.
  const genesisStateRoot = new TestChain({ params: testGenesis({ ...genesis, chainId: L2_CHAIN_ID }) }).state.root();
  const f = await loadFixture({ fraudVerifier: "real", challengeWindowSeconds: Number(WINDOW), genesisStateRoot, l2ChainId: L2_CHAIN_ID });
  const params = testGenesis({ ...genesis, chainId: L2_CHAIN_ID, bridge: f.deployment.bridge.toLowerCase() as Address });
  const l2 = new L2Replica(params, f.accounts.sequencer);
  expect(l2.root).toBe(genesisStateRoot);
  return { f, bridge: new BridgeDriver(f), params, l2, t0: Number(await now(f)) - 1000 };
}

/** Deposits on the L1 bridge; returns the deposit as the L2 credits it. */
async function deposit(w: World, from: Signer, to: Actor | Address, amount: bigint): Promise<Deposit> {
  const l2Recipient = typeof to === "string" ? to : to.address;
  const index = w.bridge.queue.length;
  await w.bridge.deposit(from, l2Recipient, amount);
  return { index, l1Sender: w.f.accounts[from], l2Recipient, amount };
}

/** A signed transaction's bytes, in the L2's domain. */
function signed<T extends SignedTxType>(w: World, who: Actor, type: T, message: TestMessage<T> & { nonce: bigint }): Uint8Array {
  return encodeTx(w.l2.chain.sign(who, type, message) as unknown as Tx);
}

/** Seals batch 0 from `blocks` (the first batch, from genesis). */
function seal(w: World, blocks: ExecutedBlock[], options: { stepRoots?: Hex[]; maxRawBytes?: number } = {}): L2Batch {
  const queueEnd = blocks.reduce((n, b) => n + BigInt(b.deposits.length), 0n);
  return sealBatch({
    batchIndex: 0n,
    prevStateRoot: w.f.deployment.genesisStateRoot,
    blocks,
    queueStart: 0n,
    queueHash: w.bridge.queue.hashes[Number(queueEnd)]!,
    proposer: w.f.accounts.sequencer,
    ...options,
  });
}

function submit(w: World, batch: L2Batch): Promise<TransactionReceipt> {
  return w.bridge.submit(batch.header, batch.chunks, "sequencer", batch.stepRoots);
}

/** What a challenge may change: the proposer's bond, the chain's cursor and root, burnt bonds, the bridge's balance, batch 0's record. */
async function bridgeState(w: World) {
  const { f } = w;
  return {
    bond: await f.bridge.read.bonds([f.accounts.sequencer]),
    cursor: await f.bridge.read.cursor(),
    lastStateRoot: await f.bridge.read.lastStateRoot(),
    burnt: await f.bridge.read.burntBonds(),
    balance: await w.bridge.balance(),
    batch0: await w.bridge.batch(0n),
  };
}

/**
 * The bridge's books: its balance is the deposits made, less the withdrawals paid, plus the
 * bonds posted (here only the sequencer's), the burnt halves of slashed bonds and the fees of
 * forced transactions.
 */
async function expectBooksBalance(w: World, paid = 0n) {
  const { f } = w;
  const deposited = w.bridge.queue.items.reduce((n, d) => n + d.amount, 0n);
  const bonds = (await f.bridge.read.bonds([f.accounts.sequencer])) as bigint;
  const burnt = ((await f.bridge.read.burntBonds()) as bigint) + ((await f.bridge.read.burntFees()) as bigint);
  expect(await w.bridge.balance()).toBe(deposited - paid + bonds + burnt);
}

/**
 * Sends a challenge from `stranger` and checks everything a successful one does: the batch is
 * deleted (cursor and root back to before it), the bond is slashed, half to the challenger and
 * half burnt. Records its gas under `label`.
 */
async function expectProven(w: World, batch: L2Batch, call: "challengeStep" | "challengeChunk", args: unknown, label: string, at: bigint) {
  const { f } = w;
  const bond = (await f.bridge.read.bonds([f.accounts.sequencer])) as bigint;
  expect(bond).toBe(f.deployment.minBond);
  const burntBefore = (await f.bridge.read.burntBonds()) as bigint;
  const balanceBefore = await w.bridge.balance();
  const challengerBefore = await f.publicClient.getBalance({ address: f.accounts.stranger });
  const receipt = await w.bridge.send("stranger", call, [batch.header, args]);
  expect(eventsOf(bridgeAbi, receipt, "BatchChallenged")[0]!.args).toEqual({
    batchIndex: batch.header.batchIndex,
    challenger: f.accounts.stranger,
    proposer: f.accounts.sequencer,
    kind: call === "challengeStep" ? "step" : "chunk",
    at,
    slashed: bond,
  });
  const fee = receipt.gasUsed * receipt.effectiveGasPrice;
  expect(await f.publicClient.getBalance({ address: f.accounts.stranger })).toBe(challengerBefore + bond / 2n - fee);
  expect(await f.bridge.read.bonds([f.accounts.sequencer])).toBe(0n);
  expect(await f.bridge.read.burntBonds()).toBe(burntBefore + bond - bond / 2n);
  expect(await w.bridge.balance()).toBe(balanceBefore - bond / 2n);
  expect(await f.bridge.read.lastStateRoot()).toBe(batch.header.prevStateRoot);
  expect(await f.bridge.read.cursor()).toEqual([batch.header.batchIndex, batch.header.queueStart, batch.header.firstBlock, 0n]);
  expect(await f.bridge.read.isBatchFinal([batch.header.batchIndex])).toBe(false);
  await expectBooksBalance(w);
  gasUsed[label] = receipt.gasUsed;
  return receipt;
}

/**
 * The honest batch of the tests: three blocks, each its own chunk, with deposits, transfers, a
 * withdrawal and one transfer with a wrong nonce (a faulty sequencer included it; it is committed
 * with the unchanged root, which is right). Steps: 0-1 deposits, 2 transfer, 3 fold | 4 transfer,
 * 5 withdrawal, 6 rejected transfer, 7 fold | 8 deposit, 9 transfer, 10 fold.
 */
async function honestBlocks(w: World): Promise<ExecutedBlock[]> {
  const d0 = await deposit(w, "alice", alice, 5n * ETH);
  const d1 = await deposit(w, "bob", bob, 3n * ETH);
  const d2 = await deposit(w, "carol", carol, ETH);
  return [
    w.l2.execute({ timestamp: w.t0, deposits: [d0, d1], txs: [signed(w, alice, "Transfer", { to: bob.address, amount: ETH, nonce: 0n })] }),
    w.l2.execute({
      timestamp: w.t0 + 2,
      deposits: [],
      txs: [
        signed(w, bob, "Transfer", { to: carol.address, amount: ETH, nonce: 0n }),
        signed(w, alice, "Withdraw", { recipient: w.f.accounts.alice, amount: ETH, nonce: 1n }),
        signed(w, alice, "Transfer", { to: bob.address, amount: 1n, nonce: 7n }),
      ],
    }),
    w.l2.execute({ timestamp: w.t0 + 4, deposits: [d2], txs: [signed(w, carol, "Transfer", { to: alice.address, amount: ETH / 2n, nonce: 0n })] }),
  ];
}

/** Small enough that each of honestBlocks' blocks is a chunk of its own. */
const SMALL_CHUNKS = 400;

/** The queue item a deposit step consumes, as a challenge passes it. */
const queued = (d: Deposit) => queueItemArgs(d);

describe("FraudVerifier (disputes on L1 with the real judge)", () => {
  describe("# an honest batch", () => {
    let w: World;
    let blocks: ExecutedBlock[];
    let batch: L2Batch;

    beforeEach(async () => {
      w = await world();
      blocks = await honestBlocks(w);
      batch = seal(w, blocks, { maxRawBytes: SMALL_CHUNKS });
      await submit(w, batch);
    });

    it("Should hold every rule: no chunk and no step (deposit, transaction, rejected transaction, fold) can be proven wrong", async () => {
      expect(batch.chunks.length).toBe(3);
      const steps = stepsOf(blocks);
      expect(steps.map((s) => s.kind)).toEqual(["deposit", "deposit", "tx", "fold", "tx", "tx", "tx", "fold", "deposit", "tx", "fold"]);
      // The rejected transfer (wrong nonce) changed nothing, and the withdrawal did change the state.
      expect(batch.stepRoots[6]).toBe(batch.stepRoots[5]);
      expect(batch.stepRoots[5]).not.toBe(batch.stepRoots[4]);
      const before = await bridgeState(w);
      for (let i = 0; i < batch.chunks.length; i++) {
        await expectRevert(abi, w.bridge.send("stranger", "challengeChunk", [batch.header, chunkChallenge(batch, i)]), "Bridge_ChunkValid", [BigInt(i)]);
      }
      for (const [i, step] of steps.entries()) {
        const args = stepChallenge(batch, i, step.witness, step.deposit ? { item: queued(step.deposit) } : {});
        await expectRevert(abi, w.bridge.send("stranger", "challengeStep", [batch.header, args]), "Bridge_StepCorrect", [BigInt(i), batch.stepRoots[i]]);
      }
      expect(await bridgeState(w)).toEqual(before);
      await expectBooksBalance(w);
      await advanceTime(w.f, WINDOW);
      expect(await w.f.bridge.read.isBatchFinal([0n])).toBe(true);
    });

    it("Should refuse challenges with wrong inputs and change nothing", async () => {
      const steps = stepsOf(blocks);
      const before = await bridgeState(w);
      const send = (call: string, args: unknown) => w.bridge.send("stranger", call, [batch.header, args]);
      // A witness with one tampered sibling: the twin's witness check fails, and its error bubbles up.
      const witness = tamperSibling(steps[2]!.witness);
      await expectRevert(abi, send("challengeStep", stepChallenge(batch, 2, witness.hex)), "Witness_BadReadProof", [witness.key]);
      // Step 4 lies in chunk 1: opened against chunk 0 (committed, but not its chunk), the judge cannot find it.
      await expectRevert(abi, send("challengeStep", stepChallenge(batch, 4, steps[4]!.witness, { chunkIndex: 0 })), "FraudVerifier_StepNotInChunk", [4n]);
      // A deposit step with a deposit that is not the queue's item at that index.
      const d0 = steps[0]!.deposit!;
      const wrongDeposits = [{ ...queued(d0), l2Recipient: mallory.address }, { ...queued(d0), amount: d0.amount + 1n }, queued(steps[1]!.deposit!)];
      for (const item of wrongDeposits) {
        await expectRevert(abi, send("challengeStep", stepChallenge(batch, 0, steps[0]!.witness, { item })), "FraudVerifier_WrongQueueItem", [item.index]);
      }
      // A chunk challenge whose previous chunk is not the committed one.
      for (const previousChunk of [batch.chunks[1]!, "0x" as Hex, rawChunk([0, 0, 0, 1, ...varint(w.t0), 0, 0])]) {
        await expectRevert(abi, send("challengeChunk", { ...chunkChallenge(batch, 1), previousChunk }), "Bridge_NotCommitted");
      }
      expect(await bridgeState(w)).toEqual(before);
    });
  });

  describe("# challengeChunk: format rules", () => {
    /** A one-block chunk payload with no transaction, at time `t`. */
    const emptyBlock = (t: number) => [0, 0, 0, 1, ...varint(t), 0, 0];

    type Crafted = { name: string; rule: string; chunk: (t0: number) => Hex };
    const cases: Crafted[] = [
      { name: "an unknown codec byte", rule: "codec", chunk: (t) => bytesToHex(new Uint8Array([2, ...emptyBlock(t)])) },
      // A literal run of 6 bytes with 1 left in the stream.
      { name: "a FastLZ stream that does not decompress", rule: "decompression", chunk: () => bytesToHex(new Uint8Array([1, 5, 0])) },
      {
        // The valid payload as one FastLZ literal run: it decompresses, but is longer than its result.
        name: "a FastLZ stream not shorter than its payload",
        rule: "codec",
        chunk: (t) => bytesToHex(new Uint8Array([1, emptyBlock(t).length - 1, ...emptyBlock(t)])),
      },
      { name: "trailing bytes after the last block", rule: "trailing", chunk: (t) => rawChunk([...emptyBlock(t), 0]) },
      { name: "a non-canonical varint (block count 0x81 0x00)", rule: "varint", chunk: (t) => rawChunk([0, 0, 0, 0x81, 0x00, ...varint(t), 0, 0]) },
      { name: "zero blocks", rule: "blockCount", chunk: () => rawChunk([0, 0, 0, 0]) },
      {
        name: "a transaction longer than MAX_TX_BYTES",
        rule: "txLength",
        chunk: (t) => rawChunk([0, 0, 0, 1, ...varint(t), 0, 1, ...varint(MAX_TX_BYTES + 1), ...new Uint8Array(MAX_TX_BYTES + 1)]),
      },
      { name: "timestamps decreasing inside the chunk", rule: "timestamp", chunk: (t) => rawChunk([0, 0, 0, 2, ...varint(t), 0, 0, ...varint(t - 1), 0, 0]) },
      {
        name: "a payload over MAX_CHUNK_RAW_BYTES",
        rule: "size",
        chunk: (t) => rawChunk([0, 0, 0, 1, ...varint(t), 0, 1, ...varint(MAX_TX_BYTES), ...new Uint8Array(MAX_TX_BYTES), ...new Uint8Array(1100)]),
      },
    ];

    for (const c of cases) {
      it(`Should delete a batch whose chunk has ${c.name}, and slash its proposer`, async () => {
        const w = await world();
        const chunk = c.chunk(w.t0);
        // The node's decoder refuses it for the same rule.
        expect(decodeRule(chunk)).toBe(c.rule);
        const batch = reseal(craftedBase(w), { chunks: [chunk] });
        await submit(w, batch);
        await expectProven(w, batch, "challengeChunk", chunkChallenge(batch, 0), `challengeChunk, format: ${c.name}`, 0n);
      });
    }

    it("Should prove a broken chunk that is not the first, and still find the chunks before it valid", async () => {
      const w = await world();
      const blocks = await honestBlocks(w);
      const honest = seal(w, blocks, { maxRawBytes: SMALL_CHUNKS });
      // Chunk 1 re-framed raw with one trailing byte: everything else stays as committed.
      const raw = decompressChunk(hexToBytes(honest.chunks[1]!));
      const batch = reseal(honest, { chunks: [honest.chunks[0]!, rawChunk([...raw, 0]), honest.chunks[2]!] });
      expect(decodeRule(batch.chunks[1]!)).toBe("trailing");
      await submit(w, batch);
      await expectRevert(abi, w.bridge.send("stranger", "challengeChunk", [batch.header, chunkChallenge(batch, 0)]), "Bridge_ChunkValid", [0n]);
      // A valid chunk after the broken one is not itself at fault: its link to a broken chunk is not judged.
      await expectRevert(abi, w.bridge.send("stranger", "challengeChunk", [batch.header, chunkChallenge(batch, 2)]), "Bridge_ChunkValid", [2n]);
      await expectProven(w, batch, "challengeChunk", chunkChallenge(batch, 1), "challengeChunk, format: trailing byte in chunk 1 of 3", 1n);
    });
  });

  describe("# challengeChunk: link rules (CHUNK_LINK_RULES)", () => {
    /**
     * Each case crafts a batch from the honest blocks (three chunks: [B0], [B1], [B2]) that breaks
     * exactly one link rule, in one chunk, by its counters or by a header field that does not
     * match the data (the header's own fields are all accepted by submitBatch).
     */
    type LinkCase = {
      rule: ChunkLinkRule;
      variant: string;
      chunk: number;
      craft: (w: World, honest: L2Batch, blocks: ExecutedBlock[]) => Promise<L2Batch> | L2Batch;
    };
    const content = (blocks: ExecutedBlock[], i: number, change: Partial<ChunkContent> = {}): Hex => {
      const before = blocks.slice(0, i);
      const one = encodeChunks({
        firstStep: BigInt(before.reduce((n, b) => n + b.deposits.length + b.txs.length + 1, 0)),
        firstBlock: BigInt(i),
        firstDeposit: BigInt(before.reduce((n, b) => n + b.deposits.length, 0)),
        blocks: [chunkBlock(blocks[i]!)],
        ...change,
      });
      expect(one.length).toBe(1);
      return bytesToHex(one[0]!);
    };
    const withChunk = (honest: L2Batch, i: number, chunk: Hex) => reseal(honest, { chunks: honest.chunks.map((c, j) => (j === i ? chunk : c)) });
    const cases: LinkCase[] = [
      { rule: "firstStep", variant: "chunk 0 does not start at step 0", chunk: 0, craft: (_w, h, b) => withChunk(h, 0, content(b, 0, { firstStep: 1n })) },
      { rule: "firstStep", variant: "chunk 1 skips a step", chunk: 1, craft: (_w, h, b) => withChunk(h, 1, content(b, 1, { firstStep: 5n })) },
      { rule: "firstBlock", variant: "chunk 0 is not at header.firstBlock", chunk: 0, craft: (_w, h, b) => withChunk(h, 0, content(b, 0, { firstBlock: 1n })) },
      { rule: "firstBlock", variant: "chunk 2 repeats a block number", chunk: 2, craft: (_w, h, b) => withChunk(h, 2, content(b, 2, { firstBlock: 1n })) },
      { rule: "firstDeposit", variant: "chunk 1 re-consumes a deposit", chunk: 1, craft: (_w, h, b) => withChunk(h, 1, content(b, 1, { firstDeposit: 1n })) },
      {
        rule: "firstTimestamp",
        variant: "header.firstTimestamp is not chunk 0's",
        chunk: 0,
        craft: (_w, h) => reseal(h, { header: { firstTimestamp: h.header.firstTimestamp - 1n } }),
      },
      {
        rule: "firstTimestamp",
        variant: "chunk 1 starts before chunk 0 ends",
        chunk: 1,
        craft: (w, h, b) => withChunk(h, 1, content(b, 1, { blocks: [{ ...chunkBlock(b[1]!), timestamp: w.t0 - 1 }] })),
      },
      {
        rule: "stepEnd",
        variant: "one step root more than the chunks hold",
        chunk: 2,
        craft: (_w, h) => reseal(h, { stepRoots: [...h.stepRoots, forged("extra")] }),
      },
      { rule: "stepEnd", variant: "one step root fewer", chunk: 2, craft: (_w, h) => reseal(h, { stepRoots: h.stepRoots.slice(0, -1) }) },
      {
        rule: "blockEnd",
        variant: "header.lastBlock past the data",
        chunk: 2,
        craft: (_w, h) => reseal(h, { header: { lastBlock: h.header.lastBlock + 1n } }),
      },
      {
        rule: "depositEnd",
        variant: "header.queueEnd past the deposits the data consumes",
        chunk: 2,
        craft: async (w, h) => {
          await deposit(w, "doctor", mallory, ETH);
          return reseal(h, { header: { queueEnd: 4n, queueHash: w.bridge.queue.hashes[4]! } });
        },
      },
      {
        rule: "lastTimestamp",
        variant: "header.lastTimestamp is not the last block's",
        chunk: 2,
        craft: (_w, h) => reseal(h, { header: { lastTimestamp: h.header.lastTimestamp + 1n } }),
      },
    ];

    it("Should cover every rule of CHUNK_LINK_RULES", () => {
      expect(new Set(cases.map((c) => c.rule))).toEqual(new Set(CHUNK_LINK_RULES));
    });

    for (const c of cases) {
      it(`Should delete a batch breaking "${c.rule}" (${c.variant}), and slash its proposer`, async () => {
        const w = await world();
        const blocks = await honestBlocks(w);
        const honest = seal(w, blocks, { maxRawBytes: SMALL_CHUNKS });
        const batch = await c.craft(w, honest, blocks);
        // The node's sequence check names this rule at this chunk.
        expect(linkFault(batch)).toEqual({ chunkIndex: c.chunk, rule: c.rule });
        await submit(w, batch);
        for (let i = 0; i < c.chunk; i++) {
          await expectRevert(abi, w.bridge.send("stranger", "challengeChunk", [batch.header, chunkChallenge(batch, i)]), "Bridge_ChunkValid", [BigInt(i)]);
        }
        await expectProven(w, batch, "challengeChunk", chunkChallenge(batch, c.chunk), `challengeChunk, link: ${c.rule} (${c.variant})`, BigInt(c.chunk));
      });
    }
  });

  describe("# challengeStep: step frauds", () => {
    it("Should prove a wrong root after a transfer", async () => {
      const w = await world();
      const blocks = await honestBlocks(w);
      const honest = blocks.flatMap((b) => b.stepRoots);
      // From step 2 (alice's transfer) on, the sequencer commits roots of its own.
      const batch = seal(w, blocks, { maxRawBytes: SMALL_CHUNKS, stepRoots: honest.map((r, i) => (i < 2 ? r : forged(i))) });
      await submit(w, batch);
      const steps = stepsOf(blocks);
      // Step 4's pre-root is already a forged one: its honest witness does not open it.
      await expectRevert(abi, w.bridge.send("stranger", "challengeStep", [batch.header, stepChallenge(batch, 4, steps[4]!.witness)]), "Witness_BadReadProof");
      await expectProven(w, batch, "challengeStep", stepChallenge(batch, 2, steps[2]!.witness), "challengeStep, transfer with a wrong root", 2n);
    });

    for (const wrong of ["recipient", "amount"] as const) {
      it(`Should prove a deposit step that credits the wrong ${wrong}`, async () => {
        const w = await world();
        const d0 = await deposit(w, "alice", alice, 5n * ETH);
        const d1 = await deposit(w, "bob", bob, 3n * ETH);
        const posted: PostedBlock = { timestamp: w.t0, deposits: [d0, d1], txs: [signed(w, bob, "Transfer", { to: carol.address, amount: ETH, nonce: 0n })] };
        const blocks = [w.l2.execute(posted)];
        // The sequencer's own replica credits deposit 0 differently: the data (a deposit count) is the same.
        const faulty = new L2Replica(w.params, w.f.accounts.sequencer);
        const credited = wrong === "recipient" ? { ...d0, l2Recipient: mallory.address } : { ...d0, amount: 100n * ETH };
        const faultyRoots = faulty.execute({ ...posted, deposits: [credited, d1] }).stepRoots;
        expect(faultyRoots[0]).not.toBe(blocks[0]!.stepRoots[0]);
        const batch = seal(w, blocks, { stepRoots: faultyRoots });
        await submit(w, batch);
        const witness = stepsOf(blocks)[0]!.witness;
        // The deposit the sequencer claims to have credited is not the queue's item 0.
        await expectRevert(
          abi,
          w.bridge.send("stranger", "challengeStep", [batch.header, stepChallenge(batch, 0, witness, { item: queued(credited) })]),
          "FraudVerifier_WrongQueueItem",
          [0n],
        );
        await expectProven(
          w,
          batch,
          "challengeStep",
          stepChallenge(batch, 0, witness, { item: queued(d0) }),
          `challengeStep, deposit with the wrong ${wrong}`,
          0n,
        );
      });
    }

    it("Should prove an unreadable transaction committed with a changed root", async () => {
      const w = await world();
      const d0 = await deposit(w, "alice", alice, 5n * ETH);
      const garbage = new Uint8Array([0xee, 0x01, 0x02, 0x03, 0x04]);
      const blocks = [
        w.l2.execute({ timestamp: w.t0, deposits: [d0], txs: [garbage, signed(w, alice, "Transfer", { to: bob.address, amount: ETH, nonce: 0n })] }),
      ];
      const honest = blocks[0]!.stepRoots;
      expect(honest[1]).toBe(honest[0]);
      const batch = seal(w, blocks, { stepRoots: honest.map((r, i) => (i < 1 ? r : forged(i))) });
      await submit(w, batch);
      await expectProven(
        w,
        batch,
        "challengeStep",
        stepChallenge(batch, 1, stepsOf(blocks)[1]!.witness),
        "challengeStep, unreadable bytes with a changed root",
        1n,
      );
    });

    it("Should prove a transaction with a bad signature committed as if applied", async () => {
      const w = await world();
      const d0 = await deposit(w, "alice", alice, 5n * ETH);
      const good = signed(w, alice, "Transfer", { to: bob.address, amount: 2n * ETH, nonce: 0n });
      const badSignature = good.slice();
      badSignature[good.length - 40] ^= 1;
      const blocks = [w.l2.execute({ timestamp: w.t0, deposits: [d0], txs: [badSignature] })];
      // Replayed, the bytes recover another signer with no balance: rejected, no change.
      expect(blocks[0]!.stepRoots[1]).toBe(blocks[0]!.stepRoots[0]);
      // The sequencer applied alice's transfer and posted bytes whose signature is not hers.
      const faulty = new L2Replica(w.params, w.f.accounts.sequencer);
      const faultyRoots = faulty.execute({ timestamp: w.t0, deposits: [d0], txs: [good] }).stepRoots;
      expect(faultyRoots[0]).toBe(blocks[0]!.stepRoots[0]);
      const batch = seal(w, blocks, { stepRoots: faultyRoots });
      await submit(w, batch);
      await expectProven(
        w,
        batch,
        "challengeStep",
        stepChallenge(batch, 1, stepsOf(blocks)[1]!.witness),
        "challengeStep, bad signature committed as applied",
        1n,
      );
    });
  });

  describe("# challengeStep: forced transactions", () => {
    /** Forces `bytes` through the L1 queue from L1 account `from`; returns the item as the node reads it from TransactionForced. */
    async function force(w: World, from: Signer, bytes: Uint8Array): Promise<QueueItem> {
      const index = w.bridge.queue.length;
      const raw = bytesToHex(bytes);
      await w.bridge.forceTransaction(from, raw);
      return forcedItem(w.l2.chain.domain, index, w.f.accounts[from], raw);
    }

    /**
     * One block consuming a deposit for alice, then `forcedTx` forced by L1 account bob, then a
     * posted transfer. Steps: 0 deposit, 1 forced transaction, 2 transfer, 3 fold.
     */
    async function forcedBlock(w: World, forcedTx: (w: World) => Uint8Array) {
      const d0 = await deposit(w, "alice", alice, 5n * ETH);
      const item = await force(w, "bob", forcedTx(w));
      const blocks = [w.l2.execute({ timestamp: w.t0, deposits: [d0, item], txs: [signed(w, carol, "Transfer", { to: bob.address, amount: 0n, nonce: 0n })] })];
      const steps = stepsOf(blocks);
      expect(steps.map((s) => s.kind)).toEqual(["deposit", "forced", "tx", "fold"]);
      return { item, blocks, steps };
    }

    const forcedTransfer = (w: World) => signed(w, alice, "Transfer", { to: bob.address, amount: ETH, nonce: 0n });

    it("Should find a forced transaction's correct step correct, and refuse an item that is not the queue's", async () => {
      const w = await world();
      const { item, blocks, steps } = await forcedBlock(w, forcedTransfer);
      // The forced transfer was applied: its step changed the state.
      expect(blocks[0]!.stepRoots[1]).not.toBe(blocks[0]!.stepRoots[0]);
      const batch = seal(w, blocks);
      await submit(w, batch);
      const before = await bridgeState(w);
      const send = (args: unknown) => w.bridge.send("stranger", "challengeStep", [batch.header, args]);
      await expectRevert(abi, send(stepChallenge(batch, 1, steps[1]!.witness, { item: queueItemArgs(item) })), "Bridge_StepCorrect", [1n, batch.stepRoots[1]]);
      // Bytes that are not the ones forced, another L1 sender, the item read as a deposit, another index.
      const args = queueItemArgs(item);
      const other = bytesToHex(signed(w, alice, "Transfer", { to: mallory.address, amount: ETH, nonce: 0n }));
      const wrongItems = [
        { ...args, transaction: other },
        { ...args, l1Sender: w.f.accounts.alice },
        { ...args, transaction: "0x" as Hex },
        { ...args, index: 0n },
      ];
      for (const wrong of wrongItems) {
        await expectRevert(abi, send(stepChallenge(batch, 1, steps[1]!.witness, { item: wrong })), "FraudVerifier_WrongQueueItem", [wrong.index]);
      }
      expect(await bridgeState(w)).toEqual(before);
      await expectBooksBalance(w);
    });

    it("Should prove a wrong root after a forced transaction's step", async () => {
      const w = await world();
      const { item, blocks, steps } = await forcedBlock(w, forcedTransfer);
      // The sequencer consumed the forced transfer but committed a root of its own from step 1 on.
      const honest = blocks.flatMap((b) => b.stepRoots);
      const batch = seal(w, blocks, { stepRoots: honest.map((r, i) => (i < 1 ? r : forged(i))) });
      await submit(w, batch);
      await expectProven(
        w,
        batch,
        "challengeStep",
        stepChallenge(batch, 1, steps[1]!.witness, { item: queueItemArgs(item) }),
        "challengeStep, forced transaction with a wrong root",
        1n,
      );
    });

    it("Should prove a forced transaction the STF rejects (a bad nonce) committed as if applied, and find its no-op step correct", async () => {
      const w = await world();
      const badNonce = (v: World) => signed(v, alice, "Transfer", { to: bob.address, amount: ETH, nonce: 7n });
      const { item, blocks, steps } = await forcedBlock(w, badNonce);
      // Rejected: consumed as a step that changes nothing.
      expect(blocks[0]!.stepRoots[1]).toBe(blocks[0]!.stepRoots[0]);
      const honest = seal(w, blocks);
      await submit(w, honest);
      await expectRevert(
        abi,
        w.bridge.send("stranger", "challengeStep", [honest.header, stepChallenge(honest, 1, steps[1]!.witness, { item: queueItemArgs(item) })]),
        "Bridge_StepCorrect",
        [1n, honest.stepRoots[1]],
      );
      // Another world where the sequencer commits the rejected transfer as applied (the roots of a replica that applied nonce 0).
      const v = await world();
      const rejected = await forcedBlock(v, badNonce);
      const faulty = new L2Replica(v.params, v.f.accounts.sequencer);
      const d0 = rejected.blocks[0]!.deposits[0]!;
      const appliedRoots = faulty.execute({
        timestamp: v.t0,
        deposits: [d0, forcedItem(v.l2.chain.domain, 1n, v.f.accounts.bob, bytesToHex(forcedTransfer(v)))],
        txs: rejected.blocks[0]!.txs,
      }).stepRoots;
      expect(appliedRoots[1]).not.toBe(appliedRoots[0]);
      const batch = seal(v, rejected.blocks, { stepRoots: appliedRoots });
      await submit(v, batch);
      await expectProven(
        v,
        batch,
        "challengeStep",
        stepChallenge(batch, 1, rejected.steps[1]!.witness, { item: queueItemArgs(rejected.item) }),
        "challengeStep, rejected forced transaction committed as applied",
        1n,
      );
    });

    it("Should find the no-op step of forced bytes that do not decode correct", async () => {
      const w = await world();
      const { item, blocks, steps } = await forcedBlock(w, () => new Uint8Array([0xee, 0x01, 0x02]));
      expect(item.forced!.tx).toBeNull();
      expect(blocks[0]!.stepRoots[1]).toBe(blocks[0]!.stepRoots[0]);
      const batch = seal(w, blocks);
      await submit(w, batch);
      await expectRevert(
        abi,
        w.bridge.send("stranger", "challengeStep", [batch.header, stepChallenge(batch, 1, steps[1]!.witness, { item: queueItemArgs(item) })]),
        "Bridge_StepCorrect",
        [1n, batch.stepRoots[1]],
      );
    });
  });

  describe("# the drain attack", () => {
    /** 150 ETH of deposits from test accounts, then a root paying the bridge's whole balance to the sequencer's key. */
    async function drain(w: World) {
      const deposits = [await deposit(w, "alice", alice, 50n * ETH), await deposit(w, "bob", bob, 50n * ETH), await deposit(w, "carol", carol, 50n * ETH)];
      const total = await w.bridge.balance();
      expect(total).toBe(150n * ETH + w.f.deployment.minBond);
      const tree = await WithdrawalTree.create();
      const withdrawal: Withdrawal = { id: 1n, recipient: w.f.accounts.sequencer, amount: total };
      tree.add(withdrawal);
      return { deposits, tree, withdrawal };
    }

    /** A batch of junk data whose only step root holds the drain withdrawal. */
    const junkBatch = (w: World, root: Hex): L2Batch =>
      reseal(craftedBase(w), {
        chunks: ["0xdeadbeef"],
        stepRoots: [root],
        header: { queueEnd: 3n, queueHash: w.bridge.queue.hashes[3]! },
      });

    it("Should pay the drain if nobody challenges (the threat is real)", async () => {
      const w = await world();
      const { tree, withdrawal } = await drain(w);
      const batch = junkBatch(w, tree.root());
      await submit(w, batch);
      await advanceTime(w.f, WINDOW);
      await w.bridge.finalize(batch.header, withdrawal, tree.siblings(withdrawal.id));
      expect(await w.bridge.balance()).toBe(0n);
      await expectBooksBalance(w, withdrawal.amount);
    });

    it("Should stop a batch of junk data whose root pays the whole bridge to the attacker", async () => {
      const w = await world();
      const { tree, withdrawal } = await drain(w);
      const batch = junkBatch(w, tree.root());
      await submit(w, batch);
      // A second batch on top, from the drain root: the challenge of the first deletes it too.
      const later = reseal(batch, {
        chunks: ["0xdeadbeef01"],
        header: {
          batchIndex: 1n,
          prevStateRoot: tree.root(),
          queueStart: 3n,
          firstBlock: 1n,
          lastBlock: 1n,
          firstTimestamp: BigInt(w.t0 + 1),
          lastTimestamp: BigInt(w.t0 + 1),
        },
      });
      await submit(w, later);
      await advanceTime(w.f, WINDOW / 2n);
      await expectProven(w, batch, "challengeChunk", chunkChallenge(batch, 0), "challengeChunk, drain (junk data)", 0n);
      expect(await w.f.bridge.read.isBatchFinal([1n])).toBe(false);
      await expectRevert(abi, w.bridge.send("stranger", "challengeChunk", [later.header, chunkChallenge(later, 0)]), "Bridge_BatchNotFound", [1n]);
      await expectDrainStopped(w, batch, withdrawal, tree);
      await expectRevert(abi, w.bridge.finalize(later.header, withdrawal, tree.siblings(withdrawal.id)), "Bridge_BatchNotFound", [1n]);
    });

    it("Should stop valid data whose last step root is forged to pay the whole bridge to the attacker", async () => {
      const w = await world();
      const { deposits, tree, withdrawal } = await drain(w);
      const blocks = [
        w.l2.execute({
          timestamp: w.t0,
          deposits,
          txs: [
            signed(w, alice, "Transfer", { to: bob.address, amount: ETH, nonce: 0n }),
            signed(w, bob, "Withdraw", { recipient: w.f.accounts.bob, amount: ETH, nonce: 0n }),
          ],
        }),
      ];
      // Steps: 0-2 deposits, 3 transfer, 4 withdrawal, 5 fold. Every root is honest but the
      // last, the batch's post-state root: the drain root.
      const honest = blocks[0]!.stepRoots;
      const last = honest.length - 1;
      const batch = seal(w, blocks, { stepRoots: honest.map((r, i) => (i < last ? r : tree.root())) });
      expect(batch.header.postStateRoot).toBe(tree.root());
      await submit(w, batch);
      const steps = stepsOf(blocks);
      await expectRevert(abi, w.bridge.send("stranger", "challengeStep", [batch.header, stepChallenge(batch, 4, steps[4]!.witness)]), "Bridge_StepCorrect", [
        4n,
        honest[4],
      ]);
      await expectProven(
        w,
        batch,
        "challengeStep",
        stepChallenge(batch, last, steps[last]!.witness),
        "challengeStep, drain (forged last root, a fold step)",
        BigInt(last),
      );
      await expectDrainStopped(w, batch, withdrawal, tree);
    });

    async function expectDrainStopped(w: World, batch: L2Batch, withdrawal: Withdrawal, tree: WithdrawalTree) {
      const bond = w.f.deployment.minBond;
      const attempt = () => w.bridge.finalize(batch.header, withdrawal, tree.siblings(withdrawal.id));
      await expectRevert(abi, attempt(), "Bridge_BatchNotFound", [0n]);
      await advanceTime(w.f, WINDOW * 2n);
      await expectRevert(abi, attempt(), "Bridge_BatchNotFound", [0n]);
      expect(await w.f.bridge.read.isWithdrawn([withdrawal.id])).toBe(false);
      expect(await w.f.bridge.read.bonds([w.f.accounts.sequencer])).toBe(0n);
      // The deposits are all there, plus the burnt half of the bond.
      expect(await w.bridge.balance()).toBe(150n * ETH + (bond - bond / 2n));
      expect(await w.f.bridge.read.burntBonds()).toBe(bond - bond / 2n);
      await expectBooksBalance(w);
      // Without a new bond the sequencer cannot post again.
      await expectRevert(abi, submit(w, batch), "Bridge_BondTooLow", [0n, bond]);
    }
  });

  describe("# gas", () => {
    it("Should re-execute the largest funds step built (a withdrawal with fees, last in a full chunk, in a state of many accounts)", async () => {
      const w = await world({ fees: DEFAULT_FEES });
      const senders = Array.from({ length: 40 }, (_, i) => actor(`sender-${i}`));
      const deposits: Deposit[] = [];
      for (const s of senders) deposits.push(await deposit(w, "alice", s, ETH));
      // Block 0 credits everyone; block 1 fills a chunk with distinct accepted transfers (so it
      // barely compresses) and ends on a withdrawal.
      const blocks = [w.l2.execute({ timestamp: w.t0, deposits, txs: [] })];
      const nonces = senders.map(() => 0n);
      const next = (i: number) => {
        const s = i % senders.length;
        return signed(w, senders[s]!, "Transfer", { to: senders[(s + 1) % senders.length]!.address, amount: 1000n + BigInt(i), nonce: nonces[s]!++ });
      };
      const fill: Uint8Array[] = [];
      let withdraw = signed(w, senders[0]!, "Withdraw", { recipient: w.f.accounts.alice, amount: ETH / 2n, nonce: 0n });
      for (;;) {
        const candidate = next(fill.length);
        const after = signed(w, senders[0]!, "Withdraw", { recipient: w.f.accounts.alice, amount: ETH / 2n, nonce: nonces[0]! });
        if (chunkBytes([...fill, candidate, after]) > MAX_CHUNK_RAW_BYTES - 100) break;
        fill.push(candidate);
        withdraw = after;
      }
      blocks.push(w.l2.execute({ timestamp: w.t0 + 1, deposits: [], txs: [...fill, withdraw] }));
      // Every transaction of block 1 is accepted: each moves the root.
      const filled = blocks[1]!.stepRoots;
      for (const [i, root] of filled.slice(0, -1).entries()) expect(root).not.toBe(i === 0 ? blocks[0]!.stepRoots.at(-1) : filled[i - 1]);
      const honest = blocks.flatMap((b) => b.stepRoots);
      const target = honest.length - 2;
      expect(stepsOf(blocks)[target]!.tx).toEqual(withdraw);
      const batch = seal(w, blocks, { stepRoots: honest.map((r, i) => (i < target ? r : forged(i))) });
      // The withdrawal is the last transaction of a chunk filled close to MAX_CHUNK_RAW_BYTES.
      expect(decompressChunk(hexToBytes(batch.chunks.at(-1)!)).length).toBeGreaterThan(MAX_CHUNK_RAW_BYTES - 400);
      await submit(w, batch);
      const receipt = await expectProven(
        w,
        batch,
        "challengeStep",
        stepChallenge(batch, target, stepsOf(blocks)[target]!.witness),
        `challengeStep, largest funds step (${fill.length + 1} txs in chunk)`,
        BigInt(target),
      );
      expect(receipt.gasUsed).toBeLessThan(16_777_216n);
    });
  });
});

/** A one-step batch from genesis (no deposits, block 0 at t0), for crafted data. */
function craftedBase(w: World): L2Batch {
  const stepRoots = [forged("root")];
  return reseal(
    {
      chunks: [rawChunk([0, 0, 0, 1, ...varint(w.t0), 0, 0])],
      stepRoots,
      header: {
        batchIndex: 0n,
        prevStateRoot: w.f.deployment.genesisStateRoot,
        postStateRoot: stepRoots[0]!,
        txDataHash: ZERO_HASH,
        txRootsHash: ZERO_HASH,
        stepCount: 1n,
        queueStart: 0n,
        queueEnd: 0n,
        queueHash: ZERO_HASH,
        firstBlock: 0n,
        lastBlock: 0n,
        firstTimestamp: BigInt(w.t0),
        lastTimestamp: BigInt(w.t0),
        proposer: w.f.accounts.sequencer,
      },
    },
    {},
  );
}

/** The rule the node's chunk decoder names for a chunk it refuses (or null when it decodes). */
function decodeRule(chunk: Hex): string | null {
  try {
    decodeChunk(hexToBytes(chunk));
    return null;
  } catch (e) {
    if (e instanceof SutureError && e.code === "DECODE_ERROR") return e.details.rule as string;
    throw e;
  }
}

/** The first link rule the node's checkChunkSequence finds broken in a batch (every chunk decodes). */
function linkFault({ header, chunks, stepRoots }: L2Batch): { chunkIndex: number; rule: string } | null {
  const bounds: ChunkBounds = { ...header, stepCount: BigInt(stepRoots.length), prevLastTimestamp: 0n };
  try {
    checkChunkSequence(
      bounds,
      chunks.map((c) => chunkSummary(decodeChunk(hexToBytes(c)))),
    );
    return null;
  } catch (e) {
    if (e instanceof SutureError && e.code === "DECODE_ERROR") return { chunkIndex: e.details.chunkIndex as number, rule: e.details.rule as string };
    throw e;
  }
}

/** Decoded bytes of a one-block chunk holding `txs`. */
function chunkBytes(txs: Uint8Array[]): number {
  return decompressChunk(encodeChunks({ firstStep: 0n, firstBlock: 0n, firstDeposit: 0n, blocks: [{ timestamp: 0, depositCount: 0, txs }] })[0]!).length;
}

/** An encoded witness with one sibling of its first read that has any flipped; returns that read's key. */
function tamperSibling(encoded: Hex): { hex: Hex; key: Hex } {
  const [witness] = decodeAbiParameters([WITNESS_ABI], encoded);
  const read = witness.reads.find((r) => r.proof.siblings.length > 0);
  if (!read) throw new Error("no read with siblings to tamper");
  const siblings = [...read.proof.siblings];
  siblings[0] = keccak256(siblings[0]!);
  const reads = witness.reads.map((r) => (r === read ? { ...r, proof: { ...r.proof, siblings } } : r));
  return { hex: encodeAbiParameters([WITNESS_ABI], [{ ...witness, reads }]), key: read.key };
}
