// ConfirmPlan, signed by the patient: pays the rest of the price and the premium into escrow.
// `planHash` defaults to the plan on chain, so the patient confirms exactly what was proposed.
import type { SutureClient } from "../client/createSutureClient";
import { SutureClientError } from "../errors";
import { defineTransaction, type TransactionParameters, type TransactionReceipt } from "./defineTransaction";
import { getCase } from "./getCase";

export type ConfirmPlanParameters = TransactionParameters<"ConfirmPlan", "planHash">;
export type ConfirmPlanReturnType = TransactionReceipt & { paid: bigint };

const send = defineTransaction<"ConfirmPlan", { paid: bigint }>("ConfirmPlan");

export async function confirmPlan(client: SutureClient, parameters: ConfirmPlanParameters): Promise<ConfirmPlanReturnType> {
  let planHash = parameters.planHash;
  if (!planHash) {
    const plan = (await getCase(client, { caseId: parameters.caseId })).plan;
    if (!plan) throw new SutureClientError("INVALID_TRANSITION", "the case has no proposed plan to confirm", { details: { caseId: parameters.caseId } });
    planHash = plan.planHash;
  }
  return send(client, { ...parameters, planHash });
}
