// Deposit queue vectors: the bridge's running hash over fixed deposits, item by item.
import { encodePacked, type Hex } from "viem";
import { depositQueueHash, EMPTY_QUEUE_HASH } from "../depositQueueHash";
import { DEPOSITS } from "./inputs";
import { toJson, type Json } from "./vectorFiles";

/** queueHash[0..n] over DEPOSITS. */
export function vectorQueueHashes(): Hex[] {
  const hashes: Hex[] = [EMPTY_QUEUE_HASH];
  for (const deposit of DEPOSITS) hashes.push(depositQueueHash({ previous: hashes[hashes.length - 1]!, deposit }));
  return hashes;
}

export function computeDepositQueueVectors(): Json {
  const hashes = vectorQueueHashes();
  return toJson({
    description:
      "L1 deposit queue (docs/protocol.md, L1 queue (deposits)): queueHash[0] = 0; queueHash[n+1] = keccak256(packed), " +
      "packed = abi.encodePacked(bytes32 queueHash[n], uint64 n, address l1Sender, address l2Recipient, uint256 amount) (112 bytes).",
    queueHash0: hashes[0],
    deposits: DEPOSITS.map((deposit, i) => ({
      ...deposit,
      packed: encodePacked(
        ["bytes32", "uint64", "address", "address", "uint256"],
        [hashes[i]!, deposit.index, deposit.l1Sender, deposit.l2Recipient, deposit.amount],
      ),
      queueHash: hashes[i + 1],
    })),
  });
}
