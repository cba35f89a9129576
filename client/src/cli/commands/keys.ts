// `suture keys`: create, import, show and publish the account's keys. The key is stored only in
// the password-encrypted keystore; it is printed only when asked (--show-key).
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { Hex } from "viem";
import { createAccount, DEFAULT_SCRYPT_N, deriveEncryptionKey, encryptKeystore, importAccount, type SutureAccount } from "../../accounts";
import { SutureClientError } from "../../errors";
import { flag, str, type Command } from "../command";
import type { CliContext } from "../context";
import { fields } from "../output";

async function save(ctx: CliContext, account: SutureAccount, force: boolean): Promise<string> {
  if (existsSync(ctx.keystorePath) && !force) {
    throw new SutureClientError("INVALID_ARGUMENT", `${ctx.keystorePath} exists: pass --force to replace it, or --keystore to write another file`);
  }
  const password = await ctx.password("new keystore");
  if (password.length < 8) throw new SutureClientError("INVALID_ARGUMENT", "the keystore password must have at least 8 characters");
  // SUTURE_SCRYPT_N lowers the work factor for tests only.
  const scryptN = Number(process.env.SUTURE_SCRYPT_N ?? DEFAULT_SCRYPT_N);
  const keystore = encryptKeystore({ privateKey: account.privateKey!, password, scryptN });
  mkdirSync(dirname(ctx.keystorePath), { recursive: true });
  writeFileSync(ctx.keystorePath, `${JSON.stringify(keystore, null, 2)}\n`, { mode: 0o600 });
  return ctx.keystorePath;
}

function describe(account: SutureAccount, extra: Record<string, unknown>) {
  return { address: account.address, encryptionKey: deriveEncryptionKey({ privateKey: account.privateKey! }).publicKey, ...extra };
}

export const keysCommands: Command[] = [
  {
    words: "keys new",
    summary: "Create an account and save it in the encrypted keystore (password from SUTURE_PASSWORD or a prompt)",
    example: "suture keys new --mnemonic",
    options: { mnemonic: flag, force: flag, "show-key": flag },
    async run(ctx, v) {
      const created = createAccount({ mnemonic: Boolean(v.mnemonic) });
      const keystore = await save(ctx, created.account, Boolean(v.force));
      return describe(created.account, {
        keystore,
        ...(created.mnemonic && { mnemonic: created.mnemonic }),
        ...(v["show-key"] && { privateKey: created.privateKey }),
      });
    },
    print: (r: Record<string, unknown>) => `${fields(r)}${r.mnemonic ? "\n\nWrite the mnemonic down: it is the only copy outside the keystore." : ""}`,
  },
  {
    words: "keys import",
    summary: "Import a private key or a BIP-39 mnemonic into the encrypted keystore",
    example: 'suture keys import --mnemonic "test test test test test test test test test test test junk" --index 5',
    options: { "private-key": str, mnemonic: str, index: str, force: flag },
    async run(ctx, v) {
      const account =
        typeof v["private-key"] === "string"
          ? importAccount({ privateKey: v["private-key"] as Hex })
          : typeof v.mnemonic === "string"
            ? importAccount({ mnemonic: v.mnemonic, addressIndex: Number(v.index ?? 0) })
            : (() => {
                throw new SutureClientError("INVALID_ARGUMENT", "give --private-key or --mnemonic");
              })();
      return describe(account, { keystore: await save(ctx, account, Boolean(v.force)) });
    },
    print: (r: Record<string, unknown>) => fields(r),
  },
  {
    words: "keys show",
    summary: "Show the account's address, its encryption key and whether that key is published",
    example: "suture keys show",
    async run(ctx) {
      const account = await ctx.account();
      const published = (await ctx.reader().getAccount({ address: account.address })).encryptionKey;
      const { publicKey } = deriveEncryptionKey({ privateKey: account.privateKey! });
      return { address: account.address, encryptionKey: publicKey, published: published === publicKey };
    },
    print: (r: Record<string, unknown>) => fields(r),
  },
  {
    words: "keys publish",
    summary: "Publish the account's record encryption key on L2 (SetEncryptionKey), so others can share records with it",
    example: "suture keys publish",
    async run(ctx) {
      const r = await (await ctx.signer()).publishEncryptionKey();
      return { encryptionKey: r.encryptionKey, published: r.receipt ? "now" : "already", hash: r.receipt?.hash ?? null };
    },
    print: (r: Record<string, unknown>) => fields(r),
  },
];
