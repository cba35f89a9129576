// What a chunk proves about its batch, and the rules that tie a batch's chunks to each other and
// to its header (docs/fraud-proofs.md, "Disputes": challengeChunk). Each rule has a stable name
// and a code (its position in CHUNK_LINK_RULES, plus one), the code Chunks.checkLink returns on
// L1, so a node can tell which rule a batch breaks and the bridge can check the same one.
// Also: locating one step of a chunk (the block context and bytes challengeStep re-executes).
import { SutureError } from "../../errors";
import { blockStepCount, type ChunkContent } from "./chunks";

/** Counters and time span of one decoded chunk. Steps, blocks and deposits are batch-wide indices. */
export type ChunkSummary = {
  firstStep: bigint;
  stepCount: bigint;
  firstBlock: bigint;
  blockCount: bigint;
  firstDeposit: bigint;
  depositCount: bigint;
  firstTimestamp: bigint;
  lastTimestamp: bigint;
};

/**
 * What the chunks of a batch must add up to: the header's fields, its step count (the number of
 * step roots) and the previous batch's last timestamp (0 before the first batch).
 */
export type ChunkBounds = {
  stepCount: bigint;
  firstBlock: bigint;
  lastBlock: bigint;
  queueStart: bigint;
  queueEnd: bigint;
  firstTimestamp: bigint;
  lastTimestamp: bigint;
  prevLastTimestamp: bigint;
};

/**
 * The cross-chunk rules, in the order they are checked. Inside a chunk, timestamps never
 * decrease: that is a decode rule (decodeChunk, Chunks.summarize).
 * - firstStep, firstBlock, firstDeposit: chunk 0 starts at step 0, the header's firstBlock and
 *   queueStart; every later chunk where the previous one ends;
 * - firstTimestamp: chunk 0 starts at the header's firstTimestamp, which is not before the
 *   previous batch's last; a later chunk does not start before the previous one's last timestamp;
 * - stepEnd, blockEnd, depositEnd, lastTimestamp: the last chunk ends at the header's stepCount,
 *   lastBlock + 1 and queueEnd, and its last block has the header's lastTimestamp.
 */
export const CHUNK_LINK_RULES = ["firstStep", "firstBlock", "firstDeposit", "firstTimestamp", "stepEnd", "blockEnd", "depositEnd", "lastTimestamp"] as const;
export type ChunkLinkRule = (typeof CHUNK_LINK_RULES)[number];

/** Summarizes a decoded chunk. */
export function chunkSummary(decoded: ChunkContent): ChunkSummary {
  let steps = 0n;
  let deposits = 0n;
  for (const b of decoded.blocks) {
    steps += BigInt(blockStepCount(b));
    deposits += BigInt(b.depositCount);
  }
  return {
    firstStep: decoded.firstStep,
    stepCount: steps,
    firstBlock: decoded.firstBlock,
    blockCount: BigInt(decoded.blocks.length),
    firstDeposit: decoded.firstDeposit,
    depositCount: deposits,
    firstTimestamp: BigInt(decoded.blocks[0]!.timestamp),
    lastTimestamp: BigInt(decoded.blocks.at(-1)!.timestamp),
  };
}

/**
 * The first rule chunk `current` breaks given the chunk before it (`previous`, null for chunk 0)
 * and whether it is the batch's last chunk; null when it breaks none.
 */
export function chunkLinkFault(bounds: ChunkBounds, previous: ChunkSummary | null, current: ChunkSummary, isLast: boolean): ChunkLinkRule | null {
  if (current.firstStep !== (previous ? previous.firstStep + previous.stepCount : 0n)) return "firstStep";
  if (current.firstBlock !== (previous ? previous.firstBlock + previous.blockCount : bounds.firstBlock)) return "firstBlock";
  if (current.firstDeposit !== (previous ? previous.firstDeposit + previous.depositCount : bounds.queueStart)) return "firstDeposit";
  if (
    previous
      ? current.firstTimestamp < previous.lastTimestamp
      : current.firstTimestamp !== bounds.firstTimestamp || bounds.firstTimestamp < bounds.prevLastTimestamp
  ) {
    return "firstTimestamp";
  }
  if (!isLast) return null;
  if (current.firstStep + current.stepCount !== bounds.stepCount) return "stepEnd";
  if (current.firstBlock + current.blockCount !== bounds.lastBlock + 1n) return "blockEnd";
  if (current.firstDeposit + current.depositCount !== bounds.queueEnd) return "depositEnd";
  if (current.lastTimestamp !== bounds.lastTimestamp) return "lastTimestamp";
  return null;
}

/**
 * Checks a whole batch's chunk summaries against each other and the header. Throws SutureError
 * DECODE_ERROR naming the first broken rule, with `details.chunkIndex` and `details.rule`.
 */
export function checkChunkSequence(bounds: ChunkBounds, summaries: ChunkSummary[]): void {
  if (summaries.length === 0) throw new SutureError("DECODE_ERROR", "a batch has at least one chunk", { rule: "chunkCount" });
  summaries.forEach((current, i) => {
    const rule = chunkLinkFault(bounds, i === 0 ? null : summaries[i - 1]!, current, i === summaries.length - 1);
    if (rule) throw new SutureError("DECODE_ERROR", `chunk ${i} breaks the chunk rule "${rule}"`, { chunkIndex: i, rule });
  });
}

export const STEP_KINDS = { deposit: 0, tx: 1, fold: 2 } as const;

/**
 * One step of a chunk with its block context. `depositIndex` is the queue index of the deposit a
 * deposit step consumes; for a transaction or fold step, the queue position after its block's
 * deposits. `txBytes` is empty except for a transaction step.
 */
export type StepRef = { kind: 0 | 1 | 2; blockNumber: bigint; timestamp: bigint; depositIndex: bigint; txBytes: Uint8Array };

/** The step with batch-wide index `stepIndex`, or null when the chunk does not hold it. */
export function locateStep(decoded: ChunkContent, stepIndex: bigint): StepRef | null {
  if (stepIndex < decoded.firstStep) return null;
  let step = decoded.firstStep;
  let deposit = decoded.firstDeposit;
  for (const [i, b] of decoded.blocks.entries()) {
    const context = { blockNumber: decoded.firstBlock + BigInt(i), timestamp: BigInt(b.timestamp) };
    const deposits = BigInt(b.depositCount);
    if (stepIndex < step + deposits) return { kind: 0, ...context, depositIndex: deposit + (stepIndex - step), txBytes: new Uint8Array() };
    step += deposits;
    deposit += deposits;
    const txs = BigInt(b.txs.length);
    if (stepIndex < step + txs) return { kind: 1, ...context, depositIndex: deposit, txBytes: b.txs[Number(stepIndex - step)]! };
    step += txs;
    if (stepIndex === step) return { kind: 2, ...context, depositIndex: deposit, txBytes: new Uint8Array() };
    step += 1n;
  }
  return null;
}
