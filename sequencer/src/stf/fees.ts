// Charging fees: the schedule in force at the block's time (an announced one takes over at its
// `effectiveAt`), the fee of a transaction, and its move from the sender to the block's fee
// recipient (the proposer of the batch, who pays for L1). Runs after the nonce check and before
// the handler, inside the transaction's journal: a rejection refunds nothing because nothing
// was taken.
import type { Address } from "viem";
import { reject } from "../errors";
import { encodeTx, txFee, txWork, type Tx } from "../protocol";
import type { FeeSchedule, FeeState, State } from "../state";
import { credit, debit } from "./context";

/** The schedule in force at `timestamp`. */
export function activeFeeSchedule(fees: FeeState, timestamp: number): FeeSchedule {
  return fees.pending && BigInt(timestamp) >= fees.pending.effectiveAt ? fees.pending.schedule : fees.current;
}

/** The fee a transaction pays in a block at `timestamp`. */
export function quoteFee(st: State, tx: Pick<Tx, "type" | "message" | "signature">, timestamp: number): bigint {
  const schedule = activeFeeSchedule(st.get("fees", "")!, timestamp);
  if (schedule.perByte === 0n && schedule.perWorkUnit === 0n) return 0n;
  const message = tx.message as Record<string, unknown>;
  return txFee({ schedule, type: tx.type, bytes: encodeTx(tx).length, work: txWork({ type: tx.type, message }) });
}

/** Checks the fee against maxFee and the balance, and moves it to the fee recipient. */
export function chargeFee(st: State, tx: Tx, from: Address, timestamp: number, feeRecipient: Address): bigint {
  const fee = quoteFee(st, tx, timestamp);
  const { maxFee } = tx.message as { maxFee: bigint };
  if (fee > maxFee) reject("FEE_ABOVE_MAX", undefined, { fee, maxFee });
  if (fee === 0n) return fee;
  const balance = st.get("account", from)?.balance ?? 0n;
  if (balance < fee) reject("INSUFFICIENT_FEE_BALANCE", undefined, { fee, balance });
  debit(st, from, fee);
  credit(st, feeRecipient, fee);
  return fee;
}
