// Chain reads: blocks, batches (with per-transaction roots for verifiers), status and metrics.
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { SutureError } from "../../errors";
import { feesView } from "./fees";
import {
  BatchesQuery,
  BatchJson,
  BatchList,
  BatchParams,
  BatchRoots,
  BlockJson,
  BlockParams,
  NodeStatus,
  PAGE_LIMIT_DEFAULT,
  withErrors,
} from "../../protocol/api";
import type { NodeServices } from "../services";
import type { StoredBatch } from "../../store";
import { toJson } from "../json";

/**
 * When a batch is final: the `finalAt` the bridge gave it (BatchSubmitted), never submittedAt plus
 * the window in force today (governance may change the window; a batch is never final before the
 * one before it). Only a batch recorded before the store kept finalAt falls back to the window.
 */
export function batchFinalAt(services: NodeServices, b: StoredBatch): number | null {
  if (b.submittedAt === null) return null;
  return b.finalAt ?? b.submittedAt + services.challengeWindowSeconds;
}

/** sealed (not on L1 yet) | submitted (on L1, in its challenge window) | final (L1 time past its finalAt) */
export function batchStatus(services: NodeServices, index: number): "sealed" | "submitted" | "final" {
  const b = services.chain.store.getBatch(index);
  if (!b || b.status === "sealed" || b.submittedAt === null) return "sealed";
  return batchFinalAt(services, b)! <= services.now() ? "final" : "submitted";
}

/** What /v1/status says of a sequencer-mode node's part on the bridge. */
function roleView(services: NodeServices) {
  const r = services.role?.();
  if (!r) return null;
  const text =
    r.role === "sequencer"
      ? "sequencer"
      : r.role === "fallback-waiting"
        ? `fallback proposer waiting until ${new Date(r.openAt * 1000).toISOString()}`
        : "fallback proposer active";
  return { role: r.role, sequencer: r.sequencer, openAt: r.openAt, text };
}

function batchView(services: NodeServices, index: number) {
  const b = services.chain.store.getBatch(index);
  if (!b) throw new SutureError("BATCH_NOT_FOUND", `no batch ${index}`);
  return {
    index: b.index,
    status: batchStatus(services, b.index),
    firstBlock: b.firstBlock,
    lastBlock: b.lastBlock,
    txCount: b.txCount,
    bytes: b.chunks.reduce((n, c) => n + c.length, 0),
    header: b.header,
    l1TxHash: b.l1TxHash,
    l1Block: b.l1Block,
    submittedAt: b.submittedAt,
    finalAt: batchFinalAt(services, b),
    l1GasUsed: b.gasUsed,
  };
}

export const chainRoutes: FastifyPluginAsyncTypebox<{ services: NodeServices }> = async (app, { services }) => {
  const { store } = services.chain;

  app.get(
    "/v1/status",
    { schema: { summary: "Node status: mode, chain ids, head, batches and finality, verifier progress", response: withErrors(NodeStatus) } },
    async () => {
      const counts = store.batchCounts();
      const last = store.lastBatch();
      let finalized = 0;
      if (last) for (let i = 0; i <= last.index && batchStatus(services, i) === "final"; i++) finalized = i + 1;
      const verifier = services.verifier;
      return toJson({
        mode: services.mode,
        ...(roleView(services) && { role: roleView(services) }),
        healthy: verifier ? verifier.healthy : (services.poster?.health.healthy ?? true),
        ...(services.poster && { poster: services.poster.health }),
        chainId: services.chain.params.chainId,
        l1ChainId: services.l1ChainId,
        bridge: services.chain.params.bridge,
        height: services.chain.head?.number ?? null,
        stateRoot: services.chain.stateRoot,
        genesisRoot: services.chain.genesisRoot,
        pendingTxs: services.sequencer?.mempool.size ?? 0,
        batches: { sealed: counts.sealed, posted: counts.submitted, finalized },
        challengeWindowSeconds: services.challengeWindowSeconds,
        genesis: services.chain.params,
        fees: feesView(services),
        ...(verifier && {
          verifier: { verifiedBatches: verifier.verifiedBatches, l1Batches: verifier.l1Batches, mismatch: verifier.mismatch, challenges: verifier.challenges },
        }),
      });
    },
  );

  app.get("/metrics", { schema: { summary: "Prometheus metrics", hide: true } }, async (_request, reply) => {
    reply.header("content-type", services.metrics.registry.contentType);
    return services.metrics.registry.metrics();
  });

  app.get(
    "/v1/blocks/:number",
    {
      schema: {
        summary: "A block with its transactions",
        params: BlockParams,
        response: withErrors(BlockJson),
      },
    },
    async (request) => {
      const p = request.params.number;
      const block = p === "latest" ? services.chain.head : store.getBlock(BigInt(p));
      if (!block) throw new SutureError("BLOCK_NOT_FOUND", `no block ${p}`);
      const { body: _body, ...rest } = block;
      return toJson({ ...rest, txs: store.txsOfBlock(block.number).map((t) => ({ hash: t.hash, type: t.type, from: t.sender, stateRoot: t.stateRoot })) });
    },
  );

  app.get(
    "/v1/batches",
    {
      schema: {
        summary: "Batches, newest first, a page at a time (`before` = the previous page's `next`)",
        querystring: BatchesQuery,
        response: withErrors(BatchList),
      },
    },
    async (request) => {
      const q = request.query;
      const limit = q.limit ?? PAGE_LIMIT_DEFAULT;
      // One more than asked says whether an older page exists.
      const rows = store.listBatches(q.before ?? Number.MAX_SAFE_INTEGER, limit + 1);
      const page = rows.slice(0, limit);
      return toJson({ batches: page.map((b) => batchView(services, b.index)), next: rows.length > limit ? page[page.length - 1]!.index : null });
    },
  );

  app.get(
    "/v1/batches/:index",
    { schema: { summary: "One batch: header, L1 status, finality", params: BatchParams, response: withErrors(BatchJson) } },
    async (request) => toJson(batchView(services, request.params.index)),
  );

  app.get(
    "/v1/batches/:index/roots",
    { schema: { summary: "The state root after every step of a batch (opens its txRootsHash)", params: BatchParams, response: withErrors(BatchRoots) } },
    async (request) => {
      const b = store.getBatch(request.params.index);
      if (!b) throw new SutureError("BATCH_NOT_FOUND", `no batch ${request.params.index}`);
      return { index: b.index, roots: b.stepRoots };
    },
  );
};
