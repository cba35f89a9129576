// The L1 queue's items, consumed in queue order: deposits are credited exactly as the bridge's
// hash chain records them; forced transactions are applied by executeBlock exactly like posted
// ones (docs/protocol.md "L1 queue").
import type { Address, Hex } from "viem";
import { SutureError } from "../errors";
import type { Tx } from "../protocol";
import type { State } from "../state";
import { credit, getMeta } from "./context";

export type Deposit = { index: bigint; l1Sender: Address; l2Recipient: Address; amount: bigint };

/**
 * A signed L2 transaction queued on L1 with SutureBridge.forceTransaction: its bytes, and what
 * they decode to with the recovered signer (null when they do not decode or recover: a step that
 * changes nothing, as for a posted one).
 */
export type ForcedTransaction = { raw: Hex; tx: Tx | null };

/**
 * An item of the L1 queue: a deposit, or (`forced` set; `l2Recipient` zero and `amount` 0) a
 * forced transaction.
 */
export type QueueItem = Deposit & { forced?: ForcedTransaction };

/**
 * Credits a deposit. The state's queue position is one past the last deposit credited: forced
 * transactions between deposits leave it alone, so a deposit may skip ahead, never back.
 */
export function applyDeposit({ state, deposit }: { state: State; deposit: Deposit }): Hex {
  const meta = getMeta(state);
  if (deposit.index < meta.queuePosition) {
    throw new SutureError("QUEUE_OUT_OF_ORDER", undefined, { expected: meta.queuePosition, got: deposit.index });
  }
  credit(state, deposit.l2Recipient.toLowerCase() as Address, deposit.amount);
  state.put("meta", "", { ...getMeta(state), queuePosition: deposit.index + 1n, totalDeposited: meta.totalDeposited + deposit.amount });
  state.commit();
  return state.root();
}
