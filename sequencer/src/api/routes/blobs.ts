// The content-addressed blob store for off-chain content (encrypted case details, records,
// summaries, photos, review texts), metered: an upload is authorized by the uploader's EIP-712
// BlobUpload signature (checked with the quota before a byte of the body is read, and the body
// read only up to the signed size), charged against the account's balance-bonded quota and the
// node-wide cap (../../blobs). Reads are free.
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { FastifyRequest } from "fastify";
import type { Address, Hex } from "viem";
import { authorizeUpload, storageQuota, storeBlob, type AuthorizedUpload } from "../../blobs";
import { SutureError } from "../../errors";
import { AddressParams, Binary, BlobParams, BlobStored, BlobUploadHeaders, ErrorBody, StorageQuota, withErrors } from "../../protocol/api";
import type { NodeServices } from "../services";
import { toJson } from "../json";

export const blobRoutes: FastifyPluginAsyncTypebox<{ services: NodeServices }> = async (app, { services }) => {
  const policy = services.blobs;
  const now = () => Math.max(services.chain.head?.timestamp ?? 0, services.now());
  const uploads = new WeakMap<FastifyRequest, AuthorizedUpload>();
  /** Requests whose body ran past the signed size: their connection closes instead of draining the rest. */
  const overran = new WeakSet<FastifyRequest>();

  // Reads the body only as far as the authorized size: a longer body is refused without reading on.
  app.addContentTypeParser("application/octet-stream", (request, payload, done) => {
    const upload = uploads.get(request);
    const limit = upload?.size ?? 0;
    const chunks: Buffer[] = [];
    let length = 0;
    let finished = false;
    const finish = (error: Error | null, body?: Buffer) => {
      if (finished) return;
      finished = true;
      done(error, body);
    };
    payload.on("data", (chunk: Buffer) => {
      length += chunk.length;
      if (length > limit) {
        payload.removeAllListeners("data");
        payload.pause();
        overran.add(request);
        finish(new SutureError("BLOB_MISMATCH", "the body is longer than the signed size", { signedSize: limit }));
        return;
      }
      chunks.push(chunk);
    });
    payload.on("end", () => finish(null, Buffer.concat(chunks, length)));
    payload.on("error", (error) => finish(error));
  });

  app.post(
    "/v1/blobs",
    {
      bodyLimit: policy.blobMaxBytes,
      schema: {
        summary: `Store a blob (application/octet-stream, at most ${policy.blobMaxBytes} bytes) signed by its uploader (EIP-712 BlobUpload) and counted against the uploader's quota; answers its keccak256 hash`,
        consumes: ["application/octet-stream"],
        headers: BlobUploadHeaders,
        body: Binary,
        response: withErrors(BlobStored),
      },
      // Authorization and quota before the body: a refused upload costs no bytes read.
      onRequest: async (request) => {
        const upload = authorizeUpload({
          headers: request.headers,
          domain: services.chain.domain,
          state: services.chain.state,
          store: services.chain.store,
          policy,
          now: now(),
        });
        const announced = request.headers["content-length"];
        if (announced !== undefined && Number(announced) !== upload.size) {
          throw new SutureError("BLOB_MISMATCH", "the body's content-length is not the signed size", { signedSize: upload.size, announced });
        }
        uploads.set(request, upload);
      },
      onSend: async (request, reply) => {
        if (overran.has(request)) reply.header("connection", "close");
      },
      // The headers were checked in onRequest with the protocol's codes; the parsed body is a
      // Buffer, which JSON Schema cannot describe: the check is "bytes".
      validatorCompiler:
        ({ httpPart }) =>
        (value) =>
          httpPart !== "body" || Buffer.isBuffer(value) ? { value } : { error: new Error("send the blob as an application/octet-stream body") },
    },
    async (request) => {
      const upload = uploads.get(request)!;
      const data = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const { store, state } = services.chain;
      return storeBlob({ upload, data, state, store, policy, now: now() });
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

  app.get(
    "/v1/accounts/:address/storage",
    {
      schema: {
        summary: "An account's blob storage: bytes used, bytes allowed (balance / perByte, capped), and the node's limits",
        params: AddressParams,
        response: withErrors(StorageQuota),
      },
    },
    async (request) => {
      const address = request.params.address.toLowerCase() as Address;
      return toJson(storageQuota({ state: services.chain.state, store: services.chain.store, policy, address, now: now() }));
    },
  );
};
