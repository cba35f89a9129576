// Blocks: execution shared by the sequencer and the verifier, binary bodies, hashes.
export type { Block } from "./block";
export { executeBlock, type ExecuteBlockParameters, type ExecuteBlockReturnType } from "./executeBlock";
export { encodeBlockBody, readBlockBody, writeBlockBody, type BlockBody, type DecodedBlockBody } from "./blockBody";
export { blockHash } from "./blockHash";
