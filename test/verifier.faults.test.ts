// Verifier failures other than a wrong root: batches the bridge accepts (it checks the sequencer,
// the roots' chaining, the data hash, the queue and times, never the transactions) but that carry
// a bad signature or undecodable data, and batch data that does not match its header's txDataHash.
// Each batch is crafted as the sequencer would build it (executed on a scratch chain, encoded with
// the batcher's encoder), then corrupted and posted with the L1 client and the sequencer's key.
// The verifier must turn unhealthy with a reason naming the failure, and stop there.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Hex } from "viem";
import { bytesToHex, keccak256 } from "../sequencer/src/crypto";
import { DEV_ACCOUNTS, deployDevnet } from "../sequencer/src/devnet";
import { DepositWatcher, L1Client } from "../sequencer/src/l1";
import { ChainState } from "../sequencer/src/ledger/ChainState";
import type { NodeDeployment } from "../sequencer/src/ledger/deployment";
import { createLogger } from "../sequencer/src/runtime/logger";
import { ReviewProofCache } from "../sequencer/src/runtime/ReviewProofCache";
import { SignatureWorkers } from "../sequencer/src/runtime/SignatureWorkers";
import { signTx, sutureDomain, type Tx, BATCH_VERSION, CODECS, encodeBatchData, txRootsHash, type BatchHeader } from "../sequencer/src/protocol";
import { ZERO_FEES } from "../sequencer/src/state";
import { Store } from "../sequencer/src/store";
import { Verifier } from "../sequencer/src/verifier";
import { startTestDevnet, type TestDevnet } from "./support/devnet";

const logger = createLogger({ level: "silent" });
const dir = mkdtempSync(join(tmpdir(), "suture-verifier-faults-"));
let files = 0;

type Batch = { header: BatchHeader; data: Uint8Array; txs: Tx[]; timestamp: number };

describe("verifier faults", () => {
  let devnet: TestDevnet;
  beforeAll(async () => {
    devnet = await startTestDevnet();
  }, 120_000);
  afterAll(async () => {
    await devnet?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const l1Timestamp = async () => Number((await new L1Client({ rpcUrl: devnet.l1.rpcUrl, bridge: devnet.deployment.bridge }).public.getBlock()).timestamp);

  /** Batch 0 (or `index` on top of `prev`) as an honest sequencer builds it: two RegisterDoctor transactions executed on a scratch chain. */
  async function honestBatch(deployment: NodeDeployment, { index = 0n, prev }: { index?: bigint; prev?: Batch } = {}): Promise<Batch> {
    const store = new Store({ path: join(dir, `scratch-${files++}.sqlite`) });
    try {
      const chain = ChainState.open({ store, params: deployment.genesis });
      const domain = sutureDomain({ chainId: deployment.l2ChainId, verifyingContract: deployment.bridge.toLowerCase() as Hex });
      // Replays the previous batch first, so this one starts from its post root.
      if (prev)
        chain.persist(
          chain.execute({
            timestamp: prev.timestamp,
            deposits: [],
            txs: prev.txs,
            checkReviewProof: () => false,
            feeRecipient: DEV_ACCOUNTS.sequencer.address,
          }),
          0n,
        );
      const timestamp = await l1Timestamp();
      const txs = [DEV_ACCOUNTS.doctor, DEV_ACCOUNTS.patient2].map((who) => {
        const message = {
          nonce: prev ? 1n : 0n,
          maxFee: 0n,
          specialties: ["rhinoplasty"],
          latE6: 0,
          lonE6: 0,
          acceptedInsurers: [],
          profileHash: `0x${"11".repeat(32)}`,
        };
        return { ...signTx({ domain, privateKey: who.privateKey, type: "RegisterDoctor", message: message as never }), from: who.address.toLowerCase() } as Tx;
      });
      const prevStateRoot = chain.stateRoot;
      const exec = chain.execute({ timestamp, deposits: [], txs, checkReviewProof: () => false, feeRecipient: DEV_ACCOUNTS.sequencer.address });
      expect(exec.rejected.map((r) => r.receipt.error.code)).toEqual([]);
      const data = encodeBatchData({ firstBlock: exec.block.number, blocks: [{ timestamp, depositCount: 0, txs }] });
      const header: BatchHeader = {
        batchIndex: index,
        prevStateRoot,
        postStateRoot: exec.block.stateRoot,
        txDataHash: bytesToHex(keccak256(data)),
        txRootsHash: txRootsHash(exec.block.txRoots),
        queueStart: 0n,
        queueEnd: 0n,
        queueHash: `0x${"00".repeat(32)}`,
        firstBlock: exec.block.number,
        lastBlock: exec.block.number,
        firstTimestamp: BigInt(timestamp),
        lastTimestamp: BigInt(timestamp),
      };
      return { header, data, txs, timestamp };
    } finally {
      store.close();
    }
  }

  /** The same header over other data (its txDataHash recomputed, so the bridge accepts it). */
  const withData = (b: Batch, data: Uint8Array): Batch => ({ ...b, data, header: { ...b.header, txDataHash: bytesToHex(keccak256(data)) } });

  async function post(deployment: NodeDeployment, batch: Batch): Promise<void> {
    const sequencer = new L1Client({ rpcUrl: devnet.l1.rpcUrl, bridge: deployment.bridge, privateKey: DEV_ACCOUNTS.sequencer.privateKey });
    await sequencer.submitBatch(batch.header, batch.data);
  }

  /** A verifier of `deployment` on its own store, driven poll by poll. */
  function verifierOf(deployment: NodeDeployment, l1 = new L1Client({ rpcUrl: devnet.l1.rpcUrl, bridge: deployment.bridge, pollingIntervalMs: 0 })) {
    const store = new Store({ path: join(dir, `verifier-${files++}.sqlite`) });
    const chain = ChainState.open({ store, params: deployment.genesis });
    const deposits = new DepositWatcher({ l1, store, logger, confirmations: 0, startBlock: BigInt(deployment.deployBlock) });
    const verifier = new Verifier({
      chain,
      l1,
      deposits,
      proofs: new ReviewProofCache(async () => false),
      signatures: new SignatureWorkers({ size: 0 }),
      logger,
      fromBlock: BigInt(deployment.deployBlock),
      sequencerUrl: null,
    });
    return { verifier, chain, close: () => store.close() };
  }

  /** After a failure the verifier stays where it was: a later, honest batch on L1 is not verified. */
  async function expectStopped(deployment: NodeDeployment, v: ReturnType<typeof verifierOf>, posted: Batch) {
    const mismatch = v.verifier.mismatch;
    const next = await honestBatch(deployment, { index: 1n, prev: posted });
    await post(deployment, { ...next, header: { ...next.header, prevStateRoot: posted.header.postStateRoot } });
    expect(await v.verifier.poll()).toBe(0);
    expect(v.verifier.healthy).toBe(false);
    expect(v.verifier.mismatch).toEqual(mismatch);
    expect(v.verifier.verifiedBatches).toBe(0);
    expect(v.chain.head).toBeUndefined();
  }

  it("Should verify the honest batch the faulty ones are made from (control)", async () => {
    const deployment = await deployDevnet({ rpcUrl: devnet.l1.rpcUrl, genesis: { fees: ZERO_FEES } });
    const batch = await honestBatch(deployment);
    await post(deployment, batch);
    const v = verifierOf(deployment);
    expect(await v.verifier.poll()).toBe(1);
    expect(v.verifier.healthy).toBe(true);
    expect(v.chain.stateRoot).toBe(batch.header.postStateRoot);
    v.close();
  });

  it("Should turn unhealthy on a transaction with a bad signature, naming it, and stop", async () => {
    const deployment = await deployDevnet({ rpcUrl: devnet.l1.rpcUrl, genesis: { fees: ZERO_FEES } });
    const honest = await honestBatch(deployment);
    // The second transaction's v byte becomes 29: no public key can be recovered from it.
    const txs = honest.txs.map((tx, i) => (i === 1 ? { ...tx, signature: `${tx.signature!.slice(0, -2)}1d` as Hex } : tx));
    const batch = { ...withData(honest, encodeBatchData({ firstBlock: 0n, blocks: [{ timestamp: honest.timestamp, depositCount: 0, txs }] })), txs };
    await post(deployment, batch);
    const v = verifierOf(deployment);
    expect(await v.verifier.poll()).toBe(0);
    expect(v.verifier.healthy).toBe(false);
    expect(v.verifier.mismatch).toEqual({ batchIndex: 0, txIndex: 1, expectedRoot: null, claimedRoot: null, reason: "bad signature: BAD_SIGNATURE" });
    await expectStopped(deployment, v, honest);
    v.close();
  });

  it("Should turn unhealthy on batch data that does not decode, naming it, and stop", async () => {
    const deployment = await deployDevnet({ rpcUrl: devnet.l1.rpcUrl, genesis: { fees: ZERO_FEES } });
    const honest = await honestBatch(deployment);
    // Version and codec bytes intact, the brotli stream cut in half.
    const data = honest.data.slice(0, Math.floor(honest.data.length / 2));
    expect([data[0], data[1]]).toEqual([BATCH_VERSION, CODECS.brotli]);
    await post(deployment, withData(honest, data));
    const v = verifierOf(deployment);
    expect(await v.verifier.poll()).toBe(0);
    expect(v.verifier.healthy).toBe(false);
    expect(v.verifier.mismatch).toMatchObject({ batchIndex: 0, txIndex: null, reason: "undecodable batch: batch does not decompress" });
    await expectStopped(deployment, v, honest);
    v.close();
  });

  it("Should turn unhealthy on batch data whose keccak differs from the header's txDataHash, naming it, and stop", async () => {
    // The bridge refuses such a batch (Bridge_WrongTxDataHash), so on a real L1 the data can only
    // differ on the way to the verifier: an L1 endpoint that serves the submitBatch calldata with
    // one byte changed stands in for it.
    class TamperingL1 extends L1Client {
      override async batchCalldata(txHash: Hex) {
        const { header, data, submitter } = await super.batchCalldata(txHash);
        const changed = Uint8Array.from(data);
        changed[changed.length - 1]! ^= 0x01;
        return { header, data: changed, submitter };
      }
    }
    const deployment = await deployDevnet({ rpcUrl: devnet.l1.rpcUrl, genesis: { fees: ZERO_FEES } });
    const honest = await honestBatch(deployment);
    await post(deployment, honest);
    const v = verifierOf(deployment, new TamperingL1({ rpcUrl: devnet.l1.rpcUrl, bridge: deployment.bridge, pollingIntervalMs: 0 }));
    expect(await v.verifier.poll()).toBe(0);
    expect(v.verifier.healthy).toBe(false);
    expect(v.verifier.mismatch).toEqual({ batchIndex: 0, txIndex: null, expectedRoot: null, claimedRoot: null, reason: "data hash mismatch" });
    await expectStopped(deployment, v, honest);
    v.close();
  });
});
