// GET /v1/contracts: the L1 contracts a node follows, with their ABIs from the compiled artifacts
// and hashes an integrator can check them by. Built once per process (artifacts do not change
// under a running node).
import type { Static } from "@sinclair/typebox";
import type { Address, Hex } from "viem";
import { readArtifact, CONTRACT_NAMES } from "../../../l1-contracts/scripts/artifacts";
import { bytesToHex, hexToBytes } from "../crypto/bytes";
import { keccak256 } from "../crypto/keccak256";
import type { NodeDeployment } from "../ledger/deployment";
import type { ContractJson, ContractsJson } from "../protocol/api";

export const CONTRACT_HASHING =
  "abiKeccak256: keccak256 of the ABI as canonical JSON (object keys sorted, no whitespace; solc writes ABIs this way); " +
  "bytecodeKeccak256: keccak256 of the creation bytecode; deployedBytecodeKeccak256: keccak256 of the compiled runtime bytecode, " +
  "in which immutable variables are still zero (the deployed code holds their values there)";

/** JSON with object keys sorted and no whitespace. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(value);
}

const keccakHex = (bytes: Uint8Array): Hex => bytesToHex(keccak256(bytes));

function describeContract(contractName: string, address: Address): Static<typeof ContractJson> {
  const { sourceName, abi, bytecode, deployedBytecode } = readArtifact(contractName);
  return {
    contractName,
    sourceName,
    address: address.toLowerCase() as Address,
    abi: abi as never,
    abiKeccak256: keccakHex(new TextEncoder().encode(canonicalJson(abi))),
    bytecodeKeccak256: keccakHex(hexToBytes(bytecode)),
    deployedBytecodeKeccak256: keccakHex(hexToBytes(deployedBytecode)),
  };
}

let cached: { deployment: NodeDeployment; value: Static<typeof ContractsJson> } | null = null;

export function publishedContracts(deployment: NodeDeployment): Static<typeof ContractsJson> {
  if (cached?.deployment === deployment) return cached.value;
  const value = {
    l1ChainId: deployment.l1ChainId,
    l2ChainId: deployment.l2ChainId,
    deploymentBlock: deployment.deployBlock,
    challengeWindowSeconds: deployment.challengeWindowSeconds,
    bridge: describeContract(CONTRACT_NAMES.bridge, deployment.bridge),
    reviewVerifier: deployment.reviewVerifier ? describeContract(CONTRACT_NAMES.reviewVerifier, deployment.reviewVerifier) : null,
    directSurgery: deployment.directSurgery ? describeContract(CONTRACT_NAMES.directSurgery, deployment.directSurgery) : null,
    hashing: CONTRACT_HASHING,
  };
  cached = { deployment, value };
  return value;
}
