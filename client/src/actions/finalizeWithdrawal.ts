// Pays a final withdrawal on L1: calls the bridge's finalizeWithdrawal with the batch header and
// the state-tree proof the node serves (anyone may send it; the money goes to the recipient).
// Any node serves the proof — the sequencer or a verifier replica that derived the chain from L1
// alone — and none is trusted for it: finality is read from the bridge (the batch's own finalAt),
// the header must be the one the bridge holds, and the bridge checks the proof.
// A withdrawal already paid is reported, not sent again.
import type { Address, Hex, LocalAccount } from "viem";
import { batchHeaderHash } from "../../../sequencer/src/protocol/batch/batchHeader";
import type { SutureAccount } from "../accounts";
import { resolveAccount, type SutureClient } from "../client/createSutureClient";
import { SutureClientError } from "../errors";
import { BRIDGE_ABI, batchHeaderFromJson } from "../l1/bridgeAbi";
import { l1Clients } from "../l1/l1Clients";
import type { WithdrawalProof } from "../types/json";
import { getWithdrawalProof } from "./getWithdrawalProof";

export type FinalizeWithdrawalParameters = {
  withdrawalId: bigint;
  /** A proof already fetched (waitForWithdrawal); fetched when omitted. */
  proof?: WithdrawalProof;
  signer?: Hex | LocalAccount | SutureAccount;
};
export type FinalizeWithdrawalReturnType = { l1TxHash: Hex | null; alreadyFinalized: boolean; recipient: Address; amount: bigint; l1GasUsed: bigint | null };

export async function finalizeWithdrawal(
  client: SutureClient,
  { withdrawalId, proof: given, signer: accountParam }: FinalizeWithdrawalParameters,
): Promise<FinalizeWithdrawalReturnType> {
  const account = resolveAccount(client, accountParam);
  const proof = given ?? (await getWithdrawalProof(client, { withdrawalId }));
  const { publicClient, walletClient, l1Account, bridge } = await l1Clients(client, account);
  const header = batchHeaderFromJson(proof.header);
  const [headerHash, , finalAt] = await publicClient.readContract({ address: bridge, abi: BRIDGE_ABI, functionName: "batches", args: [header.batchIndex] });
  if (headerHash !== batchHeaderHash(header)) {
    throw new SutureClientError("NOT_FINAL", `the bridge does not hold this header for batch ${proof.batchIndex} (not posted yet, or deleted by a challenge)`, {
      details: { batchIndex: proof.batchIndex },
    });
  }
  // L1 time: the latest block's, or this clock's when the chain is quiet (the next block is at least as late).
  const latest = await publicClient.getBlock({ blockTag: "latest" });
  const now = Math.max(Number(latest.timestamp), Math.floor(Date.now() / 1000));
  if (now < Number(finalAt)) {
    throw new SutureClientError("NOT_FINAL", `batch ${proof.batchIndex} is not final yet (final at ${finalAt} on L1)`, {
      details: { finalAt: Number(finalAt) },
    });
  }
  const recipient = proof.withdrawal.recipient;
  const amount = BigInt(proof.withdrawal.amount);
  const id = BigInt(proof.withdrawal.id);
  if (await publicClient.readContract({ address: bridge, abi: BRIDGE_ABI, functionName: "isWithdrawn", args: [id] })) {
    return { l1TxHash: null, alreadyFinalized: true, recipient, amount, l1GasUsed: null };
  }
  const l1TxHash = await walletClient.writeContract({
    address: bridge,
    abi: BRIDGE_ABI,
    functionName: "finalizeWithdrawal",
    args: [header, { id, recipient, amount }, proof.siblings],
    account: l1Account,
    chain: null,
  });
  const receipt = await publicClient.waitForTransactionReceipt({ hash: l1TxHash });
  if (receipt.status !== "success") throw new SutureClientError("L1_REVERTED", `finalizeWithdrawal reverted (${l1TxHash})`, { details: { l1TxHash } });
  return { l1TxHash, alreadyFinalized: false, recipient, amount, l1GasUsed: receipt.gasUsed };
}
