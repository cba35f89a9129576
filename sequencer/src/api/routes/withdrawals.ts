// Withdrawals: the L2 leaf, and its proof with everything finalizeWithdrawal(header, withdrawal,
// siblings) needs on L1. A verifier replica serves the same proofs from L1 data alone (it proves
// each withdrawal against the post-state root of the batch it replayed), so an exit never needs
// the sequencer's API.
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { SutureError } from "../../errors";
import { IdParams, WithdrawalJson, WithdrawalProof, withErrors } from "../../protocol/api";
import type { StateProof } from "../../tree";
import { found } from "../found";
import type { NodeServices } from "../services";
import { toJson } from "../json";
import { batchFinalAt, batchStatus } from "./chain";

export const withdrawalRoutes: FastifyPluginAsyncTypebox<{ services: NodeServices }> = async (app, { services }) => {
  app.get("/v1/withdrawals/:id", { schema: { summary: "A withdrawal leaf", params: IdParams, response: withErrors(WithdrawalJson) } }, async (request) =>
    toJson(found(services.chain.state.get("withdrawal", request.params.id), "withdrawal", request.params.id)),
  );

  app.get(
    "/v1/proofs/withdrawal/:id",
    {
      schema: {
        summary: "Proof of a withdrawal against its batch's post-state root, with the batch header and finality (NOT_FINAL until its batch is sealed)",
        params: IdParams,
        response: withErrors(WithdrawalProof),
      },
    },
    async (request) => {
      const id = request.params.id;
      const withdrawal = found(services.chain.state.get("withdrawal", id), "withdrawal", id);
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
        finalAt: batchFinalAt(services, batch),
      });
    },
  );
};
