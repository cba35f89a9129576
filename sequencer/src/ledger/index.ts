// The ledger: the state in memory, the store on disk and the head block, shared by both node modes.
export { ChainState } from "./ChainState";
export { deploymentToJson, readDeployment, type NodeDeployment } from "./deployment";
