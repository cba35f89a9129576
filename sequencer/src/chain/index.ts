// Blocks: execution shared by the sequencer and the verifier (bodies and hashes are wire formats
// in ../protocol).
export type { Block, ForcedReceipt } from "./block";
export { executeBlock, type ExecuteBlockParameters, type ExecuteBlockReturnType } from "./executeBlock";
