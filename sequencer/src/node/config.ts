// Node configuration from environment variables, with the local devnet as the default.
// Every variable is documented in the README.
import { availableParallelism } from "node:os";
import type { Hex } from "viem";
import { MAX_BATCH_BYTES } from "../protocol";
import { DEFAULT_BLOB_POLICY, type BlobPolicy } from "../blobs";

export type NodeMode = "sequencer" | "verifier";

export type NodeConfig = {
  mode: NodeMode;
  host: string;
  port: number;
  dataDir: string;
  l1RpcUrl: string;
  /** Path of the deployment JSON written by the deploy script. */
  deploymentPath: string;
  /** L1 key the sequencer posts batches with (sequencer mode). */
  sequencerKey: Hex | null;
  blockIntervalMs: number;
  maxBlockTxs: number;
  batchMaxTxs: number;
  batchMaxBytes: number;
  batchMaxAgeMs: number;
  l1PollMs: number;
  l1Confirmations: number;
  /** Verifier mode: the L1 key challenges are sent with; without it a verifier only reports faults. */
  challengerKey: Hex | null;
  mempoolMaxSize: number;
  mempoolMaxPerSender: number;
  mempoolMaxGapped: number;
  mempoolMaxGappedPerSender: number;
  mempoolGappedTtlMs: number;
  /** Review proofs verified per second, node-wide (reviews are unsigned and pay no fee). */
  reviewProofsPerSecond: number;
  /** How long POST /v1/tx waits for inclusion before answering "pending". */
  submitWaitMs: number;
  /** Threads recovering signatures beside the main thread (0: recover inline). */
  signatureWorkers: number;
  /** The blob store's limits: per blob, per account, node-wide, and how far ahead an upload may expire. */
  blobs: BlobPolicy;
};

/** Hardhat's account #1: the devnet sequencer's L1 key. */
export const DEVNET_SEQUENCER_KEY: Hex = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

function int(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const v = env[name];
  if (v === undefined || v === "") return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number, got ${v}`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<NodeConfig> = {}): NodeConfig {
  const config = readConfig(env, overrides);
  if (config.batchMaxBytes > MAX_BATCH_BYTES) {
    throw new Error(`BATCH_MAX_BYTES must be at most ${MAX_BATCH_BYTES} (a larger batch may not fit in one L1 transaction), got ${config.batchMaxBytes}`);
  }
  return config;
}

function readConfig(env: NodeJS.ProcessEnv, overrides: Partial<NodeConfig>): NodeConfig {
  const dataDir = env.DATA_DIR ?? "./.suture";
  return {
    mode: (env.NODE_MODE as NodeMode) ?? "sequencer",
    host: env.HOST ?? "127.0.0.1",
    port: int(env, "PORT", 8550),
    dataDir,
    l1RpcUrl: env.L1_RPC_URL ?? "http://127.0.0.1:8545",
    deploymentPath: env.DEPLOYMENT ?? `${dataDir}/deployment.json`,
    sequencerKey: (env.SEQUENCER_KEY as Hex) ?? DEVNET_SEQUENCER_KEY,
    blockIntervalMs: int(env, "BLOCK_INTERVAL_MS", 50),
    maxBlockTxs: int(env, "MAX_BLOCK_TXS", 2_000),
    batchMaxTxs: int(env, "BATCH_MAX_TXS", 2_000),
    batchMaxBytes: int(env, "BATCH_MAX_BYTES", 200_000),
    batchMaxAgeMs: int(env, "BATCH_MAX_AGE_MS", 2_000),
    l1PollMs: int(env, "L1_POLL_MS", 250),
    l1Confirmations: int(env, "L1_CONFIRMATIONS", 0),
    challengerKey: (env.CHALLENGER_KEY as Hex | undefined) || null,
    mempoolMaxSize: int(env, "MEMPOOL_MAX", 50_000),
    mempoolMaxPerSender: int(env, "MEMPOOL_MAX_PER_SENDER", 2_000),
    mempoolMaxGapped: int(env, "MEMPOOL_MAX_GAPPED", 5_000),
    mempoolMaxGappedPerSender: int(env, "MEMPOOL_MAX_GAPPED_PER_SENDER", 16),
    mempoolGappedTtlMs: int(env, "MEMPOOL_GAPPED_TTL_MS", 120_000),
    reviewProofsPerSecond: int(env, "REVIEW_PROOFS_PER_SECOND", 40),
    submitWaitMs: int(env, "SUBMIT_WAIT_MS", 10_000),
    signatureWorkers: int(env, "SIGNATURE_WORKERS", Math.max(1, availableParallelism() - 1)),
    blobs: {
      blobMaxBytes: int(env, "BLOB_MAX_BYTES", DEFAULT_BLOB_POLICY.blobMaxBytes),
      accountMaxBytes: int(env, "BLOB_ACCOUNT_MAX_BYTES", DEFAULT_BLOB_POLICY.accountMaxBytes),
      nodeMaxBytes: int(env, "BLOB_NODE_MAX_BYTES", DEFAULT_BLOB_POLICY.nodeMaxBytes),
      authMaxSeconds: int(env, "BLOB_AUTH_MAX_SECONDS", DEFAULT_BLOB_POLICY.authMaxSeconds),
    },
    ...overrides,
  };
}
