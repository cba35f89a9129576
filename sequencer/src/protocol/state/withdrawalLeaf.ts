// The withdrawal leaf, ABI-encoded so the bridge can rebuild it (docs/protocol.md).
import { encodeAbiParameters, encodePacked, type Address } from "viem";
import { hexToBytes } from "../../crypto/bytes";
import { keccak256 } from "../../crypto/keccak256";

export type WithdrawalLeaf = { id: bigint; recipient: Address; amount: bigint };

/** keccak256(abi.encodePacked(uint8(0x09), uint64(id))) */
export function withdrawalKey(id: bigint): Uint8Array {
  return keccak256(hexToBytes(encodePacked(["uint8", "uint64"], [0x09, id])));
}

/** abi.encode(uint64 id, address recipient, uint256 amount): the bytes the leaf's value hash is taken of. */
export function encodeWithdrawalLeaf({ id, recipient, amount }: WithdrawalLeaf): Uint8Array {
  return hexToBytes(encodeAbiParameters([{ type: "uint64" }, { type: "address" }, { type: "uint256" }], [id, recipient, amount]));
}

/** keccak256(abi.encode(uint64 id, address recipient, uint256 amount)) */
export function withdrawalValueHash(leaf: WithdrawalLeaf): Uint8Array {
  return keccak256(encodeWithdrawalLeaf(leaf));
}
