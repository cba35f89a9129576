import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installErrorHandler } from "./errorHandler";
import { webAppRoutes } from "./webApp";

let app: FastifyInstance;
let dist: string;

beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), "suture-web-"));
  mkdirSync(join(dist, "assets"));
  writeFileSync(join(dist, "index.html"), "<!doctype html><title>Suture</title>");
  writeFileSync(join(dist, "assets", "main-abc123.js"), "console.log(1)");
  writeFileSync(join(dist, "..", "secret.txt"), "outside");
  app = Fastify();
  installErrorHandler(app);
  app.get("/v1/status", async () => ({ ok: true }));
  await app.register(webAppRoutes, { distDir: dist });
});

afterAll(async () => {
  await app.close();
  rmSync(dist, { recursive: true, force: true });
  rmSync(join(dist, "..", "secret.txt"), { force: true });
});

describe("web app routes", () => {
  it("Should serve index.html at / and for client-side routes, without caching it", async () => {
    for (const url of ["/", "/doctors/0xabc", "/explorer?tab=batches"]) {
      const res = await app.inject({ url });
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
      expect(res.headers["cache-control"]).toBe("no-cache");
      expect(res.body).toContain("<title>Suture</title>");
    }
  });

  it("Should serve hashed assets with their type and a long cache", async () => {
    const res = await app.inject({ url: "/assets/main-abc123.js" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect(res.headers["cache-control"]).toContain("immutable");
    expect(res.body).toBe("console.log(1)");
  });

  it("Should answer 404 ROUTE_NOT_FOUND for a missing file, a path outside the app and an unknown /v1 route", async () => {
    for (const url of ["/assets/missing.js", "/../secret.txt", "/%2e%2e/secret.txt", "/v1/nope", "/v1"]) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.code).toBe("ROUTE_NOT_FOUND");
    }
    expect((await app.inject({ url: "/v1/status" })).json()).toEqual({ ok: true });
  });
});
