// Opens the node's SQLite database: WAL, full sync on commit (a block is on disk before its
// confirmation is returned), migrations applied in order.
import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { MIGRATIONS } from "./migrations";

export type Db = Database.Database;

export class StoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "StoreError";
  }
}

export function openDatabase({ path }: { path: string }): Db {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  let db: Db;
  try {
    db = new Database(path);
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = FULL");
    db.pragma("foreign_keys = ON");
  } catch (cause) {
    throw new StoreError(`cannot open database at ${path}`, { cause });
  }
  const current = (db.pragma("user_version", { simple: true }) as number) ?? 0;
  for (const m of MIGRATIONS) {
    if (m.version <= current) continue;
    try {
      db.transaction(() => {
        db.exec(m.sql);
        db.pragma(`user_version = ${m.version}`);
      })();
    } catch (cause) {
      throw new StoreError(`migration ${m.version} failed`, { cause });
    }
  }
  return db;
}
