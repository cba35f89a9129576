// Deploys a Suture chain to an L1: computes the L2 genesis (roles from the dev accounts unless
// given), deploys the bridge with its root, and writes the node's deployment JSON.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { deployContracts } from "../../../l1-contracts/scripts/deploy";
import { ChainState } from "../ledger/ChainState";
import { deploymentToJson, type NodeDeployment } from "../ledger/deployment";
import { DEFAULT_FEES, DEFAULT_TIMEOUTS, type GenesisParams } from "../state";
import { DEV_ACCOUNTS } from "./devAccounts";

export const DEVNET_L2_CHAIN_ID = 424242;

export type DeployDevnetParameters = {
  rpcUrl: string;
  out?: string;
  challengeWindowSeconds?: number;
  /** Force-inclusion deadline and sequencer inactivity before anyone bonded may propose (seconds; deploy script defaults). */
  forceInclusionDelaySeconds?: number;
  sequencerInactiveDelaySeconds?: number;
  genesis?: Partial<Omit<GenesisParams, "bridge" | "chainId">>;
};

export async function deployDevnet({
  rpcUrl,
  out,
  challengeWindowSeconds = 10,
  forceInclusionDelaySeconds,
  sequencerInactiveDelaySeconds,
  genesis = {},
}: DeployDevnetParameters): Promise<NodeDeployment> {
  const params: Omit<GenesisParams, "bridge"> = {
    chainId: DEVNET_L2_CHAIN_ID,
    licensingBoard: DEV_ACCOUNTS.board.address,
    medicineRegulator: DEV_ACCOUNTS.medicineRegulator.address,
    insuranceRegulator: DEV_ACCOUNTS.insuranceRegulator.address,
    governance: DEV_ACCOUNTS.deployer.address,
    fees: DEFAULT_FEES,
    ...DEFAULT_TIMEOUTS,
    ...genesis,
  };
  // The bridge address is not part of the committed genesis, so the root is known before deploy.
  const genesisStateRoot = ChainState.genesisRoot({ ...params, bridge: "0x0000000000000000000000000000000000000000" });
  const d = await deployContracts({
    rpcUrl,
    deployerKey: DEV_ACCOUNTS.deployer.privateKey,
    sequencer: DEV_ACCOUNTS.sequencer.address,
    challengeWindowSeconds,
    forceInclusionDelaySeconds,
    sequencerInactiveDelaySeconds,
    genesisStateRoot,
    l2ChainId: params.chainId,
  });
  const deployment: NodeDeployment = {
    ...d,
    genesis: { ...params, bridge: d.bridge.toLowerCase() as GenesisParams["bridge"] },
  };
  if (out) {
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, deploymentToJson(deployment));
  }
  return deployment;
}
