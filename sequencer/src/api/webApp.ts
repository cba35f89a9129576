// Serves the web app (client/web/dist, built by `npm run build:web`) at `/`, with an SPA fallback
// to index.html for any other GET that is not under /v1/ (the review circuit's files, which
// browsers prove with, are GET /v1/circuits/review/:file in routes/meta.ts). A tiny static handler rather than a plugin
// dependency: a few files, read from disk on each request (the OS caches them).
import { readFile, stat } from "node:fs/promises";
import { extname, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { FastifyInstance, FastifyReply } from "fastify";
import { SutureError } from "../errors";

export const WEB_DIST_DIR = fileURLToPath(new URL("../../../client/web/dist/", import.meta.url));

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".txt": "text/plain; charset=utf-8",
  ".webmanifest": "application/manifest+json",
};

/** The file under `root` that `relative` names, or null when it escapes root or is not a file. */
async function findFile(root: string, relative: string): Promise<string | null> {
  const file = resolve(root, `.${sep}${relative}`);
  if (file !== root && !file.startsWith(root.endsWith(sep) ? root : root + sep)) return null;
  try {
    return (await stat(file)).isFile() ? file : null;
  } catch {
    return null;
  }
}

async function sendFile(reply: FastifyReply, file: string, cacheControl: string): Promise<Buffer> {
  reply.header("content-type", CONTENT_TYPES[extname(file)] ?? "application/octet-stream");
  reply.header("cache-control", cacheControl);
  reply.header("x-content-type-options", "nosniff");
  return readFile(file);
}

export async function webAppRoutes(app: FastifyInstance, { distDir = WEB_DIST_DIR }: { distDir?: string } = {}): Promise<void> {
  app.get("/*", { schema: { hide: true } }, async (request, reply) => {
    const path = decodeURIComponent(request.url.split("?")[0]!);
    if (path.startsWith("/v1/") || path === "/v1") throw new SutureError("ROUTE_NOT_FOUND", `No route ${request.method} ${request.url}`);
    const file = await findFile(distDir, path);
    // Vite names built assets by content hash: they never change under the same name.
    if (file) return sendFile(reply, file, path.startsWith("/assets/") ? "public, max-age=31536000, immutable" : "no-cache");
    // A missing file stays a 404; any other path is a page of the app (client-side routing).
    if (extname(path)) throw new SutureError("ROUTE_NOT_FOUND", `No file ${path}`);
    const index = await findFile(distDir, "index.html");
    if (!index) throw new SutureError("ROUTE_NOT_FOUND", "the web app is not built: run `npm run build:web`");
    return sendFile(reply, index, "no-cache");
  });
}
