// `npm run demo`: the full workflow of every role (runDemoScenario) against a devnet.
// Uses the devnet of `npm start` when one answers at NODE_URL and its genesis allows a no-show
// within seconds (read from its deployment file); otherwise starts its own devnet on free
// loopback ports with short timeouts. Always starts its own verifier node. Ends with `demo ok`.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { HARDHAT_KEYS, deployDevnet, startHardhatNode, type HardhatNode } from "../../sequencer/src/devnet";
import { loadConfig } from "../../sequencer/src/node/config";
import { createNode, type SutureNode } from "../../sequencer/src/node/createNode";
import type { NodeDeployment } from "../../sequencer/src/ledger/deployment";
import { createLogger } from "../../sequencer/src/runtime/logger";
import { DEMO_BATCH_MAX_AGE_MS, DEMO_GENESIS } from "./demoDevnet";
import { runDemoScenario } from "./runDemoScenario";

const MAX_GRACE_SECONDS = 5;

async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => res(port));
    });
    srv.on("error", rej);
  });
}

const nodeConfig = (dataDir: string, l1RpcUrl: string, port: number, extra: Partial<ReturnType<typeof loadConfig>> = {}) =>
  loadConfig({}, { dataDir, l1RpcUrl, port, blockIntervalMs: 20, batchMaxAgeMs: DEMO_BATCH_MAX_AGE_MS, l1PollMs: 100, ...extra });

/** The running devnet's deployment, when its file matches the node at `nodeUrl` and allows a quick no-show. */
async function runningDevnet(nodeUrl: string): Promise<{ deployment: NodeDeployment; l1RpcUrl: string } | string> {
  let status: { bridge: string };
  try {
    status = (await (await fetch(`${nodeUrl}/v1/status`, { signal: AbortSignal.timeout(2000) })).json()) as { bridge: string };
  } catch {
    return `no node answers at ${nodeUrl}`;
  }
  const path = resolve(process.env.DEPLOYMENT ?? join(process.env.DATA_DIR ?? ".suture", "deployment.json"));
  if (!existsSync(path)) return `a node answers at ${nodeUrl} but its deployment file ${path} is missing`;
  const deployment = JSON.parse(readFileSync(path, "utf8")) as NodeDeployment;
  if (deployment.bridge.toLowerCase() !== status.bridge.toLowerCase()) return `${path} belongs to another bridge than the node at ${nodeUrl}`;
  if (deployment.genesis.noShowGraceSeconds > MAX_GRACE_SECONDS) {
    return `the devnet at ${nodeUrl} has a ${deployment.genesis.noShowGraceSeconds} s no-show grace: too long to show a no-show in a demo`;
  }
  return { deployment, l1RpcUrl: process.env.L1_RPC_URL ?? "http://127.0.0.1:8545" };
}

async function main(): Promise<void> {
  const nodeUrl = (process.env.NODE_URL ?? "http://127.0.0.1:8550").replace(/\/+$/, "");
  const dataDir = mkdtempSync(join(tmpdir(), "suture-demo-"));
  const logger = createLogger({ level: process.env.LOG_LEVEL ?? "silent" });
  const nodes: SutureNode[] = [];
  let l1: HardhatNode | null = null;
  const cleanup = async () => {
    for (const n of nodes.reverse()) await n.stop().catch(() => undefined);
    await l1?.stop().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  };
  process.once("SIGINT", () => void cleanup().then(() => process.exit(130)));
  try {
    const running = await runningDevnet(nodeUrl);
    let target: { nodeUrl: string; l1RpcUrl: string; deployment: NodeDeployment };
    if (typeof running === "object") {
      console.log(`Using the devnet at ${nodeUrl} (L1 ${running.l1RpcUrl})`);
      target = { nodeUrl, ...running };
    } else {
      console.log(`Starting a demo devnet on free loopback ports (${running})`);
      l1 = await startHardhatNode({ port: await freePort() });
      const deployment = await deployDevnet({ rpcUrl: l1.rpcUrl, challengeWindowSeconds: 2, genesis: DEMO_GENESIS });
      const sequencer = await createNode({ config: nodeConfig(dataDir, l1.rpcUrl, await freePort()), deployment, logger });
      nodes.push(sequencer);
      target = { nodeUrl: sequencer.url, l1RpcUrl: l1.rpcUrl, deployment };
      console.log(`  L1 ${l1.rpcUrl}, sequencer ${sequencer.url}, challenge window ${deployment.challengeWindowSeconds} s`);
    }
    const verifier = await createNode({
      config: nodeConfig(dataDir, target.l1RpcUrl, await freePort(), { mode: "verifier" }),
      deployment: target.deployment,
      logger,
    });
    nodes.push(verifier);
    console.log(`  verifier ${verifier.url} (derives state from L1 only)\n`);
    await runDemoScenario({ nodeUrl: target.nodeUrl, l1RpcUrl: target.l1RpcUrl, verifierUrl: verifier.url, funderKey: HARDHAT_KEYS[0]! });
    await cleanup();
    console.log("demo ok");
    process.exit(0);
  } catch (error) {
    console.error(`\ndemo failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    await cleanup();
    process.exit(1);
  }
}

await main();
