// The shape of a CLI command: its words (`case propose`), a one-line summary, one example, its
// options (node:util parseArgs), and what it does. Commands return a value: printed as JSON with
// --json, or by the command's `print` for people.
import type { ParseArgsConfig } from "node:util";
import type { CliContext } from "./context";

export type OptionValues = Record<string, string | boolean | string[] | undefined>;

export type Command = {
  words: string;
  summary: string;
  example: string;
  options?: NonNullable<ParseArgsConfig["options"]>;
  /** Names of positional arguments, for help. */
  positionals?: string[];
  run(ctx: CliContext, values: OptionValues, positionals: string[]): Promise<unknown>;
  /** Human output; JSON of the result when absent. */
  print?(result: never, ctx: CliContext): string;
};

export const str = { type: "string" } as const;
export const strs = { type: "string", multiple: true } as const;
export const flag = { type: "boolean" } as const;
/** --limit N --after CURSOR of list commands (the `next` a page ends with). */
export const pageOptions = { limit: str, after: str } as const;
