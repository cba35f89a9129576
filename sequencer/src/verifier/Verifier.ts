// Verifier mode: derives the chain from L1 alone and enforces it. For each live batch on the bridge
// it reads the calldata (chunks and step roots), checks every chunk against the format and link
// rules, replays every step (L1 queue items: deposit credits and forced transactions; posted
// transactions; review-tree folds) with the same STF,
// and compares each root with the committed one. On the first fault it builds the challenge from
// L1 data only (the chunk, the step's witness against the last agreed root) and, when it has a
// challenger key, submits it; the bridge then deletes the bad batch and every later one, and the
// verifier goes on with whatever the sequencer posts in their place. A replay runs under a state
// checkpoint, so a faulty batch leaves the verified state exactly where the last good batch did.
import type { Address, Hex } from "viem";

import { bytesToHex } from "../crypto/bytes";
import { keccak256 as keccak } from "../crypto/keccak256";
import { executeBlock, type ExecuteBlockReturnType } from "../chain";
import type { SutureError } from "../errors";
import type { BatchEvent, ChunkChallengeArgs, L1Client, StepChallengeArgs } from "../l1";
import type { DepositWatcher } from "../l1";
import type { ChainState } from "../ledger/ChainState";
import {
  blockStepCount,
  checkChunkSequence,
  chunkSummary,
  dataCommitment,
  decodeChunk,
  stepRootProof,
  txRootsHash,
  type ChunkContent,
  type Tx,
} from "../protocol";
import type { Logger } from "../runtime/logger";
import type { Metrics } from "../runtime/metrics";
import type { ReviewProofCache } from "../runtime/ReviewProofCache";
import type { SignatureWorkers } from "../runtime/SignatureWorkers";
import { readPostedTransaction } from "../runtime/readPostedTransaction";
import { proveStep } from "../state";
import { encodeFoldWitness, proveFold, type QueueItem, type Receipt } from "../stf";
import { withdrawalKey } from "../protocol";
import { encodeWitness } from "../tree";

/** A fault found in a batch: where, and why. */
export type Mismatch = {
  batchIndex: number;
  /** The first wrong step (kind "step"), or null. */
  stepIndex: number | null;
  /** The chunk that breaks a rule (kind "chunk"), or null. */
  chunkIndex: number | null;
  kind: "step" | "chunk";
  expectedRoot: Hex | null;
  claimedRoot: Hex | null;
  reason: string;
};

/** A challenge this verifier built, and what became of it. */
export type ChallengeRecord = {
  batchIndex: number;
  stepIndex: number | null;
  chunkIndex: number | null;
  kind: "step" | "chunk";
  l1TxHash: Hex | null;
  /** `won`: the bridge deleted the batch; `failed`: the bridge refused it; `unsent`: no challenger key. */
  outcome: "pending" | "won" | "failed" | "unsent";
  error: string | null;
};

export type VerifierOptions = {
  chain: ChainState;
  l1: L1Client;
  deposits: DepositWatcher;
  proofs: ReviewProofCache;
  signatures: SignatureWorkers;
  logger: Logger;
  metrics?: Metrics;
  fromBlock: bigint;
  /** Submit challenges (the L1 client holds the challenger key). */
  challenge: boolean;
};

type Calldata = Awaited<ReturnType<L1Client["batchCalldata"]>>;

/** Thrown inside a replay to stop right after the proven step. */
class Proven extends Error {
  constructor(readonly witness: Hex) {
    super("step proven");
  }
}

export class Verifier {
  readonly #o: VerifierOptions;
  /** The fault of the batch being disputed (cleared once the bridge deletes it). */
  mismatch: Mismatch | null = null;
  readonly challenges: ChallengeRecord[] = [];
  verifiedBatches = 0;
  verifiedTxs = 0;
  l1Batches = 0;

  constructor(o: VerifierOptions) {
    this.#o = o;
    this.verifiedBatches = (o.chain.store.lastBatch()?.index ?? -1) + 1;
  }

  /** Healthy unless a fault stands undisputed (no key, or the bridge refused the challenge). */
  get healthy(): boolean {
    return this.mismatch === null || this.challenges.at(-1)?.outcome === "won";
  }

  /** Verifies every new live batch on L1; returns how many were verified. */
  async poll(): Promise<number> {
    const { l1, chain } = this.#o;
    const head = await l1.blockNumber();
    const cursor = BigInt(chain.store.getMeta("verifier.l1Cursor") ?? this.#o.fromBlock.toString());
    if (cursor > head) return 0;
    const bridge = await l1.chainHead();
    if (this.mismatch && BigInt(this.mismatch.batchIndex) >= bridge.nextBatchIndex) this.#disputeSettled();
    const events = (await l1.batchEvents(cursor, head)).filter((e) => Number(e.batchIndex) >= this.verifiedBatches);
    this.l1Batches = Math.max(this.l1Batches, Number(bridge.nextBatchIndex));
    let done = 0;
    for (const event of events) {
      // Only the next batch. A batch a challenge deleted along with an earlier one and that is
      // posted again byte for byte has the header hash of the live one, so its old event looks
      // live too, but it comes before the replacement of the batch it builds on.
      if (Number(event.batchIndex) !== this.verifiedBatches) continue;
      if (!(await this.#isLive(event, bridge.nextBatchIndex))) continue;
      if (this.mismatch) {
        // The disputed batch is still live: wait for the challenge (or the window) to settle it.
        chain.store.setMeta("verifier.l1Cursor", event.l1Block.toString());
        return done;
      }
      if (!(await this.#verifyBatch(event))) {
        chain.store.setMeta("verifier.l1Cursor", event.l1Block.toString());
        return done;
      }
      done++;
      this.#o.logger.info({ batch: Number(event.batchIndex), verified: this.verifiedBatches, seen: this.l1Batches }, "batch verified");
    }
    chain.store.setMeta("verifier.l1Cursor", (head + 1n).toString());
    return done;
  }

  /** A batch event is live when the bridge still holds that header at that index (not deleted by a challenge). */
  async #isLive(event: BatchEvent, nextBatchIndex: bigint): Promise<boolean> {
    if (event.batchIndex >= nextBatchIndex) return false;
    return (await this.#o.l1.batchHeaderHash(event.batchIndex)) === event.headerHash;
  }

  #disputeSettled(): void {
    const last = this.challenges.at(-1);
    if (last && last.batchIndex === this.mismatch!.batchIndex) last.outcome = "won";
    this.#o.logger.info({ batch: this.mismatch!.batchIndex }, "the disputed batch was deleted by the bridge; verifying its replacement");
    this.mismatch = null;
  }

  async #verifyBatch(event: BatchEvent): Promise<boolean> {
    const { chain } = this.#o;
    const index = Number(event.batchIndex);
    const calldata = await this.#o.l1.batchCalldata(event.l1TxHash);
    const { header, chunks, stepRoots } = calldata;
    // The bridge computed both commitments from this calldata: an endpoint serving other bytes is lying, not the sequencer.
    if (dataCommitment(chunks) !== header.txDataHash || txRootsHash(stepRoots) !== header.txRootsHash) {
      throw new Error(
        `batch ${index}: the calldata served by L1 does not match the commitments the bridge stored (txDataHash/txRootsHash): check the L1 endpoint`,
      );
    }
    if (header.prevStateRoot !== chain.stateRoot) {
      throw new Error(
        `batch ${index} starts from ${header.prevStateRoot}, the verified chain is at ${chain.stateRoot}: the local store is out of step with L1`,
      );
    }
    // Chunks: every format and link rule, before anything runs.
    const decoded: ChunkContent[] = [];
    for (let j = 0; j < chunks.length; j++) {
      try {
        decoded.push(decodeChunk(chunks[j]!));
      } catch (e) {
        return this.#fault(calldata, event, { kind: "chunk", chunkIndex: j, reason: `chunk ${j}: ${(e as SutureError).message}` });
      }
    }
    try {
      checkChunkSequence(
        {
          stepCount: header.stepCount,
          firstBlock: header.firstBlock,
          lastBlock: header.lastBlock,
          queueStart: header.queueStart,
          queueEnd: header.queueEnd,
          firstTimestamp: header.firstTimestamp,
          lastTimestamp: header.lastTimestamp,
          prevLastTimestamp: 0n, // checked by the bridge at submission
        },
        decoded.map(chunkSummary),
      );
    } catch (e) {
      const details = (e as SutureError).details as { chunkIndex: number };
      return this.#fault(calldata, event, { kind: "chunk", chunkIndex: details.chunkIndex, reason: (e as Error).message });
    }
    await this.#waitForDeposits(header.queueEnd);
    let wrong: { stepIndex: number; expectedRoot: Hex } | null = null;
    let replay: { roots: Hex[]; blocks: Array<{ exec: ExecuteBlockReturnType; depositStart: bigint }> } | null = null;
    chain.state.checkpoint();
    try {
      replay = await this.#replay(decoded, header.proposer);
      const at = replay.roots.findIndex((root, i) => root !== stepRoots[i]);
      if (at >= 0) {
        wrong = { stepIndex: at, expectedRoot: replay.roots[at]! };
        chain.state.revertToCheckpoint();
      } else {
        for (const { exec, depositStart } of replay.blocks) chain.persist(exec, depositStart);
      }
    } finally {
      chain.state.releaseCheckpoint();
    }
    if (wrong) return this.#fault(calldata, event, { kind: "step", ...wrong, reason: "state root mismatch" });
    const txCount = txCountOf(decoded);
    // The state is now the batch's post-state: prove each withdrawal it made against that root, so
    // this node serves exits (GET /v1/proofs/withdrawal/:id) from L1 data alone.
    const proofs = withdrawalIdsOf(replay).map((id) => ({ id, proof: chain.state.tree.prove(withdrawalKey(id)) }));
    chain.store.insertBatch({ index, firstBlock: header.firstBlock, lastBlock: header.lastBlock, header: header as never, chunks, txCount, stepRoots }, proofs);
    chain.store.markBatchSubmitted(index, {
      txHash: event.l1TxHash,
      block: Number(event.l1Block),
      submittedAt: Number(event.submittedAt),
      finalAt: Number(event.finalAt),
      gasUsed: 0n,
    });
    this.verifiedBatches = index + 1;
    this.verifiedTxs += txCount;
    return true;
  }

  /** Waits until the queue's items up to `queueEnd` are stored and read (forced transactions decoded). */
  async #waitForDeposits(queueEnd: bigint): Promise<void> {
    const { store } = this.#o.chain;
    while (store.depositCount < queueEnd || store.readyQueueLength(this.#o.chain.queueCursor) < queueEnd) {
      if ((await this.#o.deposits.poll()) === 0) await new Promise((r) => setTimeout(r, 200));
    }
  }

  /**
   * Replays decoded chunks on the chain's state, block by block, without persisting. With `prove`
   * set, wraps step `prove` (batch-wide index) in proveStep and stops right after it with its
   * witness (thrown as Proven).
   */
  async #replay(decoded: ChunkContent[], proposer: Address, prove: number | null = null) {
    const { chain } = this.#o;
    const blocks: Array<{ exec: ExecuteBlockReturnType; depositStart: bigint }> = [];
    const roots: Hex[] = [];
    let number = chain.nextNumber;
    let parentHash = chain.head?.hash ?? chain.genesisRoot;
    // The queue cursor of the chain (blocks replayed here are not persisted yet: carried along).
    let queueCursor = chain.queueCursor;
    for (const chunk of decoded) {
      for (const body of chunk.blocks) {
        const first = roots.length;
        const { txs, unreadable } = await this.#readTransactions(body.txs);
        const depositStart = queueCursor;
        const deposits: QueueItem[] = chain.store.queueItems(depositStart, body.depositCount);
        if (deposits.length !== body.depositCount) throw new Error(`queue items ${depositStart}.. are not all stored and read`);
        queueCursor += BigInt(body.depositCount);
        const local = prove === null ? -1 : prove - first;
        const exec = executeBlock({
          state: chain.state,
          number,
          parentHash,
          timestamp: body.timestamp,
          feeRecipient: proposer,
          deposits,
          txs,
          unreadable,
          keepRejected: true,
          checkReviewProof: this.#o.proofs.check,
          runStep:
            local >= 0 && local < blockStepCount(body)
              ? (i, run) => {
                  if (i !== local) return run();
                  // The fold step's witness also carries the review tree's path (ChainStepsTwin.applyFold).
                  if (i === blockStepCount(body) - 1) throw new Proven(encodeFoldWitness(proveFold(chain.state)));
                  throw new Proven(encodeWitness(proveStep(chain.state, run).witness));
                }
              : undefined,
        });
        roots.push(...exec.block.stepRoots);
        blocks.push({ exec, depositStart });
        number++;
        parentHash = exec.block.hash;
      }
    }
    return { roots, blocks };
  }

  /** Decodes and recovers a block's transactions; those that fail either are no-op steps. */
  async #readTransactions(raw: Uint8Array[]): Promise<{ txs: Tx[]; unreadable: Set<number> }> {
    const { chain, signatures, proofs } = this.#o;
    const read = await Promise.all(raw.map((bytes) => readPostedTransaction(bytes, { domain: chain.domain, signatures, proofs })));
    const txs: Tx[] = [];
    const unreadable = new Set<number>();
    for (const [i, tx] of read.entries()) {
      if (tx === null) unreadable.add(i);
      else txs.push(tx);
    }
    return { txs, unreadable };
  }

  /** Records a fault, and challenges it when a challenger key is configured. */
  async #fault(
    calldata: Calldata,
    event: BatchEvent,
    f: { kind: "step" | "chunk"; stepIndex?: number; chunkIndex?: number; expectedRoot?: Hex; reason: string },
  ): Promise<false> {
    const batchIndex = Number(event.batchIndex);
    const mismatch: Mismatch = {
      batchIndex,
      stepIndex: f.stepIndex ?? null,
      chunkIndex: f.chunkIndex ?? null,
      kind: f.kind,
      expectedRoot: f.expectedRoot ?? null,
      claimedRoot: f.stepIndex === undefined ? null : (calldata.stepRoots[f.stepIndex] ?? null),
      reason: f.reason,
    };
    this.mismatch = mismatch;
    this.#o.logger.error({ ...mismatch }, `verifier: batch ${batchIndex} is wrong (${f.kind} ${f.stepIndex ?? f.chunkIndex}): ${f.reason}`);
    const record: ChallengeRecord = {
      batchIndex,
      stepIndex: mismatch.stepIndex,
      chunkIndex: mismatch.chunkIndex,
      kind: f.kind,
      l1TxHash: null,
      outcome: this.#o.challenge ? "pending" : "unsent",
      error: null,
    };
    this.challenges.push(record);
    if (!this.#o.challenge) return false;
    try {
      const sent =
        f.kind === "chunk"
          ? await this.#o.l1.challengeChunk(calldata.header, chunkChallenge(calldata, f.chunkIndex!))
          : await this.#o.l1.challengeStep(calldata.header, await this.#stepChallenge(calldata, f.stepIndex!));
      record.l1TxHash = sent.txHash;
      record.outcome = "won";
      this.#o.metrics?.challenges.inc({ kind: f.kind, outcome: "won" });
      this.#o.logger.warn({ batch: batchIndex, kind: f.kind, l1Tx: sent.txHash }, "challenge won: the bridge deleted the batch");
      this.mismatch = null;
    } catch (error) {
      record.outcome = "failed";
      record.error = (error as Error).message;
      this.#o.metrics?.challenges.inc({ kind: f.kind, outcome: "failed" });
      this.#o.logger.error({ batch: batchIndex, err: record.error }, "challenge failed");
    }
    return false;
  }

  /** Everything challengeStep needs, from L1 data and a replay of the batch up to the step. */
  async #stepChallenge(calldata: Calldata, stepIndex: number): Promise<StepChallengeArgs> {
    const { chain } = this.#o;
    const { header, chunks, stepRoots } = calldata;
    const decoded = chunks.map(decodeChunk);
    const chunkIndex = decoded.findIndex((c) => {
      const s = chunkSummary(c);
      return BigInt(stepIndex) >= s.firstStep && BigInt(stepIndex) < s.firstStep + s.stepCount;
    });
    let witness: Hex | null = null;
    let item: QueueItem | null = null;
    chain.state.checkpoint();
    try {
      await this.#replay(decoded, header.proposer, stepIndex);
    } catch (e) {
      if (!(e instanceof Proven)) throw e;
      witness = e.witness;
      const at = locateDeposit(decoded, stepIndex);
      if (at !== null) item = chain.store.queueItems(at, 1)[0] ?? null;
    } finally {
      chain.state.revertToCheckpoint();
      chain.state.releaseCheckpoint();
    }
    if (witness === null) throw new Error(`step ${stepIndex} of batch ${header.batchIndex} was not reached in the replay`);
    const zero = "0x0000000000000000000000000000000000000000" as Address;
    return {
      stepIndex: BigInt(stepIndex),
      preRoot: stepIndex === 0 ? header.prevStateRoot : stepRoots[stepIndex - 1]!,
      preRootProof: stepIndex === 0 ? [] : stepRootProof(stepRoots, stepIndex - 1),
      postRoot: stepRoots[stepIndex]!,
      postRootProof: stepRootProof(stepRoots, stepIndex),
      chunkIndex: BigInt(chunkIndex),
      chunk: bytesToHex(chunks[chunkIndex]!),
      chunkHashes: chunks.map((c) => bytesToHex(keccak(c))),
      item: item
        ? { index: item.index, l1Sender: item.l1Sender, l2Recipient: item.l2Recipient, amount: item.amount, transaction: item.forced?.raw ?? "0x" }
        : { index: 0n, l1Sender: zero, l2Recipient: zero, amount: 0n, transaction: "0x" },
      witness,
    };
  }
}

/** The queue index a queue step (deposit or forced transaction) consumes, or null when the step is not one. */
function locateDeposit(decoded: ChunkContent[], stepIndex: number): bigint | null {
  for (const chunk of decoded) {
    let step = chunk.firstStep;
    let deposit = chunk.firstDeposit;
    for (const block of chunk.blocks) {
      const local = BigInt(stepIndex) - step;
      if (local >= 0n && local < BigInt(blockStepCount(block))) return local < BigInt(block.depositCount) ? deposit + local : null;
      step += BigInt(blockStepCount(block));
      deposit += BigInt(block.depositCount);
    }
  }
  return null;
}

function chunkChallenge({ chunks }: Calldata, chunkIndex: number): ChunkChallengeArgs {
  return {
    chunkIndex: BigInt(chunkIndex),
    chunk: bytesToHex(chunks[chunkIndex]!),
    previousChunk: chunkIndex === 0 ? "0x" : bytesToHex(chunks[chunkIndex - 1]!),
    chunkHashes: chunks.map((c) => bytesToHex(keccak(c))),
  };
}

/** Withdrawals a replayed batch created, from posted and forced transactions alike. */
function withdrawalIdsOf(replay: { blocks: Array<{ exec: ExecuteBlockReturnType }> } | null): bigint[] {
  const ids: bigint[] = [];
  for (const { exec } of replay?.blocks ?? []) {
    const forced = (exec.block as { forced?: Array<{ receipt: Receipt }> }).forced ?? [];
    for (const r of [...exec.block.receipts, ...forced.map((f) => f.receipt)]) {
      const id = r.status === "ok" ? (r.result as { withdrawalId?: bigint }).withdrawalId : undefined;
      if (id !== undefined) ids.push(id);
    }
  }
  return ids;
}

function txCountOf(decoded: ChunkContent[]): number {
  return decoded.reduce((n, c) => n + c.blocks.reduce((m, b) => m + b.txs.length, 0), 0);
}
