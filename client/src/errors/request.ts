// Errors of talking to the node: a 4xx/5xx answer carries the node's stable code; a rejected
// transaction also carries its hash. Transport failures are retryable, rejections are final.
import { SutureClientError, type SutureClientErrorOptions } from "./base";
import type { SutureErrorCode } from "./codes";

export class SutureRequestError extends SutureClientError {
  override name = "SutureRequestError";
  readonly status: number | null;
  readonly url: string;

  constructor(
    code: SutureErrorCode,
    message: string | undefined,
    { status, url, ...options }: SutureClientErrorOptions & { status: number | null; url: string },
  ) {
    super(code, message, options);
    this.status = status;
    this.url = url;
  }

  /** Worth retrying as is (node down, mempool full); a rejection is not. */
  get retryable(): boolean {
    return this.status === null || this.status === 429 || this.status === 503;
  }
}

/** The node rejected a transaction (STF rule, nonce, signature): nothing was applied. */
export class TransactionRejectedError extends SutureRequestError {
  override name = "TransactionRejectedError";
  get hash(): string | undefined {
    return this.details.hash as string | undefined;
  }
}

/** The node answered 404 for a read. */
export class NotFoundError extends SutureRequestError {
  override name = "NotFoundError";
}

/** No answer at all (connection refused, DNS, reset). */
export class NodeUnreachableError extends SutureRequestError {
  override name = "NodeUnreachableError";
}
