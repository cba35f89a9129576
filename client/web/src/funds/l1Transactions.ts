// The two L1 transactions of the app: a deposit into the bridge and a withdrawal's payout. With a
// browser key they are signed here (SDK actions, through the L1 JSON-RPC URL) after the user
// approves them in plain words; with a wallet, the wallet sends them (eth_sendTransaction) over
// its own connection.
import { type Address, createPublicClient, createWalletClient, custom, type Hex } from "viem";
import { BRIDGE_ABI, batchHeaderFromJson } from "../../../src/l1/bridgeAbi";
import type { SutureClientWithActions } from "../../../src/createSutureClient";
import type { WithdrawalProof } from "../../../src/types/json";
import { formatEth } from "../lib/format";
import type { ActiveAccount } from "../session/SessionContext";
import { requestApproval } from "../signing/approvals";

export async function depositOnL1({
  client,
  account,
  amount,
  to,
  l1RpcUrl,
}: {
  client: SutureClientWithActions;
  account: ActiveAccount;
  amount: bigint;
  to: Address;
  l1RpcUrl: string;
}): Promise<{ l1TxHash: Hex; queueIndex: bigint | null }> {
  const bridge = await client.getBridge();
  if (account.kind === "wallet") {
    const wallet = createWalletClient({ transport: custom(account.provider), account: account.address });
    const l1TxHash = await wallet.writeContract({ address: bridge, abi: BRIDGE_ABI, functionName: "deposit", args: [to], value: amount, chain: null });
    const receipt = await createPublicClient({ transport: custom(account.provider) }).waitForTransactionReceipt({ hash: l1TxHash });
    if (receipt.status !== "success") throw new Error(`the deposit reverted on L1 (${l1TxHash})`);
    return { l1TxHash, queueIndex: null };
  }
  await requestApproval({
    kind: "l1",
    title: "Deposit into the bridge",
    summary: `Send ${formatEth(amount)} from your L1 account to the Suture bridge, credited to ${to} on L2 once the sequencer reads the bridge's queue.`,
    lines: [
      ["From (L1)", account.address],
      ["Bridge contract", bridge],
      ["Call", `deposit(${to})`],
      ["Value", formatEth(amount)],
      ["L1 node", l1RpcUrl],
    ],
  });
  const r = await client.deposit({ amount, to, wait: false });
  return { l1TxHash: r.l1TxHash, queueIndex: r.queueIndex };
}

export async function finalizeOnL1({
  client,
  account,
  proof,
  l1RpcUrl,
}: {
  client: SutureClientWithActions;
  account: ActiveAccount;
  proof: WithdrawalProof;
  l1RpcUrl: string;
}): Promise<{ l1TxHash: Hex | null; alreadyFinalized: boolean }> {
  const id = BigInt(proof.withdrawal.id);
  if (account.kind === "wallet") {
    const bridge = await client.getBridge();
    const header = batchHeaderFromJson(proof.header);
    const wallet = createWalletClient({ transport: custom(account.provider), account: account.address });
    const l1TxHash = await wallet.writeContract({
      address: bridge,
      abi: BRIDGE_ABI,
      functionName: "finalizeWithdrawal",
      args: [header, { id, recipient: proof.withdrawal.recipient, amount: BigInt(proof.withdrawal.amount) }, proof.siblings],
      chain: null,
    });
    await createPublicClient({ transport: custom(account.provider) }).waitForTransactionReceipt({ hash: l1TxHash });
    return { l1TxHash, alreadyFinalized: false };
  }
  await requestApproval({
    kind: "l1",
    title: "Pay out the withdrawal on L1",
    summary: `Ask the bridge to pay withdrawal #${id}: ${formatEth(proof.withdrawal.amount)} to ${proof.withdrawal.recipient}, proven against batch #${proof.batchIndex}'s state root. You pay the L1 gas.`,
    lines: [
      ["From (L1)", account.address],
      ["Call", `finalizeWithdrawal(batch ${proof.batchIndex}, withdrawal ${id}, ${proof.siblings.length} proof hashes)`],
      ["Recipient", proof.withdrawal.recipient],
      ["Amount", formatEth(proof.withdrawal.amount)],
      ["L1 node", l1RpcUrl],
    ],
  });
  const r = await client.finalizeWithdrawal({ withdrawalId: id, proof });
  return { l1TxHash: r.l1TxHash, alreadyFinalized: r.alreadyFinalized };
}
