// One HTTP exchange with the node: JSON (or bytes) in and out, and every failure turned into a
// SutureRequestError carrying the node's stable code (or NODE_UNREACHABLE when nothing answered).
import type { SutureErrorCode } from "../errors";
import { NodeUnreachableError, NotFoundError, SutureRequestError, TransactionRejectedError } from "../errors";

export type NodeRequestParameters = {
  nodeUrl: string;
  path: string;
  method?: "GET" | "POST";
  /** JSON body. */
  body?: unknown;
  /** Raw body, sent as application/octet-stream. */
  bytes?: Uint8Array;
  /** Answer as bytes instead of JSON. */
  raw?: boolean;
  /** Extra request headers (a blob upload's authorization). */
  headers?: Record<string, string>;
  timeoutMs?: number;
};

export async function nodeRequest<T = unknown>({
  nodeUrl,
  path,
  method,
  body,
  bytes,
  raw = false,
  headers: extraHeaders = {},
  timeoutMs = 30_000,
}: NodeRequestParameters): Promise<T> {
  const url = `${nodeUrl.replace(/\/+$/, "")}${path}`;
  const headers: Record<string, string> = { ...extraHeaders };
  // Uint8Array<ArrayBuffer>: a body both Node's and the DOM's fetch types accept.
  let payload: string | Uint8Array<ArrayBuffer> | undefined;
  if (bytes) {
    headers["content-type"] = "application/octet-stream";
    payload = bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);
  } else if (body !== undefined) {
    headers["content-type"] = "application/json";
    payload = JSON.stringify(body);
  }
  let res: Response;
  try {
    res = await fetch(url, { method: method ?? (payload === undefined ? "GET" : "POST"), headers, body: payload, signal: AbortSignal.timeout(timeoutMs) });
  } catch (cause) {
    const timedOut = (cause as Error)?.name === "TimeoutError";
    throw new NodeUnreachableError(
      timedOut ? "TIMEOUT" : "NODE_UNREACHABLE",
      `${timedOut ? "no answer within" : "cannot reach"} ${timedOut ? `${timeoutMs} ms from ${url}` : url}`,
      { status: null, url, cause },
    );
  }
  if (res.ok) {
    if (raw) return new Uint8Array(await res.arrayBuffer()) as T;
    return (await res.json()) as T;
  }
  const text = await res.text();
  let error: { code?: string; message?: string; details?: Record<string, unknown> } = {};
  try {
    error = (JSON.parse(text) as { error?: typeof error }).error ?? {};
  } catch {
    // not JSON: keep the status
  }
  // A 404 without the node's error body did not come from a Suture route (wrong URL or proxy).
  const code = (error.code ?? (res.status === 404 ? "ROUTE_NOT_FOUND" : "NODE_ERROR")) as SutureErrorCode;
  const options = { status: res.status, url, details: error.details ?? {} };
  const message = error.message ?? `HTTP ${res.status} from ${url}`;
  if (path === "/v1/tx" && res.status < 500) throw new TransactionRejectedError(code, message, options);
  if (res.status === 404) throw new NotFoundError(code, message, options);
  throw new SutureRequestError(code, message, options);
}
