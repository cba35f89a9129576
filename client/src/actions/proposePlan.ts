// ProposePlan, signed by the doctor: medicine packs (reserved at once; a recalled, expired or
// reserved pack is rejected) and an optional insurance policy. `planHash` defaults to hashPlan.
import { keccak256, toBytes, type Hex } from "viem";
import type { PackRef } from "../../../sequencer/src/protocol";
import { defineTransaction, type TransactionParameters, type TransactionReceipt } from "./defineTransaction";
import type { SutureClient } from "../client/createSutureClient";

export type ProposePlanParameters = TransactionParameters<"ProposePlan", "policyId" | "planHash">;
export type ProposePlanReturnType = TransactionReceipt & { premium: bigint; planHash: Hex };

/** keccak256 of the plan's canonical JSON: what the patient confirms. */
export function hashPlan({ caseId, packs, policyId }: { caseId: bigint; packs: readonly PackRef[]; policyId: bigint }): Hex {
  return keccak256(toBytes(JSON.stringify({ caseId: caseId.toString(), packs: packs.map((p) => [p.gtin, p.serial]), policyId: policyId.toString() })));
}

const send = defineTransaction<"ProposePlan", { premium: bigint }>("ProposePlan");

export async function proposePlan(client: SutureClient, parameters: ProposePlanParameters): Promise<ProposePlanReturnType> {
  const policyId = parameters.policyId ?? 0n;
  const planHash = parameters.planHash ?? hashPlan({ caseId: parameters.caseId, packs: parameters.packs, policyId });
  return { ...(await send(client, { ...parameters, policyId, planHash })), planHash };
}
