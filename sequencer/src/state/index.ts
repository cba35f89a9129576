// The rollup state: entities, namespaces, journaled maps and the state tree.
export * from "./entities";
export { State, leafKey, leafPreimage, leafValueHash, type AccessedLeaf, type ReviewTreeLike } from "./State";
export { proveStep, type ProveStepReturnType } from "./proveStep";
export { encodeLeaf, leafAbi, projectLeaf, type CommittedParams, type LeafValue } from "./leafEncoding";
export { IdIndex, type IdPage } from "./IdIndex";
export { NAMESPACES, type Namespace, type NamespaceValue } from "./namespaces";
export { canonicalize, decanonicalize } from "./canonical";
export { DEFAULT_FEES, DEFAULT_TIMEOUTS, ZERO_FEES, type FeeSchedule, type GenesisParams } from "./genesis";
