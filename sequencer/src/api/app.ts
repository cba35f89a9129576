// Builds the fastify app from the route plugins; one error handler, schemas on every route, the
// OpenAPI document at /v1/openapi.json.
import Fastify, { type FastifyInstance } from "fastify";
import swagger from "@fastify/swagger";
import { installErrorHandler } from "./errorHandler";
import type { NodeServices } from "./services";
import { txRoutes } from "./routes/tx";
import { chainRoutes } from "./routes/chain";
import { readRoutes } from "./routes/reads";
import { reviewRoutes } from "./routes/reviews";
import { withdrawalRoutes } from "./routes/withdrawals";
import { blobRoutes } from "./routes/blobs";
import { webAppRoutes } from "./webApp";

/** JSON bodies: bulk submissions of 1,000 transactions fit; anything bigger is 413. */
export const MAX_JSON_BODY = 2 * 1024 * 1024;

export async function buildApp({ services, logger = false }: { services: NodeServices; logger?: boolean | object }): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger as never,
    bodyLimit: MAX_JSON_BODY,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: "array", allErrors: false } },
    return503OnClosing: true,
  });
  installErrorHandler(app);
  await app.register(swagger, {
    openapi: {
      info: { title: "Suture node API", version: "1.0.0", description: "Sequencer and verifier HTTP API. Errors: {error: {code, message, details}}." },
    },
  });
  const opts = { services };
  await app.register(txRoutes, opts);
  await app.register(chainRoutes, opts);
  await app.register(readRoutes, opts);
  await app.register(reviewRoutes, opts);
  await app.register(withdrawalRoutes, opts);
  await app.register(blobRoutes, opts);
  app.get("/v1/openapi.json", { schema: { hide: true } }, async () => app.swagger());
  await app.register(webAppRoutes);
  return app;
}
