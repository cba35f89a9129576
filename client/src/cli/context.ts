// What every command runs with: the node and L1 URLs, the output mode, and the account, resolved
// lazily (reads need none) from, in order: --key / SUTURE_PRIVATE_KEY, --dev ROLE (devnet keys),
// or the keystore (--keystore / SUTURE_KEYSTORE / $SUTURE_HOME/keystore.json) opened with
// SUTURE_PASSWORD, --password-file, or a prompt.
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { Hex } from "viem";
import { DEV_ACCOUNTS } from "../../../sequencer/src/devnet/devAccounts";
import { decryptKeystore, importAccount, type SutureAccount } from "../accounts";
import { createSutureClient, type SutureClientWithActions } from "../createSutureClient";
import { SutureClientError } from "../errors";

export type GlobalOptions = {
  node?: string;
  l1?: string;
  key?: string;
  dev?: string;
  keystore?: string;
  "password-file"?: string;
  json?: boolean;
};

export type CliContext = {
  json: boolean;
  nodeUrl: string;
  l1RpcUrl: string;
  keystorePath: string;
  /** A client without an account (reads). */
  reader(): SutureClientWithActions;
  /** A client with the command's account (transactions). */
  signer(): Promise<SutureClientWithActions>;
  account(): Promise<SutureAccount>;
  password(purpose: string): Promise<string>;
  progress(text: string): void;
};

export function sutureHome(): string {
  return process.env.SUTURE_HOME ?? join(homedir(), ".suture");
}

async function prompt(question: string): Promise<string> {
  if (!process.stdin.isTTY) throw new SutureClientError("INVALID_ARGUMENT", "no password: set SUTURE_PASSWORD or --password-file (stdin is not a terminal)");
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  // Mute the echo of what is typed after the question.
  const muted = rl as unknown as { _writeToOutput: (s: string) => void; output: NodeJS.WriteStream };
  let asked = false;
  muted._writeToOutput = (s) => {
    if (!asked) process.stderr.write(s);
  };
  return new Promise((resolve) => {
    rl.question(question, (answer) => {
      rl.close();
      process.stderr.write("\n");
      resolve(answer);
    });
    asked = true;
  });
}

export function createCliContext(options: GlobalOptions): CliContext {
  const nodeUrl = options.node ?? process.env.SUTURE_NODE_URL ?? process.env.NODE_URL ?? "http://127.0.0.1:8550";
  const l1RpcUrl = options.l1 ?? process.env.L1_RPC_URL ?? "http://127.0.0.1:8545";
  const keystorePath = options.keystore ?? process.env.SUTURE_KEYSTORE ?? join(sutureHome(), "keystore.json");
  const json = options.json ?? false;
  let account: Promise<SutureAccount> | null = null;

  const password = async (purpose: string) => {
    if (options["password-file"]) return readFileSync(options["password-file"], "utf8").replace(/\r?\n$/, "");
    if (process.env.SUTURE_PASSWORD !== undefined) return process.env.SUTURE_PASSWORD;
    return prompt(`Password (${purpose}): `);
  };

  const resolveAccount = async (): Promise<SutureAccount> => {
    const key = options.key ?? process.env.SUTURE_PRIVATE_KEY;
    if (key) return importAccount({ privateKey: key as Hex });
    if (options.dev) {
      const dev = (DEV_ACCOUNTS as Record<string, { privateKey: Hex }>)[options.dev];
      if (!dev) throw new SutureClientError("INVALID_ARGUMENT", `--dev must be one of ${Object.keys(DEV_ACCOUNTS).join(", ")}`);
      return importAccount({ privateKey: dev.privateKey });
    }
    if (!existsSync(keystorePath))
      throw new SutureClientError(
        "INVALID_ARGUMENT",
        `no account: create one with \`suture keys new\`, or pass --key / --dev ROLE (no keystore at ${keystorePath})`,
      );
    let keystore: unknown;
    try {
      keystore = JSON.parse(readFileSync(keystorePath, "utf8"));
    } catch (cause) {
      throw new SutureClientError("KEYSTORE_INVALID", `${keystorePath} is not JSON`, { cause });
    }
    return importAccount({ privateKey: decryptKeystore({ keystore, password: await password(`keystore ${keystorePath}`) }) });
  };

  const ctx: CliContext = {
    json,
    nodeUrl,
    l1RpcUrl,
    keystorePath,
    reader: () => createSutureClient({ nodeUrl, l1RpcUrl }),
    account: () => (account ??= resolveAccount()),
    signer: async () => createSutureClient({ nodeUrl, l1RpcUrl, account: await ctx.account() }),
    password,
    progress: (text) => process.stderr.write(`… ${text}\n`),
  };
  return ctx;
}
