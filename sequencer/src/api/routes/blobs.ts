// The content-addressed blob store for ciphertexts (records, summaries, review texts).
import type { FastifyInstance } from "fastify";
import type { Hex } from "viem";
import { bytesToHex } from "../../crypto/bytes";
import { keccak256 } from "../../crypto/keccak256";
import { SutureError } from "../../errors";
import type { NodeServices } from "../services";
import { hash, withErrors } from "../schemas";

export const MAX_BLOB_BYTES = 1024 * 1024;

export async function blobRoutes(app: FastifyInstance, { services }: { services: NodeServices }): Promise<void> {
  app.addContentTypeParser("application/octet-stream", { parseAs: "buffer", bodyLimit: MAX_BLOB_BYTES }, (_req, body, done) => done(null, body));

  app.post(
    "/v1/blobs",
    {
      bodyLimit: MAX_BLOB_BYTES,
      schema: {
        summary: "Store a blob (application/octet-stream); answers its keccak256 hash",
        response: withErrors({ type: "object", properties: { hash: { type: "string" }, size: { type: "integer" } } }),
      },
    },
    async (request) => {
      const body = request.body;
      if (!Buffer.isBuffer(body) || body.length === 0) throw new SutureError("INVALID_REQUEST", "send the blob as a non-empty application/octet-stream body");
      const h = bytesToHex(keccak256(body));
      services.chain.store.putBlob(h, body, Math.floor(Date.now() / 1000));
      return { hash: h, size: body.length };
    },
  );

  app.get(
    "/v1/blobs/:hash",
    { schema: { summary: "Fetch a blob by its hash", params: { type: "object", properties: { hash }, required: ["hash"] } } },
    async (request, reply) => {
      const h = (request.params as { hash: Hex }).hash.toLowerCase() as Hex;
      const data = services.chain.store.getBlob(h);
      if (!data) throw new SutureError("NOT_FOUND", `no blob ${h}`);
      reply.header("content-type", "application/octet-stream");
      return Buffer.from(data);
    },
  );
}
