// Money in and out: deposits on L1, L2 transfers, withdrawals with finality and L1 payout, and
// transactions forced through L1 when the sequencer ignores the sender.
import type { SignedTxType } from "../../../../sequencer/src/protocol";
import type { ForceTransactionReturnType } from "../../actions/forceTransaction";
import { SutureClientError, type SutureErrorCode } from "../../errors";
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

/** Forces a signed transaction through L1 and reports its queue index and deadline; with `wait`, its L2 receipt too. */
async function forceViaL1(ctx: CliContext, type: SignedTxType, message: Record<string, unknown>, wait: boolean): Promise<ForceTransactionReturnType> {
  const client = await ctx.signer();
  ctx.progress(`forcing ${type} through the L1 queue`);
  const forced = await client.forceTransaction({ type, message });
  ctx.progress(
    `queue item ${forced.queueIndex}: the sequencer must include it by L1 time ${forced.deadline} (${new Date(Number(forced.deadline) * 1000).toISOString()})`,
  );
  if (!wait) return forced;
  return { ...forced, receipt: await client.waitForForced(forced.hash) };
}

function printForced(r: ForceTransactionReturnType & Record<string, unknown>): string {
  const { receipt, l1Fee, ...rest } = r;
  const status = receipt ? { status: receipt.status, ...(receipt.error ? { error: receipt.error.code } : {}), blockNumber: receipt.blockNumber } : {};
  return fields({ ...rest, l1Fee: eth(l1Fee), deadlineIso: new Date(Number(r.deadline) * 1000).toISOString(), ...status });
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
    summary:
      "Withdraw L2 balance to L1; --wait for batch finality, --finalize to also collect it on L1; --via-l1 forces it through the L1 queue (the sequencer ignores you)",
    example: "suture withdraw --amount 1 --wait --finalize",
    options: { amount: str, to: str, wait: flag, finalize: flag, "via-l1": flag },
    async run(ctx, v) {
      const client = await ctx.signer();
      const message = { recipient: v.to ? address(v.to as string, "to") : client.account!.address, amount: amount(required(v, "amount"), "amount") };
      if (v["via-l1"]) {
        const forced = await forceViaL1(ctx, "Withdraw", message, Boolean(v.wait || v.finalize));
        if (!v.wait && !v.finalize) return forced;
        const r = forced.receipt!;
        if (r.status === "rejected")
          throw new SutureClientError(r.error!.code as SutureErrorCode, `the forced withdrawal was consumed as a rejection: ${r.error!.message}`, {
            details: { ...r },
          });
        const withdrawalId = BigInt((r.result as { withdrawalId: string }).withdrawalId);
        return { ...forced, forceL1TxHash: forced.l1TxHash, ...(await waitAndFinalize(ctx, withdrawalId, Boolean(v.finalize))) };
      }
      const r = await client.withdraw(message);
      if (!v.wait && !v.finalize) return r;
      return { ...r, ...(await waitAndFinalize(ctx, r.withdrawalId, Boolean(v.finalize))) };
    },
    print: (r: Parameters<typeof receipt>[0] & Partial<ForceTransactionReturnType>) => (r.queueIndex !== undefined ? printForced(r as never) : receipt(r)),
  },
  {
    words: "force",
    summary: "Force any signed transaction through the L1 queue (the sequencer ignores you): signed as for the API, queued on L1 with the bridge's fee",
    example: 'suture force --type Transfer --message \'{"to":"0x...","amount":"1000"}\' --wait',
    options: { type: str, message: str, wait: flag },
    async run(ctx, v) {
      let message: Record<string, unknown>;
      try {
        message = JSON.parse(required(v, "message")) as Record<string, unknown>;
      } catch (cause) {
        throw new SutureClientError("INVALID_ARGUMENT", `--message must be a JSON object: ${(cause as Error).message}`, { cause });
      }
      return forceViaL1(ctx, required(v, "type") as SignedTxType, message, Boolean(v.wait));
    },
    print: (r: ForceTransactionReturnType) => printForced(r as never),
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
