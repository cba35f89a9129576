// The devnet/production description a node starts from: the deploy script's JSON plus the L2
// genesis parameters (roles and timeouts).
import { readFileSync } from "node:fs";
import type { Address, Hex } from "viem";
import type { GenesisParams } from "../state";

export type NodeDeployment = {
  l1ChainId: number;
  l2ChainId: number;
  bridge: Address;
  directSurgery?: Address;
  reviewVerifier?: Address;
  /** The bridge's dispute judge. */
  fraudVerifier: Address;
  /** Bond a proposer must post before submitting, in wei. */
  minBond: bigint;
  deployBlock: number;
  sequencer: Address;
  challengeWindowSeconds: number;
  genesisStateRoot: Hex;
  genesis: GenesisParams;
};

export function readDeployment(path: string): NodeDeployment {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (cause) {
    throw new Error(`no deployment at ${path}: deploy the contracts first (npm start does it)`, { cause });
  }
  const deployment = JSON.parse(text) as NodeDeployment;
  const fees = deployment.genesis.fees as unknown as { perByte: string; perWorkUnit: string } | undefined;
  if (!fees) throw new Error(`${path} has no genesis fee schedule: it was written by an older version; redeploy (npm start -- --reset)`);
  deployment.genesis.fees = { perByte: BigInt(fees.perByte), perWorkUnit: BigInt(fees.perWorkUnit) };
  if (deployment.minBond === undefined) throw new Error(`${path} has no bond: it was written by an older version; redeploy (npm start -- --reset)`);
  deployment.minBond = BigInt(deployment.minBond);
  return deployment;
}

/** The deployment as JSON (amounts as decimal strings); readDeployment reads it back. */
export function deploymentToJson(deployment: NodeDeployment): string {
  return `${JSON.stringify(deployment, (_key, value) => (typeof value === "bigint" ? value.toString() : value), 2)}\n`;
}
