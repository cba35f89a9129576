// Test devnet: a loopback Hardhat L1 on a free port, a fresh deployment, and nodes on free
// ports in temporary data dirs. Everything binds to 127.0.0.1 and is stopped by the test.
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createPublicClient, createWalletClient, getContract, http, parseEther, type Address, type Hex, type PublicClient } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { deployDevnet, startHardhatNode, type HardhatNode } from "../../sequencer/src/devnet";
import { loadConfig, type NodeConfig } from "../../sequencer/src/node/config";
import { createNode, type SutureNode } from "../../sequencer/src/node/createNode";
import type { NodeDeployment } from "../../sequencer/src/ledger/deployment";
import { createLogger } from "../../sequencer/src/runtime/logger";
import { readArtifact } from "../../l1-contracts/scripts/artifacts";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

export type TestDevnet = {
  l1: HardhatNode;
  deployment: NodeDeployment;
  dataDir: string;
  startNode: (
    overrides?: Partial<NodeConfig> & { fault?: Parameters<typeof createNode>[0]["fault"]; censor?: Parameters<typeof createNode>[0]["censor"] },
  ) => Promise<SutureNode>;
  deposit: (fromKey: Hex, to: Address, eth: string) => Promise<void>;
  /** Read-only handle on the bridge. */
  bridge: () => ReturnType<typeof bridgeReader>;
  stop: () => Promise<void>;
};

export async function startTestDevnet({
  challengeWindowSeconds = 2,
  forceInclusionDelaySeconds,
  sequencerInactiveDelaySeconds,
  genesis,
}: {
  challengeWindowSeconds?: number;
  forceInclusionDelaySeconds?: number;
  sequencerInactiveDelaySeconds?: number;
  genesis?: Parameters<typeof deployDevnet>[0]["genesis"];
} = {}): Promise<TestDevnet> {
  const l1 = await startHardhatNode({ port: await freePort() });
  const dataDir = mkdtempSync(join(tmpdir(), "suture-test-"));
  let deployment: NodeDeployment;
  try {
    deployment = await deployDevnet({
      rpcUrl: l1.rpcUrl,
      out: join(dataDir, "deployment.json"),
      challengeWindowSeconds,
      forceInclusionDelaySeconds,
      sequencerInactiveDelaySeconds,
      genesis,
    });
  } catch (error) {
    // No devnet object reaches the test to stop: stop the L1 here, or it outlives the run.
    await l1.stop();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const nodes: SutureNode[] = [];
  const bridgeAbi = readArtifact("SutureBridge").abi;
  const publicClient = createPublicClient({ transport: http(l1.rpcUrl) });
  return {
    l1,
    deployment,
    dataDir,
    async startNode(overrides = {}) {
      const { fault, censor, ...rest } = overrides;
      const config = loadConfig({}, { dataDir, l1RpcUrl: l1.rpcUrl, port: await freePort(), blockIntervalMs: 20, batchMaxAgeMs: 300, l1PollMs: 100, ...rest });
      const node = await createNode({ config, deployment, logger: createLogger({ level: process.env.TEST_LOG_LEVEL ?? "silent" }), fault, censor });
      nodes.push(node);
      return node;
    },
    bridge: () => bridgeReader(publicClient, deployment.bridge),
    async deposit(fromKey, to, eth) {
      const wallet = createWalletClient({ transport: http(l1.rpcUrl), account: privateKeyToAccount(fromKey) });
      const hash = await wallet.writeContract({
        address: deployment.bridge,
        abi: bridgeAbi,
        functionName: "deposit",
        args: [to],
        value: parseEther(eth),
        chain: null,
      });
      await publicClient.waitForTransactionReceipt({ hash });
    },
    async stop() {
      for (const n of nodes) await n.stop().catch(() => undefined);
      await l1.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function bridgeReader(client: PublicClient, address: Address) {
  return getContract({ abi: readArtifact("SutureBridge").abi, address, client });
}

/** Polls until `f` returns a truthy value (bounded). */
export async function waitFor<T>(f: () => Promise<T> | T, { timeoutMs = 60_000, intervalMs = 100, what = "condition" } = {}): Promise<NonNullable<T>> {
  const started = Date.now();
  for (;;) {
    const v = await f();
    if (v) return v as NonNullable<T>;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
