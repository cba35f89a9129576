// The deposit watcher with a confirmation depth, on a loopback Hardhat L1: a deposit is credited
// only once N blocks sit on top of the block that holds it, and then exactly once; forced
// transactions are stored in the same queue and read (decoded, signer recovered).
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPublicClient, createWalletClient, http, parseEther, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { bytesToHex } from "../crypto/bytes";
import { encodeTx, signTx, sutureDomain, txHash } from "../protocol";
import { ReviewProofCache, SignatureWorkers } from "../runtime";
import { startTestDevnet, type TestDevnet } from "../../../test/support/devnet";
import { DEV_ACCOUNTS } from "../devnet";
import { createLogger } from "../runtime/logger";
import { Store } from "../store";
import { DepositWatcher, L1Client } from "./index";

const CONFIRMATIONS = 3;

describe("DepositWatcher", () => {
  let devnet: TestDevnet;
  let store: Store;
  let watcher: DepositWatcher;
  let l1: L1Client;

  beforeAll(async () => {
    devnet = await startTestDevnet();
    store = new Store({ path: join(devnet.dataDir, "watcher.sqlite") });
    domain = sutureDomain({ chainId: devnet.deployment.l2ChainId, verifyingContract: devnet.deployment.bridge.toLowerCase() as Hex });
    // No polling interval, so no block-number cache: the test mines and polls straight after.
    l1 = new L1Client({ rpcUrl: devnet.l1.rpcUrl, bridge: devnet.deployment.bridge, pollingIntervalMs: 0 });
    watcher = new DepositWatcher({
      l1,
      store,
      logger: createLogger({ level: "silent" }),
      confirmations: CONFIRMATIONS,
      startBlock: BigInt(devnet.deployment.deployBlock),
      reader: { domain, signatures, proofs: new ReviewProofCache(async () => false) },
    });
  }, 120_000);

  const signatures = new SignatureWorkers({ size: 0 });
  let domain: ReturnType<typeof sutureDomain>;

  afterAll(async () => {
    await signatures.close();
    store?.close();
    await devnet?.stop();
  });

  const mine = async (blocks: number) => {
    const res = await fetch(devnet.l1.rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "hardhat_mine", params: [`0x${blocks.toString(16)}`] }),
    });
    expect(((await res.json()) as { error?: unknown }).error).toBeUndefined();
  };
  /** Deposits and returns the L1 block that holds it (Hardhat mines one block per transaction). */
  const deposit = async (eth: string): Promise<bigint> => {
    await devnet.deposit(DEV_ACCOUNTS.patient.privateKey, DEV_ACCOUNTS.patient.address, eth);
    return createPublicClient({ transport: http(devnet.l1.rpcUrl) }).getBlockNumber({ cacheTime: 0 });
  };
  const stored = () => store.deposits(0n, 100);

  describe("# poll", () => {
    it(`Should record a deposit only once it has ${CONFIRMATIONS} confirmations, then exactly once`, async () => {
      const block = await deposit("1.5");
      for (let above = 0; above < CONFIRMATIONS; above++) {
        expect(await l1.blockNumber()).toBe(block + BigInt(above));
        expect(await watcher.poll(), `${above} blocks above the deposit`).toBe(0);
        expect(stored()).toEqual([]);
        await mine(1);
      }
      expect(await l1.blockNumber()).toBe(block + BigInt(CONFIRMATIONS));
      expect(await watcher.poll()).toBe(1);
      const [d] = stored();
      expect(stored()).toHaveLength(1);
      expect(d).toMatchObject({
        index: 0n,
        l2Recipient: DEV_ACCOUNTS.patient.address.toLowerCase(),
        amount: parseEther("1.5"),
        l1Block: Number(block),
      });
      // The queue hash is the bridge's own, read back from L1.
      const onL1 = await l1.public.readContract({ address: l1.bridge, abi: l1.abi, functionName: "queueHash", args: [1n] });
      expect(d!.queueHash).toBe(onL1 as Hex);

      // Polling on, with more blocks, never records it again.
      expect(await watcher.poll()).toBe(0);
      await mine(10);
      expect(await watcher.poll()).toBe(0);
      expect(stored()).toHaveLength(1);
    });

    it("Should count confirmations for each deposit on its own", async () => {
      const block = await deposit("2");
      await mine(CONFIRMATIONS - 1);
      expect(await watcher.poll()).toBe(0);
      expect(stored().map((d) => d.index)).toEqual([0n]);
      await mine(1);
      expect(await l1.blockNumber()).toBe(block + BigInt(CONFIRMATIONS));
      expect(await watcher.poll()).toBe(1);
      expect(await watcher.poll()).toBe(0);
      expect(stored().map((d) => [d.index, d.amount])).toEqual([
        [0n, parseEther("1.5")],
        [1n, parseEther("2")],
      ]);
    });

    it("Should store forced transactions in the same queue, and read each one's signer (an unreadable one as null)", async () => {
      const patient = DEV_ACCOUNTS.patient;
      const tx = signTx({
        domain,
        privateKey: patient.privateKey,
        type: "Transfer",
        message: { nonce: 0n, maxFee: 10n ** 15n, to: DEV_ACCOUNTS.doctor.address, amount: 1n },
      });
      const raw = bytesToHex(encodeTx(tx));
      const wallet = createWalletClient({ transport: http(devnet.l1.rpcUrl), account: privateKeyToAccount(DEV_ACCOUNTS.doctor.privateKey) });
      const fee = (await l1.forceInclusionParameters()).forcedTransactionFee;
      for (const bytes of [raw, "0xdeadbeef"] as Hex[]) {
        const hash = await wallet.writeContract({ address: l1.bridge, abi: l1.abi, functionName: "forceTransaction", args: [bytes], value: fee, chain: null });
        await l1.public.waitForTransactionReceipt({ hash });
      }
      await deposit("3");
      await mine(CONFIRMATIONS);
      expect(await watcher.poll()).toBe(3);
      const items = store.queueItems(2n, 10);
      expect(items.map((i) => [i.index, i.amount, i.forced?.raw ?? null])).toEqual([
        [2n, 0n, raw],
        [3n, 0n, "0xdeadbeef"],
        [4n, parseEther("3"), null],
      ]);
      expect(items[0]).toMatchObject({ l1Sender: DEV_ACCOUNTS.doctor.address.toLowerCase(), l2Recipient: "0x0000000000000000000000000000000000000000" });
      expect(items[0]!.forced!.tx).toMatchObject({ type: "Transfer", from: patient.address.toLowerCase() });
      expect(txHash(items[0]!.forced!.tx!)).toBe(txHash(tx));
      expect(items[1]!.forced!.tx).toBeNull();
      const onL1 = await l1.public.readContract({ address: l1.bridge, abi: l1.abi, functionName: "queueHash", args: [4n] });
      expect(store.getDeposit(3n)!.queueHash).toBe(onL1 as Hex);
    });

    it("Should read stored forced transactions again after a restart, and hold the queue back until then", async () => {
      const reopened = new Store({ path: join(devnet.dataDir, "watcher.sqlite") });
      try {
        // Not read yet: the queue is ready only up to the first forced transaction.
        expect(reopened.readyQueueLength()).toBe(2n);
        expect(reopened.queueItems(0n, 10).map((i) => i.index)).toEqual([0n, 1n]);
        const again = new DepositWatcher({
          l1,
          store: reopened,
          logger: createLogger({ level: "silent" }),
          confirmations: CONFIRMATIONS,
          startBlock: BigInt(devnet.deployment.deployBlock),
          reader: { domain, signatures, proofs: new ReviewProofCache(async () => false) },
        });
        expect(await again.poll()).toBe(0);
        expect(reopened.readyQueueLength()).toBe(5n);
        expect(reopened.queueItems(0n, 10).map((i) => i.index)).toEqual([0n, 1n, 2n, 3n, 4n]);
      } finally {
        reopened.close();
      }
    });
  });
});
