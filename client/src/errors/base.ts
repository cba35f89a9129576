// The SDK's one base error: a stable `code` (the protocol's table or a client code), the short
// message, structured details and the cause. Every error the SDK throws is one of these.
import { defaultMessage, type SutureErrorCode } from "./codes";

export type SutureClientErrorOptions = { details?: Record<string, unknown>; cause?: unknown };

export class SutureClientError extends Error {
  override name = "SutureClientError";
  readonly code: SutureErrorCode;
  readonly shortMessage: string;
  readonly details: Record<string, unknown>;

  constructor(code: SutureErrorCode, shortMessage?: string, { details = {}, cause }: SutureClientErrorOptions = {}) {
    const message = shortMessage ?? defaultMessage(code);
    super(message, cause === undefined ? undefined : { cause });
    this.code = code;
    this.shortMessage = message;
    this.details = details;
  }
}
