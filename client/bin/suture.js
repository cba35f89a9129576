#!/usr/bin/env node
// `suture` CLI entry: loads tsx's ESM hooks so the TypeScript sources run as they are, then runs
// the CLI and exits with its code.
import { register } from "tsx/esm/api";

register();
const { runCli } = await import("../src/cli/main.ts");
process.exitCode = await runCli(process.argv.slice(2));
