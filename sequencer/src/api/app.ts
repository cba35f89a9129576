// Builds the fastify app from the route plugins; one error handler, TypeBox schemas (from
// protocol/api) on every route for validation, serialization and the OpenAPI document at
// /v1/openapi.json.
import Fastify, { type FastifyInstance } from "fastify";
import swagger from "@fastify/swagger";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { installErrorHandler } from "./errorHandler";
import type { NodeServices } from "./services";
import { txRoutes } from "./routes/tx";
import { chainRoutes } from "./routes/chain";
import { readRoutes } from "./routes/reads";
import { reviewRoutes } from "./routes/reviews";
import { withdrawalRoutes } from "./routes/withdrawals";
import { blobRoutes } from "./routes/blobs";
import { feeRoutes } from "./routes/fees";
import { metaRoutes } from "./routes/meta";
import { webAppRoutes } from "./webApp";

/** JSON bodies: bulk submissions of 1,000 transactions fit; anything bigger is 413. */
export const MAX_JSON_BODY = 2 * 1024 * 1024;

export async function buildApp({ services, logger = false }: { services: NodeServices; logger?: boolean | object }): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger as never,
    bodyLimit: MAX_JSON_BODY,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: "array", allErrors: false } },
    return503OnClosing: true,
  }).withTypeProvider<TypeBoxTypeProvider>();
  installErrorHandler(app);
  // While closing, in-flight requests are answered with Connection: close, so their keep-alive
  // sockets end with them instead of holding close() open for the keep-alive timeout (72 s).
  let closing = false;
  app.addHook("preClose", async () => {
    closing = true;
  });
  app.addHook("onSend", async (_request, reply) => {
    if (closing) reply.header("connection", "close");
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: "Suture node API",
        version: "1.0.0",
        description:
          "Sequencer and verifier HTTP API. Errors: {error: {code, message, details}} with the codes of GET /v1/errors. " +
          "Transaction types, their EIP-712 definitions and enums: GET /v1/schema. L1 contracts: GET /v1/contracts. Review circuit: GET /v1/circuits/review.",
      },
    },
  });
  const opts = { services };
  await app.register(txRoutes, opts);
  await app.register(chainRoutes, opts);
  await app.register(readRoutes, opts);
  await app.register(reviewRoutes, opts);
  await app.register(withdrawalRoutes, opts);
  await app.register(blobRoutes, opts);
  await app.register(feeRoutes, opts);
  await app.register(metaRoutes, opts);
  app.get("/v1/openapi.json", { schema: { hide: true } }, async () => app.swagger());
  await app.register(webAppRoutes);
  return app;
}
