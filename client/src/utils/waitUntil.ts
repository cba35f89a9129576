// Polls until a condition holds (bounded): TIMEOUT error naming what was awaited.
import { SutureClientError } from "../errors";

export type WaitUntilOptions = { timeoutMs?: number; intervalMs?: number; what: string };

export async function waitUntil<T>(
  f: () => Promise<T | null | undefined | false>,
  { timeoutMs = 60_000, intervalMs = 200, what }: WaitUntilOptions,
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() - started > timeoutMs) throw new SutureClientError("TIMEOUT", `timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
