// The review proof in the browser against the node prover, on the same machine, same statement,
// taken in turns (browser, node, browser, ...) so a change of load hits both alike. The browser
// runs the web app's own prover worker (client/web/dist, snarkjs in a Web Worker with its own
// thread pool) in headless Chromium, fetching the circuit artifacts from the node's static
// handler; the node runs client/src/reviews/createReviewProver.ts. Reported: the first proof of
// each (wasm compiled, keys parsed) and the median of the warm ones, witness included.
//   tsx bench/webProver.bench.ts [runs]          (builds client/web/dist first if needed)
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import Fastify from "fastify";
import { chromium } from "playwright-core";
import { createReviewProver, deriveReviewSecret } from "../client/src/reviews";
import { installErrorHandler } from "../sequencer/src/api/errorHandler";
import { WEB_DIST_DIR, webAppRoutes } from "../sequencer/src/api/webApp";
import { reviewCommitment, reviewLeaf } from "../sequencer/src/protocol";

const RUNS = Number(process.argv[2] ?? 5);
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const m = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[m]! : (sorted[m - 1]! + sorted[m]!) / 2;
};

execFileSync("npx", ["tsx", "client/web/scripts/ensureWebBuild.ts"], { stdio: "inherit" });
const worker = readdirSync(join(WEB_DIST_DIR, "assets")).find((f) => f.startsWith("reviewProver.worker-"));
if (!worker) throw new Error("no prover worker in client/web/dist/assets");

// The statement: a case's leaf among a few others, as in the prover's unit test.
const doctor = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8" as const;
const secret = deriveReviewSecret({ privateKey: "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80", caseId: 3n });
const leaves = [reviewLeaf(100n, "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc"), reviewLeaf(101n, doctor), reviewLeaf(reviewCommitment(secret), doctor)];
const textHash = `0x${"5e".repeat(32)}` as const;

const app = Fastify();
installErrorHandler(app);
await app.register(webAppRoutes);
const url = await app.listen({ host: "127.0.0.1", port: 0 });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-dev-shm-usage"] });
const page = await browser.newPage();
// A blank page of the node's origin, so the worker and its artifact fetches are same-origin.
await page.route(`${url}/bench`, (route) => route.fulfill({ contentType: "text/html", body: "<!doctype html><title>bench</title>" }));
await page.goto(`${url}/bench`);
await page.evaluate((file) => {
  // Runs in the page (the bench compiles without the DOM library).
  const { Worker } = globalThis as unknown as {
    Worker: new (
      url: string,
      options: { type: "module" },
    ) => { onmessage: (e: { data: { kind: string; message?: string; result?: { timings: unknown } } }) => void; postMessage(m: unknown): void };
  };
  const w = new Worker(`/assets/${file}`, { type: "module" });
  (globalThis as unknown as { prove: (r: unknown) => Promise<unknown> }).prove = (request) =>
    new Promise((resolve, reject) => {
      w.onmessage = (e) => {
        if (e.data.kind === "result") resolve(e.data.result?.timings);
        if (e.data.kind === "error") reject(new Error(e.data.message));
      };
      w.postMessage({ id: 1, kind: "prove", wasmUrl: "/v1/circuits/review/review.wasm", zkeyUrl: "/v1/circuits/review/review.zkey", request });
    });
}, worker);

const node = await createReviewProver();
const browserMs: number[] = [];
const nodeMs: number[] = [];
const request = { secret, doctor, leaves, rating: 4, worthIt: true, textHash };
const load = loadavg()
  .map((l) => l.toFixed(2))
  .join(" ");
for (let i = 0; i < RUNS; i++) {
  const t = (await page.evaluate((r) => (globalThis as unknown as { prove: (r: unknown) => Promise<unknown> }).prove(r), request)) as {
    witnessMs: number;
    proveMs: number;
  };
  browserMs.push(t.witnessMs + t.proveMs);
  const started = performance.now();
  await node.prove(request);
  nodeMs.push(performance.now() - started);
}
await node.close();
await browser.close();
await app.close();

const result = {
  runs: RUNS,
  browser_first_ms: Math.round(browserMs[0]!),
  browser_warm_ms: Math.round(median(browserMs.slice(1))),
  node_first_ms: Math.round(nodeMs[0]!),
  node_warm_ms: Math.round(median(nodeMs.slice(1))),
  ratio_warm: Math.round((median(browserMs.slice(1)) / median(nodeMs.slice(1))) * 100) / 100,
  chromium: browser.version(),
  machine: `${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}`,
  load_average: `${load} → ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
};
console.log(JSON.stringify(result, null, 2));
