// L1 queue vectors: the bridge's running hash over fixed deposits, then forced transactions,
// item by item.
import { encodePacked, type Hex } from "viem";
import { bytesToHex, hexToBytes } from "../../crypto/bytes";
import { keccak256 } from "../../crypto/keccak256";
import { depositQueueHash, EMPTY_QUEUE_HASH, forcedQueueHash } from "../depositQueueHash";
import { DEPOSITS, FORCED_TRANSACTIONS, TX_INPUTS } from "./inputs";
import { transactionVector } from "./transactionVectors";
import { toJson, type Json } from "./vectorFiles";

/** The forced items: each names a transaction vector, whose encoded (signed) bytes are forced. */
export function vectorForcedItems() {
  return FORCED_TRANSACTIONS.map(({ index, l1Sender, transaction }) => {
    const input = TX_INPUTS.find((t) => t.name === transaction);
    if (!input) throw new Error(`no transaction vector named ${transaction}`);
    return { index, l1Sender, name: transaction, transaction: transactionVector(input).encoded };
  });
}

/** queueHash[0..n] over DEPOSITS, then FORCED_TRANSACTIONS. */
export function vectorQueueHashes(): Hex[] {
  const hashes: Hex[] = [EMPTY_QUEUE_HASH];
  for (const deposit of DEPOSITS) hashes.push(depositQueueHash({ previous: hashes[hashes.length - 1]!, deposit }));
  for (const item of vectorForcedItems()) hashes.push(forcedQueueHash({ previous: hashes[hashes.length - 1]!, item }));
  return hashes;
}

export function computeDepositQueueVectors(): Json {
  const hashes = vectorQueueHashes();
  return toJson({
    description:
      "L1 queue (docs/protocol.md, L1 queue): queueHash[0] = 0; queueHash[n+1] = keccak256(packed). A deposit's " +
      "packed = abi.encodePacked(bytes32 queueHash[n], uint64 n, address l1Sender, address l2Recipient, uint256 amount) (112 bytes); " +
      "a forced transaction's packed = abi.encodePacked(bytes32 queueHash[n], uint64 n, bytes1 0x01, address l1Sender, " +
      "bytes32 keccak256(transaction)) (93 bytes). The forced items follow the deposits.",
    queueHash0: hashes[0],
    deposits: DEPOSITS.map((deposit, i) => ({
      ...deposit,
      packed: encodePacked(
        ["bytes32", "uint64", "address", "address", "uint256"],
        [hashes[i]!, deposit.index, deposit.l1Sender, deposit.l2Recipient, deposit.amount],
      ),
      queueHash: hashes[i + 1],
    })),
    forced: vectorForcedItems().map((item) => {
      const n = Number(item.index);
      const transactionHash = bytesToHex(keccak256(hexToBytes(item.transaction)));
      return {
        ...item,
        transactionHash,
        packed: encodePacked(["bytes32", "uint64", "bytes1", "address", "bytes32"], [hashes[n]!, item.index, "0x01", item.l1Sender, transactionHash]),
        queueHash: hashes[n + 1],
      };
    }),
  });
}
