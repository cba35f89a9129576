// The queue of things waiting for the user's yes: L2 signatures (the SDK's beforeSign hook), L1
// transactions sent with a browser key, and batches of signatures (a CSV import) approved at once.
// The approval dialog shows the head of the queue; requestApproval resolves on "Sign" and rejects
// with UserRejectedError on "Cancel".
import type { SignRequest } from "../../../src/client/createSutureClient";
import { UserRejectedError } from "../lib/errors";

export type ApprovalRequest =
  | { kind: "l2"; request: SignRequest }
  | { kind: "l2-batch"; title: string; requests: SignRequest[] }
  | { kind: "l1"; title: string; summary: string; lines: [string, string][] };

type Pending = { id: number; approval: ApprovalRequest; resolve: () => void; reject: (e: Error) => void };

let queue: Pending[] = [];
let nextId = 1;
const listeners = new Set<() => void>();
/** Signatures already approved as part of a batch: signed without asking again, once each. */
const preApproved = new Map<string, number>();

function emit(): void {
  for (const l of listeners) l();
}

export function signRequestKey(r: SignRequest): string {
  return JSON.stringify([r.type, r.from, r.domain, r.message], (_k, v) => (typeof v === "bigint" ? v.toString() : v));
}

export function requestApproval(approval: ApprovalRequest): Promise<void> {
  if (approval.kind === "l2") {
    const key = signRequestKey(approval.request);
    const left = preApproved.get(key) ?? 0;
    if (left > 0) {
      if (left === 1) preApproved.delete(key);
      else preApproved.set(key, left - 1);
      return Promise.resolve();
    }
  }
  return new Promise<void>((resolve, reject) => {
    const pending: Pending = {
      id: nextId++,
      approval,
      resolve: () => {
        if (approval.kind === "l2-batch") for (const r of approval.requests) preApproved.set(signRequestKey(r), (preApproved.get(signRequestKey(r)) ?? 0) + 1);
        resolve();
      },
      reject,
    };
    queue = [...queue, pending];
    emit();
  });
}

export function settleApproval(id: number, approved: boolean): void {
  const pending = queue.find((p) => p.id === id);
  if (!pending) return;
  queue = queue.filter((p) => p.id !== id);
  emit();
  if (approved) pending.resolve();
  else pending.reject(new UserRejectedError());
}

/** Drops batch approvals that were not used (a batch cancelled half-way, say). */
export function clearPreApproved(): void {
  preApproved.clear();
}

export function subscribeApprovals(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function currentApproval(): Pending | null {
  return queue[0] ?? null;
}
