// Waits until a withdrawal's batch is final on L1 (sealed, posted, then past the challenge
// window) and returns the proof finalizeWithdrawal needs. Progress goes to `onProgress`.
import type { SutureClient } from "../client/createSutureClient";
import { SutureClientError } from "../errors";
import type { WithdrawalProof } from "../types/json";
import { waitUntil } from "../utils/waitUntil";
import { getWithdrawalProof } from "./getWithdrawalProof";

export type WaitForWithdrawalParameters = {
  withdrawalId: bigint;
  timeoutMs?: number;
  onProgress?: (state: { status: "unsealed" | "sealed" | "submitted" | "final"; finalAt: number | null; secondsLeft: number | null }) => void;
};
export type WaitForWithdrawalReturnType = WithdrawalProof;

export async function waitForWithdrawal(
  client: SutureClient,
  { withdrawalId, timeoutMs = 120_000, onProgress }: WaitForWithdrawalParameters,
): Promise<WaitForWithdrawalReturnType> {
  let last = "";
  return waitUntil(
    async () => {
      let proof: WithdrawalProof | null = null;
      try {
        proof = await getWithdrawalProof(client, { withdrawalId });
      } catch (error) {
        if (!(error instanceof SutureClientError && error.code === "NOT_FINAL")) throw error;
      }
      const status = proof?.status ?? "unsealed";
      const finalAt = proof?.finalAt ?? null;
      const secondsLeft = finalAt === null ? null : Math.max(0, finalAt - Math.floor(Date.now() / 1000));
      const key = `${status}:${secondsLeft}`;
      if (key !== last) onProgress?.({ status: proof?.final ? "final" : status, finalAt, secondsLeft });
      last = key;
      return proof?.final ? proof : null;
    },
    { timeoutMs, intervalMs: 250, what: `withdrawal ${withdrawalId} to be final` },
  );
}
