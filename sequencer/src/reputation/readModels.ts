// Public reputation read models derived from state: doctor profiles with stats, search with the
// open ranking, and patient reliability. Reads are O(1) per doctor (stats live in the doctor's
// leaf); only "overdue unclosed" walks that doctor's cases.
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
};

function distanceKm(latA: number, lonA: number, latB: number, lonB: number): number {
  const rad = Math.PI / 180;
  const dLat = (latB - latA) * rad;
  const dLon = (lonB - lonA) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(latA * rad) * Math.cos(latB * rad) * Math.sin(dLon / 2) ** 2;
  return 6371 * 2 * Math.asin(Math.sqrt(a));
}

export function searchDoctors(state: State, p: SearchDoctorsParameters, now: number) {
  const results = [];
  for (const [address] of state.entries("doctor")) {
    const profile = doctorProfile(state, address as Address, now)!;
    if ((p.license ?? "ACTIVE") === "ACTIVE" && !profile.licenseStatus.valid) continue;
    if (p.specialty && !profile.specialties.includes(p.specialty)) continue;
    if (p.insurer && !profile.acceptedInsurers.includes(p.insurer.toLowerCase() as Address)) continue;
    if (p.minRating !== undefined && profile.reputation.bayesRating < p.minRating) continue;
    let distance: number | null = null;
    if (p.lat !== undefined && p.lon !== undefined) {
      distance = Math.round(distanceKm(p.lat, p.lon, profile.latE6 / 1e6, profile.lonE6 / 1e6) * 10) / 10;
      if (p.maxKm !== undefined && distance > p.maxKm) continue;
    }
    results.push({ ...profile, distanceKm: distance });
  }
  results.sort((a, b) => b.reputation.score - a.reputation.score || a.address.localeCompare(b.address));
  return { formula: RANKING_FORMULA, results: results.slice(0, p.limit ?? 50) };
}

export function patientReliability(state: State, address: Address) {
  const stats = state.get("patient", address) ?? { proposals: 0, noShows: 0, cancellations: 0, lateCancellations: 0, reschedules: 0, closed: 0 };
  return { address, ...stats };
}
