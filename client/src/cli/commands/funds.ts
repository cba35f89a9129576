// Money in and out: deposits on L1, L2 transfers, withdrawals with finality and L1 payout.
import type { CliContext } from "../context";
import { flag, str, type Command } from "../command";
import { eth, fields, receipt } from "../output";
import { address, amount, id, required } from "../parse";
import type { WithdrawalProof } from "../../types/json";

async function waitAndFinalize(ctx: CliContext, withdrawalId: bigint, finalize: boolean) {
  const client = await ctx.signer();
  let shown = "";
  const proof: WithdrawalProof = await client.waitForWithdrawal({
    withdrawalId,
    onProgress: (s) => {
      const text = s.status === "submitted" ? `batch on L1, final in ${s.secondsLeft ?? "?"} s` : `batch ${s.status}`;
      if (text !== shown && (s.status !== "submitted" || shown === "" || (s.secondsLeft ?? 0) % 5 === 0)) ctx.progress(`withdrawal ${withdrawalId}: ${text}`);
      shown = text;
    },
  });
  if (!finalize) return { withdrawalId, final: true, batchIndex: proof.batchIndex };
  ctx.progress(`finalizing withdrawal ${withdrawalId} on L1`);
  const paid = await client.finalizeWithdrawal({ withdrawalId, proof });
  return {
    withdrawalId,
    final: true,
    batchIndex: proof.batchIndex,
    l1TxHash: paid.l1TxHash,
    alreadyFinalized: paid.alreadyFinalized,
    recipient: paid.recipient,
    amount: paid.amount,
  };
}

export const fundsCommands: Command[] = [
  {
    words: "deposit",
    summary: "Deposit ETH from L1 into the bridge for an L2 account (waits for the L2 credit unless --no-wait)",
    example: "suture deposit --amount 5",
    options: { amount: str, to: str, "no-wait": flag },
    async run(ctx, v) {
      ctx.progress("sending the deposit on L1");
      return (await ctx.signer()).deposit({
        amount: amount(required(v, "amount"), "amount"),
        to: v.to ? address(v.to as string, "to") : undefined,
        wait: !v["no-wait"],
      });
    },
    print: (r: { l1TxHash: string; queueIndex: bigint | null; to: string; amount: bigint; credited: boolean }) =>
      fields({ l1Tx: r.l1TxHash, queueIndex: r.queueIndex, to: r.to, amount: eth(r.amount), credited: r.credited }),
  },
  {
    words: "transfer",
    summary: "Move L2 balance to another account",
    example: "suture transfer --to 0x... --amount 0.25",
    options: { to: str, amount: str },
    run: async (ctx, v) => (await ctx.signer()).transfer({ to: address(required(v, "to"), "to"), amount: amount(required(v, "amount"), "amount") }),
    print: receipt,
  },
  {
    words: "withdraw",
    summary: "Withdraw L2 balance to L1; --wait for batch finality, --finalize to also collect it on L1",
    example: "suture withdraw --amount 1 --wait --finalize",
    options: { amount: str, to: str, wait: flag, finalize: flag },
    async run(ctx, v) {
      const client = await ctx.signer();
      const r = await client.withdraw({
        recipient: v.to ? address(v.to as string, "to") : client.account!.address,
        amount: amount(required(v, "amount"), "amount"),
      });
      if (!v.wait && !v.finalize) return r;
      return { ...r, ...(await waitAndFinalize(ctx, r.withdrawalId, Boolean(v.finalize))) };
    },
    print: (r: Parameters<typeof receipt>[0]) => receipt(r),
  },
  {
    words: "withdrawal finalize",
    summary: "Collect a final withdrawal on L1 with the node's proof (waits for finality first)",
    example: "suture withdrawal finalize --id 1",
    options: { id: str },
    run: (ctx, v) => waitAndFinalize(ctx, id(required(v, "id"), "id"), true),
    print: (r: Record<string, unknown>) => fields(r),
  },
];
