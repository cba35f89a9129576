// Constants of the review proof system shared by the STF, the node and the client.
import { REVIEW_CIRCUIT } from "../../../../circuits/config";

/** Depth of the review tree; the circuit is compiled for exactly this depth. */
export const REVIEW_TREE_DEPTH: number = REVIEW_CIRCUIT.depth;

/** BN254 scalar field order p: every public signal and Poseidon input must be below it. */
export const SNARK_SCALAR_FIELD = 21888242871839275222246405745257275088548364400416034343698204186575808495617n;

/** BN254 base field order q: every proof coordinate must be below it. */
export const BN254_BASE_FIELD = 21888242871839275222246405745257275088696311157297823662689037894645226208583n;

/** Order of the circuit's public signals (the verifier's input vector). */
export const REVIEW_PUBLIC_SIGNALS = REVIEW_CIRCUIT.publicSignals;
