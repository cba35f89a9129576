// Withdrawal vectors: the ABI-defined leaf the bridge rebuilds (key and value hash), and a state
// tree holding those leaves with each one's inclusion proof, as finalizeWithdrawal takes it.
import { encodeAbiParameters, encodePacked } from "viem";
import { bytesToHex } from "../../crypto";
import { StateTree } from "../../tree";
import { withdrawalKey, withdrawalValueHash } from "..";
import { WITHDRAWALS } from "./inputs";
import { toJson, type Json } from "./vectorFiles";

/** A state tree holding exactly the WITHDRAWALS leaves. */
export function withdrawalTree(): StateTree {
  const tree = new StateTree();
  for (const w of WITHDRAWALS) tree.set(withdrawalKey(w.id), withdrawalValueHash(w));
  return tree;
}

export function computeWithdrawalVectors(): Json {
  const tree = withdrawalTree();
  return toJson({
    description:
      "Withdrawal leaves (docs/protocol.md, Withdrawal leaf): key = keccak256(keyPreimage), keyPreimage = abi.encodePacked(uint8 0x09, uint64 id); " +
      "valueHash = keccak256(value), value = abi.encode(uint64 id, address recipient, uint256 amount). " +
      "treeRoot is the state tree holding exactly these leaves; siblings is each leaf's inclusion proof in it.",
    leaves: WITHDRAWALS.map((w) => ({
      ...w,
      keyPreimage: encodePacked(["uint8", "uint64"], [0x09, w.id]),
      key: bytesToHex(withdrawalKey(w.id)),
      value: encodeAbiParameters([{ type: "uint64" }, { type: "address" }, { type: "uint256" }], [w.id, w.recipient, w.amount]),
      valueHash: bytesToHex(withdrawalValueHash(w)),
      siblings: tree.prove(withdrawalKey(w.id)).siblings,
    })),
    treeRoot: bytesToHex(tree.root()),
  });
}
