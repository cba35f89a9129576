// Value conservation: balances + escrows + reserves + withdrawals always equal total deposits.
import type { State } from "../../state";

export function totalValue(state: State): bigint {
  let total = 0n;
  for (const [, a] of state.entries("account")) total += a.balance;
  for (const [, c] of state.entries("case")) total += c.escrow + c.premiumEscrow;
  for (const [, p] of state.entries("policy")) total += p.reserve;
  for (const [, w] of state.entries("withdrawal")) total += w.amount;
  return total;
}

export function checkConservation(state: State): void {
  const deposited = state.get("meta", "")!.totalDeposited;
  const total = totalValue(state);
  if (total !== deposited) throw new Error(`value not conserved: ${total} held vs ${deposited} deposited`);
}
