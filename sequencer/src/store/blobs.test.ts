// Blob ownership in the store: each owner's running total and the node's, a second upload of a
// hash counted once, and the migration that gives blobs stored before signed uploads no owner.
import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { MIGRATIONS } from "./migrations";
import { Store } from "./Store";

const dir = mkdtempSync(join(tmpdir(), "suture-store-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const alice = "0x00000000000000000000000000000000000000a1";
const bob = "0x00000000000000000000000000000000000000b0";
const h = (n: number) => `0x${n.toString(16).padStart(64, "0")}` as const;

describe("Store blobs", () => {
  it("Should count bytes per owner and in all, once per hash, and keep the totals across a reopen", () => {
    const path = join(dir, "owners.sqlite");
    const store = new Store({ path });
    expect(store.putBlob({ hash: h(1), data: new Uint8Array(100), owner: alice, at: 1 })).toBe(true);
    expect(store.putBlob({ hash: h(2), data: new Uint8Array(50), owner: alice, at: 2 })).toBe(true);
    expect(store.putBlob({ hash: h(2), data: new Uint8Array(50), owner: bob, at: 3 })).toBe(false);
    expect(store.putBlob({ hash: h(3), data: new Uint8Array(7), owner: null, at: 4 })).toBe(true);
    expect(store.blobUsage(alice)).toEqual({ bytes: 150, count: 2 });
    expect(store.blobUsage(bob)).toEqual({ bytes: 0, count: 0 });
    expect(store.blobUsage(null)).toEqual({ bytes: 7, count: 1 });
    expect(store.blobTotal).toEqual({ bytes: 157, count: 3 });
    expect(store.hasBlob(h(2))).toBe(true);
    expect(store.hasBlob(h(4))).toBe(false);
    store.close();
    const reopened = new Store({ path });
    expect(reopened.blobTotal).toEqual({ bytes: 157, count: 3 });
    expect(reopened.blobUsage(alice)).toEqual({ bytes: 150, count: 2 });
    reopened.close();
  });

  it("Should migrate blobs stored before signed uploads as owned by no one, with their sizes", () => {
    const path = join(dir, "v2.sqlite");
    const db = new Database(path);
    for (const m of MIGRATIONS.filter((m) => m.version <= 2)) db.exec(m.sql);
    db.pragma("user_version = 2");
    db.prepare("INSERT INTO blobs (hash, data, created_at) VALUES (?, ?, ?)").run(h(9), Buffer.alloc(1000), 1);
    db.prepare("INSERT INTO blobs (hash, data, created_at) VALUES (?, ?, ?)").run(h(8), Buffer.alloc(24), 1);
    db.close();
    const store = new Store({ path });
    expect(store.blobTotal).toEqual({ bytes: 1024, count: 2 });
    expect(store.blobUsage(null)).toEqual({ bytes: 1024, count: 2 });
    expect(store.getBlob(h(9))?.length).toBe(1000);
    store.close();
  });

  it("Should migrate an empty blob table without a usage row", () => {
    const store = new Store({ path: join(dir, "fresh.sqlite") });
    expect(store.blobTotal).toEqual({ bytes: 0, count: 0 });
    store.close();
  });
});
