// Submission and transaction status: POST /v1/tx, POST /v1/txs (bulk), GET /v1/tx/:hash, and the
// published EIP-712 schema.
import type { FastifyInstance } from "fastify";
import type { Hex } from "viem";
import { SutureError } from "../../errors";
import { getSchema } from "../../protocol";
import type { NodeServices } from "../services";
import { toJson } from "../json";
import { anyObject, hash, withErrors } from "../schemas";
import { batchStatus } from "./chain";

export const MAX_BULK_TXS = 1_000;

const submitResult = {
  type: "object",
  properties: {
    hash: { type: "string" },
    status: { type: "string", enum: ["pending", "included", "batched", "final", "rejected"] },
    blockNumber: { type: "string" },
    index: { type: "integer" },
    stateRoot: { type: "string" },
    result: anyObject,
    error: anyObject,
  },
} as const;

export async function txRoutes(app: FastifyInstance, { services }: { services: NodeServices }): Promise<void> {
  const sequencer = () =>
    services.sequencer ??
    (() => {
      throw new SutureError("NOT_FOUND", "this node is a verifier: submit to the sequencer");
    })();

  app.post(
    "/v1/tx",
    {
      schema: {
        summary: "Submit one signed transaction; answers once it is in a block (soft confirmation)",
        body: anyObject,
        response: { 200: submitResult, 202: submitResult, "4xx": anyObject },
      },
    },
    async (request, reply) => {
      const result = await sequencer().submit(request.body);
      if (result.status === "rejected") {
        const code = result.error.code as keyof typeof import("../../errors").ERROR_CODES;
        throw new SutureError(code, result.error.message, { ...result.error.details, hash: result.hash });
      }
      reply.status(result.status === "pending" ? 202 : 200);
      return toJson(result);
    },
  );

  app.post(
    "/v1/txs",
    {
      schema: {
        summary: `Submit up to ${MAX_BULK_TXS} signed transactions; one result each, in order`,
        body: { type: "array" },
        response: { 200: { type: "object", properties: { results: { type: "array", items: submitResult } } } },
      },
    },
    async (request) => {
      const list = request.body as unknown[];
      if (list.length > MAX_BULK_TXS) throw new SutureError("TOO_MANY_TXS", `at most ${MAX_BULK_TXS} transactions per request`, { max: MAX_BULK_TXS });
      return { results: toJson(await sequencer().submitMany(list)) };
    },
  );

  app.get(
    "/v1/tx/:hash",
    {
      schema: {
        summary: "Transaction status: pending | included | batched | final, or rejected with its error",
        params: { type: "object", properties: { hash }, required: ["hash"] },
        response: withErrors(submitResult),
      },
    },
    async (request) => {
      const h = (request.params as { hash: Hex }).hash.toLowerCase() as Hex;
      const stored = services.chain.store.getTx(h);
      if (stored) {
        const block = services.chain.store.getBlock(stored.blockNumber)!;
        const status = block.batchIndex === null ? "included" : batchStatus(services, block.batchIndex);
        return toJson({
          hash: h,
          status: status === "sealed" ? "included" : status === "submitted" ? "batched" : status,
          blockNumber: stored.blockNumber,
          index: stored.index,
          result: stored.result,
          stateRoot: stored.stateRoot,
        });
      }
      const known = services.sequencer?.lookup(h);
      if (known) return toJson(known);
      throw new SutureError("NOT_FOUND", `no transaction ${h}`);
    },
  );

  app.get("/v1/schema", { schema: { summary: "EIP-712 domain and types of every transaction", response: { 200: anyObject } } }, async () =>
    getSchema({ chainId: services.chain.params.chainId, verifyingContract: services.chain.params.bridge }),
  );
}
