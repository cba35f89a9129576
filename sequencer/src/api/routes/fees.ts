// The fee schedule: in force now, and any announced one with the time it takes over
// (docs/protocol.md "Fees"). Clients estimate a transaction's fee from it.
import type { FastifyInstance } from "fastify";
import { activeFeeSchedule } from "../../stf";
import { toJson } from "../json";
import { FeesJson, withErrors } from "../../protocol/api";
import type { NodeServices } from "../services";

export const FEE_FORMULA = "fee = perByte * bytes(binary encoding) + perWorkUnit * (1 + elements of array fields); unsigned PostReview pays 0";

/** The schedule as the API shows it: the one in force at `now` as `current`. */
export function feesView(services: NodeServices): unknown {
  const st = services.chain.state;
  const fees = st.get("fees", "")!;
  const now = Math.max(services.chain.head?.timestamp ?? 0, services.now());
  const current = activeFeeSchedule(fees, now);
  const pending = fees.pending && fees.pending.schedule !== current ? fees.pending : null;
  return toJson({ current, pending, noticeSeconds: st.params.feeNoticeSeconds, formula: FEE_FORMULA });
}

export async function feeRoutes(app: FastifyInstance, { services }: { services: NodeServices }): Promise<void> {
  app.get("/v1/fees", { schema: { summary: "Fee schedule in force and any announced change", response: withErrors(FeesJson) } }, async () =>
    feesView(services),
  );
}
