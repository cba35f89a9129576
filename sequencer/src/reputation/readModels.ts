// Public reputation read models derived from state: doctor profiles with stats, search with the
// open ranking (a page at a time, after a ranking position), and patient reliability. Reads are
// O(1) per doctor (stats live in the doctor's leaf); only "overdue unclosed" walks that doctor's
// cases, so search filters on the doctor's leaf first and builds profiles for the page only.
import type { Address } from "viem";
import type { Doctor, State } from "../state";
import { bayesRating, completionRate, rankingScore, RANKING_FORMULA } from "./ranking";

export type LicenseView = { status: "ACTIVE" | "SUSPENDED" | "REVOKED" | "EXPIRED" | "NONE"; valid: boolean };

export function licenseView(d: Doctor, now: number): LicenseView {
  if (!d.license) return { status: "NONE", valid: false };
  if (d.license.status !== "ACTIVE") return { status: d.license.status, valid: false };
  if (d.license.expiresAt <= BigInt(now)) return { status: "EXPIRED", valid: false };
  return { status: "ACTIVE", valid: true };
}

export function overdueUnclosed(state: State, doctor: Address, now: number): number {
  let n = 0;
  for (const id of state.casesByDoctor.get(doctor) ?? []) {
    const c = state.get("case", id.toString());
    if (c && c.status === "EXECUTED" && c.executedAt !== null && c.executedAt + state.params.closeTimeoutSeconds < now) n++;
  }
  return n;
}

export function doctorProfile(state: State, address: Address, now: number) {
  const d = state.get("doctor", address);
  if (!d) return undefined;
  const overdue = overdueUnclosed(state, address, now);
  const s = d.stats;
  return {
    ...d,
    licenseStatus: licenseView(d, now),
    reputation: {
      casesByStatus: s.cases,
      completionRate: completionRate({ stats: s, overdueUnclosed: overdue }),
      overdueUnclosed: overdue,
      cancellationsByDoctor: s.cancellationsByDoctor,
      incidentsOpen: s.incidentsOpen,
      incidentsResolved: s.incidentsResolved,
      reviewCount: s.reviewCount,
      anonymitySet: s.reviewCommitments,
      meanRating: s.reviewCount ? s.ratingSum / s.reviewCount : null,
      bayesRating: bayesRating(s),
      worthItPercent: s.reviewCount ? Math.round((100 * s.worthItCount) / s.reviewCount) : null,
      score: rankingScore({ stats: s, overdueUnclosed: overdue }),
    },
  };
}

export type SearchDoctorsParameters = {
  specialty?: string;
  lat?: number;
  lon?: number;
  maxKm?: number;
  minRating?: number;
  license?: "ACTIVE" | "ANY";
  insurer?: Address;
  limit?: number;
  /** The `next` of the previous page: results ranked after this position. */
  after?: string;
};

/** A ranking position: score (highest first), then address (ascending). */
type RankPosition = { score: number; address: Address };

export function encodeRankCursor({ score, address }: RankPosition): string {
  return `${score}:${address}`;
}

export function decodeRankCursor(cursor: string): RankPosition {
  const i = cursor.lastIndexOf(":");
  return { score: Number(cursor.slice(0, i)), address: cursor.slice(i + 1).toLowerCase() as Address };
}

function rankedBefore(a: RankPosition, b: RankPosition): boolean {
  return a.score > b.score || (a.score === b.score && a.address < b.address);
}

function distanceKm(latA: number, lonA: number, latB: number, lonB: number): number {
  const rad = Math.PI / 180;
  const dLat = (latB - latA) * rad;
  const dLon = (lonB - lonA) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(latA * rad) * Math.cos(latB * rad) * Math.sin(dLon / 2) ** 2;
  return 6371 * 2 * Math.asin(Math.sqrt(a));
}

export function searchDoctors(state: State, p: SearchDoctorsParameters, now: number) {
  const ranked: Array<RankPosition & { distanceKm: number | null }> = [];
  for (const [address, d] of state.entries("doctor")) {
    if ((p.license ?? "ACTIVE") === "ACTIVE" && !licenseView(d, now).valid) continue;
    if (p.specialty && !d.specialties.includes(p.specialty)) continue;
    if (p.insurer && !d.acceptedInsurers.includes(p.insurer.toLowerCase() as Address)) continue;
    if (p.minRating !== undefined && bayesRating(d.stats) < p.minRating) continue;
    let distance: number | null = null;
    if (p.lat !== undefined && p.lon !== undefined) {
      distance = Math.round(distanceKm(p.lat, p.lon, d.latE6 / 1e6, d.lonE6 / 1e6) * 10) / 10;
      if (p.maxKm !== undefined && distance > p.maxKm) continue;
    }
    const score = rankingScore({ stats: d.stats, overdueUnclosed: overdueUnclosed(state, address as Address, now) });
    ranked.push({ score, address: address as Address, distanceKm: distance });
  }
  ranked.sort((a, b) => b.score - a.score || (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
  const after = p.after === undefined ? null : decodeRankCursor(p.after);
  const start = after ? ranked.findIndex((r) => rankedBefore(after, r)) : 0;
  const limit = p.limit ?? 50;
  const page = start < 0 ? [] : ranked.slice(start, start + limit);
  const more = start >= 0 && start + limit < ranked.length;
  return {
    formula: RANKING_FORMULA,
    results: page.map((r) => ({ ...doctorProfile(state, r.address, now)!, distanceKm: r.distanceKm })),
    next: more ? encodeRankCursor(page[page.length - 1]!) : null,
  };
}

export function patientReliability(state: State, address: Address) {
  const stats = state.get("patient", address) ?? { proposals: 0, noShows: 0, cancellations: 0, lateCancellations: 0, reschedules: 0, closed: 0 };
  return { address, ...stats };
}
