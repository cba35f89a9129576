// State leaf vectors: for one value of every namespace, the tree key and the value hash, with the
// bytes each is the keccak256 of (the value's projection, ABI-encoded), and the ABI type of the
// projection.
import { type AbiParameter, encodePacked } from "viem";
import { bytesToHex } from "../../crypto";
import { leafAbi, leafKey, leafPreimage, leafValueHash, NAMESPACES } from "../../state";
import { LEAF_INPUTS, type LeafInput } from "./inputs";
import { toJson, type Json } from "./vectorFiles";

/** Human-readable ABI type with member names: `(uint256 balance,…)`, tuple arrays as `(…)[]`. */
function abiType(p: AbiParameter): string {
  if (!("components" in p)) return p.type;
  return `(${p.components.map((c) => `${abiType(c)} ${c.name}`).join(",")})${p.type.slice("tuple".length)}`;
}

function leafVector({ namespace, id, value }: LeafInput) {
  const keyPreimage =
    namespace === "withdrawal"
      ? encodePacked(["uint8", "uint64"], [NAMESPACES.withdrawal, BigInt(id)])
      : bytesToHex(new Uint8Array([NAMESPACES[namespace], ...new TextEncoder().encode(id)]));
  return {
    namespace,
    namespaceByte: NAMESPACES[namespace],
    id,
    keyPreimage,
    key: bytesToHex(leafKey(namespace, id)),
    abiType: abiType(leafAbi(namespace)),
    value: bytesToHex(leafPreimage(namespace, value as never)),
    valueHash: bytesToHex(leafValueHash(namespace, value as never)),
  };
}

export function computeStateLeafVectors(): Json {
  return toJson({
    description:
      "State leaves (docs/protocol.md, State keys and values): key = keccak256(keyPreimage), keyPreimage = namespace byte ‖ UTF-8 id " +
      "(withdrawals: abi.encodePacked(uint8 9, uint64 id)); valueHash = keccak256(value), value = abi.encode of the value's projection, " +
      "a tuple of type abiType (Leaf values: strings and variable-length bytes as their keccak256, enums as their index, " +
      "a nullable field as has… then the field, zero when null).",
    namespaces: NAMESPACES,
    leaves: LEAF_INPUTS.map(leafVector),
  });
}
