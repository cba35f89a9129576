// A verifier enforces every rule on L1. Each batch here is crafted as a (dishonest) sequencer would
// post it: executed with the node's own block code on a scratch state (its step roots), cut into
// chunks with the batcher's encoder, then changed where the case says and posted with the
// sequencer's key and bond. The bridge accepts every one (it checks commitments, the queue, blocks
// and times, never the STF nor the chunks' contents); a verifier holding a challenger key must find
// the fault, challenge it and win on L1: the bridge deletes the batch, its cursor goes back to it
// and the sequencer's bond is slashed to 0.
// Covered: an honest control batch (deposits and transfers, several blocks and chunks); a bad
// signature committed with a changed root (step) and with the unchanged root (a rejected step is
// a no-op: verified); chunks that do not decode (truncated FastLZ, unknown codec); chunks that
// break a link rule (a block at time 2^40 under a header with a normal time; a deposit the header
// consumes but no chunk credits); a root forged to hold a withdrawal of the bridge's whole balance
// (the drain: challenged, never paid); a forced transaction consumed as a no-op (its queue step
// challenged with the item's transaction bytes); an L1 endpoint serving other calldata than the bridge
// committed to (refused, never challenged); and honest replacements after won challenges.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWalletClient, http, parseEther, type Address, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { executeBlock } from "../sequencer/src/chain";
import { bytesToHex, hexToBytes } from "../sequencer/src/crypto";
import { DEV_ACCOUNTS, deployDevnet, type DevAccount } from "../sequencer/src/devnet";
import { DepositWatcher, L1Client } from "../sequencer/src/l1";
import { ChainState } from "../sequencer/src/ledger";
import {
  CHUNK_CODECS,
  dataCommitment,
  encodeChunks,
  encodeTx,
  signTx,
  sutureDomain,
  txHash,
  txRootsHash,
  withdrawalKey,
  withdrawalValueHash,
  type BatchHeader,
  type ChunkBlock,
  type Tx,
} from "../sequencer/src/protocol";
import { createMetrics, ReviewProofCache, SignatureWorkers } from "../sequencer/src/runtime";
import { ZERO_FEES, type State } from "../sequencer/src/state";
import { createGenesisState, type Deposit, type QueueItem } from "../sequencer/src/stf";
import { Store } from "../sequencer/src/store";
import { verifyProof } from "../sequencer/src/tree";
import { Verifier, type Mismatch } from "../sequencer/src/verifier";
import { startTestDevnet, type TestDevnet } from "./support/devnet";

/** Long enough that no batch turns final while a test runs (the drain test moves L1 time past it on purpose). */
const WINDOW_SECONDS = 600;
const sequencer = DEV_ACCOUNTS.sequencer;
const challenger = DEV_ACCOUNTS.deployer;
const { patient, patient2, doctor } = DEV_ACCOUNTS;
const dir = mkdtempSync(join(tmpdir(), "suture-verifier-faults-"));
let files = 0;
const closers: Array<() => void> = [];

type Batch = { header: BatchHeader; chunks: Uint8Array[]; stepRoots: Hex[] };

/** A block to craft: the L1 queue items it consumes (deposits, forced transactions), and its body: transactions, or raw bytes (a step the STF rejects: no change). */
type BlockPlan = { timestamp: number; deposits?: QueueItem[]; txs?: Array<Tx | Uint8Array> };

type CraftOptions = {
  /** Largest decoded chunk (small values cut a batch into several chunks). */
  maxRawBytes?: number;
  /** Changes the posted block bodies after execution (the step roots stay those of the executed ones). */
  edit?: (blocks: ChunkBlock[]) => ChunkBlock[];
  /** Changes the state right after step `step` of block `block`: that step's root and every later one are the forger's. */
  forge?: { block: number; step: number; change: (state: State) => void };
  /** Header fields the sequencer states differently (the bridge's commitments are recomputed; queueHash follows queueEnd). */
  header?: Partial<BatchHeader>;
  /** Leave the scratch chain where it was: the batch will be deleted, and the next one built takes its index. */
  discard?: boolean;
};

/** The commitments the bridge computes at submission, recomputed from a batch's chunks and step roots. */
function commit({ header, chunks, stepRoots }: Batch): Batch {
  return {
    chunks,
    stepRoots,
    header: {
      ...header,
      postStateRoot: stepRoots.at(-1)!,
      txDataHash: dataCommitment(chunks),
      txRootsHash: txRootsHash(stepRoots),
      stepCount: BigInt(stepRoots.length),
    },
  };
}

/** A transaction's bytes with its signature's v set to 29: no public key can be recovered. */
function withV29(tx: Tx): Uint8Array {
  const bytes = Uint8Array.from(encodeTx(tx));
  bytes[bytes.length - 1] = 29;
  return bytes;
}

/** JSON-RPC to the Hardhat L1 (time travel). */
async function rpc(url: string, method: string, params: unknown[] = []): Promise<unknown> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  return ((await res.json()) as { result: unknown }).result;
}

/** An L1 endpoint that serves the submitBatch calldata with one chunk byte flipped (the bridge committed to the original). */
class TamperingL1 extends L1Client {
  override async batchCalldata(txHash: Hex) {
    const calldata = await super.batchCalldata(txHash);
    const chunks = calldata.chunks.map((c) => Uint8Array.from(c));
    chunks[0]![chunks[0]!.length - 1]! ^= 0x01;
    return { ...calldata, chunks };
  }
}

describe("a verifier enforces every rule on L1", () => {
  let devnet: TestDevnet;
  beforeAll(async () => {
    devnet = await startTestDevnet({ challengeWindowSeconds: WINDOW_SECONDS });
  }, 120_000);
  afterAll(async () => {
    for (const close of closers) close();
    await devnet?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /**
   * A fresh bridge (no fees on L2), the sequencer's L1 client, and the helpers bound to them.
   * Every L1 client here polls (and caches the block number) with no delay: viem would otherwise
   * serve a poll the head of a moment ago, before the batch the test just posted.
   */
  async function world() {
    const deployment = await deployDevnet({ rpcUrl: devnet.l1.rpcUrl, challengeWindowSeconds: WINDOW_SECONDS, genesis: { fees: ZERO_FEES } });
    const l1 = new L1Client({ rpcUrl: devnet.l1.rpcUrl, bridge: deployment.bridge, privateKey: sequencer.privateKey, pollingIntervalMs: 0 });
    const domain = sutureDomain({ chainId: deployment.l2ChainId, verifyingContract: deployment.bridge.toLowerCase() as Hex });
    return {
      deployment,
      l1,
      /** L1's latest block time: every crafted block is stamped with it (never ahead of L1, as the bridge requires). */
      now: async () => Number((await l1.public.getBlock()).timestamp),
      transfer: (from: DevAccount, nonce: bigint, amount: bigint): Tx =>
        signTx({
          domain,
          privateKey: from.privateKey,
          type: "Transfer",
          message: { nonce, maxFee: 0n, to: doctor.address.toLowerCase(), amount } as never,
        }) as Tx,
      /** Deposits `eth` on L1 for `from` on L2; returns the queue item as a deposit step credits it. */
      async deposit(from: DevAccount, eth: string): Promise<Deposit> {
        const wallet = createWalletClient({ transport: http(devnet.l1.rpcUrl), account: privateKeyToAccount(from.privateKey) });
        const hash = await wallet.writeContract({
          address: deployment.bridge,
          abi: l1.abi,
          functionName: "deposit",
          args: [from.address],
          value: parseEther(eth),
          chain: null,
        });
        const { blockNumber } = await l1.public.waitForTransactionReceipt({ hash });
        const [e] = await l1.depositEvents(blockNumber, blockNumber);
        return { index: e!.index, l1Sender: e!.l1Sender, l2Recipient: e!.l2Recipient, amount: e!.amount };
      },
      /** Queues `tx` on L1 with forceTransaction from `from`'s L1 key; returns the queue item as a queue step applies it. */
      async force(from: DevAccount, tx: Tx): Promise<QueueItem> {
        const wallet = createWalletClient({ transport: http(devnet.l1.rpcUrl), account: privateKeyToAccount(from.privateKey) });
        const raw = bytesToHex(encodeTx(tx));
        const { forcedTransactionFee } = await l1.forceInclusionParameters();
        const hash = await wallet.writeContract({
          address: deployment.bridge,
          abi: l1.abi,
          functionName: "forceTransaction",
          args: [raw],
          value: forcedTransactionFee,
          chain: null,
        });
        const { blockNumber } = await l1.public.waitForTransactionReceipt({ hash });
        const [e] = await l1.depositEvents(blockNumber, blockNumber);
        expect(e!.transaction).toBe(raw);
        return { index: e!.index, l1Sender: e!.l1Sender, l2Recipient: e!.l2Recipient, amount: e!.amount, forced: { raw, tx } };
      },
      /** Posts a batch as the sequencer, topping its bond up to the minimum first (a won challenge takes all of it). */
      async post({ header, chunks, stepRoots }: Batch): Promise<void> {
        const { bond, minBond } = await l1.bond(sequencer.address);
        if (bond < minBond) await l1.postBond(minBond - bond);
        await l1.submitBatch(header, chunks, stepRoots);
      },
    };
  }
  type World = Awaited<ReturnType<typeof world>>;

  /**
   * A sequencer's workshop: the node's block execution (executeBlock, as ChainState runs it) on a
   * scratch genesis state, and the batcher's chunk encoder. Each batch continues from the last
   * one kept.
   */
  class Scratch {
    readonly state: State;
    #nextBlock = 0n;
    #nextBatch = 0n;
    /** The next L1 queue index a block consumes (meta.queuePosition only counts deposits). */
    #queue = 0n;
    #parentHash: Hex;
    #root: Hex;

    constructor(readonly w: World) {
      this.state = createGenesisState({ params: w.deployment.genesis });
      this.#root = this.state.root();
      this.#parentHash = this.#root;
    }

    /** Executes `blocks` and returns the batch an honest sequencer would post for them, changed as `o` says. */
    async batch(blocks: BlockPlan[], o: CraftOptions = {}): Promise<Batch> {
      const { state } = this;
      const firstBlock = this.#nextBlock;
      const queueStart = this.#queue;
      const queueEnd = queueStart + BigInt(blocks.reduce((n, plan) => n + (plan.deposits?.length ?? 0), 0));
      const posted: ChunkBlock[] = [];
      const stepRoots: Hex[] = [];
      let number = firstBlock;
      let parentHash = this.#parentHash;
      state.checkpoint();
      try {
        for (const [b, plan] of blocks.entries()) {
          const entries = plan.txs ?? [];
          const forge = o.forge?.block === b ? o.forge : undefined;
          const exec = executeBlock({
            state,
            number,
            parentHash,
            timestamp: plan.timestamp,
            feeRecipient: sequencer.address.toLowerCase() as Address,
            deposits: plan.deposits ?? [],
            txs: entries.filter((t): t is Tx => !(t instanceof Uint8Array)),
            unreadable: new Set(entries.flatMap((t, i) => (t instanceof Uint8Array ? [i] : []))),
            keepRejected: true,
            checkReviewProof: () => false,
            runStep: forge
              ? (i, run) => {
                  const out = run();
                  if (i !== forge.step) return out;
                  forge.change(state);
                  const root = state.root();
                  return (typeof out === "string" ? root : { ...(out as object), stateRoot: root }) as typeof out;
                }
              : undefined,
          });
          stepRoots.push(...exec.block.stepRoots);
          posted.push({
            timestamp: plan.timestamp,
            depositCount: plan.deposits?.length ?? 0,
            txs: entries.map((t) => (t instanceof Uint8Array ? t : encodeTx(t))),
          });
          number++;
          parentHash = exec.block.hash;
        }
        const chunks = encodeChunks(
          { firstStep: 0n, firstBlock, firstDeposit: queueStart, blocks: o.edit ? o.edit(posted) : posted },
          { maxRawBytes: o.maxRawBytes },
        );
        const header: BatchHeader = {
          batchIndex: this.#nextBatch,
          prevStateRoot: this.#root,
          postStateRoot: stepRoots.at(-1)!,
          txDataHash: dataCommitment(chunks),
          txRootsHash: txRootsHash(stepRoots),
          stepCount: BigInt(stepRoots.length),
          queueStart,
          queueEnd,
          queueHash: `0x${"00".repeat(32)}`,
          firstBlock,
          lastBlock: number - 1n,
          firstTimestamp: BigInt(blocks[0]!.timestamp),
          lastTimestamp: BigInt(blocks.at(-1)!.timestamp),
          proposer: sequencer.address,
          ...o.header,
        };
        if (o.header?.queueHash === undefined) {
          header.queueHash = (await this.w.l1.public.readContract({
            address: this.w.deployment.bridge,
            abi: this.w.l1.abi,
            functionName: "queueHash",
            args: [header.queueEnd],
          })) as Hex;
        }
        if (o.discard) state.revertToCheckpoint();
        else {
          this.#nextBlock = number;
          this.#nextBatch++;
          this.#queue = queueEnd;
          this.#parentHash = parentHash;
          this.#root = stepRoots.at(-1)!;
        }
        return commit({ header, chunks, stepRoots });
      } finally {
        state.releaseCheckpoint();
      }
    }
  }

  /** A verifier of the world's bridge on its own store, with a challenger key, driven poll by poll; `faults` collects the faults it reports. */
  function verifierOf(
    w: World,
    l1 = new L1Client({ rpcUrl: devnet.l1.rpcUrl, bridge: w.deployment.bridge, privateKey: challenger.privateKey, pollingIntervalMs: 0 }),
  ) {
    const store = new Store({ path: join(dir, `verifier-${files++}.sqlite`) });
    closers.push(() => store.close());
    const faults: Mismatch[] = [];
    const logger = pino({ level: "error" }, { write: (line: string) => void faults.push(JSON.parse(line) as Mismatch) });
    const chain = ChainState.open({ store, params: w.deployment.genesis });
    const metrics = createMetrics();
    const proofs = new ReviewProofCache(async () => false);
    const signatures = new SignatureWorkers({ size: 0 });
    const reader = { domain: chain.domain, signatures, proofs };
    const deposits = new DepositWatcher({ l1, store, logger, confirmations: 0, startBlock: BigInt(w.deployment.deployBlock), reader });
    const verifier = new Verifier({
      chain,
      l1,
      deposits,
      proofs,
      signatures,
      logger,
      metrics,
      fromBlock: BigInt(w.deployment.deployBlock),
      challenge: true,
    });
    return { verifier, chain, metrics, faults };
  }
  type VerifierOf = ReturnType<typeof verifierOf>;

  /** The verifier verified the batch (one poll): its chain is at the batch's post-state root, and it found no new fault. */
  async function expectVerified(w: World, v: VerifierOf, batch: Batch) {
    const [faults, challenges] = [v.faults.length, v.verifier.challenges.length];
    expect(await v.verifier.poll()).toBe(1);
    expect(v.faults).toHaveLength(faults);
    expect(v.verifier.challenges).toHaveLength(challenges);
    expect(v.verifier.healthy).toBe(true);
    expect(v.verifier.verifiedBatches).toBe(Number(batch.header.batchIndex) + 1);
    expect(v.chain.stateRoot).toBe(batch.header.postStateRoot);
    expect(v.chain.head!.number).toBe(batch.header.lastBlock);
    expect(await w.l1.chainHead()).toEqual({ nextBatchIndex: batch.header.batchIndex + 1n, lastStateRoot: batch.header.postStateRoot });
    expect((await w.l1.bond(sequencer.address)).bond).toBe(w.deployment.minBond);
  }

  /**
   * The verifier found the fault (reported as `fault`), challenged it and won on L1: the bridge
   * deleted the batch (its cursor and root are back at the batch), slashed the whole bond, and
   * logged the challenge; the verifier kept nothing of the batch and is healthy again.
   */
  async function expectChallengeWon(w: World, v: VerifierOf, batch: Batch, fault: Pick<Mismatch, "kind"> & Partial<Mismatch>) {
    const index = Number(batch.header.batchIndex);
    const won = v.verifier.challenges.length + 1;
    expect(await v.verifier.poll()).toBe(0);
    expect(v.faults.at(-1)).toMatchObject({ batchIndex: index, stepIndex: null, chunkIndex: null, ...fault });
    const record = v.verifier.challenges.at(-1)!;
    expect(v.verifier.challenges).toHaveLength(won);
    expect(record).toMatchObject({
      batchIndex: index,
      kind: fault.kind,
      stepIndex: fault.stepIndex ?? null,
      chunkIndex: fault.chunkIndex ?? null,
      outcome: "won",
      error: null,
    });
    expect(record.l1TxHash).toMatch(/^0x[0-9a-f]{64}$/);
    expect(v.verifier.mismatch).toBeNull();
    expect(v.verifier.healthy).toBe(true);
    expect(v.verifier.verifiedBatches).toBe(index);
    expect(v.chain.stateRoot).toBe(batch.header.prevStateRoot);

    expect(await w.l1.chainHead()).toEqual({ nextBatchIndex: batch.header.batchIndex, lastStateRoot: batch.header.prevStateRoot });
    expect((await w.l1.bond(sequencer.address)).bond).toBe(0n);
    const receipt = await w.l1.public.getTransactionReceipt({ hash: record.l1TxHash! });
    const [event] = await w.l1.challengeEvents(receipt.blockNumber, receipt.blockNumber);
    expect(event).toMatchObject({
      batchIndex: batch.header.batchIndex,
      challenger: challenger.address.toLowerCase(),
      proposer: sequencer.address.toLowerCase(),
      kind: fault.kind,
      at: BigInt(fault.stepIndex ?? fault.chunkIndex!),
      slashed: w.deployment.minBond,
    });
    const counted = (await v.metrics.challenges.get()).values.find((m) => m.labels.kind === fault.kind && m.labels.outcome === "won");
    expect(counted?.value).toBeGreaterThanOrEqual(1);
  }

  it("Should verify an honest batch of deposits and transfers over several blocks and chunks, without challenging (control)", async () => {
    const w = await world();
    const [d0, d1] = [await w.deposit(patient, "1"), await w.deposit(patient2, "2")];
    const t = await w.now();
    const batch = await new Scratch(w).batch(
      [
        { timestamp: t, deposits: [d0, d1], txs: [w.transfer(patient, 0n, 5n), w.transfer(patient2, 0n, 7n)] },
        { timestamp: t, txs: [w.transfer(patient, 1n, 11n), w.transfer(patient2, 1n, 13n)] },
        { timestamp: t, txs: [w.transfer(patient, 2n, 17n)] },
      ],
      { maxRawBytes: 400 },
    );
    expect(batch.chunks.length).toBeGreaterThanOrEqual(2);
    await w.post(batch);
    const v = verifierOf(w);
    await expectVerified(w, v, batch);
    expect(v.verifier.verifiedTxs).toBe(5);
    expect(v.chain.state.get("account", doctor.address.toLowerCase())!.balance).toBe(53n);
    expect(v.chain.state.get("account", patient2.address.toLowerCase())!.balance).toBe(parseEther("2") - 20n);
    // Nothing new on L1: nothing more to verify.
    expect(await v.verifier.poll()).toBe(0);
  });

  it("Should win a step challenge on a badly signed transaction committed with a changed root, and verify it committed as a no-op", async () => {
    const w = await world();
    const d0 = await w.deposit(patient, "1");
    const t = await w.now();
    const good = w.transfer(patient, 1n, 9n);
    const blocks = (second: Tx | Uint8Array): BlockPlan[] => [
      { timestamp: t, deposits: [d0], txs: [w.transfer(patient, 0n, 5n)] },
      { timestamp: t, txs: [second] },
    ];
    // Executed with the valid transaction (its roots move 9 wei), posted with v = 29.
    const lying = await new Scratch(w).batch(blocks(good), { edit: (b) => [b[0]!, { ...b[1]!, txs: [withV29(good)] }] });
    await w.post(lying);
    const v = verifierOf(w);
    // Steps: deposit 0, transfer 1, fold 2 | the bad transaction 3, fold 4.
    await expectChallengeWon(w, v, lying, {
      kind: "step",
      stepIndex: 3,
      claimedRoot: lying.stepRoots[3]!,
      expectedRoot: lying.stepRoots[2]!,
      reason: "state root mismatch",
    });

    // The same transaction with the root left unchanged is a rejected step: the batch is right.
    const noOp = await new Scratch(w).batch(blocks(withV29(good)));
    expect(noOp.stepRoots[3]).toBe(noOp.stepRoots[2]);
    expect(noOp.chunks).toEqual(lying.chunks);
    await w.post(noOp);
    await expectVerified(w, v, noOp);
    expect(v.chain.state.get("account", doctor.address.toLowerCase())!.balance).toBe(5n);
    expect(v.chain.state.get("account", patient.address.toLowerCase())!.nonce).toBe(1n);
  });

  it("Should win chunk challenges on chunks that do not decode (truncated FastLZ, unknown codec), then verify the honest batch", async () => {
    const w = await world();
    const d0 = await w.deposit(patient, "1");
    const t = await w.now();
    // Block 1 (eight transfers to the same account) compresses: its chunk is FastLZ.
    const honest = await new Scratch(w).batch(
      [
        { timestamp: t, deposits: [d0], txs: [w.transfer(patient, 0n, 1n)] },
        { timestamp: t, txs: Array.from({ length: 8 }, (_, i) => w.transfer(patient, BigInt(i + 1), 1n)) },
      ],
      { maxRawBytes: 800 },
    );
    expect(honest.chunks).toHaveLength(2);
    expect(honest.chunks[1]![0]).toBe(CHUNK_CODECS.fastlz);
    const v = verifierOf(w);

    const truncated = commit({ ...honest, chunks: [honest.chunks[0]!, honest.chunks[1]!.slice(0, Math.floor(honest.chunks[1]!.length / 2))] });
    await w.post(truncated);
    await expectChallengeWon(w, v, truncated, { kind: "chunk", chunkIndex: 1, reason: expect.stringMatching(/^chunk 1: /) });

    const unknownCodec = Uint8Array.from(honest.chunks[0]!);
    unknownCodec[0] = 7;
    const badCodec = commit({ ...honest, chunks: [unknownCodec, honest.chunks[1]!] });
    await w.post(badCodec);
    await expectChallengeWon(w, v, badCodec, { kind: "chunk", chunkIndex: 0, reason: "chunk 0: unknown chunk codec 7" });

    await w.post(honest);
    await expectVerified(w, v, honest);
    expect(v.verifier.verifiedTxs).toBe(9);
  });

  it("Should win a step challenge on a forced transaction the sequencer consumed as a no-op, and verify it applied", async () => {
    const w = await world();
    const d0 = await w.deposit(patient, "1");
    const forced = await w.force(patient2, w.transfer(patient, 0n, 5n));
    expect(forced.index).toBe(1n);
    const t = await w.now();
    // Steps: deposit 0, the forced transfer 1, posted transfer 2, fold 3. The liar consumes the
    // item (the chunks and the queue hash are the same either way) but commits it as unreadable.
    const ignored: QueueItem = { ...forced, forced: { raw: forced.forced!.raw, tx: null } };
    const lying = await new Scratch(w).batch([{ timestamp: t, deposits: [d0, ignored], txs: [w.transfer(patient, 1n, 7n)] }]);
    expect(lying.stepRoots[1]).toBe(lying.stepRoots[0]);
    await w.post(lying);
    const v = verifierOf(w);
    await expectChallengeWon(w, v, lying, { kind: "step", stepIndex: 1, claimedRoot: lying.stepRoots[1]!, reason: "state root mismatch" });

    const honest = await new Scratch(w).batch([{ timestamp: t, deposits: [d0, forced], txs: [w.transfer(patient, 1n, 7n)] }]);
    expect(honest.chunks).toEqual(lying.chunks);
    expect(v.faults.at(-1)!.expectedRoot).toBe(honest.stepRoots[1]);
    await w.post(honest);
    await expectVerified(w, v, honest);
    expect(v.chain.state.get("account", doctor.address.toLowerCase())!.balance).toBe(12n);
    // Its receipt is stored like a posted transaction's, with its queue index.
    expect(v.chain.store.getTx(txHash(forced.forced!.tx!))).toMatchObject({ queueIndex: 1n, type: "Transfer", blockNumber: 0n });
  });

  it("Should win chunk challenges on chunks that break a link rule: a block at time 2^40, a deposit consumed but never credited", async () => {
    const w = await world();
    const [d0, d1] = [await w.deposit(patient, "1"), await w.deposit(patient2, "1")];
    const t = await w.now();
    const v = verifierOf(w);

    // The example: the header states L1-like times (the bridge checks those), the chunk a block 2^40 seconds after 1970.
    const future = await new Scratch(w).batch(
      [
        { timestamp: t, deposits: [d0], txs: [w.transfer(patient, 0n, 1n)] },
        { timestamp: t, txs: [w.transfer(patient, 1n, 1n)] },
      ],
      { edit: (b) => [b[0]!, { ...b[1]!, timestamp: 2 ** 40 }] },
    );
    expect(future.header.lastTimestamp).toBe(BigInt(t));
    await w.post(future);
    await expectChallengeWon(w, v, future, { kind: "chunk", chunkIndex: 0, reason: 'chunk 0 breaks the chunk rule "lastTimestamp"' });

    // The header consumes both queued deposits (queueEnd 2, with the bridge's queue hash), the chunks credit only the first.
    const skipped = await new Scratch(w).batch([{ timestamp: t, deposits: [d0], txs: [w.transfer(patient, 0n, 1n)] }], { header: { queueEnd: d1.index + 1n } });
    expect(skipped.header.queueEnd).toBe(2n);
    await w.post(skipped);
    await expectChallengeWon(w, v, skipped, { kind: "chunk", chunkIndex: 0, reason: 'chunk 0 breaks the chunk rule "depositEnd"' });
  });

  it("Should win a step challenge on a root forged to hold a withdrawal of the whole bridge balance, which then never pays", async () => {
    const w = await world();
    const [d0, d1] = [await w.deposit(patient, "3"), await w.deposit(patient2, "4")];
    await w.l1.postBond(w.deployment.minBond);
    const balance = await w.l1.public.getBalance({ address: w.deployment.bridge });
    expect(balance).toBe(parseEther("7") + w.deployment.minBond);
    const t = await w.now();
    const scratch = new Scratch(w);
    const withdrawal = { id: scratch.state.get("meta", "")!.nextWithdrawalId, recipient: sequencer.address.toLowerCase() as Address, amount: balance };
    // Steps: deposit 0, transfer 1, fold 2 | deposit 3 (and, slipped in with it, the withdrawal), transfer 4, fold 5.
    const drain = await scratch.batch(
      [
        { timestamp: t, deposits: [d0], txs: [w.transfer(patient, 0n, 1n)] },
        { timestamp: t, deposits: [d1], txs: [w.transfer(patient2, 0n, 1n)] },
      ],
      { forge: { block: 1, step: 0, change: (state) => state.put("withdrawal", withdrawal.id.toString(), { ...withdrawal, createdAt: t }) } },
    );
    // The forged post-state root proves the withdrawal, as finalizeWithdrawal checks it.
    const proof = scratch.state.tree.prove(withdrawalKey(withdrawal.id));
    expect(
      verifyProof({ root: hexToBytes(drain.header.postStateRoot), key: withdrawalKey(withdrawal.id), valueHash: withdrawalValueHash(withdrawal), proof }),
    ).toBe(true);
    await w.post(drain);

    const v = verifierOf(w);
    await expectChallengeWon(w, v, drain, { kind: "step", stepIndex: 3, claimedRoot: drain.stepRoots[3]!, reason: "state root mismatch" });
    expect(v.faults.at(-1)!.expectedRoot).not.toBe(drain.stepRoots[3]);

    // After the window the withdrawal still cannot be paid: the bridge no longer holds that batch.
    await rpc(devnet.l1.rpcUrl, "evm_increaseTime", [WINDOW_SECONDS + 1]);
    await rpc(devnet.l1.rpcUrl, "evm_mine");
    await expect(
      w.l1.public.simulateContract({
        address: w.deployment.bridge,
        abi: w.l1.abi,
        functionName: "finalizeWithdrawal",
        args: [drain.header, withdrawal, proof.siblings],
        account: sequencer.address,
      }),
    ).rejects.toThrow(/Bridge_BatchNotFound/);
    // Half the bond went to the challenger; every deposit is still in the bridge.
    expect(await w.l1.public.getBalance({ address: w.deployment.bridge })).toBe(parseEther("7") + w.deployment.minBond / 2n);
  });

  it("Should refuse calldata from an L1 endpoint that does not match the bridge's commitments, without challenging", async () => {
    const w = await world();
    const d0 = await w.deposit(patient, "1");
    const honest = await new Scratch(w).batch([{ timestamp: await w.now(), deposits: [d0], txs: [w.transfer(patient, 0n, 1n)] }]);
    await w.post(honest);
    const v = verifierOf(
      w,
      new TamperingL1({ rpcUrl: devnet.l1.rpcUrl, bridge: w.deployment.bridge, privateKey: challenger.privateKey, pollingIntervalMs: 0 }),
    );
    await expect(v.verifier.poll()).rejects.toThrow(/does not match the commitments the bridge stored \(txDataHash\/txRootsHash\): check the L1 endpoint/);
    // Not the sequencer's fault: no challenge, the batch and the bond stand, nothing verified.
    expect(v.verifier.challenges).toEqual([]);
    expect(v.faults).toEqual([]);
    expect(v.verifier.verifiedBatches).toBe(0);
    expect(v.chain.head).toBeUndefined();
    expect(await w.l1.chainHead()).toEqual({ nextBatchIndex: 1n, lastStateRoot: honest.header.postStateRoot });
    expect((await w.l1.bond(sequencer.address)).bond).toBe(w.deployment.minBond);
    // The same batch through an honest endpoint is verified.
    await expectVerified(w, verifierOf(w), honest);
  });

  it("Should verify the honest batches posted in place of those a won challenge deleted, skipping the deleted batches' events", async () => {
    const w = await world();
    const [d0, d1] = [await w.deposit(patient, "1"), await w.deposit(patient2, "1")];
    const t = await w.now();
    const scratch = new Scratch(w);
    const first = await scratch.batch([{ timestamp: t, deposits: [d0], txs: [w.transfer(patient, 0n, 1n)] }]);
    await w.post(first);
    const v = verifierOf(w);
    await expectVerified(w, v, first);

    // Batch 1 is honest but for its chunk's codec byte (its roots are right), and batch 2, honest, is built on it.
    const second = await scratch.batch([{ timestamp: t, deposits: [d1], txs: [w.transfer(patient2, 0n, 2n), w.transfer(patient, 1n, 3n)] }]);
    const third = await scratch.batch([{ timestamp: t, txs: [w.transfer(patient, 2n, 4n)] }]);
    const unknownCodec = Uint8Array.from(second.chunks[0]!);
    unknownCodec[0] = 2;
    const bad = commit({ ...second, chunks: [unknownCodec] });
    expect(bad.header.batchIndex).toBe(1n);
    expect(third.header.prevStateRoot).toBe(bad.header.postStateRoot);
    await w.post(bad);
    await w.post(third);
    // The challenge deletes batch 1 and batch 2 with it.
    await expectChallengeWon(w, v, bad, { kind: "chunk", chunkIndex: 0, reason: "chunk 0: unknown chunk codec 2" });

    // The sequencer posts batch 1 right and batch 2 again, byte for byte: the event of the deleted
    // batch 2 names the header the bridge now holds at index 2 again, but comes before batch 1's.
    await w.post(second);
    await w.post(third);
    expect(await v.verifier.poll()).toBe(2);
    expect(v.verifier.verifiedBatches).toBe(3);
    expect(v.verifier.challenges.map((c) => c.outcome)).toEqual(["won"]);
    expect(v.chain.stateRoot).toBe(third.header.postStateRoot);
    expect(v.chain.state.get("account", doctor.address.toLowerCase())!.balance).toBe(10n);
    // Batch 2 is recorded with the transaction that posted it last (the live one).
    const events = await w.l1.batchEvents(BigInt(w.deployment.deployBlock), await w.l1.blockNumber());
    expect(v.chain.store.getBatch(2)!.l1TxHash).toBe(events.at(-1)!.l1TxHash);
    expect(await v.verifier.poll()).toBe(0);
  });
});
