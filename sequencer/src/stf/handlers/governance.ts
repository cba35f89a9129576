// Governance on L2: the fee schedule. A new schedule is announced with at least
// `feeNoticeSeconds` of notice, so nobody pays a fee they could not see coming; an announced
// schedule whose time has come becomes the current one when the next is announced.
import { reject } from "../../errors";
import type { Tx } from "../../protocol";
import type { HandlerContext, HandlerResult } from "../context";
import { activeFeeSchedule } from "../fees";

export function setFeeSchedule({ st, tx, from, block }: HandlerContext<Tx<"SetFeeSchedule">>): HandlerResult {
  if (from !== st.params.governance) reject("NOT_AUTHORIZED", "only governance sets the fee schedule");
  const { perByte, perWorkUnit, effectiveAt } = tx.message;
  const earliest = BigInt(block.timestamp + st.params.feeNoticeSeconds);
  if (effectiveAt < earliest) reject("FEE_NOTICE_TOO_SHORT", undefined, { effectiveAt, earliest });
  const fees = st.get("fees", "")!;
  st.put("fees", "", { current: activeFeeSchedule(fees, block.timestamp), pending: { schedule: { perByte, perWorkUnit }, effectiveAt } });
  return { effectiveAt };
}
