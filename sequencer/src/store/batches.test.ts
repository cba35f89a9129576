// A batch's finality is the finalAt its BatchSubmitted event gave: the store keeps it as given,
// and a data dir from before migration 5 gains the column.
import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { MIGRATIONS } from "./migrations";
import { Store } from "./Store";

const dir = mkdtempSync(join(tmpdir(), "suture-batches-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const batch = { index: 0, firstBlock: 0n, lastBlock: 0n, header: { batchIndex: 0n } as never, chunks: [Uint8Array.from([1])], txCount: 0, stepRoots: [] };
const TX = `0x${"7e".repeat(32)}` as const;

describe("Store batches", () => {
  it("Should keep the finalAt the bridge gave a batch, not one derived from submittedAt", () => {
    const store = new Store({ path: join(dir, "a.sqlite") });
    store.insertBatch(batch, []);
    expect(store.getBatch(0)).toMatchObject({ status: "sealed", submittedAt: null, finalAt: null });
    store.markBatchSubmitted(0, { txHash: TX, block: 7, submittedAt: 1_000, finalAt: 1_500, gasUsed: 1n });
    expect(store.getBatch(0)).toMatchObject({ status: "submitted", submittedAt: 1_000, finalAt: 1_500 });
    store.close();
  });

  it("Should migrate a data dir from before migration 5: its batches gain finalAt, null until the bridge gives one", () => {
    const path = join(dir, "v4.sqlite");
    const db = new Database(path);
    for (const m of MIGRATIONS.filter((m) => m.version <= 4)) db.exec(m.sql);
    db.pragma("user_version = 4");
    db.close();
    const old = new Store({ path });
    old.insertBatch(batch, []);
    old.close();
    const store = new Store({ path });
    expect(store.getBatch(0)).toMatchObject({ index: 0, finalAt: null });
    store.close();
  });
});
