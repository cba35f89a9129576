// The `suture` CLI: finds the command from its words, parses its options (node:util parseArgs,
// strict), runs it, and prints JSON (--json) or a table. Any failure prints one line
// `error CODE: message` on stderr and exits non-zero (2 for usage errors, 1 otherwise).
import { parseArgs, type ParseArgsConfig } from "node:util";
import { SutureClientError } from "../errors";
import type { Command } from "./command";
import { caseCommands } from "./commands/cases";
import { chainCommands } from "./commands/chain";
import { fundsCommands } from "./commands/funds";
import { keysCommands } from "./commands/keys";
import { recordCommands } from "./commands/records";
import { registryCommands } from "./commands/registry";
import { createCliContext, type GlobalOptions } from "./context";
import { toJsonText } from "./output";

export const COMMANDS: Command[] = [...keysCommands, ...chainCommands, ...registryCommands, ...caseCommands, ...recordCommands, ...fundsCommands];

const GLOBAL_OPTIONS = {
  node: { type: "string" },
  l1: { type: "string" },
  key: { type: "string" },
  dev: { type: "string" },
  keystore: { type: "string" },
  "password-file": { type: "string" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const satisfies NonNullable<ParseArgsConfig["options"]>;

const GLOBAL_HELP = `Global options:
  --node URL            sequencer API (SUTURE_NODE_URL, default http://127.0.0.1:8550)
  --l1 URL              L1 JSON-RPC for deposits and withdrawals (L1_RPC_URL, default http://127.0.0.1:8545)
  --key 0x…             sign with this private key (SUTURE_PRIVATE_KEY); never written to disk
  --dev ROLE            sign with a devnet key: board, medicineRegulator, insuranceRegulator, doctor, patient, ...
  --keystore PATH       encrypted keystore (SUTURE_KEYSTORE, default $SUTURE_HOME/keystore.json, SUTURE_HOME=~/.suture)
  --password-file PATH  keystore password from a file (or SUTURE_PASSWORD, or a prompt)
  --json                machine-readable output on stdout
  -h, --help            help for a command`;

export function helpText(): string {
  const groups = new Map<string, Command[]>();
  for (const c of COMMANDS) {
    const g = c.words.split(" ")[0]!;
    groups.set(g, [...(groups.get(g) ?? []), c]);
  }
  const lines = [
    "suture: the Suture rollup from the command line (patients, doctors, boards, manufacturers, insurers, verifiers)",
    "",
    "Usage: suture <command> [options]",
    "",
  ];
  for (const [, cmds] of groups) {
    for (const c of cmds)
      lines.push(`  ${(c.words + (c.positionals ? ` ${c.positionals.join(" ")}` : "")).padEnd(32)} ${c.summary}`, `  ${"".padEnd(32)}   e.g. ${c.example}`);
    lines.push("");
  }
  lines.push(
    GLOBAL_HELP,
    "",
    "Amounts are ETH (1.5) or wei (100wei); times are +90s/+5m/+2h/+3d, unix seconds or ISO dates;",
    "negative numbers need the = form (--lon=-73.98).",
  );
  return lines.join("\n");
}

function commandHelp(c: Command): string {
  const opts = Object.entries(c.options ?? {}).map(
    ([name, o]) => `  --${name}${o.type === "string" ? " VALUE" : ""}${"multiple" in o && o.multiple ? " (repeatable)" : ""}`,
  );
  return [
    `suture ${c.words}${c.positionals ? ` ${c.positionals.join(" ")}` : ""}: ${c.summary}`,
    "",
    `Example: ${c.example}`,
    "",
    ...(opts.length ? ["Options:", ...opts, ""] : []),
    GLOBAL_HELP,
  ].join("\n");
}

function findCommand(argv: string[]): { command: Command | null; rest: string[] } {
  const words = argv.filter((a) => !a.startsWith("-")).slice(0, 2);
  for (const n of [2, 1]) {
    const key = words.slice(0, n).join(" ");
    const command = COMMANDS.find((c) => c.words === key);
    if (command) {
      const rest = [...argv];
      for (const w of key.split(" ")) rest.splice(rest.indexOf(w), 1);
      return { command, rest };
    }
  }
  return { command: null, rest: argv };
}

export type CliIo = { stdout: (text: string) => void; stderr: (text: string) => void };

export async function runCli(argv: string[], io: CliIo = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) }): Promise<number> {
  const { command, rest } = findCommand(argv);
  try {
    if (!command) {
      if (argv.length === 0 || argv.includes("--help") || argv.includes("-h") || argv[0] === "help") {
        io.stdout(`${helpText()}\n`);
        return 0;
      }
      throw new SutureClientError(
        "INVALID_ARGUMENT",
        `unknown command "${argv
          .filter((a) => !a.startsWith("-"))
          .slice(0, 2)
          .join(" ")}" (suture --help lists them)`,
      );
    }
    let parsed: ReturnType<typeof parseArgs>;
    try {
      parsed = parseArgs({ args: rest, options: { ...GLOBAL_OPTIONS, ...command.options }, allowPositionals: true, strict: true });
    } catch (cause) {
      throw new SutureClientError("INVALID_ARGUMENT", (cause as Error).message.split("\n")[0]!.replace(/\. To specify a positional.*$/, ""), { cause });
    }
    const values = parsed.values as GlobalOptions & Record<string, string | boolean | string[] | undefined>;
    if (values.help) {
      io.stdout(`${commandHelp(command)}\n`);
      return 0;
    }
    const ctx = createCliContext(values);
    const result = await command.run(ctx, values, parsed.positionals);
    io.stdout(`${ctx.json || !command.print ? toJsonText(result) : command.print(result as never, ctx)}\n`);
    return 0;
  } catch (error) {
    const code = error instanceof SutureClientError ? error.code : "INTERNAL";
    const message = error instanceof SutureClientError ? error.shortMessage : error instanceof Error ? error.message : String(error);
    io.stderr(`error ${code}: ${message.replace(/\s*\n\s*/g, " ")}\n`);
    if (process.env.SUTURE_DEBUG && error instanceof Error) io.stderr(`${error.stack}\n`);
    return code === "INVALID_ARGUMENT" ? 2 : 1;
  }
}
