// Errors of talking to the node: a 4xx/5xx answer carries the node's stable code; a rejected
// transaction also carries its hash. Transport failures are retryable, rejections are final.
import { SutureClientError, type SutureClientErrorOptions } from "./base";
import { NOT_FOUND_CODES, type NotFoundEntity, type SutureErrorCode } from "./codes";

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

/**
 * The node answered 404 for a read. `code` names the missing entity (CASE_NOT_FOUND,
 * DOCTOR_NOT_FOUND, TX_NOT_FOUND, ... the table NOT_FOUND_CODES) and `entity` is its name;
 * ROUTE_NOT_FOUND means the URL itself is wrong (another service, or an old node).
 */
export class NotFoundError extends SutureRequestError {
  override name = "NotFoundError";

  /** The missing entity ("case", "doctor", "transaction", ... "route"), or null for a code outside the table. */
  get entity(): NotFoundEntity | null {
    const found = Object.entries(NOT_FOUND_CODES).find(([, code]) => code === this.code);
    return found ? (found[0] as NotFoundEntity) : null;
  }
}

/** No answer at all (connection refused, DNS, reset). */
export class NodeUnreachableError extends SutureRequestError {
  override name = "NodeUnreachableError";
}
