// A block queues at most MAX_REVIEW_LEAVES_PER_BLOCK review leaves; a transaction refused only
// because its block is full (REVIEW_BLOCK_FULL) goes back to the mempool for the next block, with
// every later transaction of its sender, instead of being dropped. Blocks are also capped to what
// one batch chunk holds (MAX_CHUNK_BLOCK_BYTES), so how many blocks the closes take depends on
// their size (a chunk holds fewer than 256 closes): the first test asserts what must hold whatever
// the cap, not a block count; the second builds blocks with produceBlock and no byte budget, so
// the review-leaf limit alone splits them and the deferral is exercised.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Address, Hex } from "viem";
import { MAX_REVIEW_LEAVES_PER_BLOCK, signTx, sutureDomain, txToJson, type Message, type SignedTxType, type Tx } from "../protocol";
import { ChainState } from "../ledger";
import { createLogger, createMetrics, ReviewProofCache, SignatureWorkers } from "../runtime";
import { Store } from "../store";
import { actor, ETH, h32, testGenesis, type Actor } from "../stf/testing/harness";
import { produceBlock } from "./produceBlock";
import { Sequencer } from "./Sequencer";

const dir = mkdtempSync(join(tmpdir(), "suture-seq-reviews-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const DAY = 86_400;
const START = 1_800_000_000;
const ZERO_HASH: Hex = `0x${"00".repeat(32)}`;

/**
 * A chain with 768 executed cases (16 patients, 2 doctors) and a sequencer on it whose mempool
 * holds a CloseSurgery of every case, then a transfer of the last patient (behind its closes) and
 * a transfer from another sender. Producing the blocks is left to the caller.
 */
async function setup(name: string) {
  const params = testGenesis();
  const store = new Store({ path: join(dir, `${name}.sqlite`) });
  const chain = ChainState.open({ store, params });
  const domain = sutureDomain({ chainId: params.chainId, verifyingContract: params.bridge });
  const nonces = new Map<Address, bigint>();
  const sign = <T extends SignedTxType>(who: Actor, type: T, message: Omit<Message<T>, "nonce" | "maxFee">): Tx => {
    const nonce = nonces.get(who.address) ?? 0n;
    nonces.set(who.address, nonce + 1n);
    return signTx({ domain, privateKey: who.privateKey, type, message: { ...message, nonce, maxFee: 0n } as unknown as Message<T> }) as unknown as Tx;
  };
  /** Setup blocks go straight to the chain: only the closes go through admission. */
  const block = (timestamp: number, txs: Tx[]) => {
    const queueStart = chain.queueCursor;
    const deposits = store.queueItems(queueStart, 1_000);
    const exec = chain.execute({ timestamp, feeRecipient: actor("proposer").address, deposits, txs, checkReviewProof: () => false });
    expect(exec.rejected.map((r) => r.receipt.error.code)).toEqual([]);
    chain.persist(exec, queueStart);
  };

  // 16 patients (a sender's pending nonces may run 64 ahead), 2 licensed doctors, one executed case per close.
  const count = 3 * MAX_REVIEW_LEAVES_PER_BLOCK;
  const patients = Array.from({ length: 16 }, (_, i) => actor(`full-review-patient-${i}`));
  const doctors = [actor("full-review-dr-a"), actor("full-review-dr-b")];
  const board = actor("board");
  store.addDeposits(
    patients.map((p, i) => ({
      index: BigInt(i),
      l1Sender: p.address,
      l2Recipient: p.address,
      amount: ETH,
      queueHash: ZERO_HASH,
      l1Block: 1,
      l1BlockHash: ZERO_HASH,
      l1TxHash: ZERO_HASH,
    })),
  );
  block(START, [
    ...doctors.map((d) => sign(d, "RegisterDoctor", { specialties: ["rhinoplasty"], latE6: 0, lonE6: 0, acceptedInsurers: [], profileHash: h32(d.name) })),
    ...doctors.map((d) =>
      sign(board, "AttestLicense", {
        doctor: d.address,
        jurisdiction: "US-NY",
        licenseNumberHash: h32(d.name),
        npi: "",
        status: 1,
        expiresAt: BigInt(START + 365 * DAY),
      }),
    ),
  ]);
  const cases = Array.from({ length: count }, (_, i) => ({ id: BigInt(i + 1), patient: patients[i % patients.length]!, doctor: doctors[i % 2]! }));
  const appointment = BigInt(START + 7 * DAY);
  const planHash = h32("plan");
  block(
    START + 1,
    cases.map((c) =>
      sign(c.patient, "ProposeSurgery", { doctor: c.doctor.address, procedure: "rhinoplasty", requestedTime: appointment, detailsHash: h32("d") }),
    ),
  );
  block(
    START + 2,
    cases.map((c) =>
      sign(c.doctor, "OfferSchedule", { caseId: c.id, appointmentTime: appointment, deposit: 0n, price: 1n, freeCancelBefore: DAY, lateCancelFeeBps: 0 }),
    ),
  );
  block(
    START + 3,
    cases.map((c) => sign(c.patient, "AcceptOffer", { caseId: c.id })),
  );
  block(
    START + 4,
    cases.map((c) => sign(c.doctor, "ProposePlan", { caseId: c.id, packs: [], policyId: 0n, planHash })),
  );
  block(
    START + 5,
    cases.map((c) => sign(c.patient, "ConfirmPlan", { caseId: c.id, planHash })),
  );
  block(
    START + 8 * DAY,
    cases.map((c) => sign(c.doctor, "RecordSurgery", { caseId: c.id, recordHash: h32("r"), packsUsed: [] })),
  );

  const sequencer = new Sequencer({
    chain,
    proofs: new ReviewProofCache(async () => false),
    signatures: new SignatureWorkers({ size: 0 }),
    metrics: createMetrics(),
    logger: createLogger({ level: "silent" }),
    blockIntervalMs: 1e9,
    maxBlockTxs: 10_000,
    batchMaxTxs: 1e9,
    batchMaxBytes: 1e9,
    batchMaxAgeMs: 1e12,
    submitWaitMs: 1e9,
    now: () => START + 9 * DAY,
    feeRecipient: actor("proposer").address,
  });
  const firstBlock = chain.nextNumber;
  const closes = cases.map((c) => sign(c.patient, "CloseSurgery", { caseId: c.id, reviewCommitment: 1_000n + c.id }));
  // Behind the last patient's closes, a transfer of its own (it must wait for them), and a
  // transfer from another sender.
  const last = patients.at(-1)!;
  const afterCloses = sign(last, "Transfer", { to: patients[0]!.address, amount: 1n });
  const bystander = sign(patients[0]!, "Transfer", { to: last.address, amount: 1n });
  const all = [...closes, afterCloses, bystander];
  const senders = [...cases.map((c) => c.patient), last, patients[0]!];
  const admitted = await Promise.all(all.map((tx) => sequencer.admit(txToJson(tx))));
  expect(sequencer.mempool.size).toBe(all.length);
  return { store, chain, sequencer, cases, count, firstBlock, all, senders, admitted };
}

/** Asserts what must hold however the closes were split into blocks; returns the closes per block. */
function expectAllIncluded({ store, chain, sequencer, cases, count, firstBlock, all, senders, admitted }: Awaited<ReturnType<typeof setup>>): number[] {
  // Every transaction is included, none dropped.
  for (const { hash } of admitted) expect(sequencer.lookup(hash)?.status, hash).toBe("included");
  expect(sequencer.mempool.size).toBe(0);
  // No block queues more than MAX_REVIEW_LEAVES_PER_BLOCK review leaves (one per close here).
  const closesPerBlock: number[] = [];
  for (let n = firstBlock; n < chain.nextNumber; n++) closesPerBlock.push(store.txsOfBlock(n).filter((t) => t.type === "CloseSurgery").length);
  expect(Math.max(...closesPerBlock)).toBeLessThanOrEqual(MAX_REVIEW_LEAVES_PER_BLOCK);
  expect(closesPerBlock.reduce((a, b) => a + b, 0)).toBe(count);
  expect(closesPerBlock.length).toBeGreaterThanOrEqual(count / MAX_REVIEW_LEAVES_PER_BLOCK);
  // Each sender's transactions land in signing (nonce) order: (block, index) strictly increases.
  const position = (i: number) => {
    const stored = store.getTx(admitted[i]!.hash)!;
    return stored.blockNumber * 1_000_000n + BigInt(stored.index);
  };
  const lastPosition = new Map<Address, bigint>();
  for (let i = 0; i < all.length; i++) {
    const sender = senders[i]!.address;
    const p = position(i);
    const previous = lastPosition.get(sender);
    if (previous !== undefined) expect(p > previous, `transaction ${i} of ${senders[i]!.name} after its predecessor`).toBe(true);
    lastPosition.set(sender, p);
  }
  const tree = chain.state.get("reviewTree", "")!;
  expect(tree.size).toBe(count);
  expect(tree.pending).toEqual([]);
  for (const c of cases) expect(chain.state.get("case", c.id.toString())!.status).toBe("CLOSED");
  return closesPerBlock;
}

describe("Sequencer and full review blocks", () => {
  it(`Should include all of ${3 * MAX_REVIEW_LEAVES_PER_BLOCK} CloseSurgery transactions submitted at once, at most ${MAX_REVIEW_LEAVES_PER_BLOCK} review leaves a block, each sender in nonce order`, async () => {
    const s = await setup("capped");
    const { sequencer, all } = s;
    // A tick produces a bounded number of blocks; tick until the mempool drains (each tick must
    // make progress, so at most one tick per transaction).
    for (let ticks = 0; sequencer.mempool.size > 0 && ticks < all.length; ticks++) sequencer.tick();

    expectAllIncluded(s);
    s.store.close();
  }, 300_000);

  it(`Should defer to the next block, with their senders' later transactions, the closes past ${MAX_REVIEW_LEAVES_PER_BLOCK} in a block without a byte cap`, async () => {
    const s = await setup("uncapped");
    const { chain, sequencer, all, admitted, count } = s;
    // Blocks as the producer builds them, but with no byte budget: each one is offered every
    // ready transaction, so only the review-leaf limit splits them.
    for (let blocks = 0; sequencer.mempool.size > 0 && blocks < all.length; blocks++) {
      produceBlock({
        chain,
        mempool: sequencer.mempool,
        proofs: new ReviewProofCache(async () => false),
        maxTxs: 10_000,
        maxBytes: Number.MAX_SAFE_INTEGER,
        feeRecipient: actor("proposer").address,
        now: START + 9 * DAY,
        onStale: (hash) => expect.unreachable(`${hash} stale`),
      });
    }
    const closesPerBlock = expectAllIncluded(s);
    expect(closesPerBlock).toEqual(Array.from({ length: count / MAX_REVIEW_LEAVES_PER_BLOCK }, () => MAX_REVIEW_LEAVES_PER_BLOCK));
    // The last patient's transfer waited for its closes, the last of which was deferred to the last block.
    const blockOf = (i: number) => s.store.getTx(admitted[i]!.hash)!.blockNumber;
    expect(blockOf(count)).toBe(s.firstBlock + BigInt(closesPerBlock.length - 1));
    s.store.close();
  }, 300_000);
});
