// What an integrator reads before anything else: the transaction schema with its enums, the
// error catalogue, the L1 contracts with their ABIs, and the review circuit's files.
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { ERROR_CODES } from "../../errors";
import { getSchema } from "../../protocol";
import { Binary, CircuitFileParams, CircuitManifest, ContractsJson, ErrorBody, ErrorCatalogue, TxSchemaJson, withErrors } from "../../protocol/api";
import { publishedContracts } from "../publishedContracts";
import { reviewCircuitFile, reviewCircuitManifest } from "../reviewCircuitFiles";
import type { NodeServices } from "../services";

export const metaRoutes: FastifyPluginAsyncTypebox<{ services: NodeServices }> = async (app, { services }) => {
  app.get(
    "/v1/schema",
    { schema: { summary: "EIP-712 domain and types of every transaction, who signs each, and the enums its fields use", response: withErrors(TxSchemaJson) } },
    async () => getSchema({ chainId: services.chain.params.chainId, verifyingContract: services.chain.params.bridge }),
  );

  app.get(
    "/v1/errors",
    { schema: { summary: "Every error code the API answers with, its HTTP status and message", response: withErrors(ErrorCatalogue) } },
    async () => ({
      errors: Object.entries(ERROR_CODES).map(([code, { status, message }]) => ({ code, status, message })),
    }),
  );

  app.get(
    "/v1/contracts",
    { schema: { summary: "The L1 bridge and review verifier: addresses, ABIs, deployment block, chain ids, hashes", response: withErrors(ContractsJson) } },
    async () => publishedContracts(services.deployment),
  );

  app.get(
    "/v1/circuits/review",
    {
      schema: {
        summary: "The review circuit's manifest: files with sizes and sha256, public signals in order, input names",
        response: withErrors(CircuitManifest),
      },
    },
    async () => reviewCircuitManifest(),
  );

  app.get(
    "/v1/circuits/review/:file",
    {
      schema: {
        summary: "One file of the review circuit: review.wasm, review.zkey or review.vkey.json",
        params: CircuitFileParams,
        response: {
          200: { content: { "application/wasm": { schema: Binary }, "application/octet-stream": { schema: Binary }, "application/json": { schema: Binary } } },
          "4xx": ErrorBody,
          "5xx": ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const { bytes, contentType } = await reviewCircuitFile(request.params.file);
      reply.header("content-type", contentType);
      return bytes;
    },
  );
};
