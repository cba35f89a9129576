// State leaf vectors: for one value of every namespace, the tree key and the value hash, with the
// bytes each is the keccak256 of (the value's projection, ABI-encoded), and the ABI type of the
// projection.
import { type AbiParameter, encodePacked } from "viem";
import { bytesToHex, keccak256 } from "../../crypto";
import { leafAbi, leafKey, leafPreimage, leafValueHash, NAMESPACES } from "../../state";
import { LEAF_INPUTS, type LeafInput } from "./inputs";
import { toJson, type Json } from "./vectorFiles";

/** Human-readable ABI type with member names: `(uint256 balance,…)`, tuple arrays as `(…)[]`. */
function abiType(p: AbiParameter): string {
  if (!("components" in p)) return p.type;
  return `(${p.components.map((c) => `${abiType(c)} ${c.name}`).join(",")})${p.type.slice("tuple".length)}`;
}

/** The bytes a leaf's key is the keccak256 of (docs/protocol.md, State keys). */
function keyPreimageOf(namespace: LeafInput["namespace"], id: string): string {
  const utf8 = (s: string) => new TextEncoder().encode(s);
  if (namespace === "withdrawal") return encodePacked(["uint8", "uint64"], [NAMESPACES.withdrawal, BigInt(id)]);
  if (namespace === "pack" || namespace === "lot") {
    // `<gtin>/<serial or lot>`: namespace byte ‖ keccak256(gtin) ‖ keccak256(serial or lot).
    const slash = id.indexOf("/");
    return bytesToHex(new Uint8Array([NAMESPACES[namespace], ...keccak256(utf8(id.slice(0, slash))), ...keccak256(utf8(id.slice(slash + 1)))]));
  }
  return bytesToHex(new Uint8Array([NAMESPACES[namespace], ...utf8(id)]));
}

function leafVector({ namespace, id, value }: LeafInput) {
  const keyPreimage = keyPreimageOf(namespace, id);
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
      "(withdrawals: abi.encodePacked(uint8 9, uint64 id); packs and lots, id <gtin>/<serial or lot>: namespace byte ‖ keccak256(gtin) ‖ keccak256(serial or lot)); valueHash = keccak256(value), value = abi.encode of the value's projection, " +
      "a tuple of type abiType (Leaf values: strings and variable-length bytes as their keccak256, enums as their index, " +
      "a nullable field as has… then the field, zero when null).",
    namespaces: NAMESPACES,
    leaves: LEAF_INPUTS.map(leafVector),
  });
}
