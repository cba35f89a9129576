// The node's logger: pino, JSON lines; never given keys or plaintext records.
import pino from "pino";

export type Logger = pino.Logger;

export function createLogger({ level = process.env.LOG_LEVEL ?? "info", name = "suture" }: { level?: string; name?: string } = {}): Logger {
  return pino({ name, level });
}
