// State tree: keccak compact sparse Merkle tree shared by the node and the bridge.
export { StateTree, type StateProof } from "./StateTree";
export { verifyProof, type VerifyProofParameters } from "./verifyProof";
export { EMPTY, leafHash, nodeHash, keyBit } from "./hashing";
export { proveWitness, type ProveWitnessParameters, type StepWitness, type WitnessRead, type WitnessWrite } from "./proveWitness";
export { abiProof, abiWitness, encodeWitness, PROOF_KIND, WITNESS_ABI } from "./encodeWitness";
