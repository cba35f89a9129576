// Base error with a stable code from the protocol's table.
import { ERROR_CODES, type ErrorCode } from "./codes";

export class SutureError extends Error {
  readonly code: ErrorCode;
  readonly shortMessage: string;
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, shortMessage?: string, details: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    const message = shortMessage ?? ERROR_CODES[code].message;
    super(message, options);
    this.name = "SutureError";
    this.code = code;
    this.shortMessage = message;
    this.details = details;
  }

  /** The HTTP status the API answers this error with. */
  get status(): number {
    return ERROR_CODES[this.code].status;
  }

  toJSON(): { code: ErrorCode; message: string; details: Record<string, unknown> } {
    return { code: this.code, message: this.shortMessage, details: jsonSafe(this.details) as Record<string, unknown> };
  }
}

/** Throws a SutureError; reads like an assertion in the STF. */
export function reject(code: ErrorCode, message?: string, details?: Record<string, unknown>): never {
  throw new SutureError(code, message, details);
}

function jsonSafe(value: unknown): unknown {
  if (typeof value === "bigint") return value.toString();
  if (Array.isArray(value)) return value.map(jsonSafe);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonSafe(v)]));
  return value;
}
