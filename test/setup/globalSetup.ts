// Global test setup: puts a `circom` shim on PATH so witness testers (circom_tester) can run the
// circom2 npm package (WASM) as if it were the native binary.
import { mkdirSync, writeFileSync, chmodSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { tmpdir } from "node:os";

export default function setup(): void {
  const require = createRequire(import.meta.url);
  const cli = require.resolve("circom2/cli.js");
  const dir = join(tmpdir(), "suture-circom-shim");
  mkdirSync(dir, { recursive: true });
  const shim = join(dir, "circom");
  writeFileSync(shim, `#!/bin/sh\nexec node "${cli}" "$@"\n`);
  chmodSync(shim, 0o755);
  process.env.PATH = `${dir}:${process.env.PATH}`;
}
