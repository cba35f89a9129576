// Waits until a verifier node has re-derived the sequencer's state from L1 alone: the sequencer
// has posted everything it sealed, and the verifier's state root equals the sequencer's. Throws
// if the verifier reports a mismatch (a lying sequencer).
import type { SutureClient } from "../client/createSutureClient";
import { SutureClientError } from "../errors";
import type { NodeStatus } from "../types/json";
import { waitUntil } from "../utils/waitUntil";
import { getStatus } from "./getStatus";

export type WaitForVerifierParameters = {
  /** A client of the sequencer the verifier follows. */
  sequencer: SutureClient;
  timeoutMs?: number;
  onProgress?: (state: { verifiedBatches: number; l1Batches: number; sequencerBatches: number }) => void;
};
export type WaitForVerifierReturnType = { verifier: NodeStatus; sequencer: NodeStatus };

export async function waitForVerifier(
  client: SutureClient,
  { sequencer, timeoutMs = 120_000, onProgress }: WaitForVerifierParameters,
): Promise<WaitForVerifierReturnType> {
  let last = "";
  return waitUntil(
    async () => {
      const [s, v] = await Promise.all([getStatus(sequencer), getStatus(client)]);
      if (!v.healthy || v.verifier?.mismatch) {
        throw new SutureClientError("NODE_UNHEALTHY", "the verifier found a state mismatch: the sequencer's batches do not re-execute to its roots", {
          details: { mismatch: v.verifier?.mismatch },
        });
      }
      const progress = { verifiedBatches: v.verifier?.verifiedBatches ?? 0, l1Batches: v.verifier?.l1Batches ?? 0, sequencerBatches: s.batches.posted };
      const key = JSON.stringify(progress);
      if (key !== last) onProgress?.(progress);
      last = key;
      const settled = s.batches.sealed === 0 && s.pendingTxs === 0 && s.batches.posted > 0;
      return settled && v.stateRoot === s.stateRoot && progress.verifiedBatches >= s.batches.posted ? { verifier: v, sequencer: s } : null;
    },
    { timeoutMs, intervalMs: 250, what: "the verifier to re-derive the sequencer's state" },
  );
}
