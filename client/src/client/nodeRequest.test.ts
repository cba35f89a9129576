// How the node's error answers become SDK errors: a 404 keeps the entity's code and names the
// entity; a 404 without the node's error body (another service at that URL) is ROUTE_NOT_FOUND.
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NotFoundError, SutureRequestError } from "../errors";
import { nodeRequest } from "./nodeRequest";

let server: Server;
let url = "";

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === "/v1/cases/9") {
      res.writeHead(404, { "content-type": "application/json" });
      return res.end(JSON.stringify({ error: { code: "CASE_NOT_FOUND", message: "no case 9", details: { case: "9" } } }));
    }
    if (req.url === "/v1/status") {
      res.writeHead(503, { "content-type": "application/json" });
      return res.end(JSON.stringify({ error: { code: "NODE_UNHEALTHY", message: "stopped", details: {} } }));
    }
    res.writeHead(404, { "content-type": "text/html" });
    res.end("<h1>Not Found</h1>");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe("nodeRequest errors", () => {
  it("Should turn a 404 into a NotFoundError with the entity's code and name", async () => {
    const error = await nodeRequest({ nodeUrl: url, path: "/v1/cases/9" }).catch((e) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ code: "CASE_NOT_FOUND", entity: "case", status: 404, shortMessage: "no case 9", details: { case: "9" } });
  });

  it("Should call a 404 without the node's error body ROUTE_NOT_FOUND", async () => {
    const error = await nodeRequest({ nodeUrl: url, path: "/elsewhere" }).catch((e) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ code: "ROUTE_NOT_FOUND", entity: "route" });
  });

  it("Should keep other codes as a SutureRequestError without an entity", async () => {
    const error = await nodeRequest({ nodeUrl: url, path: "/v1/status" }).catch((e) => e);
    expect(error).toBeInstanceOf(SutureRequestError);
    expect(error).not.toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ code: "NODE_UNHEALTHY", retryable: true });
  });
});
