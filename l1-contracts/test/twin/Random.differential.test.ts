// The STF's Solidity twin against the TypeScript STF on one seeded random sequence over the whole
// STF (l1-contracts/test/twin/randomSteps.ts): every transaction type, deposits, folds,
// corrupted bytes, edge values and deep tree paths, the post-root compared at every step. Long
// runs over many seeds: `npm run differential -- --steps 100000` (l1-contracts/scripts/differential.ts).
// Set RANDOM_DIFF_SEED / RANDOM_DIFF_STEPS to explore another sequence.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadFixture, type Fixture } from "../fixture";
import { createReviewProofs, RandomRun, STF_REJECTION_CODES, TX_TYPE_NAMES, type ReviewProofs } from "./randomSteps";

const SEED = Number(process.env.RANDOM_DIFF_SEED ?? 0x5eed_2000);
const STEPS = Number(process.env.RANDOM_DIFF_STEPS ?? 2_000);

describe("Random steps: Solidity twin ≡ TypeScript STF", () => {
  let f: Fixture;
  let reviews: ReviewProofs;
  beforeAll(async () => {
    [f, reviews] = await Promise.all([loadFixture({ fraudVerifier: "real" }), createReviewProofs()]);
  });
  afterAll(() => reviews.close());

  it(`Should compute the same root as the TypeScript STF at every one of ${STEPS} random steps (seed ${SEED})`, async () => {
    const run = new RandomRun(f, { seed: SEED, reviews, proofEvery: 400 });
    const started = performance.now();
    for (let i = 0; i < STEPS; i++) await run.step();
    const seconds = (performance.now() - started) / 1000;
    const { coverage } = run;
    const split = `twin eth_calls ${(run.twin.twinMs / 1000).toFixed(1)} s, review proofs ${(run.proofMs / 1000).toFixed(1)} s`;
    console.log(`random differential (seed ${SEED}, fees ${run.fees ? "on" : "off"}): ${seconds.toFixed(1)} s (${split})\n${coverage.summary()}`);

    expect(coverage.steps).toBe(STEPS);
    expect(run.twin.count).toBe(STEPS);
    // Every transaction type ran and was accepted at least once; deposits, folds and bytes that do not decode ran too.
    expect([...coverage.accepted()].sort()).toEqual(expect.arrayContaining([...TX_TYPE_NAMES, "deposit", "fold", "undecodable"]));
    for (const type of TX_TYPE_NAMES) expect(coverage.outcomes.get(type)!.size, `${type} outcomes`).toBeGreaterThan(1);
    // A good share of the rejection codes.
    expect(coverage.codes().size).toBeGreaterThanOrEqual(Math.ceil(STF_REJECTION_CODES.length * 0.7));
  });
});
