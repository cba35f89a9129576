// State leaf vectors: for one value of every namespace, the tree key and the value hash, with the
// bytes each is the keccak256 of.
import { encodeAbiParameters, encodePacked } from "viem";
import { bytesToHex } from "../../crypto";
import { canonicalize, leafKey, leafValueHash, NAMESPACES, type Withdrawal } from "../../state";
import { LEAF_INPUTS, type LeafInput } from "./inputs";
import { toJson, type Json } from "./vectorFiles";

function leafVector({ namespace, id, value }: LeafInput) {
  const key = bytesToHex(leafKey(namespace, id));
  const valueHash = bytesToHex(leafValueHash(namespace, value));
  if (namespace === "withdrawal") {
    const w = value as Withdrawal;
    return {
      namespace,
      namespaceByte: NAMESPACES[namespace],
      id,
      keyPreimage: encodePacked(["uint8", "uint64"], [NAMESPACES.withdrawal, BigInt(id)]),
      key,
      encoding: "abi",
      value: encodeAbiParameters([{ type: "uint64" }, { type: "address" }, { type: "uint256" }], [w.id, w.recipient, w.amount]),
      valueHash,
    };
  }
  return {
    namespace,
    namespaceByte: NAMESPACES[namespace],
    id,
    keyPreimage: bytesToHex(new Uint8Array([NAMESPACES[namespace], ...new TextEncoder().encode(id)])),
    key,
    encoding: "canonical-json",
    value: canonicalize(value),
    valueHash,
  };
}

export function computeStateLeafVectors(): Json {
  return toJson({
    description:
      "State leaves (docs/protocol.md, State keys and values): key = keccak256(keyPreimage), keyPreimage = namespace byte ‖ UTF-8 id " +
      "(withdrawals: abi.encodePacked(uint8 9, uint64 id)); valueHash = keccak256(UTF-8 of the canonical JSON value) " +
      "(withdrawals: keccak256(abi.encode(uint64 id, address recipient, uint256 amount))).",
    namespaces: NAMESPACES,
    leaves: LEAF_INPUTS.map(leafVector),
  });
}
