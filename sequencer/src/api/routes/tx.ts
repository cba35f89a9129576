// Submission and transaction status: POST /v1/tx, POST /v1/txs (bulk) and GET /v1/tx/:hash.
import { TypeCompiler } from "@sinclair/typebox/compiler";
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { Hex } from "viem";
import { SutureError, type ErrorCode } from "../../errors";
import { parseTx } from "../../protocol";
import { BulkSubmitBody, BulkSubmitResult, ErrorBody, TxEnvelope, TxHashParams, TxStatus, withErrors } from "../../protocol/api";
import type { NodeServices } from "../services";
import { toJson } from "../json";
import { batchStatus } from "./chain";

export const MAX_BULK_TXS = 1_000;

// The envelope is checked as sent, without the type coercion fastify applies elsewhere ("5" where
// a uint8 is due stays a mistake: the signed message must be what was sent). A failure is reported
// with the protocol's own code, the one parseTx names (UNKNOWN_TX_TYPE, INVALID_FIELD,
// BAD_SIGNATURE), as the bulk route does per item.
const envelope = TypeCompiler.Compile(TxEnvelope);

function envelopeError(body: unknown): SutureError {
  try {
    parseTx(body);
  } catch (error) {
    if (error instanceof SutureError) return error;
    throw error;
  }
  const first = envelope.Errors(body).First();
  return new SutureError("INVALID_FIELD", first ? `${first.path || "/"}: ${first.message}` : "the envelope does not match its schema", { field: first?.path });
}

export const txRoutes: FastifyPluginAsyncTypebox<{ services: NodeServices }> = async (app, { services }) => {
  const sequencer = () =>
    services.sequencer ??
    (() => {
      throw new SutureError("NOT_SEQUENCER");
    })();

  app.post(
    "/v1/tx",
    {
      schema: {
        summary: "Submit one signed transaction; answers once it is in a block (soft confirmation), 202 if the wait ran out first",
        body: TxEnvelope,
        response: { 200: TxStatus, 202: TxStatus, "4xx": ErrorBody, "5xx": ErrorBody },
      },
      validatorCompiler: () => (value) => (envelope.Check(value) ? { value } : { error: new Error("envelope") }),
      attachValidation: true,
    },
    async (request, reply) => {
      if (request.validationError) throw envelopeError(request.body);
      const result = await sequencer().submit(request.body);
      if (result.status === "rejected")
        throw new SutureError(result.error.code as ErrorCode, result.error.message, { ...result.error.details, hash: result.hash });
      reply.status(result.status === "pending" ? 202 : 200);
      return toJson(result);
    },
  );

  app.post(
    "/v1/txs",
    {
      schema: {
        summary: `Submit up to ${MAX_BULK_TXS} transactions; one result each, in order (a malformed one is rejected alone)`,
        body: BulkSubmitBody,
        response: withErrors(BulkSubmitResult),
      },
    },
    async (request) => {
      const list = request.body;
      if (list.length > MAX_BULK_TXS) throw new SutureError("TOO_MANY_TXS", `at most ${MAX_BULK_TXS} transactions per request`, { max: MAX_BULK_TXS });
      return { results: toJson(await sequencer().submitMany(list)) };
    },
  );

  app.get(
    "/v1/tx/:hash",
    {
      schema: {
        summary: "Transaction status: pending | included | batched | final, or rejected with its error",
        params: TxHashParams,
        response: withErrors(TxStatus),
      },
    },
    async (request) => {
      const h = request.params.hash.toLowerCase() as Hex;
      const stored = services.chain.store.getTx(h);
      if (stored) {
        const block = services.chain.store.getBlock(stored.blockNumber)!;
        const status = block.batchIndex === null ? "included" : batchStatus(services, block.batchIndex);
        return toJson({
          hash: h,
          status: status === "sealed" ? "included" : status === "submitted" ? "batched" : status,
          blockNumber: stored.blockNumber,
          ...(stored.queueIndex === null ? { index: stored.index } : { queueIndex: stored.queueIndex }),
          result: stored.result,
          stateRoot: stored.stateRoot,
        });
      }
      const known = services.sequencer?.lookup(h);
      if (known) return toJson(known);
      // A verifier knows rejections from L1 too: forced transactions the STF refused.
      const rejected = services.chain.store.getRejected(h);
      if (rejected) return toJson({ hash: h, status: "rejected", error: { code: rejected.code, message: rejected.message, details: rejected.details } });
      throw new SutureError("TX_NOT_FOUND", `no transaction ${h}`);
    },
  );
};
