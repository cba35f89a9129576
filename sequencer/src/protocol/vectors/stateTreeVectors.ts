// State tree vectors: the root after each of a few fixed writes and deletions, and inclusion and
// exclusion proofs against the final tree.
import { bytesToHex, hexToBytes } from "../../crypto";
import { leafHash, nodeHash, StateTree } from "../../tree";
import { TREE_KEYS, TREE_OPS, TREE_PROOF_KEYS } from "./inputs";
import { toJson, type Json } from "./vectorFiles";

export function computeStateTreeVectors(): Json {
  const tree = new StateTree();
  const emptyRoot = bytesToHex(tree.root());
  const ops = TREE_OPS.map((op) => {
    const key = TREE_KEYS[op.key];
    if (op.op === "set") tree.set(hexToBytes(key), hexToBytes(op.valueHash));
    else tree.delete(hexToBytes(key));
    return { ...op, key, root: bytesToHex(tree.root()) };
  });
  const proofs = TREE_PROOF_KEYS.map((key) => {
    const valueHash = tree.get(hexToBytes(key));
    const proof = tree.prove(hexToBytes(key));
    const kind = valueHash ? "inclusion" : proof.leaf ? "exclusion-other-leaf" : "exclusion-empty";
    return { key, kind, valueHash: valueHash ? bytesToHex(valueHash) : null, proof };
  });
  const [a, b] = [hexToBytes(TREE_KEYS.B), hexToBytes(TREE_KEYS.C)];
  return toJson({
    description:
      "State tree (docs/protocol.md, State tree): keccak compact sparse Merkle tree. leafHash = keccak256(0x01 ‖ key ‖ valueHash); " +
      "nodeHash = keccak256(left ‖ right); empty subtree = 32 zero bytes. ops are applied in order from the empty tree; " +
      "proofs are against the last root (siblings from the root's children down).",
    emptyRoot,
    hashes: {
      leafHash: { key: TREE_KEYS.B, valueHash: TREE_KEYS.C, hash: bytesToHex(leafHash(a, b)) },
      nodeHash: { left: TREE_KEYS.B, right: TREE_KEYS.C, hash: bytesToHex(nodeHash(a, b)) },
    },
    ops,
    root: bytesToHex(tree.root()),
    proofs,
  });
}
