// Every paged list route over HTTP, against a state with more entities than a default page: walked
// page by page with `after` (or `before`, or `from`), each list comes out exactly once, in its
// order, and `next` is null on the last page; `limit` defaults to 50 and is refused outside 1..200
// (the review tree's leaves: 1..8192).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_BLOB_POLICY } from "../blobs";
import { createMetrics } from "../runtime/metrics";
import { Store } from "../store";
import { actor, ETH, h32, type Actor } from "../stf/testing/harness";
import { createWorld } from "../stf/testing/world";
import { buildApp } from "./app";
import type { NodeServices } from "./services";

const dir = mkdtempSync(join(tmpdir(), "suture-lists-"));
const w = createWorld();
const { chain, drA, drB, insurer } = w;
const [p1, p2] = w.patients as [Actor, Actor];
const st = chain.state;
const store = new Store({ path: join(dir, "store.sqlite") });
let app: FastifyInstance;

const propose = (p: Actor, dr: Actor, i: number) =>
  chain.ok(p, "ProposeSurgery", { doctor: dr.address, procedure: "rhinoplasty", requestedTime: BigInt(chain.time + 86_400 * 30), detailsHash: h32(i) });

beforeAll(async () => {
  // 61 cases of p1 (41 with drA, 20 with drB), 7 of p2 with drA.
  for (let i = 0; i < 61; i++) propose(p1, i % 3 === 2 ? drB : drA, i);
  for (let i = 0; i < 7; i++) propose(p2, drA, 100 + i);
  // Records: p1's 12 (readers alternate), p2's 3 read by drA; drB granted one of p2's later.
  const record = (subject: Actor, reader: Actor, i: number) =>
    chain.ok(subject, "CreateRecord", { subject: subject.address, ciphertextHash: h32(`r${i}`), readers: [{ reader: reader.address, wrappedKey: "0xaa" }] })
      .recordId as bigint;
  for (let i = 0; i < 12; i++) record(p1, i % 2 ? drA : drB, i);
  const p2Records = [0, 1, 2].map((i) => record(p2, drA, 20 + i));
  chain.ok(p2, "GrantAccess", { recordId: p2Records[0]!, reader: drB.address, wrappedKey: "0xbb" });
  // 8 more policies (9 in all), 5 reviews of drA and 2 of drB.
  for (let i = 0; i < 8; i++)
    chain.ok(insurer, "PublishPolicy", {
      procedures: ["rhinoplasty"],
      terms: [{ complication: "infection", payout: ETH / 100n, windowDays: 30 }],
      premium: ETH / 100n,
      cap: ETH / 10n,
    });
  chain.checkReviewProof = () => true;
  const root = st.get("reviewTree", "")!.root;
  for (let i = 0; i < 7; i++) {
    const message = {
      doctor: (i < 5 ? drA : drB).address,
      rating: 4,
      worthIt: true,
      textHash: h32(`t${i}`),
      root,
      nullifier: BigInt(1000 + i),
      proof: [1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n],
    };
    expect(chain.apply({ type: "PostReview", from: null, signature: null, message } as never).status).toBe("ok");
  }
  // Five more doctors for search; 2,500 review-tree leaves; 7 batches.
  for (let i = 0; i < 5; i++) {
    const dr = actor(`search-${i}`);
    chain.ok(dr, "RegisterDoctor", { specialties: ["rhinoplasty"], latE6: 0, lonE6: 0, acceptedInsurers: [], profileHash: h32(dr.name) });
  }
  const leaves = Array.from({ length: 2500 }, (_, i) => BigInt(i + 1) * 7919n);
  st.reviewTree.insertMany(leaves);
  const meta = st.get("reviewTree", "")!;
  st.put("reviewTree", "", { ...meta, root: st.reviewTree.root, size: st.reviewTree.size, recentRoots: [...meta.recentRoots, st.reviewTree.root] });
  for (let index = 0; index < 7; index++) {
    const zero = h32("zero");
    const n = BigInt(index);
    const header = {
      batchIndex: n,
      prevStateRoot: zero,
      postStateRoot: zero,
      txDataHash: zero,
      txRootsHash: zero,
      queueStart: 0n,
      queueEnd: 0n,
      queueHash: zero,
      firstBlock: n,
      lastBlock: n,
      firstTimestamp: n,
      lastTimestamp: n,
      stepCount: 1n,
      proposer: "0x0000000000000000000000000000000000000000",
    };
    store.insertBatch(
      { index, firstBlock: BigInt(index), lastBlock: BigInt(index), header, chunks: [new Uint8Array([0, index])], txCount: 1, stepRoots: [] },
      [],
    );
  }

  const services = {
    mode: "sequencer",
    chain: { state: st, store, head: undefined, domain: chain.domain, params: st.params },
    metrics: createMetrics(),
    sequencer: null,
    verifier: null,
    l1ChainId: 31337,
    challengeWindowSeconds: 10,
    deployment: null,
    blobs: DEFAULT_BLOB_POLICY,
    now: () => chain.time,
  } as unknown as NodeServices;
  app = await buildApp({ services });
});

afterAll(async () => {
  await app?.close();
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function get(url: string): Promise<{ status: number; body: any }> {
  const res = await app.inject({ method: "GET", url });
  return { status: res.statusCode, body: res.json() };
}

/** Walks a list route page by page; returns the pages' items (as `pick` names them) and their count. */
async function walk(url: string, key: string, pick: (item: any) => string, cursor = "after"): Promise<string[][]> {
  const pages: string[][] = [];
  let next: string | number | null = null;
  do {
    const sep = url.includes("?") ? "&" : "?";
    const { status, body } = await get(next === null ? url : `${url}${sep}${cursor}=${next}`);
    expect(status, JSON.stringify(body)).toBe(200);
    pages.push(body[key].map(pick));
    next = body.next;
    expect(pages.length).toBeLessThan(1000);
  } while (next !== null);
  return pages;
}

const ids = <T extends { id: bigint }>(values: Iterable<T>) =>
  [...values]
    .map((v) => v.id)
    .sort((a, b) => (a < b ? -1 : 1))
    .map(String);
const all = <N extends "case" | "record" | "policy" | "review">(ns: N) => [...st.entries(ns)].map(([, v]) => v);
const byId = (x: { id: string }) => x.id;

describe("paged list routes", () => {
  const lists: Array<[string, string, string[]]> = [];
  beforeAll(() => {
    lists.push(
      [`/v1/cases?patient=${p1.address}`, "cases", ids(all("case").filter((c) => c.patient === p1.address))],
      [`/v1/cases?doctor=${drA.address}`, "cases", ids(all("case").filter((c) => c.doctor === drA.address))],
      [`/v1/cases?patient=${p1.address}&doctor=${drB.address}`, "cases", ids(all("case").filter((c) => c.patient === p1.address && c.doctor === drB.address))],
      [`/v1/records?subject=${p1.address}`, "records", ids(all("record").filter((r) => r.subject === p1.address))],
      [`/v1/records?reader=${drB.address}`, "records", ids(all("record").filter((r) => r.readers.some((x) => x.reader === drB.address)))],
      [
        `/v1/records?subject=${p2.address}&reader=${drB.address}`,
        "records",
        ids(all("record").filter((r) => r.subject === p2.address && r.readers.some((x) => x.reader === drB.address))),
      ],
      ["/v1/policies", "policies", ids(all("policy"))],
      [`/v1/doctors/${drA.address}/reviews`, "reviews", ids(all("review").filter((r) => r.doctor === drA.address))],
    );
  });

  it("Should have lists longer than a default page, and filters that differ", () => {
    expect(lists.map(([, , expected]) => expected.length)).toEqual([61, 48, 20, 12, 7, 1, 9, 5]);
  });

  it("Should list every item exactly once, in id order, whatever the page size, with next null on the last page", async () => {
    for (const [url, key, expected] of lists) {
      for (const limit of [1, 3, 7, 200]) {
        const pages = await walk(`${url}${url.includes("?") ? "&" : "?"}limit=${limit}`, key, byId);
        expect(pages.flat(), `${url} limit ${limit}`).toEqual(expected);
        expect(pages.length, `${url} limit ${limit}`).toBe(Math.max(1, Math.ceil(expected.length / limit)));
        for (const page of pages) expect(page.length).toBeLessThanOrEqual(limit);
      }
    }
  });

  it("Should answer 50 items by default, then the rest after the cursor", async () => {
    const first = (await get(`/v1/cases?patient=${p1.address}`)).body;
    expect(first.cases).toHaveLength(50);
    expect(first.next).toBe(first.cases[49].id);
    const second = (await get(`/v1/cases?patient=${p1.address}&after=${first.next}`)).body;
    expect(second.cases).toHaveLength(11);
    expect(second.next).toBeNull();
    expect((await get(`/v1/cases?patient=${p1.address}&after=999999`)).body).toEqual({ cases: [], next: null });
  });

  it("Should refuse a limit outside 1..200, or a cursor that is not an id, with INVALID_REQUEST", async () => {
    for (const url of [
      `/v1/cases?patient=${p1.address}&limit=0`,
      `/v1/cases?patient=${p1.address}&limit=201`,
      `/v1/records?subject=${p1.address}&limit=-1`,
      "/v1/policies?limit=1000",
      `/v1/doctors/${drA.address}/reviews?limit=0`,
      "/v1/batches?limit=201",
      "/v1/doctors?limit=201",
      `/v1/cases?patient=${p1.address}&after=abc`,
      "/v1/doctors?after=5",
      "/v1/reviews/tree?limit=8193",
      "/v1/reviews/tree?from=-1",
    ]) {
      const { status, body } = await get(url);
      expect(status, url).toBe(400);
      expect(body.error.code, url).toBe("INVALID_REQUEST");
    }
    expect((await get(`/v1/cases?patient=${p1.address}&limit=200`)).body.cases).toHaveLength(61);
  });

  it("Should page batches newest first with before, and doctor search in ranking order with its cursor", async () => {
    const batches = await walk("/v1/batches?limit=3", "batches", (b) => String(b.index), "before");
    expect(batches).toEqual([["6", "5", "4"], ["3", "2", "1"], ["0"]]);
    const ranked = (await get("/v1/doctors?license=ANY&limit=200")).body;
    expect(ranked.results).toHaveLength(7);
    expect(ranked.next).toBeNull();
    const paged = await walk("/v1/doctors?license=ANY&limit=2", "results", (d) => d.address);
    expect(paged.flat()).toEqual(ranked.results.map((d: { address: string }) => d.address));
    expect(paged.map((p) => p.length)).toEqual([2, 2, 2, 1]);
  });

  it("Should serve the review tree's leaves from any index, each once, with the root and size of the whole tree", async () => {
    const leaves = st.reviewTree.leaves.map(String);
    const pages: string[][] = [];
    let from: number | null = 0;
    while (from !== null) {
      const { body } = await get(`/v1/reviews/tree?from=${from}&limit=1000`);
      expect(body).toMatchObject({ size: 2500, root: st.reviewTree.root.toString(), from });
      pages.push(body.leaves);
      from = body.next;
    }
    expect(pages.map((p) => p.length)).toEqual([1000, 1000, 500]);
    expect(pages.flat()).toEqual(leaves);
    const tail = (await get("/v1/reviews/tree?from=2498")).body;
    expect(tail).toMatchObject({ from: 2498, leaves: leaves.slice(2498), next: null });
    expect((await get("/v1/reviews/tree")).body.leaves).toHaveLength(1024);
    expect((await get("/v1/reviews/tree?from=2500")).body).toMatchObject({ leaves: [], next: null, size: 2500 });
    expect((await get("/v1/reviews/tree?from=9999")).body).toMatchObject({ leaves: [], next: null, size: 2500 });
  });
});
