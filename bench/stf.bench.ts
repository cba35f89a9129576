// STF + state tree throughput on one core, signatures excluded: a realistic lifecycle mix is
// signed up front, then applied with a state root after every transaction.
//   tsx bench/stf.bench.ts [transactions]
import { applyTransaction, sealReviewTree } from "../sequencer/src/stf";
import { actor, ETH, PROPOSER, TestChain, type Actor } from "../sequencer/src/stf/testing/harness";
import { createWorld, DAY } from "../sequencer/src/stf/testing/world";
import type { Tx } from "../sequencer/src/protocol";
import { LIFECYCLE_STEPS } from "./lifecycleSteps";

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
  const firstCase = chain.state.get("meta", "")!.nextCaseId;
  // Steps before the appointment first for every case, then the rest, signed in that order so
  // every sender's nonces follow the order the transactions are applied in.
  for (const afterAppointment of [false, true]) {
    for (let i = 0; i < cases; i++) {
      const patient = patients[i]!;
      const doctor = doctors[i % 2]!;
      const c = { i, patient: patient.address, doctor: doctor.address, caseId: firstCase + BigInt(i), requestedTime: appointment, appointment };
      for (const step of LIFECYCLE_STEPS.filter((s) => s.afterAppointment === afterAppointment)) {
        const who = step.signer === "patient" ? patient : doctor;
        for (const { type, message } of step.txs(c)) {
          (afterAppointment ? phase2 : phase1).push(chain.sign(who, type, { ...message, nonce: next(who) } as never) as unknown as Tx);
        }
      }
    }
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
    const r = applyTransaction({ state, tx: txs[i]!, block: { number: 1n, timestamp: time, feeRecipient: PROPOSER.address } });
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
