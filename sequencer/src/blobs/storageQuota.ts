// An account's blob quota: the bytes it may hold are its L2 balance divided by the fee schedule's
// perByte in force (the balance bonds the storage at what the bytes would cost as calldata; it is
// not debited), capped per account; the node as a whole holds at most nodeMaxBytes. A blob already
// stored costs nothing, so a replayed or repeated upload never counts twice.
import type { Address } from "viem";
import { SutureError } from "../errors";
import type { State } from "../state";
import { activeFeeSchedule } from "../stf";
import type { BlobUsage, Store } from "../store";
import type { BlobPolicy } from "./policy";

export type StorageQuotaParameters = { state: State; store: Store; policy: BlobPolicy; address: Address; now: number };

export type StorageQuotaReturnType = {
  address: Address;
  used: number;
  blobs: number;
  allowed: number;
  balance: bigint;
  perByte: bigint;
  limits: BlobPolicy;
  node: { used: number; blobs: number };
};

export function storageQuota({ state, store, policy, address, now }: StorageQuotaParameters): StorageQuotaReturnType {
  const usage: BlobUsage = store.blobUsage(address);
  const balance = state.get("account", address)?.balance ?? 0n;
  const { perByte } = activeFeeSchedule(state.get("fees", "")!, now);
  const cap = BigInt(policy.accountMaxBytes);
  const bonded = perByte === 0n ? cap : balance / perByte;
  return {
    address,
    used: usage.bytes,
    blobs: usage.count,
    allowed: Number(bonded < cap ? bonded : cap),
    balance,
    perByte,
    limits: policy,
    node: { used: store.blobTotal.bytes, blobs: store.blobTotal.count },
  };
}

/** Refuses `size` more bytes for `owner` (null: a review text, which counts node-wide only) beyond a limit, with the limit's code. */
export function checkStorageQuota(p: Omit<StorageQuotaParameters, "address"> & { owner: Address | null; size: number }): void {
  const { store, policy, owner, size } = p;
  if (owner !== null) {
    const q = storageQuota({ ...p, address: owner });
    if (q.used + size > policy.accountMaxBytes) {
      throw new SutureError("BLOB_ACCOUNT_FULL", undefined, { used: q.used, size, accountMaxBytes: policy.accountMaxBytes });
    }
    if (q.used + size > q.allowed) {
      throw new SutureError("BLOB_QUOTA_EXCEEDED", undefined, {
        used: q.used,
        size,
        allowed: q.allowed,
        balance: q.balance,
        perByte: q.perByte,
        balanceNeeded: q.perByte * BigInt(q.used + size),
      });
    }
  }
  if (store.blobTotal.bytes + size > policy.nodeMaxBytes) {
    throw new SutureError("BLOB_STORE_FULL", undefined, { used: store.blobTotal.bytes, size, nodeMaxBytes: policy.nodeMaxBytes });
  }
}
