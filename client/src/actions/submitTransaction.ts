// Posts a ready envelope (signed, or an unsigned PostReview) to POST /v1/tx and returns the
// receipt the node answers once the transaction is in a block (soft confirmation).
import type { Hex } from "viem";
import type { TxJson } from "../../../sequencer/src/protocol";
import type { SutureClient } from "../client/createSutureClient";
import type { TransactionStatus } from "../types/json";

export type TransactionReceipt = {
  hash: Hex;
  /** "included" once in a block; "pending" if the node's wait ran out first. */
  status: "pending" | "included" | "batched" | "final";
  blockNumber: bigint | null;
  index: number | null;
  stateRoot: Hex | null;
  /** The handler's result (ids, amounts as bigints). */
  result: Record<string, unknown>;
  /** The fee it paid (wei), when the node answered with its block. (`fee` in a result is the handler's, e.g. a late-cancellation fee.) */
  txFee: bigint | null;
};

export type SubmitTransactionParameters = { tx: TxJson };
export type SubmitTransactionReturnType = TransactionReceipt;

/** Decimal strings in a result are uint64/uint256 values (the handlers return no other strings). */
function parseResult(result: Record<string, unknown> | undefined): Record<string, unknown> {
  return Object.fromEntries(Object.entries(result ?? {}).map(([k, v]) => [k, typeof v === "string" && /^\d+$/.test(v) ? BigInt(v) : v]));
}

export async function submitTransaction(client: SutureClient, { tx }: SubmitTransactionParameters): Promise<SubmitTransactionReturnType> {
  const r = await client.request<TransactionStatus>({ path: "/v1/tx", body: tx });
  return {
    hash: r.hash,
    status: r.status as TransactionReceipt["status"],
    blockNumber: r.blockNumber === undefined ? null : BigInt(r.blockNumber),
    index: r.index ?? null,
    stateRoot: r.stateRoot ?? null,
    result: parseResult(r.result),
    txFee: r.fee === undefined ? null : BigInt(r.fee),
  };
}
