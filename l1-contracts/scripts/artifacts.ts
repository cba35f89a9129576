// Compiled contracts for TypeScript callers (deploy script, node, client, tests): reads the Hardhat
// artifacts that `npx hardhat compile` writes under l1-contracts/artifacts/ (gitignored).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Abi, Hex } from "viem";

/** Directory Hardhat writes artifacts to (see hardhat.config.cjs). */
export const ARTIFACTS_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "artifacts");

export type ContractArtifact = {
  contractName: string;
  /** Source path relative to the repository root, e.g. `l1-contracts/contracts/SutureBridge.sol`. */
  sourceName: string;
  abi: Abi;
  /** Creation bytecode (0x when the contract is abstract or an interface); library placeholders unlinked. */
  bytecode: Hex;
  /** Where the creation bytecode needs the address of a library with public functions: source → library → byte ranges. */
  linkReferences: Record<string, Record<string, Array<{ start: number; length: number }>>>;
  deployedBytecode: Hex;
};

/** Contract names the bridge, the baseline and the review verifier are compiled under. */
export const CONTRACT_NAMES = {
  bridge: "SutureBridge",
  directSurgery: "DirectSurgery",
  reviewVerifier: "ReviewVerifier",
  fraudVerifier: "FraudVerifier",
} as const;

/** The twin contracts FraudVerifier's constructor takes, in its order. */
export const TWIN_CONTRACTS = ["FundsTwin", "RegistryTwin", "ScheduleTwin", "CareTwin", "ClosingTwin", "ChainStepsTwin"] as const;

let index: Map<string, string> | undefined;

/** Path of every artifact by contract name; built once per process. */
function artifactIndex(): Map<string, string> {
  if (index) return index;
  const found = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "build-info") walk(path);
      } else if (entry.name.endsWith(".json") && !entry.name.endsWith(".dbg.json")) {
        const name = entry.name.slice(0, -".json".length);
        if (found.has(name)) throw new Error(`two compiled contracts are named ${name}: ${found.get(name)} and ${path}`);
        found.set(name, path);
      }
    }
  };
  if (existsSync(ARTIFACTS_DIR)) walk(ARTIFACTS_DIR);
  index = found;
  return found;
}

/** True when a contract of that name has been compiled. */
export function hasArtifact(contractName: string): boolean {
  return artifactIndex().has(contractName);
}

/** Reads a compiled contract by name; throws with the fix when it has not been compiled. */
export function readArtifact(contractName: string): ContractArtifact {
  const path = artifactIndex().get(contractName);
  if (!path) throw new Error(`no compiled artifact for ${contractName} in ${ARTIFACTS_DIR}: run \`npx hardhat compile\``);
  const { sourceName, abi, bytecode, deployedBytecode, linkReferences } = JSON.parse(readFileSync(path, "utf8"));
  return { contractName, sourceName, abi, bytecode, deployedBytecode, linkReferences: linkReferences ?? {} };
}

/** The rollup bridge's ABI and bytecode. */
export const bridgeArtifact = (): ContractArtifact => readArtifact(CONTRACT_NAMES.bridge);

/** The direct-L1 baseline's ABI and bytecode. */
export const directSurgeryArtifact = (): ContractArtifact => readArtifact(CONTRACT_NAMES.directSurgery);
