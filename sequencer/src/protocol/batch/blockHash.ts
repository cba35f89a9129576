// Block hash: binds the parent, number, time, body and resulting state root.
import type { Hex } from "viem";
import { bytesToHex, hexToBytes, uintToBytes } from "../../crypto/bytes";
import { keccak256, keccak256Parts } from "../../crypto/keccak256";

export function blockHash({
  parentHash,
  number,
  timestamp,
  body,
  stateRoot,
}: {
  parentHash: Hex;
  number: bigint;
  timestamp: number;
  body: Uint8Array;
  stateRoot: Hex;
}): Hex {
  return bytesToHex(keccak256Parts(hexToBytes(parentHash), uintToBytes(number, 8), uintToBytes(BigInt(timestamp), 8), keccak256(body), hexToBytes(stateRoot)));
}
