// State tree: keccak compact sparse Merkle tree shared by the node and the bridge.
export { StateTree, type StateProof } from "./StateTree";
export { verifyProof, type VerifyProofParameters } from "./verifyProof";
export { EMPTY, leafHash, nodeHash, keyBit } from "./hashing";
