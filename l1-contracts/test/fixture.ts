// Shared fixture for contract tests (and for any test that needs an L1): an in-process Hardhat
// network, viem clients on it, and Suture's contracts deployed by the real deploy script.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  createPublicClient,
  createWalletClient,
  custom,
  getAddress,
  type Abi,
  type TransactionReceipt,
  getContract,
  type Account,
  type Address,
  type Chain,
  type Hex,
  type PublicClient,
  type Transport,
  type WalletClient,
} from "viem";
import { hardhat } from "viem/chains";
import { bridgeArtifact, directSurgeryArtifact } from "../scripts/artifacts";
import { DEVNET_DEFAULTS, deployContracts, type Deployment } from "../scripts/deploy";

/** EIP-1193 provider of the in-process Hardhat network, plus the bits of the HRE tests use. */
export type HardhatRuntime = {
  network: { provider: { request(args: { method: string; params?: unknown[] }): Promise<unknown> } };
  artifacts: unknown;
};

/** Named test accounts (Hardhat's default accounts 0..9, 10 000 ETH each). */
export type FixtureAccounts = {
  deployer: Address;
  governance: Address;
  sequencer: Address;
  alice: Address;
  bob: Address;
  carol: Address;
  doctor: Address;
  patient: Address;
  board: Address;
  stranger: Address;
};

/** A wallet client bound to the Hardhat chain and one account, so writes need neither. */
export type TestWallet = WalletClient<Transport, Chain, Account>;

export type FixtureParameters = {
  challengeWindowSeconds?: number;
  /** The dispute judge: the real `FraudVerifier` (default) or `MockFraudVerifier` (bridge mechanics tests). */
  fraudVerifier?: "real" | "mock";
  /** Bond the sequencer posts after deployment (default: the minimum; 0n posts none). */
  sequencerBond?: bigint;
  genesisStateRoot?: Hex;
  l2ChainId?: number;
  /** Force-inclusion deadline, sequencer-inactivity delay and governance timelock (default: the deploy script's). */
  forceInclusionDelaySeconds?: number;
  sequencerInactiveDelaySeconds?: number;
  governanceDelaySeconds?: number;
  /** L1 fee for forcing a transaction (default: the deploy script's). */
  forcedTransactionFee?: bigint;
};

export type Fixture = {
  hre: HardhatRuntime;
  chain: Chain;
  publicClient: PublicClient;
  accounts: FixtureAccounts;
  /** A wallet client per named account (JSON-RPC accounts: Hardhat signs). */
  wallets: Record<keyof FixtureAccounts, TestWallet>;
  deployment: Deployment;
  bridge: ReturnType<typeof bridgeContract>;
  directSurgery: ReturnType<typeof directSurgeryContract>;
};

const ACCOUNT_ORDER: (keyof FixtureAccounts)[] = ["deployer", "governance", "sequencer", "alice", "bob", "carol", "doctor", "patient", "board", "stranger"];

let runtime: HardhatRuntime | undefined;

/** The in-process Hardhat runtime, loaded once per process from the repository's hardhat.config.cjs. */
export function hardhatRuntime(): HardhatRuntime {
  if (runtime) return runtime;
  const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
  process.env.HARDHAT_CONFIG ??= join(root, "hardhat.config.cjs");
  process.env.HARDHAT_NETWORK ??= "hardhat";
  runtime = createRequire(import.meta.url)("hardhat") as HardhatRuntime;
  return runtime;
}

/** Deploys a fresh set of contracts with the deploy script; `DirectSurgery`'s licensing board is the `board` account. */
export async function deployFixture(params: FixtureParameters = {}): Promise<Fixture> {
  const hre = hardhatRuntime();
  const transport = custom(hre.network.provider);
  const chain = hardhat;
  const publicClient = createPublicClient({ chain, transport });
  const addresses = (await hre.network.provider.request({ method: "eth_accounts" })) as Address[];
  const accounts = Object.fromEntries(ACCOUNT_ORDER.map((name, i) => [name, getAddress(addresses[i]!)])) as FixtureAccounts;
  const wallets = Object.fromEntries(
    ACCOUNT_ORDER.map((name): [string, TestWallet] => [name, createWalletClient({ chain, transport, account: accounts[name] })]),
  ) as Record<keyof FixtureAccounts, TestWallet>;

  const deployment = await deployContracts({
    publicClient,
    walletClient: wallets.deployer,
    sequencer: accounts.sequencer,
    governance: accounts.governance,
    challengeWindowSeconds: params.challengeWindowSeconds ?? 3600,
    genesisStateRoot: params.genesisStateRoot ?? DEVNET_DEFAULTS.genesisStateRoot,
    l2ChainId: params.l2ChainId ?? DEVNET_DEFAULTS.l2ChainId,
    forceInclusionDelaySeconds: params.forceInclusionDelaySeconds,
    sequencerInactiveDelaySeconds: params.sequencerInactiveDelaySeconds,
    governanceDelaySeconds: params.governanceDelaySeconds,
    forcedTransactionFee: params.forcedTransactionFee,
    ...(params.fraudVerifier === "mock" && { fraudVerifierContract: "MockFraudVerifier" }),
  });
  const bond = params.sequencerBond ?? deployment.minBond;
  if (bond > 0n) {
    const hash = await wallets.sequencer.writeContract({ abi: bridgeArtifact().abi, address: deployment.bridge, functionName: "postBond", value: bond });
    await publicClient.waitForTransactionReceipt({ hash });
  }
  return {
    hre,
    chain,
    publicClient,
    accounts,
    wallets,
    deployment,
    bridge: bridgeContract(publicClient, deployment.bridge),
    directSurgery: directSurgeryContract(publicClient, deployment.directSurgery),
  };
}

/** Read-only handle on the bridge; write with `writeAs` / `fixture.wallets.x.writeContract`. */
export function bridgeContract(client: PublicClient, address: Address) {
  return getContract({ abi: bridgeArtifact().abi, address, client });
}

/** Read-only handle on the DirectSurgery baseline. */
export function directSurgeryContract(client: PublicClient, address: Address) {
  return getContract({ abi: directSurgeryArtifact().abi, address, client });
}

export type SendParameters = {
  from: keyof FixtureAccounts;
  address: Address;
  abi: Abi;
  functionName: string;
  args?: readonly unknown[];
  value?: bigint;
};

/** Sends a contract call from a named account and waits for its receipt; throws (with the revert data) on revert. */
export async function send(fixture: Fixture, { from, address, abi, functionName, args = [], value }: SendParameters): Promise<TransactionReceipt> {
  const hash = await fixture.wallets[from].writeContract({ abi, address, functionName, args, value });
  return fixture.publicClient.waitForTransactionReceipt({ hash });
}

const loaded = new Map<string, { fixture: Fixture; snapshot: string }>();

/**
 * Deploys once per process and parameter set, then on every later call rewinds the chain to the
 * state right after that deployment (evm_snapshot / evm_revert), like Hardhat's `loadFixture`.
 * Use it in `beforeEach` for isolated tests.
 */
export async function loadFixture(params: FixtureParameters = {}): Promise<Fixture> {
  const id = JSON.stringify(params, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value));
  const provider = hardhatRuntime().network.provider;
  const entry = loaded.get(id);
  if (entry) {
    const ok = await provider.request({ method: "evm_revert", params: [entry.snapshot] });
    if (!ok) throw new Error("loadFixture: evm_revert failed");
    entry.snapshot = (await provider.request({ method: "evm_snapshot" })) as string;
    return entry.fixture;
  }
  const fixture = await deployFixture(params);
  loaded.set(id, { fixture, snapshot: (await provider.request({ method: "evm_snapshot" })) as string });
  return fixture;
}
