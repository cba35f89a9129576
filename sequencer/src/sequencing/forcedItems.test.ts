// Forced transactions in block production: the L1 queue's items (deposits and forced
// transactions, as the watcher stores and reads them) come first in a block, in queue order; a
// forced transaction is applied like a posted one (its receipt stored with its queue index, a
// rejection recorded with its code), unreadable bytes are a no-op step, and the block's queue
// cursor moves past them all. A forced transaction not read yet holds the queue back.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Address, Hex } from "viem";
import { bytesToHex, hexToBytes } from "../crypto/bytes";
import { ChainState } from "../ledger";
import { encodeTx, signTx, sutureDomain, txHash, txToJson, type Tx } from "../protocol";
import { createLogger, createMetrics, readPostedTransaction, ReviewProofCache, SignatureWorkers } from "../runtime";
import { actor, testGenesis } from "../stf/testing/harness";
import { Store, type StoredDeposit } from "../store";
import { Sequencer } from "./Sequencer";

const dir = mkdtempSync(join(tmpdir(), "suture-forced-"));
const signatures = new SignatureWorkers({ size: 0 });
afterAll(async () => {
  await signatures.close();
  rmSync(dir, { recursive: true, force: true });
});

const ZERO = "0x0000000000000000000000000000000000000000" as Address;
const ETH = 10n ** 18n;

describe("Sequencer and forced transactions", () => {
  const params = testGenesis();
  const domain = sutureDomain({ chainId: params.chainId, verifyingContract: params.bridge });
  const proofs = new ReviewProofCache(async () => false);
  const patient = actor("forced-patient");
  const doctor = actor("forced-doctor");
  const transfer = (nonce: bigint, amount: bigint): Tx =>
    signTx({ domain, privateKey: patient.privateKey, type: "Transfer", message: { nonce, maxFee: 0n, to: doctor.address, amount } as never }) as Tx;
  const l1 = (index: number) => ({
    queueHash: `0x${index.toString(16).padStart(64, "0")}` as Hex,
    l1Block: 1,
    l1BlockHash: `0x${"aa".repeat(32)}` as Hex,
    l1TxHash: `0x${"bb".repeat(32)}` as Hex,
  });
  const deposit = (index: number, amount: bigint): StoredDeposit => ({
    index: BigInt(index),
    l1Sender: patient.address,
    l2Recipient: patient.address,
    amount,
    ...l1(index),
  });
  const forced = (index: number, transaction: Hex): StoredDeposit => ({
    index: BigInt(index),
    l1Sender: doctor.address,
    l2Recipient: ZERO,
    amount: 0n,
    transaction,
    ...l1(index),
  });
  /** What the watcher does for each stored forced transaction. */
  const readForced = async (store: Store) => {
    for (const item of store.unreadForced()) {
      store.setForced(item.index, { raw: item.transaction!, tx: await readPostedTransaction(hexToBytes(item.transaction!), { domain, signatures, proofs }) });
    }
  };

  function sequencerOn(store: Store) {
    const chain = ChainState.open({ store, params });
    const sequencer = new Sequencer({
      chain,
      proofs,
      signatures,
      metrics: createMetrics(),
      logger: createLogger({ level: "silent" }),
      blockIntervalMs: 1e9,
      maxBlockTxs: 1_000,
      batchMaxTxs: 1e9,
      batchMaxBytes: 200_000,
      batchMaxAgeMs: 1e12,
      submitWaitMs: 1e9,
      now: () => 1_800_000_000,
      feeRecipient: actor("proposer").address,
    });
    return { chain, sequencer };
  }

  it("Should apply queued forced transactions before posted ones, store their receipts with their queue index, and move the queue cursor past them", async () => {
    const store = new Store({ path: join(dir, "apply.sqlite") });
    const { chain, sequencer } = sequencerOn(store);
    const applied = transfer(0n, 5n);
    const replayed = transfer(0n, 6n); // the same nonce again: rejected
    store.addDeposits([
      deposit(0, ETH),
      forced(1, bytesToHex(encodeTx(applied))),
      forced(2, "0xdeadbeef"),
      forced(3, bytesToHex(encodeTx(replayed))),
      deposit(4, ETH),
    ]);
    // Not read yet: nothing of the queue past the first deposit can be consumed.
    expect(store.queueItems(0n, 64).map((i) => i.index)).toEqual([0n]);
    await readForced(store);
    // The sender's next nonce, posted: it waits behind the forced one (the mempool sees the
    // nonce before the block's queue items), so it goes in the next block.
    const posted = transfer(1n, 7n);
    await sequencer.admit(txToJson(posted));
    sequencer.tick();
    const block = chain.head!;
    expect([block.number, block.depositStart, block.depositCount, block.txCount]).toEqual([0n, 0n, 5, 0]);
    sequencer.tick();
    expect(chain.head).toMatchObject({ number: 1n, depositStart: 5n, depositCount: 0, txCount: 1 });
    expect(chain.queueCursor).toBe(5n);
    expect(chain.state.get("meta", "")!.queuePosition).toBe(5n);
    // Steps: deposit, forced transfer, unreadable (no change), rejected (no change), deposit, fold.
    expect(block.stepRoots).toHaveLength(6);
    expect(block.stepRoots[2]).toBe(block.stepRoots[1]);
    expect(block.stepRoots[3]).toBe(block.stepRoots[2]);
    expect(chain.state.get("account", doctor.address.toLowerCase())!.balance).toBe(12n);

    expect(store.getTx(txHash(applied))).toMatchObject({ queueIndex: 1n, blockNumber: 0n, type: "Transfer", sender: patient.address.toLowerCase() });
    expect(sequencer.lookup(txHash(applied))).toMatchObject({ status: "included", queueIndex: "1", blockNumber: "0" });
    expect(sequencer.lookup(txHash(applied))).not.toHaveProperty("index");
    expect(sequencer.lookup(txHash(replayed))).toMatchObject({
      status: "rejected",
      error: { code: "NONCE_TOO_LOW", details: { queueIndex: "3", blockNumber: "0" } },
    });
    expect(sequencer.lookup(txHash(posted))).toMatchObject({ status: "included", index: 0, blockNumber: "1" });
    expect(store.txsOfBlock(0n).map((t) => [t.hash, t.queueIndex])).toEqual([[txHash(applied), 1n]]);
    expect(store.txsOfBlock(1n).map((t) => [t.hash, t.queueIndex])).toEqual([[txHash(posted), null]]);
    sequencer.stop();
    store.close();
  });

  it("Should hold the queue at a forced transaction not read yet, then consume it once read (after a restart too)", async () => {
    const path = join(dir, "hold.sqlite");
    let store = new Store({ path });
    let { chain, sequencer } = sequencerOn(store);
    store.addDeposits([deposit(0, ETH)]);
    sequencer.tick();
    expect(chain.queueCursor).toBe(1n);
    store.addDeposits([forced(1, bytesToHex(encodeTx(transfer(0n, 3n)))), deposit(2, ETH)]);
    // Another sender's transaction makes a block meanwhile: it takes no queue item.
    const other = actor("forced-other");
    const register = signTx({
      domain,
      privateKey: other.privateKey,
      type: "RegisterDoctor",
      message: { nonce: 0n, maxFee: 0n, specialties: ["x"], latE6: 0, lonE6: 0, acceptedInsurers: [], profileHash: `0x${"11".repeat(32)}` } as never,
    });
    await sequencer.admit(txToJson(register));
    sequencer.tick();
    expect(chain.head!.number).toBe(1n);
    expect(chain.queueCursor).toBe(1n);
    sequencer.stop();
    store.close();

    // Restarted: the stored bytes are read again, then the block consumes them.
    store = new Store({ path });
    ({ chain, sequencer } = sequencerOn(store));
    expect(store.readyQueueLength(chain.queueCursor)).toBe(1n);
    await readForced(store);
    expect(store.readyQueueLength(chain.queueCursor)).toBe(3n);
    sequencer.tick();
    expect(chain.queueCursor).toBe(3n);
    expect(chain.head).toMatchObject({ number: 2n, depositStart: 1n, depositCount: 2 });
    expect(chain.state.get("account", doctor.address.toLowerCase())!.balance).toBe(3n);
    sequencer.stop();
    store.close();
  });
});
