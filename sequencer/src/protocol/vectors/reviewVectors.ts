// Review vectors: the per-case secret (HKDF inputs and output), the Poseidon commitment, leaf and
// nullifier, the review message, the review tree, and the witness and public signals of a proof.
// The proof itself is random (Groth16 blinding); generate.ts keeps one valid proof with its
// packed form, which pins the word order the bridge's verifier takes.
import { hkdfSync } from "node:crypto";
import { encodeAbiParameters, numberToBytes, type Hex } from "viem";
import { deriveReviewSecret, REVIEW_SECRET_DOMAIN } from "../../../../client/src/reviews";
import { bytesToHex } from "../../crypto";
import { BatchedReviewTree, ReviewTree } from "../../reviews";
import {
  doctorToField,
  REVIEW_PUBLIC_SIGNALS,
  REVIEW_TREE_DEPTH,
  reviewCommitment,
  reviewLeaf,
  reviewMessage,
  reviewNullifier,
  reviewPublicSignals,
  SNARK_SCALAR_FIELD,
} from "..";
import { DOCTOR_FIELD_INPUTS, REVIEW_DOCTOR, REVIEW_MESSAGE_INPUTS, REVIEW_PROOF_INPUT, REVIEW_SECRET_INPUTS, REVIEW_TREE_INPUT } from "./inputs";
import { toJson, type Json } from "./vectorFiles";

/** The circuit's private inputs; every other input is public (REVIEW_PUBLIC_SIGNALS). */
export const REVIEW_PRIVATE_INPUTS = ["s", "leafIndex", "siblings"] as const;

function secretVector({ privateKey, caseId }: { privateKey: Hex; caseId: bigint }) {
  const info = numberToBytes(caseId, { size: 32 });
  // node:crypto's HKDF as an independent reference for the okm the client reduces mod p.
  const okm = new Uint8Array(hkdfSync("sha256", Buffer.from(privateKey.slice(2), "hex"), REVIEW_SECRET_DOMAIN, info, 48));
  const s = deriveReviewSecret({ privateKey, caseId });
  const commitment = reviewCommitment(s);
  return {
    privateKey,
    caseId,
    salt: REVIEW_SECRET_DOMAIN,
    info: bytesToHex(info),
    okm: bytesToHex(okm),
    s,
    doctor: REVIEW_DOCTOR,
    commitment,
    leaf: reviewLeaf(commitment, REVIEW_DOCTOR),
    nullifier: reviewNullifier(s, REVIEW_DOCTOR),
  };
}

/** The witness of the proven review: circuit input names to values. */
export function reviewWitness() {
  const s = deriveReviewSecret(REVIEW_SECRET_INPUTS[REVIEW_PROOF_INPUT.secretIndex]);
  const ourLeaf = reviewLeaf(reviewCommitment(s), REVIEW_DOCTOR);
  const leaves = [
    ...REVIEW_TREE_INPUT.before.map(({ commitment, doctor }) => reviewLeaf(commitment, doctor)),
    ourLeaf,
    ...REVIEW_TREE_INPUT.after.map(({ commitment, doctor }) => reviewLeaf(commitment, doctor)),
  ];
  const leafIndex = REVIEW_TREE_INPUT.before.length;
  const { root, siblings } = new ReviewTree(leaves).proof(leafIndex);
  const review = REVIEW_MESSAGE_INPUTS[REVIEW_PROOF_INPUT.messageIndex];
  const inputs = {
    s,
    leafIndex,
    siblings,
    root,
    doctor: doctorToField(REVIEW_DOCTOR),
    nullifier: reviewNullifier(s, REVIEW_DOCTOR),
    message: reviewMessage(review),
  };
  return { leaves, review, inputs };
}

export function computeReviewVectors(): Json {
  const { leaves, review, inputs } = reviewWitness();
  const batched = new BatchedReviewTree(leaves);
  return toJson({
    description:
      "Reviews (docs/protocol.md, Reviews): s = HKDF-SHA256(ikm = privateKey, salt = UTF-8 salt, info = uint256 caseId, 48 bytes) mod p; " +
      "commitment = Poseidon1(s); leaf = Poseidon2(commitment, doctor); nullifier = Poseidon2(s, doctor); " +
      "message = uint256(keccak256(abi.encode(uint8 rating, bool worthIt, bytes32 textHash))) >> 8. Field elements in decimal. " +
      "proof.groth16 is snarkjs' output for witness.inputs; proof.packed = [a.x, a.y, b.x1, b.x0, b.y1, b.y0, c.x, c.y].",
    field: SNARK_SCALAR_FIELD,
    secrets: REVIEW_SECRET_INPUTS.map(secretVector),
    doctorFields: DOCTOR_FIELD_INPUTS.map((address) => ({ address, field: doctorToField(address) })),
    messages: REVIEW_MESSAGE_INPUTS.map((m) => ({
      ...m,
      encoded: encodeAbiParameters([{ type: "uint8" }, { type: "bool" }, { type: "bytes32" }], [m.rating, m.worthIt, m.textHash]),
      message: reviewMessage(m),
    })),
    tree: {
      depth: REVIEW_TREE_DEPTH,
      zeroLeaf: 0n,
      emptyRoot: new ReviewTree().root,
      leaves,
      root: batched.root,
    },
    witness: {
      review,
      privateInputs: REVIEW_PRIVATE_INPUTS,
      publicSignalNames: REVIEW_PUBLIC_SIGNALS,
      inputs,
      publicSignals: reviewPublicSignals({ root: inputs.root, doctor: REVIEW_DOCTOR, nullifier: inputs.nullifier, message: inputs.message }),
    },
  });
}
