// `npm start`: a local devnet in one command. Starts a loopback Hardhat L1 (or uses L1_RPC_URL),
// deploys the contracts when the data dir has no live deployment, starts the sequencer, funds the
// dev accounts by real L1 deposits, and prints what runs where. Ctrl-C stops everything.
//   npm start -- --reset    wipe the data dir first (after a devnet restart)
import { existsSync, rmSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { createPublicClient, createWalletClient, formatEther, http, parseEther } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { readArtifact } from "../l1-contracts/scripts/artifacts";
import { DEV_ACCOUNTS, deployDevnet, rpcReady, startHardhatNode, type HardhatNode } from "../sequencer/src/devnet";
import { loadConfig } from "../sequencer/src/node/config";
import { createNode, DataDirMismatchError, type SutureNode } from "../sequencer/src/node/createNode";
import { readDeployment, type NodeDeployment } from "../sequencer/src/ledger/deployment";
import { createLogger } from "../sequencer/src/runtime/logger";

const { values: args } = parseArgs({ options: { reset: { type: "boolean", default: false }, verifier: { type: "boolean", default: false } } });
const config = loadConfig(process.env);
const logger = createLogger({ level: process.env.LOG_LEVEL ?? "warn" });
const deploymentPath = resolve(config.deploymentPath);
const FUND_ETH = "1000";

if (args.reset && existsSync(config.dataDir)) {
  rmSync(config.dataDir, { recursive: true, force: true });
  console.log(`reset: removed ${config.dataDir}`);
}

let l1: HardhatNode | null = null;
let node: SutureNode | null = null;
const stopAll = async (code: number) => {
  await node?.stop().catch(() => undefined);
  await l1?.stop().catch(() => undefined);
  process.exit(code);
};
process.once("SIGINT", () => void stopAll(0));
process.once("SIGTERM", () => void stopAll(0));

try {
  if (!process.env.L1_RPC_URL) {
    const port = Number(new URL(config.l1RpcUrl).port || 8545);
    if (await rpcReady(config.l1RpcUrl)) console.log(`L1: using the node already running at ${config.l1RpcUrl}`);
    else {
      console.log(`L1: starting Hardhat on ${config.l1RpcUrl} ...`);
      l1 = await startHardhatNode({ port });
    }
  }
  let deployment: NodeDeployment;
  let fresh = false;
  if (existsSync(deploymentPath)) {
    deployment = readDeployment(deploymentPath);
  } else {
    console.log("L1: deploying the bridge, the review verifier and the DirectSurgery baseline ...");
    deployment = await deployDevnet({
      rpcUrl: config.l1RpcUrl,
      out: deploymentPath,
      challengeWindowSeconds: Number(process.env.CHALLENGE_WINDOW_SECONDS ?? 10),
      genesis: genesisFromEnv(),
    });
    fresh = true;
  }
  node = await createNode({ config: { ...config, mode: args.verifier ? "verifier" : config.mode }, deployment, logger });
  if (fresh && !args.verifier) await fundDevAccounts(deployment);
  printSummary(deployment, node.url);
  const fatal = await node.fatal;
  console.error(`suture: ${fatal.message}`);
  await stopAll(2);
} catch (error) {
  if (error instanceof DataDirMismatchError) {
    console.error(`suture: ${error.message}`);
    await stopAll(3);
  }
  console.error(error);
  await stopAll(1);
}

/** Protocol timeouts of a fresh devnet, from the environment (defaults: DEFAULT_TIMEOUTS). */
function genesisFromEnv() {
  const out: Record<string, number> = {};
  for (const [env, key] of [
    ["NO_SHOW_GRACE_SECONDS", "noShowGraceSeconds"],
    ["CLOSE_TIMEOUT_SECONDS", "closeTimeoutSeconds"],
    ["INCIDENT_WINDOW_SECONDS", "incidentWindowSeconds"],
  ] as const) {
    if (process.env[env]) out[key] = Number(process.env[env]);
  }
  return out;
}

async function fundDevAccounts(deployment: NodeDeployment): Promise<void> {
  const abi = readArtifact("SutureBridge").abi;
  const publicClient = createPublicClient({ transport: http(config.l1RpcUrl) });
  // Every role signs transactions, and every signed transaction pays a fee (GET /v1/fees): the
  // regulators, the board and governance (the deployer) get L2 funds too.
  const roles = [
    DEV_ACCOUNTS.doctor,
    DEV_ACCOUNTS.patient,
    DEV_ACCOUNTS.manufacturer,
    DEV_ACCOUNTS.insurer,
    DEV_ACCOUNTS.patient2,
    DEV_ACCOUNTS.board,
    DEV_ACCOUNTS.medicineRegulator,
    DEV_ACCOUNTS.insuranceRegulator,
    DEV_ACCOUNTS.deployer,
  ];
  for (const a of roles) {
    const wallet = createWalletClient({ transport: http(config.l1RpcUrl), account: privateKeyToAccount(a.privateKey) });
    const hash = await wallet.writeContract({
      address: deployment.bridge,
      abi,
      functionName: "deposit",
      args: [a.address],
      value: parseEther(FUND_ETH),
      chain: null,
    });
    await publicClient.waitForTransactionReceipt({ hash });
  }
  console.log(`L1: deposited ${FUND_ETH} ETH to L2 for each dev account (credited once the sequencer reads the queue)`);
}

function printSummary(deployment: NodeDeployment, url: string): void {
  const rows = Object.values(DEV_ACCOUNTS).map((a) => `  ${a.role.padEnd(30)} ${a.address}  ${a.privateKey}`);
  console.log(
    [
      "",
      "Suture devnet is running",
      `  L1 JSON-RPC   ${config.l1RpcUrl} (chain ${deployment.l1ChainId})`,
      `  Web app       ${url}/`,
      `  L2 API        ${url}/v1/status   (OpenAPI: ${url}/v1/openapi.json)`,
      `  bridge        ${deployment.bridge}`,
      `  L2 chain id   ${deployment.l2ChainId}, challenge window ${deployment.challengeWindowSeconds} s`,
      `  data dir      ${resolve(config.dataDir)}`,
      "",
      "Dev accounts (public Hardhat keys: never use them for real value):",
      ...rows,
      "",
      `Each dev role account holds ${formatEther(parseEther(FUND_ETH))} ETH on L2 after a fresh start. Ctrl-C stops everything.`,
    ].join("\n"),
  );
}
