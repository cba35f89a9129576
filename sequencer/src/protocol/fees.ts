// The fee formula (docs/protocol.md "Fees"): every signed transaction pays
//   fee = perByte × (bytes of its binary encoding) + perWorkUnit × work,
//   work = 1 + the number of elements in its array fields,
// from the schedule in force at its block's timestamp. The sender signs `maxFee`; a fee above it
// is a rejection. Unsigned PostReview pays nothing (a valid one needs a proof from a closed case).
import { isSigned, messageFields, type TxType } from "./txTypes";

export type FeeScheduleLike = { perByte: bigint; perWorkUnit: bigint };

/** Units of work: one, plus one per element of every array field (packs, serials, readers, ...). */
export function txWork({ type, message }: { type: TxType; message: Record<string, unknown> }): bigint {
  let work = 1n;
  for (const f of messageFields(type)) if (f.type.endsWith("]")) work += BigInt((message[f.name] as unknown[]).length);
  return work;
}

export function txFee({ schedule, type, bytes, work }: { schedule: FeeScheduleLike; type: TxType; bytes: number; work: bigint }): bigint {
  if (!isSigned(type)) return 0n;
  return schedule.perByte * BigInt(bytes) + schedule.perWorkUnit * work;
}
