// One line for any failure: the node's stable code and message when there is one.
import { SutureClientError } from "../../../src/errors";

export class UserRejectedError extends Error {
  override name = "UserRejectedError";
  constructor() {
    super("You declined to sign.");
  }
}

export function describeError(error: unknown): { code: string | null; message: string } {
  if (error instanceof SutureClientError) return { code: error.code, message: error.shortMessage || error.message };
  if (error instanceof UserRejectedError) return { code: null, message: error.message };
  const e = error as { code?: unknown; shortMessage?: string; message?: string };
  if (typeof e?.code === "string" && /^[A-Z_]+$/.test(e.code)) return { code: e.code, message: e.shortMessage ?? e.message ?? String(error) };
  return { code: null, message: e?.shortMessage ?? e?.message ?? String(error) };
}
