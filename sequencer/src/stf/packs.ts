// Medicine packs as a case uses them: availability checks, reservation, release, dispensing.
import { reject } from "../errors";
import type { PackRef } from "../protocol";
import type { Pack, State } from "../state";

export function packId(ref: PackRef): string {
  return `${ref.gtin}/${ref.serial}`;
}

/** Rejects a pack that cannot serve `caseId` at `appointmentTime`. */
export function requireUsablePack(st: State, ref: PackRef, caseId: bigint, appointmentTime: bigint): Pack {
  const pack = st.get("pack", packId(ref)) ?? reject("MEDICINE_NOT_FOUND", undefined, { ...ref });
  requireNotRecalled(st, pack);
  if (pack.expiry <= appointmentTime) reject("MEDICINE_EXPIRED", undefined, { ...ref, expiry: pack.expiry, appointmentTime });
  const mine = pack.status === "RESERVED" && pack.caseId === caseId;
  if (pack.status !== "ACTIVE" && !mine) reject("MEDICINE_UNAVAILABLE", undefined, { ...ref, status: pack.status });
  return pack;
}

export function requireNotRecalled(st: State, pack: Pack): void {
  if (st.get("lot", `${pack.gtin}/${pack.lot}`)?.recalled) {
    reject("MEDICINE_RECALLED", undefined, { gtin: pack.gtin, serial: pack.serial, lot: pack.lot });
  }
}

export function setPackStatus(st: State, ref: PackRef, status: Pack["status"], caseId: bigint | null): void {
  const pack = st.get("pack", packId(ref))!;
  st.put("pack", packId(ref), { ...pack, status, caseId });
}

/** Returns every pack still reserved by the case to ACTIVE. */
export function releasePacks(st: State, caseId: bigint, refs: PackRef[]): void {
  for (const ref of refs) {
    const pack = st.get("pack", packId(ref));
    if (pack && pack.status === "RESERVED" && pack.caseId === caseId) st.put("pack", packId(ref), { ...pack, status: "ACTIVE", caseId: null });
  }
}
