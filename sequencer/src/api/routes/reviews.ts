// The review tree as provers need it: every leaf, so a client builds its own path without
// telling the node which leaf is theirs.
import type { FastifyInstance } from "fastify";
import type { NodeServices } from "../services";
import { toJson } from "../json";
import { anyObject } from "../schemas";

export async function reviewRoutes(app: FastifyInstance, { services }: { services: NodeServices }): Promise<void> {
  app.get(
    "/v1/reviews/tree",
    { schema: { summary: "Review-tree root, recent roots and all leaves (build your path locally)", response: { 200: anyObject } } },
    async () => {
      const meta = services.chain.state.get("reviewTree", "")!;
      return toJson({ depth: 20, root: meta.root, size: meta.size, recentRoots: meta.recentRoots, leaves: services.chain.state.reviewTree.leaves });
    },
  );
}
