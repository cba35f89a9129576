// Deploys Suture's L1 contracts (bridge, DirectSurgery baseline and, once the circuits are
// compiled, the review verifier) and describes the deployment in the JSON file the node and the
// client read. The test fixture deploys through this same function.
//
// CLI: tsx l1-contracts/scripts/deploy.ts [--out deployments/devnet.json] [--sequencer 0x..]
//        [--challenge-window 10] [--genesis-root 0x..] [--l2-chain-id 424242] [--governance 0x..]
//      against L1_RPC_URL (default http://127.0.0.1:8545) with DEPLOYER_KEY (default: Hardhat
//      account 0). Flags fall back to SEQUENCER_ADDRESS, CHALLENGE_WINDOW_SECONDS,
//      GENESIS_STATE_ROOT, L2_CHAIN_ID and GOVERNANCE_ADDRESS.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import {
  createPublicClient,
  createWalletClient,
  getAddress,
  http,
  isAddress,
  isHex,
  type Abi,
  type Account,
  type Address,
  type Hex,
  type PublicClient,
  type WalletClient,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { CONTRACT_NAMES, hasArtifact, readArtifact, TWIN_CONTRACTS } from "./artifacts";

/** Hardhat's well-known account 0; the devnet deployer unless DEPLOYER_KEY says otherwise. */
export const HARDHAT_ACCOUNT_0_KEY: Hex = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

/** Devnet defaults used by the CLI when neither a flag nor an environment variable is given. */
export const DEVNET_DEFAULTS = {
  rpcUrl: "http://127.0.0.1:8545",
  l2ChainId: 424242,
  challengeWindowSeconds: 10,
  genesisStateRoot: `0x${"00".repeat(32)}` as Hex,
  /** Bond a proposer must post before submitting batches (slashed by a successful challenge). */
  minBond: 10n ** 18n,
  /** A batch is refused while a queue item this old (seconds) is left unconsumed. */
  forceInclusionDelaySeconds: 30,
  /** After this long (seconds) without a batch, any bonded account may propose. */
  sequencerInactiveDelaySeconds: 60,
  /** Governance timelock floor (seconds); always longer than the exit path (see governanceDelayFor). */
  governanceDelaySeconds: 300,
  /** L1 fee for forcing a transaction, in wei. */
  forcedTransactionFee: 10n ** 14n,
} as const;

/** Production parameters (docs/protocol.md "Deadlines"): what a public deployment should use. */
export const PRODUCTION_PARAMETERS = {
  challengeWindowSeconds: 7 * 86_400,
  forceInclusionDelaySeconds: 86_400,
  sequencerInactiveDelaySeconds: 7 * 86_400,
  governanceDelaySeconds: 30 * 86_400,
} as const;

/**
 * The governance timelock: at least `floor`, and a minute longer than the exit path (forced
 * inclusion, then a fallback proposer, then the challenge window), which the bridge requires.
 */
export function governanceDelayFor(
  p: { challengeWindowSeconds: number; forceInclusionDelaySeconds: number; sequencerInactiveDelaySeconds: number },
  floor: number = DEVNET_DEFAULTS.governanceDelaySeconds,
): number {
  return Math.max(floor, p.challengeWindowSeconds + p.forceInclusionDelaySeconds + p.sequencerInactiveDelaySeconds + 60);
}

/** Where and how to deploy: viem clients (the wallet client's account deploys), or an RPC URL and a key. */
export type DeployConnection =
  | { publicClient: PublicClient; walletClient: WalletClient; rpcUrl?: never; deployerKey?: never }
  | { rpcUrl: string; deployerKey: Hex; publicClient?: never; walletClient?: never };

export type DeployContractsParameters = DeployConnection & {
  /** Account allowed to submit batches. */
  sequencer: Address;
  /** Challenge window of the bridge, in seconds (1 s .. 30 days). */
  challengeWindowSeconds: number;
  /** L2 state root before the first batch. */
  genesisStateRoot: Hex;
  /** L2 chain id (EIP-712 domain of L2 transactions). */
  l2ChainId: number;
  /** Bridge governance and DirectSurgery licensing board; defaults to the deployer. */
  governance?: Address;
  /** Bond required to submit batches, in wei (default DEVNET_DEFAULTS.minBond). */
  minBond?: bigint;
  /** Force-inclusion deadline in seconds (default DEVNET_DEFAULTS.forceInclusionDelaySeconds). */
  forceInclusionDelaySeconds?: number;
  /** Sequencer inactivity before anyone may propose, in seconds (default DEVNET_DEFAULTS). */
  sequencerInactiveDelaySeconds?: number;
  /** Governance timelock in seconds (default governanceDelayFor the other settings). */
  governanceDelaySeconds?: number;
  /** L1 fee for forcing a transaction, in wei (default DEVNET_DEFAULTS.forcedTransactionFee). */
  forcedTransactionFee?: bigint;
  /** Contract that judges disputes (default `FraudVerifier`; bridge-mechanics tests use `MockFraudVerifier`). */
  fraudVerifierContract?: string;
  /** When set, the deployment JSON is also written to this path (directories created). */
  out?: string;
};

/** The deployment JSON the node and the client read. */
export type Deployment = {
  l1ChainId: number;
  l2ChainId: number;
  bridge: Address;
  directSurgery: Address;
  /** The dispute judge the bridge calls. */
  fraudVerifier: Address;
  /** Bond required to submit batches, in wei (decimal string in JSON). */
  minBond: bigint;
  /** Absent when the review circuit's verifier has not been compiled. */
  reviewVerifier?: Address;
  /** L1 block of the bridge's deployment: where an L1 watcher starts. */
  deployBlock: number;
  sequencer: Address;
  governance: Address;
  challengeWindowSeconds: number;
  forceInclusionDelaySeconds: number;
  sequencerInactiveDelaySeconds: number;
  governanceDelaySeconds: number;
  /** L1 fee for forcing a transaction, in wei (decimal string in JSON). */
  forcedTransactionFee: bigint;
  genesisStateRoot: Hex;
};

export type DeployContractsReturnType = Deployment;

/** Deploys (if compiled) the ReviewVerifier, the fraud verifier with its twin contracts, the bridge and the DirectSurgery baseline. */
export async function deployContracts(params: DeployContractsParameters): Promise<DeployContractsReturnType> {
  const { publicClient, walletClient } = connect(params);
  const account = walletClient.account;
  if (!account) throw new Error("deployContracts: the wallet client has no account");
  const governance = getAddress(params.governance ?? account.address);
  const deploy = (contractName: string, args: readonly unknown[]) => deployOne({ publicClient, walletClient, account, contractName, args });

  const minBond = params.minBond ?? DEVNET_DEFAULTS.minBond;
  // First: the review twin (ClosingTwin) checks PostReview proofs with this same verifier.
  const reviewVerifier = hasArtifact(CONTRACT_NAMES.reviewVerifier) ? await deploy(CONTRACT_NAMES.reviewVerifier, []) : undefined;
  const fraudVerifier = params.fraudVerifierContract
    ? await deploy(params.fraudVerifierContract, [])
    : await deployFraudVerifier(deploy, reviewVerifier?.address);
  const forceInclusionDelaySeconds = params.forceInclusionDelaySeconds ?? DEVNET_DEFAULTS.forceInclusionDelaySeconds;
  const sequencerInactiveDelaySeconds = params.sequencerInactiveDelaySeconds ?? DEVNET_DEFAULTS.sequencerInactiveDelaySeconds;
  const governanceDelaySeconds =
    params.governanceDelaySeconds ??
    governanceDelayFor({ challengeWindowSeconds: params.challengeWindowSeconds, forceInclusionDelaySeconds, sequencerInactiveDelaySeconds });
  const forcedTransactionFee = params.forcedTransactionFee ?? DEVNET_DEFAULTS.forcedTransactionFee;
  const bridge = await deploy(CONTRACT_NAMES.bridge, [
    governance,
    params.sequencer,
    BigInt(params.challengeWindowSeconds),
    params.genesisStateRoot,
    BigInt(params.l2ChainId),
    fraudVerifier.address,
    minBond,
    {
      forceInclusionDelay: BigInt(forceInclusionDelaySeconds),
      sequencerInactiveDelay: BigInt(sequencerInactiveDelaySeconds),
      governanceDelay: BigInt(governanceDelaySeconds),
    },
    forcedTransactionFee,
  ]);
  const directSurgery = await deploy(CONTRACT_NAMES.directSurgery, [governance]);

  const deployment: Deployment = {
    l1ChainId: await publicClient.getChainId(),
    l2ChainId: params.l2ChainId,
    bridge: bridge.address,
    directSurgery: directSurgery.address,
    fraudVerifier: fraudVerifier.address,
    minBond,
    ...(reviewVerifier && { reviewVerifier: reviewVerifier.address }),
    deployBlock: Number(bridge.blockNumber),
    sequencer: getAddress(params.sequencer),
    governance,
    challengeWindowSeconds: params.challengeWindowSeconds,
    forceInclusionDelaySeconds,
    sequencerInactiveDelaySeconds,
    governanceDelaySeconds,
    forcedTransactionFee,
    genesisStateRoot: params.genesisStateRoot,
  };
  if (params.out) {
    mkdirSync(dirname(resolve(params.out)), { recursive: true });
    writeFileSync(params.out, `${deploymentJson(deployment)}\n`);
  }
  return deployment;
}

/** The deployment as JSON (wei amounts as decimal strings). */
export function deploymentJson(deployment: Deployment): string {
  return JSON.stringify(deployment, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value), 2);
}

/**
 * The STF's Solidity twin (one contract per handler group, plus the chain steps) and the judge that
 * routes to it. ClosingTwin takes the review verifier (PostReview's proof check).
 */
async function deployFraudVerifier(
  deploy: (contractName: string, args: readonly unknown[]) => Promise<{ address: Address }>,
  reviewVerifier: Address | undefined,
) {
  const constructorArgs = (name: (typeof TWIN_CONTRACTS)[number]): unknown[] => {
    if (name !== "ClosingTwin") return [];
    if (!reviewVerifier) throw new Error(`ClosingTwin needs ${CONTRACT_NAMES.reviewVerifier}, which has not been compiled`);
    return [reviewVerifier];
  };
  const twins = [];
  for (const name of TWIN_CONTRACTS) {
    twins.push((await deploy(name, constructorArgs(name))).address);
  }
  return deploy(CONTRACT_NAMES.fraudVerifier, twins);
}

function connect(params: DeployConnection): { publicClient: PublicClient; walletClient: WalletClient } {
  if (params.publicClient) return { publicClient: params.publicClient, walletClient: params.walletClient };
  const transport = http(params.rpcUrl);
  return {
    publicClient: createPublicClient({ transport }),
    walletClient: createWalletClient({ account: privateKeyToAccount(params.deployerKey), transport }),
  };
}

type DeployOneParameters = {
  publicClient: PublicClient;
  walletClient: WalletClient;
  account: Account;
  contractName: string;
  args: readonly unknown[];
};

/** Libraries with public functions deployed so far in this process, by chain and name (e.g. PoseidonT3). */
const deployedLibraries = new Map<string, Address>();

/** The creation bytecode with every library placeholder replaced by that library's address (deployed on first use). */
async function linkedBytecode(p: Omit<DeployOneParameters, "contractName" | "args">, contractName: string): Promise<Hex> {
  const { bytecode, linkReferences } = readArtifact(contractName);
  let linked = bytecode;
  for (const libraries of Object.values(linkReferences)) {
    for (const [library, ranges] of Object.entries(libraries)) {
      const id = `${await p.publicClient.getChainId()}:${library}`;
      let address = deployedLibraries.get(id);
      const code = address ? await p.publicClient.getCode({ address }) : undefined;
      if (!address || !code || code === "0x") {
        address = (await deployOne({ ...p, contractName: library, args: [] })).address;
        deployedLibraries.set(id, address);
      }
      for (const { start, length } of ranges) {
        linked = `${linked.slice(0, 2 + start * 2)}${address.slice(2).toLowerCase()}${linked.slice(2 + (start + length) * 2)}` as Hex;
      }
    }
  }
  return linked;
}

async function deployOne({ publicClient, walletClient, account, contractName, args }: DeployOneParameters) {
  const { abi } = readArtifact(contractName);
  const bytecode = await linkedBytecode({ publicClient, walletClient, account }, contractName);
  const constructorInputs = (abi as Abi).find((item) => item.type === "constructor")?.inputs ?? [];
  if (constructorInputs.length !== args.length) {
    throw new Error(`${contractName}'s constructor takes ${constructorInputs.length} arguments; deploy.ts passes ${args.length}`);
  }
  const hash = await walletClient.deployContract({ abi, bytecode, args, account, chain: walletClient.chain ?? null });
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success" || !receipt.contractAddress) {
    throw new Error(`deploying ${contractName} failed (tx ${hash}, status ${receipt.status})`);
  }
  return { address: getAddress(receipt.contractAddress), blockNumber: receipt.blockNumber };
}

/** Parses CLI flags and environment into deployContracts parameters. */
function cliParameters(argv: string[], env: NodeJS.ProcessEnv): DeployContractsParameters {
  const { values } = parseArgs({
    args: argv,
    options: {
      out: { type: "string" },
      sequencer: { type: "string" },
      "challenge-window": { type: "string" },
      "force-inclusion-delay": { type: "string" },
      "sequencer-inactive-delay": { type: "string" },
      "governance-delay": { type: "string" },
      "genesis-root": { type: "string" },
      "l2-chain-id": { type: "string" },
      governance: { type: "string" },
    },
  });
  const deployerKey = (env.DEPLOYER_KEY ?? HARDHAT_ACCOUNT_0_KEY) as Hex;
  const sequencer = values.sequencer ?? env.SEQUENCER_ADDRESS ?? privateKeyToAccount(deployerKey).address;
  const governance = values.governance ?? env.GOVERNANCE_ADDRESS;
  const genesisStateRoot = values["genesis-root"] ?? env.GENESIS_STATE_ROOT ?? DEVNET_DEFAULTS.genesisStateRoot;
  if (!isAddress(sequencer)) throw new Error(`sequencer is not an address: ${sequencer}`);
  if (governance !== undefined && !isAddress(governance)) throw new Error(`governance is not an address: ${governance}`);
  if (!isHex(genesisStateRoot) || genesisStateRoot.length !== 66) throw new Error(`genesis root is not 32 bytes: ${genesisStateRoot}`);
  return {
    rpcUrl: env.L1_RPC_URL ?? DEVNET_DEFAULTS.rpcUrl,
    deployerKey,
    sequencer,
    governance,
    challengeWindowSeconds: Number(values["challenge-window"] ?? env.CHALLENGE_WINDOW_SECONDS ?? DEVNET_DEFAULTS.challengeWindowSeconds),
    forceInclusionDelaySeconds: optionalNumber(values["force-inclusion-delay"] ?? env.FORCE_INCLUSION_DELAY_SECONDS),
    sequencerInactiveDelaySeconds: optionalNumber(values["sequencer-inactive-delay"] ?? env.SEQUENCER_INACTIVE_DELAY_SECONDS),
    governanceDelaySeconds: optionalNumber(values["governance-delay"] ?? env.GOVERNANCE_DELAY_SECONDS),
    genesisStateRoot,
    l2ChainId: Number(values["l2-chain-id"] ?? env.L2_CHAIN_ID ?? DEVNET_DEFAULTS.l2ChainId),
    out: values.out,
  };
}

function optionalNumber(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n <= 0) throw new Error(`not a positive whole number of seconds: ${value}`);
  return n;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  deployContracts(cliParameters(process.argv.slice(2), process.env)).then(
    (deployment) => console.log(deploymentJson(deployment)),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
