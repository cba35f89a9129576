// Withdrawal proofs: everything finalizeWithdrawal(header, withdrawal, siblings) needs.
import type { FastifyInstance } from "fastify";
import { SutureError } from "../../errors";
import type { StateProof } from "../../tree";
import type { NodeServices } from "../services";
import { toJson } from "../json";
import { anyObject, uintString, withErrors } from "../schemas";
import { batchStatus } from "./chain";

export async function withdrawalRoutes(app: FastifyInstance, { services }: { services: NodeServices }): Promise<void> {
  app.get(
    "/v1/proofs/withdrawal/:id",
    {
      schema: {
        summary: "Proof of a withdrawal against its batch's post-state root, with the batch header and finality",
        params: { type: "object", properties: { id: uintString }, required: ["id"] },
        response: withErrors(anyObject),
      },
    },
    async (request) => {
      const id = (request.params as { id: string }).id;
      const withdrawal = services.chain.state.get("withdrawal", id);
      if (!withdrawal) throw new SutureError("NOT_FOUND", `no withdrawal ${id}`);
      const stored = services.chain.store.getWithdrawalProof(BigInt(id));
      if (!stored) throw new SutureError("NOT_FINAL", "the withdrawal is not in a sealed batch yet", { id });
      const batch = services.chain.store.getBatch(stored.batchIndex)!;
      const status = batchStatus(services, batch.index);
      const proof = stored.proof as StateProof;
      return toJson({
        withdrawal: { id: withdrawal.id, recipient: withdrawal.recipient, amount: withdrawal.amount },
        batchIndex: batch.index,
        header: batch.header,
        siblings: proof.siblings,
        status,
        final: status === "final",
        finalAt: batch.submittedAt === null ? null : batch.submittedAt + services.challengeWindowSeconds,
      });
    },
  );
}
