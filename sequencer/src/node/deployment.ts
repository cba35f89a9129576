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
  return JSON.parse(text) as NodeDeployment;
}
