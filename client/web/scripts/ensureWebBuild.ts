// Builds the web app when client/web/dist is missing or was built from other sources: `npm test`
// and `npm start` run this, so a fresh clone (npm ci, then either) gets the app without a
// postinstall step, and a changed source is never tested or served stale. "Other sources" means a
// different hash of the files the bundle is made from (contents, not times: a checkout rewrites
// times). `npm run build:web` always builds.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const WEB = join(ROOT, "client/web");
const DIST = join(WEB, "dist");
const STAMP = join(DIST, ".sources-sha256");
/** What the bundle is built from: the app, the SDK, the shared protocol code and the lockfile. */
const INPUTS = [
  "client/web/src",
  "client/web/public",
  "client/web/index.html",
  "client/web/vite.config.ts",
  "client/src",
  "sequencer/src",
  "circuits/config.ts",
  "package-lock.json",
];

function files(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => (/\.test\.tsx?$/.test(name) ? [] : files(join(path, name))));
}

export function sourcesHash(): string {
  const hash = createHash("sha256");
  for (const file of INPUTS.flatMap((p) => files(join(ROOT, p)))) hash.update(relative(ROOT, file)).update("\0").update(readFileSync(file));
  return hash.digest("hex");
}

const wanted = sourcesHash();
const built = existsSync(STAMP) ? readFileSync(STAMP, "utf8").trim() : null;
if (built === wanted && existsSync(join(DIST, "index.html"))) {
  console.log("web app: client/web/dist is up to date");
} else {
  console.log(built ? "web app: sources changed, rebuilding client/web/dist" : "web app: building client/web/dist");
  const { build } = await import("vite");
  await build({ configFile: join(WEB, "vite.config.ts"), logLevel: "warn" });
  writeFileSync(STAMP, `${wanted}\n`);
  console.log("web app: built");
}
