// STF + state tree throughput on one core, signatures excluded: a realistic lifecycle mix is
// signed up front, then applied with a state root after every transaction.
//   tsx bench/stf.bench.ts [transactions]
import { applyTransaction, sealReviewTree } from "../sequencer/src/stf";
import { actor, ETH, h32, TestChain, type Actor } from "../sequencer/src/stf/testing/harness";
import { createWorld, DAY } from "../sequencer/src/stf/testing/world";
import type { Tx } from "../sequencer/src/protocol";

export type StfBenchResult = { stf_tps: number; transactions: number; leaves: number; seconds: number };

/** Builds `target` signed lifecycle transactions: propose → offer → accept → plan → confirm → record → close, plus transfers. */
export function buildLifecycleMix(target: number): { chain: TestChain; txs: Tx[]; advanceAt: number } {
  const chain = new TestChain();
  const w = createWorld({ chain, packsPerLot: 2 });
  const doctors = [w.drA, w.drB];
  const nonces = new Map<string, bigint>();
  const next = (a: Actor) => {
    const n = nonces.get(a.address) ?? chain.state.get("account", a.address)?.nonce ?? 0n;
    nonces.set(a.address, n + 1n);
    return n;
  };
  const patients: Actor[] = [];
  const cases = Math.ceil(target / 8);
  for (let i = 0; i < cases; i++) {
    const p = actor(`bench-p${i}`);
    patients.push(p);
    chain.deposit(p, 100n * ETH);
  }
  const phase1: Tx[] = [];
  const phase2: Tx[] = [];
  const appointment = BigInt(chain.time + 3 * DAY);
  let caseId = chain.state.get("meta", "")!.nextCaseId;
  for (let i = 0; i < cases; i++) {
    const p = patients[i]!;
    const d = doctors[i % 2]!;
    const id = caseId++;
    const s = (who: Actor, type: Parameters<TestChain["sign"]>[1], message: Record<string, unknown>) =>
      chain.sign(who, type, { ...message, nonce: next(who) } as never) as unknown as Tx;
    phase1.push(s(p, "ProposeSurgery", { doctor: d.address, procedure: "rhinoplasty", requestedTime: appointment, detailsHash: h32(i) }));
    phase1.push(s(d, "OfferSchedule", { caseId: id, appointmentTime: appointment, deposit: ETH, price: 5n * ETH, freeCancelBefore: DAY, lateCancelFeeBps: 1000 }));
    phase1.push(s(p, "AcceptOffer", { caseId: id }));
    phase1.push(s(d, "ProposePlan", { caseId: id, packs: [], policyId: 0n, planHash: h32(`plan${i}`) }));
    phase1.push(s(p, "ConfirmPlan", { caseId: id, planHash: h32(`plan${i}`) }));
    phase1.push(s(p, "Transfer", { to: d.address, amount: 1n }));
  }
  // Second phase signed after the first, so every sender's nonces stay in order.
  for (let i = 0; i < cases; i++) {
    const p = patients[i]!;
    const d = doctors[i % 2]!;
    const id = caseId - BigInt(cases) + BigInt(i);
    phase2.push(chain.sign(d, "RecordSurgery", { caseId: id, recordHash: h32(`rec${i}`), packsUsed: [], nonce: next(d) } as never) as unknown as Tx);
    phase2.push(chain.sign(p, "CloseSurgery", { caseId: id, reviewCommitment: BigInt(i + 1), nonce: next(p) } as never) as unknown as Tx);
  }
  return { chain, txs: [...phase1, ...phase2].slice(0, target), advanceAt: phase1.length };
}

/** Transactions per block in the benchmark (the node's blocks hold up to MAX_BLOCK_TXS). */
const BLOCK_TXS = 500;

export function runStfBench(target = 20_000): StfBenchResult {
  const { chain, txs, advanceAt } = buildLifecycleMix(target);
  const state = chain.state;
  let time = chain.time;
  const started = performance.now();
  for (let i = 0; i < txs.length; i++) {
    if (i === advanceAt) time += 4 * DAY;
    const r = applyTransaction({ state, tx: txs[i]!, block: { number: 1n, timestamp: time } });
    if (r.status !== "ok") throw new Error(`tx ${i} (${txs[i]!.type}) rejected: ${r.error.code}`);
    if (i % BLOCK_TXS === BLOCK_TXS - 1) sealReviewTree(state);
  }
  sealReviewTree(state);
  const seconds = (performance.now() - started) / 1000;
  return { stf_tps: Math.round(txs.length / seconds), transactions: txs.length, leaves: state.tree.size, seconds: Math.round(seconds * 100) / 100 };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(runStfBench(Number(process.argv[2] ?? 20_000)));
}
