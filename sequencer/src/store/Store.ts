// The node's durable store over SQLite: blocks, transactions and receipts, the state's leaves,
// review-tree leaves, the L1 queue (deposits and forced transactions), batches and their L1 status, withdrawal proofs and blobs with
// their owner and each owner's running total. Every block is written in one SQLite transaction
// with the state it produced.
import type { Address, Hex } from "viem";
import type { Block } from "../chain";
import { txToJson } from "../protocol";
import { canonicalize, decanonicalize, type Namespace, type State } from "../state";
import type { Deposit, ForcedTransaction, QueueItem } from "../stf";
import { openDatabase, StoreError, type Db } from "./openDatabase";

export type StoredBlock = {
  number: bigint;
  hash: Hex;
  parentHash: Hex;
  timestamp: number;
  stateRoot: Hex;
  txCount: number;
  depositStart: bigint;
  depositCount: number;
  body: Uint8Array;
  stepRoots: Hex[];
  batchIndex: number | null;
};

export type StoredTx = {
  hash: Hex;
  blockNumber: bigint;
  /** Position among the block's posted transactions; negative for a forced one (queue items come first). */
  index: number;
  type: string;
  sender: string | null;
  tx: unknown;
  result: unknown;
  stateRoot: Hex;
  /** Set for a transaction forced through the L1 queue: its queue index. */
  queueIndex: bigint | null;
};

/**
 * An L1 queue item as stored: a deposit, or (`transaction` set: its bytes as queued; l2Recipient
 * zero, amount 0) a forced transaction.
 */
export type StoredDeposit = Deposit & { transaction?: Hex; queueHash: Hex; l1Block: number; l1BlockHash: Hex; l1TxHash: Hex };

export type BatchStatus = "sealed" | "submitted";

/** Bytes and blobs stored by one owner (or by the node in all). */
export type BlobUsage = { bytes: number; count: number };

export type PutBlobParameters = { hash: Hex; data: Uint8Array; owner: Address | null; at: number };

export type StoredBatch = {
  index: number;
  firstBlock: bigint;
  lastBlock: bigint;
  header: Record<string, unknown>;
  /** The batch's data as posted: its chunks. */
  chunks: Uint8Array[];
  txCount: number;
  stepRoots: Hex[];
  status: BatchStatus;
  l1TxHash: Hex | null;
  l1Block: number | null;
  submittedAt: number | null;
  /** L1 time from which the batch is final: its BatchSubmitted event's finalAt (null until posted). */
  finalAt: number | null;
  gasUsed: bigint | null;
};

function packRoots(roots: Hex[]): Buffer {
  return Buffer.concat(roots.map((r) => Buffer.from(r.slice(2), "hex")));
}

/** Chunks in one blob: a 4-byte count, then each chunk as a 4-byte length and its bytes. */
function packChunks(chunks: Uint8Array[]): Buffer {
  const parts: Buffer[] = [u32(chunks.length)];
  for (const c of chunks) parts.push(u32(c.length), Buffer.from(c.buffer, c.byteOffset, c.length));
  return Buffer.concat(parts);
}

function unpackChunks(buf: Buffer): Uint8Array[] {
  const count = buf.readUInt32BE(0);
  const out: Uint8Array[] = [];
  for (let i = 0, at = 4; i < count; i++) {
    const length = buf.readUInt32BE(at);
    out.push(new Uint8Array(buf.subarray(at + 4, at + 4 + length)));
    at += 4 + length;
  }
  return out;
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}

function unpackRoots(buf: Buffer): Hex[] {
  const out: Hex[] = [];
  for (let i = 0; i < buf.length; i += 32) out.push(`0x${buf.subarray(i, i + 32).toString("hex")}`);
  return out;
}

export class Store {
  readonly db: Db;
  readonly #stmts;
  #depositCount: bigint | null = null;
  /**
   * Forced transactions read (decoded, signer recovered: DepositWatcher) by queue index. In memory:
   * recovery is async, block production and replay read it synchronously; after a restart the
   * watcher reads the stored bytes again.
   */
  readonly #forced = new Map<bigint, ForcedTransaction>();
  #blobTotal: BlobUsage;

  constructor({ path }: { path: string }) {
    this.db = openDatabase({ path });
    const db = this.db;
    this.#stmts = {
      getMeta: db.prepare("SELECT value FROM meta WHERE key = ?"),
      setMeta: db.prepare("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value"),
      insertBlock: db.prepare(
        "INSERT INTO blocks (number, hash, parent_hash, timestamp, state_root, tx_count, deposit_start, deposit_count, body, step_roots) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      ),
      insertTx: db.prepare("INSERT INTO txs (hash, block_number, idx, type, sender, tx, result, state_root) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
      insertForcedTx: db.prepare(
        "INSERT OR IGNORE INTO txs (hash, block_number, idx, type, sender, tx, result, state_root, queue_index) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      ),
      insertRejected: db.prepare("INSERT OR REPLACE INTO rejected_txs (hash, code, message, details, at) VALUES (?, ?, ?, ?, ?)"),
      putState: db.prepare("INSERT INTO state (ns, id, value) VALUES (?, ?, ?) ON CONFLICT(ns, id) DO UPDATE SET value = excluded.value"),
      delState: db.prepare("DELETE FROM state WHERE ns = ? AND id = ?"),
      insertLeaf: db.prepare("INSERT INTO review_leaves (idx, leaf) VALUES (?, ?)"),
      countLeaves: db.prepare("SELECT COALESCE(MAX(idx) + 1, 0) AS n FROM review_leaves"),
      latestBlock: db.prepare("SELECT * FROM blocks ORDER BY number DESC LIMIT 1"),
      getBlock: db.prepare("SELECT * FROM blocks WHERE number = ?"),
      blockRange: db.prepare("SELECT * FROM blocks WHERE number >= ? AND number <= ? ORDER BY number"),
      getTx: db.prepare("SELECT * FROM txs WHERE hash = ?"),
      getRejected: db.prepare("SELECT * FROM rejected_txs WHERE hash = ?"),
      txsOfBlock: db.prepare("SELECT * FROM txs WHERE block_number = ? ORDER BY idx"),
      lastSubmittedBatch: db.prepare("SELECT MAX(batch_index) AS idx FROM batches WHERE status = 'submitted'"),
      insertDeposit: db.prepare(
        "INSERT OR IGNORE INTO deposits (queue_index, l1_sender, l2_recipient, amount, queue_hash, l1_block, l1_block_hash, l1_tx_hash, tx) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      ),
      forcedFrom: db.prepare("SELECT * FROM deposits WHERE queue_index >= ? AND tx IS NOT NULL ORDER BY queue_index"),
      depositsFrom: db.prepare("SELECT * FROM deposits WHERE queue_index >= ? ORDER BY queue_index LIMIT ?"),
      lastDeposit: db.prepare("SELECT * FROM deposits ORDER BY queue_index DESC LIMIT 1"),
      getDeposit: db.prepare("SELECT * FROM deposits WHERE queue_index = ?"),
      insertBatch: db.prepare(
        "INSERT INTO batches (batch_index, first_block, last_block, header, data, tx_count, step_roots, status) VALUES (?, ?, ?, ?, ?, ?, ?, 'sealed')",
      ),
      markBatchSubmitted: db.prepare(
        "UPDATE batches SET status = 'submitted', l1_tx_hash = ?, l1_block = ?, submitted_at = ?, final_at = ?, gas_used = ? WHERE batch_index = ?",
      ),
      setBlocksBatch: db.prepare("UPDATE blocks SET batch_index = ? WHERE number >= ? AND number <= ?"),
      getBatch: db.prepare("SELECT * FROM batches WHERE batch_index = ?"),
      lastBatch: db.prepare("SELECT * FROM batches ORDER BY batch_index DESC LIMIT 1"),
      batchesByStatus: db.prepare("SELECT * FROM batches WHERE status = ? ORDER BY batch_index"),
      listBatches: db.prepare("SELECT * FROM batches WHERE batch_index < ? ORDER BY batch_index DESC LIMIT ?"),
      countBatches: db.prepare("SELECT status, COUNT(*) AS n FROM batches GROUP BY status"),
      putProof: db.prepare("INSERT OR REPLACE INTO withdrawal_proofs (id, batch_index, proof) VALUES (?, ?, ?)"),
      getProof: db.prepare("SELECT * FROM withdrawal_proofs WHERE id = ?"),
      putBlob: db.prepare("INSERT OR IGNORE INTO blobs (hash, data, created_at, owner, size) VALUES (?, ?, ?, ?, ?)"),
      addBlobUsage: db.prepare(
        "INSERT INTO blob_usage (owner, bytes, count) VALUES (?, ?, 1) ON CONFLICT(owner) DO UPDATE SET bytes = bytes + excluded.bytes, count = count + 1",
      ),
      blobUsage: db.prepare("SELECT bytes, count FROM blob_usage WHERE owner = ?"),
      blobTotal: db.prepare("SELECT COALESCE(SUM(bytes), 0) AS bytes, COALESCE(SUM(count), 0) AS count FROM blob_usage"),
      hasBlob: db.prepare("SELECT 1 FROM blobs WHERE hash = ?"),
      getBlob: db.prepare("SELECT data FROM blobs WHERE hash = ?"),
      allState: db.prepare("SELECT ns, id, value FROM state"),
      allLeaves: db.prepare("SELECT leaf FROM review_leaves ORDER BY idx"),
    };
    // One pass over the owners at start; kept in step by putBlob after.
    this.#blobTotal = { ...(this.#stmts.blobTotal.get() as BlobUsage) };
  }

  close(): void {
    this.db.close();
  }

  getMeta(key: string): string | undefined {
    return (this.#stmts.getMeta.get(key) as { value: string } | undefined)?.value;
  }

  setMeta(key: string, value: string): void {
    this.#stmts.setMeta.run(key, value);
  }

  /**
   * Persists a block with everything it changed: its transactions and receipts, the state leaves
   * it wrote, new review-tree leaves and the rejected transactions. One SQLite transaction.
   */
  saveBlock({
    block,
    body,
    state,
    rejected,
    depositStart,
  }: {
    block: Block;
    body: Uint8Array;
    state: State;
    rejected: Array<{ txHash: Hex; code: string; message: string; details: Record<string, unknown> }>;
    depositStart: bigint;
  }): void {
    const s = this.#stmts;
    const changes = state.drainChanges();
    try {
      this.db.transaction(() => {
        s.insertBlock.run(
          Number(block.number),
          block.hash,
          block.parentHash,
          block.timestamp,
          block.stateRoot,
          block.txs.length,
          Number(depositStart),
          block.deposits.length,
          body,
          packRoots(block.stepRoots),
        );
        for (let i = 0; i < block.txs.length; i++) {
          const tx = block.txs[i]!;
          const receipt = block.receipts[i]!;
          s.insertTx.run(
            receipt.txHash,
            Number(block.number),
            i,
            tx.type,
            tx.from,
            JSON.stringify(txToJson(tx)),
            canonicalize(receipt.result),
            receipt.stateRoot,
          );
        }
        for (const r of rejected) s.insertRejected.run(r.txHash, r.code, r.message, JSON.stringify(r.details), block.timestamp);
        // Forced transactions' receipts: an applied one is a transaction of the block (before the
        // posted ones, idx negative), a rejected one is recorded as rejected with its queue index.
        const queueIndexes = block.deposits.map((d) => d.index);
        for (const { index, tx, receipt } of block.forced) {
          if (receipt.status === "ok") {
            const idx = queueIndexes.indexOf(index) - queueIndexes.length;
            const json = JSON.stringify(txToJson(tx));
            s.insertForcedTx.run(
              receipt.txHash,
              Number(block.number),
              idx,
              tx.type,
              tx.from,
              json,
              canonicalize(receipt.result),
              receipt.stateRoot,
              Number(index),
            );
          } else {
            const details = { ...receipt.error.details, queueIndex: index.toString(), blockNumber: block.number.toString() };
            s.insertRejected.run(receipt.txHash, receipt.error.code, receipt.error.message, JSON.stringify(details), block.timestamp);
          }
        }
        for (const { ns, id, value } of changes) {
          if (value === undefined) s.delState.run(ns, id);
          else s.putState.run(ns, id, canonicalize(value));
        }
        const stored = (s.countLeaves.get() as { n: number }).n;
        const leaves = state.reviewTree.leaves;
        for (let i = stored; i < leaves.length; i++) s.insertLeaf.run(i, leaves[i]!.toString());
      })();
    } catch (cause) {
      throw new StoreError(`saving block ${block.number} failed`, { cause });
    }
  }

  saveRejected(r: { txHash: Hex; code: string; message: string; details: Record<string, unknown> }, at: number): void {
    this.#stmts.insertRejected.run(r.txHash, r.code, r.message, JSON.stringify(r.details), at);
  }

  /** Loads every state leaf and review leaf into a fresh genesis state. */
  /**
   * Forgets the chain (blocks, transactions and their rejections, state leaves, review leaves,
   * batches, withdrawal proofs, the verifier's L1 cursor), keeping what came from L1 (deposits)
   * and the blob store: the node then derives the chain again from L1 (after a challenge deleted
   * batches it had built on).
   */
  resetChain(): void {
    this.db.transaction(() => {
      for (const table of ["blocks", "txs", "rejected_txs", "state", "review_leaves", "batches", "withdrawal_proofs"]) this.db.exec(`DELETE FROM ${table}`);
      this.db.prepare("DELETE FROM meta WHERE key = 'verifier.l1Cursor'").run();
    })();
  }

  loadState(state: State): void {
    for (const row of this.#stmts.allState.iterate() as Iterable<{ ns: Namespace; id: string; value: string }>) {
      state.load(row.ns, row.id, decanonicalize(row.value));
    }
    const leaves: bigint[] = [];
    for (const row of this.#stmts.allLeaves.iterate() as Iterable<{ leaf: string }>) leaves.push(BigInt(row.leaf));
    state.reviewTree.insertMany(leaves);
    state.drainChanges();
  }

  latestBlock(): StoredBlock | undefined {
    const row = this.#stmts.latestBlock.get();
    return row ? toBlock(row) : undefined;
  }

  getBlock(number: bigint): StoredBlock | undefined {
    const row = this.#stmts.getBlock.get(Number(number));
    return row ? toBlock(row) : undefined;
  }

  blocks(from: bigint, to: bigint): StoredBlock[] {
    return (this.#stmts.blockRange.all(Number(from), Number(to)) as unknown[]).map(toBlock);
  }

  getTx(hash: Hex): StoredTx | undefined {
    const row = this.#stmts.getTx.get(hash) as Record<string, any> | undefined;
    return row ? toTx(row) : undefined;
  }

  txsOfBlock(number: bigint): StoredTx[] {
    return (this.#stmts.txsOfBlock.all(Number(number)) as Record<string, any>[]).map(toTx);
  }

  getRejected(hash: Hex): { code: string; message: string; details: Record<string, unknown>; at: number } | undefined {
    const row = this.#stmts.getRejected.get(hash) as Record<string, any> | undefined;
    return row ? { code: row.code, message: row.message, details: JSON.parse(row.details), at: row.at } : undefined;
  }

  /** How many L1 queue items are stored (queue indexes 0..n-1); cached, the producer asks every tick. */
  get depositCount(): bigint {
    if (this.#depositCount === null) this.#depositCount = (this.lastDeposit()?.index ?? -1n) + 1n;
    return this.#depositCount;
  }

  addDeposits(deposits: StoredDeposit[]): void {
    this.#depositCount = null;
    this.db.transaction(() => {
      for (const d of deposits) {
        const tx = d.transaction === undefined ? null : Buffer.from(d.transaction.slice(2), "hex");
        this.#stmts.insertDeposit.run(Number(d.index), d.l1Sender, d.l2Recipient, d.amount.toString(), d.queueHash, d.l1Block, d.l1BlockHash, d.l1TxHash, tx);
      }
    })();
  }

  /** Stored forced transactions from queue index `from` on that have not been read (setForced) yet. */
  unreadForced(from = 0n): StoredDeposit[] {
    return (this.#stmts.forcedFrom.all(Number(from)) as Record<string, any>[]).map(toDeposit).filter((d) => !this.#forced.has(d.index));
  }

  /** Records what a stored forced transaction decodes to (tx null: unreadable, a no-op step). */
  setForced(index: bigint, forced: ForcedTransaction): void {
    this.#forced.set(index, forced);
  }

  /**
   * Up to `limit` queue items from index `from`, as blocks consume them: deposits, and forced
   * transactions with what they decode to. Stops before a forced transaction not read yet.
   */
  queueItems(from: bigint, limit: number): QueueItem[] {
    const items: QueueItem[] = [];
    for (const d of this.deposits(from, limit)) {
      const { index, l1Sender, l2Recipient, amount } = d;
      if (d.transaction === undefined) {
        items.push({ index, l1Sender, l2Recipient, amount });
        continue;
      }
      const forced = this.#forced.get(index);
      if (!forced) break;
      items.push({ index, l1Sender, l2Recipient, amount, forced });
    }
    return items;
  }

  /** How far (queue length) blocks can consume the queue now: up to the first forced transaction at or after `from` not read yet. */
  readyQueueLength(from = 0n): bigint {
    const unread = this.unreadForced(from)[0];
    return unread ? unread.index : this.depositCount;
  }

  deposits(from: bigint, limit: number): StoredDeposit[] {
    return (this.#stmts.depositsFrom.all(Number(from), limit) as Record<string, any>[]).map(toDeposit);
  }

  getDeposit(index: bigint): StoredDeposit | undefined {
    const row = this.#stmts.getDeposit.get(Number(index)) as Record<string, any> | undefined;
    return row ? toDeposit(row) : undefined;
  }

  lastDeposit(): StoredDeposit | undefined {
    const row = this.#stmts.lastDeposit.get() as Record<string, any> | undefined;
    return row ? toDeposit(row) : undefined;
  }

  /** Seals a batch: its header and data are fixed before anything is sent to L1. */
  insertBatch(
    b: Omit<StoredBatch, "status" | "l1TxHash" | "l1Block" | "submittedAt" | "finalAt" | "gasUsed">,
    proofs: Array<{ id: bigint; proof: unknown }>,
  ): void {
    this.db.transaction(() => {
      this.#stmts.insertBatch.run(
        b.index,
        Number(b.firstBlock),
        Number(b.lastBlock),
        canonicalize(b.header),
        packChunks(b.chunks),
        b.txCount,
        packRoots(b.stepRoots),
      );
      this.#stmts.setBlocksBatch.run(b.index, Number(b.firstBlock), Number(b.lastBlock));
      for (const p of proofs) this.#stmts.putProof.run(Number(p.id), b.index, JSON.stringify(p.proof));
    })();
  }

  /** Records a batch as on L1, with the times its BatchSubmitted event gave (`finalAt` is the bridge's, never recomputed). */
  markBatchSubmitted(index: number, l1: { txHash: Hex; block: number; submittedAt: number; finalAt: number; gasUsed: bigint }): void {
    this.#stmts.markBatchSubmitted.run(l1.txHash, l1.block, l1.submittedAt, l1.finalAt, l1.gasUsed.toString(), index);
  }

  getBatch(index: number): StoredBatch | undefined {
    const row = this.#stmts.getBatch.get(index);
    return row ? toBatch(row) : undefined;
  }

  lastBatch(): StoredBatch | undefined {
    const row = this.#stmts.lastBatch.get();
    return row ? toBatch(row) : undefined;
  }

  /** Index of the newest batch posted to L1, or null. */
  lastSubmittedBatchIndex(): number | null {
    return (this.#stmts.lastSubmittedBatch.get() as { idx: number | null }).idx;
  }

  batchesWithStatus(status: BatchStatus): StoredBatch[] {
    return (this.#stmts.batchesByStatus.all(status) as unknown[]).map(toBatch);
  }

  listBatches(before: number, limit: number): StoredBatch[] {
    return (this.#stmts.listBatches.all(before, limit) as unknown[]).map(toBatch);
  }

  batchCounts(): Record<BatchStatus, number> {
    const out: Record<BatchStatus, number> = { sealed: 0, submitted: 0 };
    for (const row of this.#stmts.countBatches.all() as Array<{ status: BatchStatus; n: number }>) out[row.status] = row.n;
    return out;
  }

  getWithdrawalProof(id: bigint): { batchIndex: number; proof: unknown } | undefined {
    const row = this.#stmts.getProof.get(Number(id)) as { batch_index: number; proof: string } | undefined;
    return row ? { batchIndex: row.batch_index, proof: JSON.parse(row.proof) } : undefined;
  }

  /** Stores a blob under its owner (null: no owner) and counts it; false when the hash was already stored (nothing counted). */
  putBlob({ hash, data, owner, at }: PutBlobParameters): boolean {
    const s = this.#stmts;
    try {
      const stored = this.db.transaction(() => {
        if (s.putBlob.run(hash, data, at, owner, data.length).changes === 0) return false;
        s.addBlobUsage.run(owner ?? "", data.length);
        return true;
      })();
      if (stored) this.#blobTotal = { bytes: this.#blobTotal.bytes + data.length, count: this.#blobTotal.count + 1 };
      return stored;
    } catch (cause) {
      throw new StoreError(`storing blob ${hash} (${data.length} bytes, owner ${owner}) failed`, { cause });
    }
  }

  hasBlob(hash: Hex): boolean {
    return this.#stmts.hasBlob.get(hash) !== undefined;
  }

  /** What one owner stores (null: the blobs without an owner). */
  blobUsage(owner: Address | null): BlobUsage {
    return (this.#stmts.blobUsage.get(owner ?? "") as BlobUsage | undefined) ?? { bytes: 0, count: 0 };
  }

  /** What the node stores in all. */
  get blobTotal(): BlobUsage {
    return this.#blobTotal;
  }

  getBlob(hash: Hex): Uint8Array | undefined {
    return (this.#stmts.getBlob.get(hash) as { data: Buffer } | undefined)?.data;
  }
}

function toBlock(row: any): StoredBlock {
  return {
    number: BigInt(row.number),
    hash: row.hash,
    parentHash: row.parent_hash,
    timestamp: row.timestamp,
    stateRoot: row.state_root,
    txCount: row.tx_count,
    depositStart: BigInt(row.deposit_start),
    depositCount: row.deposit_count,
    body: row.body,
    stepRoots: unpackRoots(row.step_roots),
    batchIndex: row.batch_index,
  };
}

function toTx(row: Record<string, any>): StoredTx {
  return {
    hash: row.hash,
    blockNumber: BigInt(row.block_number),
    index: row.idx,
    type: row.type,
    sender: row.sender,
    tx: JSON.parse(row.tx),
    result: decanonicalize(row.result),
    stateRoot: row.state_root,
    queueIndex: row.queue_index === null || row.queue_index === undefined ? null : BigInt(row.queue_index),
  };
}

function toDeposit(row: Record<string, any>): StoredDeposit {
  return {
    index: BigInt(row.queue_index),
    l1Sender: row.l1_sender,
    l2Recipient: row.l2_recipient,
    amount: BigInt(row.amount),
    queueHash: row.queue_hash,
    l1Block: row.l1_block,
    l1BlockHash: row.l1_block_hash,
    l1TxHash: row.l1_tx_hash,
    ...(row.tx ? { transaction: `0x${(row.tx as Buffer).toString("hex")}` as Hex } : {}),
  };
}

function toBatch(row: any): StoredBatch {
  return {
    index: row.batch_index,
    firstBlock: BigInt(row.first_block),
    lastBlock: BigInt(row.last_block),
    header: decanonicalize(row.header),
    chunks: unpackChunks(row.data),
    txCount: row.tx_count,
    stepRoots: unpackRoots(row.step_roots),
    status: row.status,
    l1TxHash: row.l1_tx_hash,
    l1Block: row.l1_block,
    submittedAt: row.submitted_at,
    finalAt: row.final_at,
    gasUsed: row.gas_used === null ? null : BigInt(row.gas_used),
  };
}
