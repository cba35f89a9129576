// The deposit watcher with a confirmation depth, on a loopback Hardhat L1: a deposit is credited
// only once N blocks sit on top of the block that holds it, and then exactly once.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPublicClient, http, parseEther, type Hex } from "viem";
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
    // No polling interval, so no block-number cache: the test mines and polls straight after.
    l1 = new L1Client({ rpcUrl: devnet.l1.rpcUrl, bridge: devnet.deployment.bridge, pollingIntervalMs: 0 });
    watcher = new DepositWatcher({
      l1,
      store,
      logger: createLogger({ level: "silent" }),
      confirmations: CONFIRMATIONS,
      startBlock: BigInt(devnet.deployment.deployBlock),
    });
  }, 120_000);

  afterAll(async () => {
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
  });
});
