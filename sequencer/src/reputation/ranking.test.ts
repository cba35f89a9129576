// The published ranking formula against the code: the string search results carry is parsed and
// evaluated here, independently of ranking.ts's arithmetic, so changing one without the other
// fails. The glossary below is the only thing restated: what each name in the string reads.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { emptyDoctorStats, type Doctor } from "../state";
import { actor, h32 } from "../stf/testing/harness";
import { createWorld } from "../stf/testing/world";
import { RANKING_FORMULA, bayesRating, completionRate, rankingScore, searchDoctors } from "./index";
import type { RankingInputs } from "./ranking";

type Stats = Doctor["stats"];

/** What each input name of the published formula means, in the state's terms. */
const GLOSSARY: Record<string, (i: RankingInputs) => number> = {
  ratingSum: (i) => i.stats.ratingSum,
  reviewCount: (i) => i.stats.reviewCount,
  worthIt: (i) => i.stats.worthItCount,
  closed: (i) => i.stats.cases.CLOSED,
  cancelledByDoctor: (i) => i.stats.cancellationsByDoctor,
  overdueUnclosed: (i) => i.overdueUnclosed,
  openIncidents: (i) => i.stats.incidentsOpen,
  resolvedIncidents: (i) => i.stats.incidentsResolved,
};

type Expr = { num: number } | { name: string } | { op: "+" | "-" | "*" | "/"; left: Expr; right: Expr } | { neg: Expr };

/** Recursive descent over + - * / ( ), numbers and names, with the usual precedence, left to right. */
function parseExpression(source: string): Expr {
  const tokens = source.match(/\d+(?:\.\d+)?|[A-Za-z_]\w*|[-+*/()]|\S/g) ?? [];
  let at = 0;
  const peek = () => tokens[at];
  const take = (expected?: string) => {
    const t = tokens[at++];
    if (t === undefined || (expected !== undefined && t !== expected)) throw new Error(`formula: expected ${expected ?? "a token"} at ${at} in "${source}"`);
    return t;
  };
  const factor = (): Expr => {
    const t = take();
    if (t === "(") {
      const e = sum();
      take(")");
      return e;
    }
    if (t === "-") return { neg: factor() };
    if (/^\d/.test(t)) return { num: Number(t) };
    if (/^[A-Za-z_]/.test(t)) return { name: t };
    throw new Error(`formula: unexpected ${t} in "${source}"`);
  };
  const product = (): Expr => {
    let left = factor();
    while (peek() === "*" || peek() === "/") left = { op: take() as "*" | "/", left, right: factor() };
    return left;
  };
  const sum = (): Expr => {
    let left = product();
    while (peek() === "+" || peek() === "-") left = { op: take() as "+" | "-", left, right: product() };
    return left;
  };
  const e = sum();
  if (at !== tokens.length) throw new Error(`formula: trailing "${tokens.slice(at).join(" ")}" in "${source}"`);
  return e;
}

/** The published formula as a function: `name = expression` clauses, plus the rounding it states. */
function publishedScore(formula: string): (inputs: RankingInputs) => { score: number; defs: Record<string, number> } {
  const clauses = formula.split(";").map((c) => c.trim());
  const defs = new Map<string, Expr>();
  for (const c of clauses) {
    const m = /^([A-Za-z_]\w*)\s*=\s*(.+)$/.exec(c);
    if (m) defs.set(m[1]!, parseExpression(m[2]!));
  }
  if (!defs.has("score")) throw new Error(`formula: no "score = ..." clause in "${formula}"`);
  const rounding = /rounded to (\d+) decimal places/.exec(formula);
  return (inputs) => {
    const values: Record<string, number> = {};
    const evaluate = (e: Expr): number => {
      if ("num" in e) return e.num;
      if ("neg" in e) return -evaluate(e.neg);
      if ("name" in e) {
        if (e.name in values) return values[e.name]!;
        const def = defs.get(e.name);
        const read = GLOSSARY[e.name];
        if (!def && !read) throw new Error(`formula: "${e.name}" is neither defined in the formula nor in the test's glossary`);
        values[e.name] = def ? evaluate(def) : read!(inputs);
        return values[e.name]!;
      }
      const [l, r] = [evaluate(e.left), evaluate(e.right)];
      return e.op === "+" ? l + r : e.op === "-" ? l - r : e.op === "*" ? l * r : l / r;
    };
    const raw = evaluate({ name: "score" });
    const places = rounding ? Number(rounding[1]) : null;
    return { score: places === null ? raw : Math.round(raw * 10 ** places) / 10 ** places, defs: values };
  };
}

const score = publishedScore(RANKING_FORMULA);

function stats(s: Partial<Omit<Stats, "cases">> & { closed?: number } = {}): Stats {
  const { closed = 0, ...rest } = s;
  const base = emptyDoctorStats();
  return { ...base, ...rest, cases: { ...base.cases, CLOSED: closed } };
}

const statsArb = fc.record({
  closed: fc.nat(500),
  cancellationsByDoctor: fc.nat(50),
  incidentsOpen: fc.nat(5),
  incidentsResolved: fc.nat(20),
  reviewCount: fc.nat(500),
  rating: fc.integer({ min: 1, max: 5 }),
  worthItShare: fc.double({ min: 0, max: 1, noNaN: true }),
});

describe("ranking", () => {
  describe("# RANKING_FORMULA", () => {
    it("Should give the code's score for hand-picked doctors", () => {
      const cases: RankingInputs[] = [
        { stats: stats(), overdueUnclosed: 0 },
        { stats: stats({ closed: 40, reviewCount: 30, ratingSum: 141, worthItCount: 27 }), overdueUnclosed: 0 },
        {
          stats: stats({ closed: 3, cancellationsByDoctor: 4, reviewCount: 2, ratingSum: 3, worthItCount: 0, incidentsOpen: 2, incidentsResolved: 5 }),
          overdueUnclosed: 6,
        },
        { stats: stats({ closed: 1, reviewCount: 1, ratingSum: 5, worthItCount: 1 }), overdueUnclosed: 0 },
      ];
      for (const inputs of cases) expect(score(inputs).score, JSON.stringify(inputs)).toBe(rankingScore(inputs));
      // And a value worked out by hand from the string, so a formula and code changed together
      // (e.g. a new weight in both) is still a deliberate change: no reviews, no cases gives
      // 0.6 * (3.5 / 5) + 0.3 * (1 / 2) + 0.1 * (1 / 2) = 0.62.
      expect(rankingScore(cases[0]!)).toBe(0.62);
    });

    it("Should give the code's score, Bayesian rating and completion rate for random doctors (fixed seed)", () => {
      fc.assert(
        fc.property(statsArb, fc.nat(10), (s, overdue) => {
          const ratingSum = s.reviewCount * s.rating;
          const worthItCount = Math.round(s.reviewCount * s.worthItShare);
          const inputs = { stats: stats({ ...s, ratingSum, worthItCount }), overdueUnclosed: overdue };
          const published = score(inputs);
          expect(published.score).toBe(rankingScore(inputs));
          expect(published.defs.bayesRating).toBe(bayesRating(inputs.stats));
          expect(published.defs.completionRate).toBe(completionRate(inputs));
        }),
        { numRuns: 300, seed: 0x7a4c },
      );
    });
  });

  describe("# searchDoctors", () => {
    it("Should return the formula with results scored by it, and leave out unlicensed doctors", () => {
      const w = createWorld();
      const set = (address: `0x${string}`, s: Stats) => w.chain.state.put("doctor", address, { ...w.chain.state.get("doctor", address)!, stats: s });
      set(w.drA.address, stats({ closed: 12, reviewCount: 9, ratingSum: 40, worthItCount: 8, incidentsResolved: 1 }));
      set(w.drB.address, stats({ closed: 2, cancellationsByDoctor: 3, reviewCount: 1, ratingSum: 2, incidentsOpen: 1 }));
      const unlicensed = actor("dr-unlicensed");
      w.chain.ok(unlicensed, "RegisterDoctor", { specialties: ["rhinoplasty"], latE6: 0, lonE6: 0, acceptedInsurers: [], profileHash: h32("u") });

      const found = searchDoctors(w.chain.state, { specialty: "rhinoplasty" }, w.chain.time);
      expect(found.formula).toBe(RANKING_FORMULA);
      expect(found.results.map((r) => r.address)).toEqual([w.drA.address, w.drB.address]);
      for (const r of found.results) {
        const d = w.chain.state.get("doctor", r.address)!;
        expect(r.reputation.score).toBe(score({ stats: d.stats, overdueUnclosed: 0 }).score);
      }
      const any = searchDoctors(w.chain.state, { specialty: "rhinoplasty", license: "ANY" }, w.chain.time);
      expect(any.results.map((r) => r.address)).toContain(unlicensed.address);
    });

    it("Should page through the ranking: every doctor once, in ranking order, next null on the last page", () => {
      const w = createWorld();
      // Seven doctors, three of them tied on score (fresh stats), so the address breaks ties.
      for (let i = 0; i < 5; i++) {
        const dr = actor(`dr-${i}`);
        w.chain.ok(dr, "RegisterDoctor", { specialties: ["rhinoplasty"], latE6: 0, lonE6: 0, acceptedInsurers: [], profileHash: h32(dr.name) });
        w.chain.state.put("doctor", dr.address, {
          ...w.chain.state.get("doctor", dr.address)!,
          stats: stats({ closed: i % 3, reviewCount: i % 2, ratingSum: 4 * (i % 2) }),
        });
      }
      const query = { license: "ANY" as const };
      const all = searchDoctors(w.chain.state, { ...query, limit: 200 }, w.chain.time);
      expect(all.results).toHaveLength(7);
      expect(all.next).toBeNull();
      for (const limit of [1, 2, 3, 7]) {
        const seen: string[] = [];
        let after: string | undefined;
        let pages = 0;
        do {
          const page = searchDoctors(w.chain.state, { ...query, limit, after }, w.chain.time);
          expect(page.results.length).toBeLessThanOrEqual(limit);
          seen.push(...page.results.map((r) => r.address));
          after = page.next ?? undefined;
          pages++;
        } while (after !== undefined);
        expect(seen, `limit ${limit}`).toEqual(all.results.map((r) => r.address));
        expect(pages).toBe(Math.ceil(7 / limit));
      }
    });
  });
});
