// Prometheus metrics of the node (served at /metrics).
import { Counter, Gauge, Histogram, Registry } from "prom-client";

export function createMetrics() {
  const registry = new Registry();
  return {
    registry,
    txAccepted: new Counter({ name: "suture_tx_accepted_total", help: "Transactions included in blocks", labelNames: ["type"], registers: [registry] }),
    txRejected: new Counter({ name: "suture_tx_rejected_total", help: "Transactions rejected, by code", labelNames: ["code"], registers: [registry] }),
    blockTime: new Histogram({
      name: "suture_block_build_seconds",
      help: "Time to execute and persist a block",
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers: [registry],
    }),
    blockTxs: new Histogram({
      name: "suture_block_txs",
      help: "Transactions per block",
      buckets: [1, 10, 50, 100, 500, 1000, 2000, 5000],
      registers: [registry],
    }),
    batchBytes: new Histogram({ name: "suture_batch_bytes", help: "Compressed batch size", buckets: [1e3, 1e4, 5e4, 1e5, 2e5, 5e5], registers: [registry] }),
    l1GasSpent: new Counter({ name: "suture_l1_gas_spent_total", help: "L1 gas used by batch submissions", registers: [registry] }),
    batchPostFailures: new Counter({
      name: "suture_batch_post_failures_total",
      help: "Failed batch submissions: retryable (transport) or final (the bridge reverted)",
      labelNames: ["kind"],
      registers: [registry],
    }),
    challenges: new Counter({
      name: "suture_challenges_total",
      help: "Challenges this verifier sent: kind (step, chunk) and outcome (won, failed)",
      labelNames: ["kind", "outcome"],
      registers: [registry],
    }),
    posterHealthy: new Gauge({ name: "suture_batch_poster_healthy", help: "1 while batches reach L1, 0 while posting fails", registers: [registry] }),
    mempoolDepth: new Gauge({ name: "suture_mempool_depth", help: "Pending transactions", registers: [registry] }),
    height: new Gauge({ name: "suture_height", help: "Latest L2 block number", registers: [registry] }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
