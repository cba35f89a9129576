// The L2 side of the dispute tests, built with the node's own code: an L2 replica that executes
// posted blocks with executeBlock (as the verifier replays them: rejected and unreadable
// transactions stay steps that change nothing) and proves every step's witness with proveStep;
// batches sealed as BatchSealer seals them (encodeChunks, step roots, header); and the challenge
// arguments built as the verifier builds them. A faulty sequencer is modelled by sealing the
// posted blocks with roots of its own (another replica, or forged ones).
import { keccak256, type Address, type Hex } from "viem";
import { executeBlock } from "../../sequencer/src/chain";
import { bytesToHex, hexToBytes } from "../../sequencer/src/crypto/bytes";
import {
  blockStepCount,
  chunkSummary,
  dataCommitment,
  decodeChunk,
  decodeTx,
  encodeChunks,
  isSigned,
  recoverSigner,
  stepRootProof,
  txRootsHash,
  typedDataDigest,
  type BatchHeader,
  type ChunkBlock,
  type Tx,
} from "../../sequencer/src/protocol";
import { proveStep, type GenesisParams } from "../../sequencer/src/state";
import { encodeFoldWitness, proveFold, type QueueItem } from "../../sequencer/src/stf";
import { TestChain } from "../../sequencer/src/stf/testing/harness";
import { encodeWitness } from "../../sequencer/src/tree";

/**
 * A block as a sequencer posts it: its time, the L1 queue items it consumes (deposits, and forced
 * transactions with `forced` set: see `forcedItem`), and any transaction bytes.
 */
export type PostedBlock = { timestamp: number; deposits: QueueItem[]; txs: Uint8Array[] };

/** A posted block after execution: its number, the root after each step, and each step's witness. */
export type ExecutedBlock = PostedBlock & {
  number: bigint;
  stepRoots: Hex[];
  /** Each step's witness against the root before it, as challengeStep takes it (the fold's with the review tree's path). */
  witnesses: Hex[];
};

/** A sealed batch: what `submitBatch` takes. */
export type L2Batch = { header: BatchHeader; chunks: Hex[]; stepRoots: Hex[] };

/** The queue item argument of a challenge that is not about a queue step. */
export const NO_ITEM = {
  index: 0n,
  l1Sender: "0x0000000000000000000000000000000000000000",
  l2Recipient: "0x0000000000000000000000000000000000000000",
  amount: 0n,
  transaction: "0x",
} as const;

/** An L2 chain replayed from genesis with the node's STF, block by block. */
export class L2Replica {
  readonly chain: TestChain;
  /** The fee recipient of every block, lower case as the node writes L2 addresses (L1Client lowercases the header's). */
  readonly proposer: Address;
  nextBlock = 0n;
  #parentHash: Hex;

  constructor(params: GenesisParams, proposer: Address) {
    this.chain = new TestChain({ params });
    this.proposer = proposer.toLowerCase() as Address;
    this.#parentHash = this.chain.state.root();
  }

  get root(): Hex {
    return this.chain.state.root();
  }

  /**
   * Executes a posted block exactly as the verifier replays one: bytes that do not decode or
   * recover a signer are no-op steps, rejected transactions keep their (unchanged) root. Every
   * step is run under proveStep (the fold under proveFold), so each has its witness.
   */
  execute(block: PostedBlock): ExecutedBlock {
    const { state, domain } = this.chain;
    const txs: Tx[] = [];
    const unreadable = new Set<number>();
    for (const [i, bytes] of block.txs.entries()) {
      const tx = readTransaction(domain, bytes);
      if (tx === null) unreadable.add(i);
      else txs.push(tx);
    }
    const fold = block.deposits.length + block.txs.length;
    const witnesses: Hex[] = [];
    const exec = executeBlock({
      state,
      number: this.nextBlock,
      timestamp: block.timestamp,
      feeRecipient: this.proposer,
      parentHash: this.#parentHash,
      deposits: block.deposits,
      txs,
      unreadable,
      keepRejected: true,
      checkReviewProof: () => false,
      runStep: <T>(i: number, run: () => T): T => {
        if (i === fold) {
          // The fold step's witness also carries the review tree's path (as the verifier proves it).
          witnesses[i] = encodeFoldWitness(proveFold(state));
          return state.root() as T;
        }
        const { result, witness } = proveStep(state, run);
        witnesses[i] = encodeWitness(witness);
        return result;
      },
    });
    this.nextBlock++;
    this.#parentHash = exec.block.hash;
    return { ...block, number: exec.block.number, stepRoots: exec.block.stepRoots, witnesses };
  }
}

/** Decodes and recovers posted transaction bytes as the verifier does; null when either fails. */
export function readTransaction(domain: TestChain["domain"], bytes: Uint8Array): Tx | null {
  try {
    const view = decodeTx(bytes);
    const from = isSigned(view.type) ? recoverSigner(typedDataDigest(domain, view.type, view.message), view.signature!) : null;
    return { ...view, from } as Tx;
  } catch {
    return null;
  }
}

export type SealBatchParameters = {
  batchIndex: bigint;
  prevStateRoot: Hex;
  /** The posted blocks, in order (their data becomes the chunks). */
  blocks: ExecutedBlock[];
  /** The committed step roots; default: the blocks' own (an honest batch). */
  stepRoots?: Hex[];
  /** The first L1 queue item the batch consumes (the previous batch's queueEnd). */
  queueStart: bigint;
  /** `queueHash[queueEnd]` on L1. */
  queueHash: Hex;
  proposer: Address;
  /** Largest decoded chunk (smaller than the protocol's to spread a short batch over several chunks). */
  maxRawBytes?: number;
};

/** Seals blocks into a batch as BatchSealer does: chunks from step 0, the header from the blocks. */
export function sealBatch({ batchIndex, prevStateRoot, blocks, stepRoots, queueStart, queueHash, proposer, maxRawBytes }: SealBatchParameters): L2Batch {
  const first = blocks[0]!;
  const last = blocks[blocks.length - 1]!;
  const chunks = encodeChunks(
    { firstStep: 0n, firstBlock: first.number, firstDeposit: queueStart, blocks: blocks.map(chunkBlock) },
    maxRawBytes === undefined ? {} : { maxRawBytes },
  ).map(bytesToHex);
  const roots = stepRoots ?? blocks.flatMap((b) => b.stepRoots);
  const depositCount = blocks.reduce((n, b) => n + b.deposits.length, 0);
  return {
    chunks,
    stepRoots: roots,
    header: {
      batchIndex,
      prevStateRoot,
      postStateRoot: roots[roots.length - 1]!,
      txDataHash: dataCommitment(chunks.map(hexToBytes)),
      txRootsHash: txRootsHash(roots),
      stepCount: BigInt(roots.length),
      queueStart,
      queueEnd: queueStart + BigInt(depositCount),
      queueHash,
      firstBlock: first.number,
      lastBlock: last.number,
      firstTimestamp: BigInt(first.timestamp),
      lastTimestamp: BigInt(last.timestamp),
      proposer,
    },
  };
}

/** A block as a chunk holds it. */
export function chunkBlock(b: PostedBlock): ChunkBlock {
  return { timestamp: b.timestamp, depositCount: b.deposits.length, txs: b.txs };
}

/**
 * A batch with some of its parts replaced (crafted by a faulty sequencer); the header's
 * commitments (data hash, step-root hash and count, post-state root) are recomputed from them,
 * then `header` overrides any field.
 */
export function reseal(batch: L2Batch, change: { chunks?: Hex[]; stepRoots?: Hex[]; header?: Partial<BatchHeader> }): L2Batch {
  const chunks = change.chunks ?? batch.chunks;
  const stepRoots = change.stepRoots ?? batch.stepRoots;
  return {
    chunks,
    stepRoots,
    header: {
      ...batch.header,
      txDataHash: dataCommitment(chunks.map(hexToBytes)),
      txRootsHash: txRootsHash(stepRoots),
      stepCount: BigInt(stepRoots.length),
      postStateRoot: stepRoots[stepRoots.length - 1]!,
      ...change.header,
    },
  };
}

/** The chunk of a batch that holds step `stepIndex` (by the node's decoder). */
export function chunkOfStep(batch: L2Batch, stepIndex: number): number {
  const i = batch.chunks.findIndex((c) => {
    const s = chunkSummary(decodeChunk(hexToBytes(c)));
    return BigInt(stepIndex) >= s.firstStep && BigInt(stepIndex) < s.firstStep + s.stepCount;
  });
  if (i < 0) throw new RangeError(`no chunk holds step ${stepIndex}`);
  return i;
}

/** A queue item as challengeStep takes it (StepChallenge.item): `transaction` is empty for a deposit. */
export type QueueItemArgs = { index: bigint; l1Sender: Address; l2Recipient: Address; amount: bigint; transaction: Hex };

/** The challenge argument of a queue item the node consumed (a deposit or a forced transaction). */
export function queueItemArgs(item: QueueItem): QueueItemArgs {
  if (item.forced) return { index: item.index, l1Sender: item.l1Sender, l2Recipient: ZERO_ADDRESS, amount: 0n, transaction: item.forced.raw };
  return { index: item.index, l1Sender: item.l1Sender, l2Recipient: item.l2Recipient, amount: item.amount, transaction: "0x" };
}

const ZERO_ADDRESS: Address = "0x0000000000000000000000000000000000000000";

/**
 * A forced transaction as the node reads it from the bridge's TransactionForced event: its bytes,
 * decoded and recovered as a posted transaction's are (null when they do not decode or recover).
 */
export function forcedItem(domain: TestChain["domain"], index: bigint, l1Sender: Address, raw: Hex): QueueItem {
  return { index, l1Sender, l2Recipient: ZERO_ADDRESS, amount: 0n, forced: { raw, tx: readTransaction(domain, hexToBytes(raw)) } };
}

/** challengeStep's argument, as the verifier builds it (Verifier.#stepChallenge). */
export function stepChallenge(
  batch: L2Batch,
  stepIndex: number,
  witness: Hex,
  { item, chunkIndex = chunkOfStep(batch, stepIndex) }: { item?: QueueItemArgs; chunkIndex?: number } = {},
) {
  const { header, chunks, stepRoots } = batch;
  return {
    stepIndex: BigInt(stepIndex),
    preRoot: stepIndex === 0 ? header.prevStateRoot : stepRoots[stepIndex - 1]!,
    preRootProof: stepIndex === 0 ? [] : stepRootProof(stepRoots, stepIndex - 1),
    postRoot: stepRoots[stepIndex]!,
    postRootProof: stepRootProof(stepRoots, stepIndex),
    chunkIndex: BigInt(chunkIndex),
    chunk: chunks[chunkIndex]!,
    chunkHashes: chunks.map((c) => keccak256(c)),
    item: item ?? NO_ITEM,
    witness,
  };
}

/** challengeChunk's argument, as the verifier builds it. */
export function chunkChallenge(batch: L2Batch, chunkIndex: number) {
  return {
    chunkIndex: BigInt(chunkIndex),
    chunk: batch.chunks[chunkIndex]!,
    previousChunk: chunkIndex === 0 ? ("0x" as Hex) : batch.chunks[chunkIndex - 1]!,
    chunkHashes: batch.chunks.map((c) => keccak256(c)),
  };
}

/**
 * Batch-wide index of every step of the blocks, with its kind and, for a queue step, its item
 * (kind "deposit" for a deposit, "forced" for a forced transaction).
 */
export function stepsOf(blocks: ExecutedBlock[]): Array<{ kind: "deposit" | "forced" | "tx" | "fold"; deposit?: QueueItem; tx?: Uint8Array; witness: Hex }> {
  const out: ReturnType<typeof stepsOf> = [];
  for (const b of blocks) {
    const n = blockStepCount({ depositCount: b.deposits.length, txs: b.txs });
    for (let i = 0; i < n; i++) {
      const witness = b.witnesses[i]!;
      if (i < b.deposits.length) out.push({ kind: b.deposits[i]!.forced ? "forced" : "deposit", deposit: b.deposits[i]!, witness });
      else if (i < n - 1) out.push({ kind: "tx", tx: b.txs[i - b.deposits.length]!, witness });
      else out.push({ kind: "fold", witness });
    }
  }
  return out;
}

/** A raw (codec 0) chunk from its decoded payload. */
export function rawChunk(payload: Uint8Array | number[]): Hex {
  return bytesToHex(new Uint8Array([0, ...payload]));
}

/** Unsigned LEB128, as chunks write their integers. */
export function varint(value: number | bigint): number[] {
  let v = BigInt(value);
  const out: number[] = [];
  do {
    const b = Number(v & 0x7fn);
    v >>= 7n;
    out.push(v > 0n ? b | 0x80 : b);
  } while (v > 0n);
  return out;
}
