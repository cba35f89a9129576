// Local devnet: Hardhat L1, deployment, dev accounts.
export { DEV_ACCOUNTS, HARDHAT_KEYS, type DevAccount } from "./devAccounts";
export { startHardhatNode, rpcReady, type HardhatNode } from "./startHardhatNode";
export { deployDevnet, DEVNET_L2_CHAIN_ID, type DeployDevnetParameters } from "./deployDevnet";
