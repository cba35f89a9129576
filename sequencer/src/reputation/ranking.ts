// The open ranking formula for doctor search: this file is the whole definition, and
// `RANKING_FORMULA` is returned with every search result so anyone can recompute a score.
import type { Doctor } from "../state";

export const RANKING = {
  /** Bayesian prior: a doctor with few reviews is pulled toward this mean rating... */
  priorRating: 3.5,
  /** ...as if they had this many reviews at the prior. */
  priorWeight: 5,
  weights: { rating: 0.6, completion: 0.3, worthIt: 0.1 },
  /** Subtracted per open incident and per resolved incident. */
  openIncidentPenalty: 0.05,
  resolvedIncidentPenalty: 0.01,
} as const;

export const RANKING_FORMULA =
  "score = 0.6 * (bayesRating / 5) + 0.3 * completionRate + 0.1 * worthItShare " +
  "- 0.05 * openIncidents - 0.01 * resolvedIncidents; " +
  "bayesRating = (3.5 * 5 + ratingSum) / (5 + reviewCount); " +
  "completionRate = (closed + 1) / (closed + cancelledByDoctor + overdueUnclosed + 2); " +
  "worthItShare = (worthIt + 1) / (reviewCount + 2); score is rounded to 4 decimal places; " +
  "doctors without an active, unexpired license are excluded";

export type RankingInputs = { stats: Doctor["stats"]; overdueUnclosed: number };

export function bayesRating(stats: Doctor["stats"]): number {
  return (RANKING.priorRating * RANKING.priorWeight + stats.ratingSum) / (RANKING.priorWeight + stats.reviewCount);
}

export function completionRate({ stats, overdueUnclosed }: RankingInputs): number {
  return (stats.cases.CLOSED + 1) / (stats.cases.CLOSED + stats.cancellationsByDoctor + overdueUnclosed + 2);
}

export function rankingScore(inputs: RankingInputs): number {
  const { stats } = inputs;
  const worthIt = (stats.worthItCount + 1) / (stats.reviewCount + 2);
  const score =
    RANKING.weights.rating * (bayesRating(stats) / 5) +
    RANKING.weights.completion * completionRate(inputs) +
    RANKING.weights.worthIt * worthIt -
    RANKING.openIncidentPenalty * stats.incidentsOpen -
    RANKING.resolvedIncidentPenalty * stats.incidentsResolved;
  return Math.round(score * 10_000) / 10_000;
}
