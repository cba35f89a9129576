// The content-addressed blob store for ciphertexts (records, summaries, review texts).
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { Hex } from "viem";
import { bytesToHex } from "../../crypto/bytes";
import { keccak256 } from "../../crypto/keccak256";
import { SutureError } from "../../errors";
import { Binary, BlobParams, BlobStored, ErrorBody, withErrors } from "../../protocol/api";
import type { NodeServices } from "../services";

export const MAX_BLOB_BYTES = 1024 * 1024;

export const blobRoutes: FastifyPluginAsyncTypebox<{ services: NodeServices }> = async (app, { services }) => {
  app.addContentTypeParser("application/octet-stream", { parseAs: "buffer", bodyLimit: MAX_BLOB_BYTES }, (_req, body, done) => done(null, body));

  app.post(
    "/v1/blobs",
    {
      bodyLimit: MAX_BLOB_BYTES,
      schema: {
        summary: `Store a blob (application/octet-stream, at most ${MAX_BLOB_BYTES} bytes); answers its keccak256 hash`,
        consumes: ["application/octet-stream"],
        body: Binary,
        response: withErrors(BlobStored),
      },
      // The parsed body is a Buffer, which JSON Schema cannot describe: the check is "bytes".
      validatorCompiler: () => (value) => (Buffer.isBuffer(value) ? { value } : { error: new Error("send the blob as an application/octet-stream body") }),
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
    {
      schema: {
        summary: "Fetch a blob by its hash (application/octet-stream)",
        params: BlobParams,
        response: { 200: { content: { "application/octet-stream": { schema: Binary } } }, "4xx": ErrorBody, "5xx": ErrorBody },
      },
    },
    async (request, reply) => {
      const h = request.params.hash.toLowerCase() as Hex;
      const data = services.chain.store.getBlob(h);
      if (!data) throw new SutureError("BLOB_NOT_FOUND", `no blob ${h}`);
      reply.header("content-type", "application/octet-stream");
      return Buffer.from(data);
    },
  );
};
