// L1 deposits: credited in queue order, exactly as the bridge's hash chain records them.
import type { Address, Hex } from "viem";
import { SutureError } from "../errors";
import type { State } from "../state";
import { credit, getMeta } from "./context";

export type Deposit = { index: bigint; l1Sender: Address; l2Recipient: Address; amount: bigint };

export function applyDeposit({ state, deposit }: { state: State; deposit: Deposit }): Hex {
  const meta = getMeta(state);
  if (deposit.index !== meta.queuePosition) {
    throw new SutureError("QUEUE_OUT_OF_ORDER", undefined, { expected: meta.queuePosition, got: deposit.index });
  }
  credit(state, deposit.l2Recipient.toLowerCase() as Address, deposit.amount);
  state.put("meta", "", { ...getMeta(state), queuePosition: meta.queuePosition + 1n, totalDeposited: meta.totalDeposited + deposit.amount });
  state.commit();
  return state.root();
}
