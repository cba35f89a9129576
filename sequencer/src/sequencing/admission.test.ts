// Abuse resistance at admission: cheap checks before expensive ones, bounded proof work, bounded
// transaction size, and batches that never outgrow their byte limit whatever users send.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Hex } from "viem";
import { ChainState } from "../ledger";
import type { MempoolConfig } from "../mempool";
import { MAX_TX_BYTES, encodeTx, signTx, sutureDomain, txFee, txToJson, txWork, type Message, type SignedTxType, type Tx } from "../protocol";
import { createLogger, createMetrics, ReviewProofCache, SignatureWorkers } from "../runtime";
import { actor, ETH, testGenesis, type Actor } from "../stf/testing/harness";
import { Store } from "../store";
import { DEFAULT_FEES, type GenesisParams } from "../state";
import { MAX_PROOFS_PER_REQUEST, Sequencer, type SequencerOptions } from "./Sequencer";

const dir = mkdtempSync(join(tmpdir(), "suture-admission-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

function setup(options: Partial<SequencerOptions> = {}, genesis: Partial<GenesisParams> = {}) {
  const params = testGenesis(genesis);
  const store = new Store({ path: join(dir, `${++n}.sqlite`) });
  const chain = ChainState.open({ store, params });
  const verified: unknown[] = [];
  const sequencer = new Sequencer({
    chain,
    proofs: new ReviewProofCache(async (input) => {
      verified.push(input);
      return false;
    }),
    signatures: new SignatureWorkers({ size: 0 }),
    metrics: createMetrics(),
    logger: createLogger({ level: "silent" }),
    blockIntervalMs: 1e9,
    maxBlockTxs: 2_000,
    batchMaxTxs: 2_000,
    batchMaxBytes: 200_000,
    batchMaxAgeMs: 1e12,
    submitWaitMs: 1e9,
    now: () => 1_800_000_000,
    feeRecipient: actor("proposer").address,
    ...options,
  });
  const domain = sutureDomain({ chainId: params.chainId, verifyingContract: params.bridge });
  const nonces = new Map<string, bigint>();
  const sign = <T extends SignedTxType>(who: Actor, type: T, message: Omit<Message<T>, "nonce" | "maxFee">, maxFee = 0n) => {
    const nonce = nonces.get(who.name) ?? 0n;
    nonces.set(who.name, nonce + 1n);
    return txToJson(signTx({ domain, privateKey: who.privateKey, type, message: { nonce, maxFee, ...message } as unknown as Message<T> }) as unknown as Tx);
  };
  return { chain, store, sequencer, verified, sign };
}

function junkReview(doctor: Hex, root: bigint, i: number) {
  return {
    type: "PostReview",
    message: {
      doctor,
      rating: 5,
      worthIt: true,
      textHash: `0x${"ab".repeat(32)}`,
      root: root.toString(),
      nullifier: String(1_000 + i),
      proof: Array.from({ length: 8 }, (_, k) => String(k + 1 + i)),
    },
  };
}

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "none";
  } catch (e) {
    return (e as { code: string }).code;
  }
}

describe("# admit (reviews)", () => {
  it("Should reject junk reviews of an unregistered doctor without a single pairing check", async () => {
    const { sequencer, chain, verified, store } = setup();
    const root = chain.state.get("reviewTree", "")!.root;
    const results = await sequencer.submitMany(Array.from({ length: MAX_PROOFS_PER_REQUEST }, (_, i) => junkReview(actor("nobody").address, root, i)));
    expect(results.map((r) => (r.status === "rejected" ? r.error.code : r.status))).toEqual(Array(MAX_PROOFS_PER_REQUEST).fill("NOT_DOCTOR"));
    expect(verified).toHaveLength(0);
    store.close();
  });

  it("Should check the root and the nullifier before the proof", async () => {
    const { sequencer, chain, verified, sign, store } = setup();
    const doctor = actor("doctor");
    await sequencer.admit(
      sign(doctor, "RegisterDoctor", { specialties: ["rhinoplasty"], latE6: 0, lonE6: 0, acceptedInsurers: [], profileHash: `0x${"11".repeat(32)}` }),
    );
    sequencer.tick();
    expect(await code(sequencer.admit(junkReview(doctor.address, 12345n, 0)))).toBe("UNKNOWN_ROOT");
    expect(await code(sequencer.admit({ ...junkReview(doctor.address, 0n, 0), message: { ...junkReview(doctor.address, 0n, 0).message, rating: 9 } }))).toBe(
      "INVALID_RATING",
    );
    expect(verified).toHaveLength(0);
    const root = chain.state.get("reviewTree", "")!.root;
    expect(await code(sequencer.admit(junkReview(doctor.address, root, 0)))).toBe("INVALID_PROOF");
    expect(verified).toHaveLength(1);
    store.close();
  });

  it("Should bound pairing checks per second node-wide and proofs per request", async () => {
    const { sequencer, chain, verified, sign, store } = setup({ reviewProofsPerSecond: 5 });
    const doctor = actor("doctor");
    await sequencer.admit(
      sign(doctor, "RegisterDoctor", { specialties: ["rhinoplasty"], latE6: 0, lonE6: 0, acceptedInsurers: [], profileHash: `0x${"11".repeat(32)}` }),
    );
    sequencer.tick();
    const root = chain.state.get("reviewTree", "")!.root;
    const results = await sequencer.submitMany(Array.from({ length: MAX_PROOFS_PER_REQUEST }, (_, i) => junkReview(doctor.address, root, i)));
    const codes = results.map((r) => (r.status === "rejected" ? r.error.code : r.status));
    expect(codes.filter((c) => c === "INVALID_PROOF")).toHaveLength(10);
    expect(codes.filter((c) => c === "PROOF_RATE_LIMITED")).toHaveLength(MAX_PROOFS_PER_REQUEST - 10);
    expect(verified).toHaveLength(10);
    const tooMany = Array.from({ length: MAX_PROOFS_PER_REQUEST + 1 }, (_, i) => junkReview(doctor.address, root, i));
    expect(await code(sequencer.submitMany(tooMany))).toBe("TOO_MANY_PROOFS");
    store.close();
  });
});

describe("# admit (size)", () => {
  it("Should reject a transaction whose encoding exceeds MAX_TX_BYTES with TX_TOO_LARGE, and admit one just under", async () => {
    const { sequencer, sign, store } = setup();
    const patient = actor("patient");
    const readers = (keyBytes: number) =>
      Array.from({ length: 16 }, (_, i) => ({ reader: actor(`reader-${i}`).address, wrappedKey: `0x${"cd".repeat(keyBytes)}` as Hex }));
    const big = sign(patient, "CreateRecord", { subject: patient.address, ciphertextHash: `0x${"22".repeat(32)}`, readers: readers(1024) });
    expect(await code(sequencer.admit(big))).toBe("TX_TOO_LARGE");
    const ok = sign(patient, "CreateRecord", { subject: patient.address, ciphertextHash: `0x${"22".repeat(32)}`, readers: readers(129) });
    expect(await code(sequencer.admit(ok))).toBe("none");
    store.close();
  });
});

describe("# batch limits", () => {
  it("Should keep every batch within BATCH_MAX_BYTES whatever the transactions' size (30 near-maximal CreateRecords)", async () => {
    const batchMaxBytes = 40_000;
    const { sequencer, sign, store } = setup({ batchMaxBytes });
    const readers = Array.from({ length: 16 }, (_, i) => ({ reader: actor(`reader-${i}`).address, wrappedKey: `0x${"cd".repeat(440)}` as Hex }));
    let largest = 0;
    for (let i = 0; i < 30; i++) {
      const who = actor(`attacker-${i}`);
      const json = sign(who, "CreateRecord", { subject: who.address, ciphertextHash: `0x${"22".repeat(32)}`, readers });
      largest = Math.max(largest, encodeTx({ ...json, message: json.message } as never).length);
      await sequencer.admit(json);
      if (i % 7 === 6) sequencer.tick();
    }
    sequencer.tick();
    sequencer.sealNow();
    expect(largest).toBeGreaterThan(7_000);
    expect(largest).toBeLessThanOrEqual(MAX_TX_BYTES);
    const batches = store.listBatches(1_000, 100);
    expect(batches.reduce((s, b) => s + b.txCount, 0)).toBe(30);
    expect(batches.length).toBeGreaterThan(1);
    for (const b of batches) {
      const { chunks, stepRoots } = store.getBatch(b.index)!;
      expect(chunks.reduce((n, c) => n + c.length, 0) + 32 * stepRoots.length).toBeLessThanOrEqual(batchMaxBytes);
    }
    store.close();
  });
});

describe("# admit (fees)", () => {
  it("Should refuse transactions from an account that cannot pay their fee (the 0-wei CreateRecord flood) before any signature recovery", async () => {
    const signatures = new SignatureWorkers({ size: 0 });
    let recovered = 0;
    const recover = signatures.recover.bind(signatures);
    signatures.recover = (digest, signature) => {
      recovered++;
      return recover(digest, signature);
    };
    const { sequencer, sign, store } = setup({ signatures }, { fees: DEFAULT_FEES });
    const readers = Array.from({ length: 16 }, (_, i) => ({ reader: actor(`reader-${i}`).address, wrappedKey: `0x${"cd".repeat(440)}` as Hex }));
    const flood = Array.from({ length: 30 }, (_, i) => {
      const who = actor(`broke-${i}`);
      return sign(who, "CreateRecord", { subject: who.address, ciphertextHash: `0x${"22".repeat(32)}`, readers }, ETH);
    });
    const results = await sequencer.submitMany(flood);
    expect(results.map((r) => (r.status === "rejected" ? r.error.code : r.status))).toEqual(Array(30).fill("INSUFFICIENT_FEE_BALANCE"));
    expect(sequencer.mempool.size).toBe(0);
    expect(recovered).toBe(0);
    store.close();
  });

  it("Should refuse a maxFee below the fee at the current schedule with FEE_ABOVE_MAX", async () => {
    const { sequencer, sign, store } = setup({}, { fees: DEFAULT_FEES });
    const who = actor("signer");
    expect(await code(sequencer.admit(sign(who, "SetEncryptionKey", { encryptionKey: `0x02${"11".repeat(32)}` }, 1n)))).toBe("FEE_ABOVE_MAX");
    store.close();
  });
});

describe("# admit (nonce gaps)", () => {
  /** The fee of a Transfer at DEFAULT_FEES (what an attacker signs as maxFee, to hold the most per wei). */
  const transferFee = () => {
    const message = { to: actor("anyone").address, amount: 1n, nonce: 0n, maxFee: 10n ** 18n };
    const draft = { type: "Transfer", message, signature: `0x${"00".repeat(65)}` } as unknown as Tx;
    return txFee({ schedule: DEFAULT_FEES, type: "Transfer", bytes: encodeTx(draft).length, work: txWork({ type: "Transfer", message } as never) });
  };

  /** A sequencer at DEFAULT_FEES whose first block credits each of `funded` with `amount` from the L1 queue. */
  function fundedSetup(funded: Actor[], amount: bigint, mempool: Partial<MempoolConfig> = {}, options: Partial<SequencerOptions> = {}) {
    const s = setup({ mempool, ...options }, { fees: DEFAULT_FEES });
    const zero = `0x${"00".repeat(32)}` as Hex;
    s.store.addDeposits(
      funded.map((a, i) => ({
        index: BigInt(i),
        l1Sender: a.address,
        l2Recipient: a.address,
        amount,
        queueHash: zero,
        l1Block: 1,
        l1BlockHash: zero,
        l1TxHash: zero,
      })),
    );
    s.sequencer.tick();
    for (const a of funded) expect(s.chain.state.get("account", a.address)?.balance).toBe(amount);
    return s;
  }

  /** Each key withholds nonce 0 and sends nonces 1..n, one admission each: the codes counted, and the admitted hashes. */
  async function gapAttack({ sequencer, sign }: ReturnType<typeof setup>, keys: Actor[], n: number, maxFee: bigint) {
    const codes: Record<string, number> = {};
    const admitted: Array<{ key: Actor; hash: Hex }> = [];
    for (const key of keys) {
      sign(key, "Transfer", { to: key.address, amount: 1n }, maxFee); // nonce 0, never sent
      for (let i = 1; i <= n; i++) {
        try {
          admitted.push({ key, hash: (await sequencer.admit(sign(key, "Transfer", { to: key.address, amount: 1n }, maxFee))).hash });
          codes.admitted = (codes.admitted ?? 0) + 1;
        } catch (e) {
          const c = (e as { code: string }).code;
          codes[c] = (codes[c] ?? 0) + 1;
        }
      }
    }
    return { codes, admitted };
  }

  it("Should hold each funded key to its gapped quota and share the gapped cap fairly, so an honest future nonce still gets in", async () => {
    const fee = transferFee();
    const attackers = Array.from({ length: 20 }, (_, i) => actor(`gapper-${i}`));
    const honest = actor("honest");
    const s = fundedSetup([...attackers, honest], 100n * fee, { maxGapped: 200 });
    const { sequencer, sign, chain, store } = s;
    const quota = sequencer.mempool.config.maxGappedPerSender;
    const { codes, admitted } = await gapAttack(s, attackers, 40, fee);
    // The first keys reach their quota; the later ones take slots from them (dropped with TX_EVICTED) until every key
    // holds its share, then get MEMPOOL_FULL. The cap holds.
    expect(codes.SENDER_GAPPED_FULL).toBe(Math.floor(200 / quota) * (40 - quota));
    expect(codes.admitted! + codes.SENDER_GAPPED_FULL! + codes.MEMPOOL_FULL!).toBe(20 * 40);
    expect(sequencer.mempool.size).toBe(200);
    const evicted = admitted.filter(({ hash }) => sequencer.lookup(hash)?.status === "rejected");
    expect(evicted).toHaveLength(codes.admitted! - 200);
    expect(new Set(evicted.map(({ hash }) => (sequencer.lookup(hash) as { error: { code: string } }).error.code))).toEqual(new Set(["TX_EVICTED"]));
    const held = attackers.map((key) => admitted.filter((a) => a.key === key && sequencer.mempool.has(a.hash)).length);
    expect(Math.max(...held) - Math.min(...held)).toBeLessThanOrEqual(2);
    expect(sequencer.mempool.gapped).toBe(200);
    // The honest sender's nonce 1 arrives before its nonce 0: it takes a slot from the key holding the most.
    const zero = sign(honest, "Transfer", { to: attackers[0]!.address, amount: 1n }, fee);
    const one = sign(honest, "Transfer", { to: attackers[0]!.address, amount: 1n }, fee);
    expect(await code(sequencer.admit(one))).toBe("none");
    expect(sequencer.mempool.size).toBe(200);
    expect(await code(sequencer.admit(zero))).toBe("none");
    expect(sequencer.mempool.size).toBe(201);
    expect(sequencer.mempool.runnable).toBe(2);
    sequencer.tick();
    expect(chain.state.get("account", honest.address)?.nonce).toBe(2n);
    expect(admitted.filter(({ hash }) => sequencer.lookup(hash)?.status === "rejected")).toHaveLength(evicted.length + 1);
    store.close();
  });

  it("Should admit a gapped transaction only while the balance covers the maxFee of all the sender's pending ones (PENDING_FEES_UNCOVERED)", async () => {
    const fee = transferFee();
    const keys = Array.from({ length: 10 }, (_, i) => actor(`thin-${i}`));
    const s = fundedSetup(keys, 4n * fee);
    const { codes } = await gapAttack(s, keys, 10, fee);
    expect(codes).toEqual({ admitted: 10 * 4, PENDING_FEES_UNCOVERED: 10 * 6 });
    // A generous maxFee reserves more: 4 fees' worth of balance covers two at 2 × fee.
    const generous = actor("generous");
    const g = fundedSetup([generous], 4n * fee);
    expect((await gapAttack(g, [generous], 5, 2n * fee)).codes).toEqual({ admitted: 2, PENDING_FEES_UNCOVERED: 3 });
    // The next nonce itself is not gapped and needs only its own fee (the STF has the last word): the sender can always fill its gap.
    expect(await code(g.sequencer.admit(g.sign(generous, "Transfer", { to: generous.address, amount: 1n, nonce: 0n } as never, fee)))).toBe("none");
    expect(g.sequencer.mempool.runnable).toBe(3);
    s.store.close();
    g.store.close();
  });

  it("Should refuse a sender past its gapped quota before recovering the signature, also within one bulk request", async () => {
    const signatures = new SignatureWorkers({ size: 0 });
    let recovered = 0;
    const recover = signatures.recover.bind(signatures);
    signatures.recover = (digest, signature) => {
      recovered++;
      return recover(digest, signature);
    };
    const fee = transferFee();
    const [bulk, single] = [actor("bulk-gapper"), actor("single-gapper")];
    const s = fundedSetup([bulk, single], 100n * fee, {}, { signatures, submitWaitMs: 10 });
    const quota = s.sequencer.mempool.config.maxGappedPerSender;
    const gapped = (key: Actor) => {
      s.sign(key, "Transfer", { to: key.address, amount: 1n }, fee); // nonce 0, never sent
      return Array.from({ length: 40 }, () => s.sign(key, "Transfer", { to: key.address, amount: 1n }, fee));
    };
    // One request: the sender's transactions are admitted in turn, so each sees the ones before it.
    recovered = 0;
    const results = await s.sequencer.submitMany(gapped(bulk));
    expect(results.map((r) => (r.status === "rejected" ? r.error.code : r.status))).toEqual([
      ...Array(quota).fill("pending"),
      ...Array(40 - quota).fill("SENDER_GAPPED_FULL"),
    ]);
    expect(recovered).toBe(quota);
    // Requests one after another: the same.
    recovered = 0;
    const codes = [];
    for (const tx of gapped(single)) codes.push(await code(s.sequencer.admit(tx)));
    expect(codes.filter((c) => c === "SENDER_GAPPED_FULL")).toHaveLength(40 - quota);
    expect(recovered).toBe(quota);
    s.store.close();
  });
});
