// The API's one error handler: every failure becomes {"error": {code, message, details}} with a
// stable code; 4xx for the caller's mistakes, 5xx without internals.
import type { FastifyError, FastifyInstance } from "fastify";
import { SutureError } from "../errors";

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | SutureError, request, reply) => {
    if (error instanceof SutureError) {
      const body = { error: error.toJSON() };
      if (error.status === 429) reply.header("retry-after", "1");
      return reply.status(error.status).send(body);
    }
    const fe = error as FastifyError;
    if (fe.validation) {
      return reply.status(400).send({ error: { code: "INVALID_REQUEST", message: fe.message, details: { validation: fe.validation } } });
    }
    if (fe.code === "FST_ERR_CTP_INVALID_JSON_BODY" || fe.code === "FST_ERR_CTP_EMPTY_JSON_BODY" || (fe.statusCode === 400 && /JSON/i.test(fe.message))) {
      return reply.status(400).send({ error: { code: "INVALID_JSON", message: "The request body is not valid JSON", details: {} } });
    }
    if (fe.code === "FST_ERR_CTP_BODY_TOO_LARGE" || fe.statusCode === 413) {
      return reply.status(413).send({ error: { code: "BODY_TOO_LARGE", message: "The request body is too large", details: {} } });
    }
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      return reply.status(fe.statusCode).send({ error: { code: "INVALID_REQUEST", message: fe.message, details: {} } });
    }
    request.log.error({ err: error }, "internal error");
    return reply.status(500).send({ error: new SutureError("INTERNAL").toJSON() });
  });
  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send({ error: new SutureError("ROUTE_NOT_FOUND", `No route ${request.method} ${request.url}`).toJSON() });
  });
}
