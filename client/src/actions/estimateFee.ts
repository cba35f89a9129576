// The fee a signed transaction will pay (docs/protocol.md "Fees"): the node's schedule from
// GET /v1/fees, the transaction's encoded size and its work units. `maxFee` is the fee itself,
// found by fixed point because maxFee is part of the encoding; when an announced schedule takes
// over within the hour, the higher of the two.
import { encodeTx, txFee, txWork, type FeeScheduleLike, type SignedTxType } from "../../../sequencer/src/protocol";
import type { SutureClient } from "../client/createSutureClient";
import { normalizeMessage } from "./signTransaction";

export type FeeSchedule = { perByte: bigint; perWorkUnit: bigint };
export type GetFeesReturnType = { current: FeeSchedule; pending: { schedule: FeeSchedule; effectiveAt: bigint } | null; noticeSeconds: number };

type Json = { perByte: string; perWorkUnit: string };
const schedule = (s: Json): FeeSchedule => ({ perByte: BigInt(s.perByte), perWorkUnit: BigInt(s.perWorkUnit) });

/** The fee schedule in force and any announced one. */
export async function getFees(client: SutureClient): Promise<GetFeesReturnType> {
  const r = await client.request<{ current: Json; pending: { schedule: Json; effectiveAt: string } | null; noticeSeconds: number }>({ path: "/v1/fees" });
  return {
    current: schedule(r.current),
    pending: r.pending ? { schedule: schedule(r.pending.schedule), effectiveAt: BigInt(r.pending.effectiveAt) } : null,
    noticeSeconds: r.noticeSeconds,
  };
}

export type EstimateFeeParameters = { type: SignedTxType; message: Record<string, unknown>; nonce: bigint; fees?: GetFeesReturnType };
export type EstimateFeeReturnType = { fee: bigint; bytes: number; work: bigint };

export async function estimateFee(client: SutureClient, { type, message, nonce, fees }: EstimateFeeParameters): Promise<EstimateFeeReturnType> {
  const f = fees ?? (await getFees(client));
  const soon = BigInt(Math.floor(Date.now() / 1000) + 3600);
  const schedules: FeeScheduleLike[] = [f.current, ...(f.pending && f.pending.effectiveAt <= soon ? [f.pending.schedule] : [])];
  const normalized = normalizeMessage(type, { ...message, nonce, maxFee: 0n });
  const work = txWork({ type, message: normalized });
  let fee = 0n;
  let bytes = 0;
  for (let i = 0; i < 4; i++) {
    bytes = encodeTx({ type, message: { ...normalized, maxFee: fee }, signature: `0x${"00".repeat(65)}` } as never).length;
    const next = schedules.reduce((max, schedule) => {
      const x = txFee({ schedule, type, bytes, work });
      return x > max ? x : max;
    }, 0n);
    if (next <= fee) break;
    fee = next;
  }
  return { fee, bytes, work };
}
