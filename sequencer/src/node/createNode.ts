// Wires a node: store, chain state, API, and the loops of its mode. Sequencer: deposit watcher,
// block producer, batch poster, and the L1 follower (which replays batches others posted and
// decides when blocks are built: a key that is not the bridge's sequencer is a fallback proposer).
// Verifier: deposit watcher and batch verifier. Stops cleanly through one AbortController.
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import type { Address, Hex } from "viem";
import { buildApp, type NodeServices } from "../api";
import { BatchPoster } from "../batcher";
import { DepositWatcher, L1Client, L1ReorgError } from "../l1";
import { createReviewProofVerifier } from "../proofs";
import { Store } from "../store";
import { Verifier } from "../verifier";
import { L1Follower } from "./L1Follower";
import { ChainState } from "../ledger/ChainState";
import { DEVNET_SEQUENCER_KEY, type NodeConfig } from "./config";
import { privateKeyToAddress } from "../protocol";
import type { NodeDeployment } from "../ledger/deployment";
import { createLogger, type Logger } from "../runtime/logger";
import { runLoop } from "../runtime/loop";
import { createMetrics } from "../runtime/metrics";
import { ReviewProofCache } from "../runtime/ReviewProofCache";
import { Sequencer } from "../sequencing/Sequencer";
import { SignatureWorkers } from "../runtime/SignatureWorkers";

export class DataDirMismatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DataDirMismatchError";
  }
}

export type CreateNodeParameters = {
  config: NodeConfig;
  deployment: NodeDeployment;
  logger?: Logger;
  /** Test-only: a dishonest sequencer. */
  fault?: { corruptAfterTx: number; beneficiary: Address };
  /** Test-only: a sequencer that ignores these senders' API transactions (and, with `queue`, their forced ones). */
  censor?: { senders: Address[]; queue?: boolean };
};

export type SutureNode = {
  app: FastifyInstance;
  services: NodeServices;
  url: string;
  stop: () => Promise<void>;
  /** Resolves when a loop hits a fatal error (reorg, store failure). */
  fatal: Promise<Error>;
};

export async function createNode({ config, deployment, logger = createLogger(), fault, censor }: CreateNodeParameters): Promise<SutureNode> {
  const store = new Store({ path: join(config.dataDir, `${config.mode}.sqlite`) });
  const l1 = new L1Client({
    rpcUrl: config.l1RpcUrl,
    bridge: deployment.bridge,
    privateKey: (config.mode === "sequencer" ? config.sequencerKey : config.challengerKey) ?? undefined,
  });
  try {
    await checkDataDir({ store, l1, deployment, dataDir: config.dataDir });
  } catch (error) {
    store.close();
    throw error;
  }
  const chain = ChainState.open({ store, params: deployment.genesis });
  if (chain.genesisRoot !== deployment.genesisStateRoot) {
    store.close();
    throw new DataDirMismatchError(
      `genesis root ${chain.genesisRoot} differs from the bridge's ${deployment.genesisStateRoot}: the deployment and genesis parameters do not match`,
    );
  }
  const metrics = createMetrics();
  const verifyProof = createReviewProofVerifier();
  await verifyProof.ready();
  const proofs = new ReviewProofCache((input) => verifyProof.verify(input as never));
  const signatures = new SignatureWorkers({ size: config.signatureWorkers });
  const controller = new AbortController();
  let rejectFatal: (e: Error) => void = () => undefined;
  const fatal = new Promise<Error>((resolve) => (rejectFatal = resolve));
  const onFatal = (e: Error) => {
    rejectFatal(e);
  };
  const isFatal = (e: unknown) => e instanceof L1ReorgError;
  const deposits = new DepositWatcher({
    l1,
    store,
    logger,
    confirmations: config.l1Confirmations,
    startBlock: BigInt(deployment.deployBlock),
    reader: { domain: chain.domain, signatures, proofs },
  });

  let sequencer: Sequencer | null = null;
  let verifier: Verifier | null = null;
  let poster: BatchPoster | null = null;
  const loops: Array<Promise<void>> = [];
  if (config.mode === "sequencer") {
    sequencer = new Sequencer({
      chain,
      proofs,
      signatures,
      metrics,
      logger,
      blockIntervalMs: config.blockIntervalMs,
      maxBlockTxs: config.maxBlockTxs,
      batchMaxTxs: config.batchMaxTxs,
      batchMaxBytes: config.batchMaxBytes,
      batchMaxAgeMs: config.batchMaxAgeMs,
      submitWaitMs: config.submitWaitMs,
      feeRecipient: privateKeyToAddress(config.sequencerKey ?? DEVNET_SEQUENCER_KEY),
      mempool: {
        maxSize: config.mempoolMaxSize,
        maxPerSender: config.mempoolMaxPerSender,
        maxGapped: config.mempoolMaxGapped,
        maxGappedPerSender: config.mempoolMaxGappedPerSender,
        gappedTtlMs: config.mempoolGappedTtlMs,
      },
      reviewProofsPerSecond: config.reviewProofsPerSecond,
      fault,
      censor: censor && { senders: new Set(censor.senders.map((a) => a.toLowerCase())), queue: censor.queue },
    });
    const proposer = privateKeyToAddress(config.sequencerKey ?? DEVNET_SEQUENCER_KEY);
    const batchPoster = new BatchPoster({ l1, store, logger, metrics, fromBlock: BigInt(deployment.deployBlock), proposer });
    poster = batchPoster;
    await batchPoster.reconcile();
    // No block until the follower has checked the chain against L1 and the role allows it.
    sequencer.pause();
    sequencer.start();
    loops.push(
      runLoop({ name: "deposit watcher", intervalMs: config.l1PollMs, signal: controller.signal, logger, step: () => deposits.poll(), onFatal, isFatal }),
    );
    loops.push(runLoop({ name: "batch poster", intervalMs: 200, signal: controller.signal, logger, step: () => batchPoster.postPending(), onFatal, isFatal }));
    const follower = new L1Follower({
      chain,
      sequencer,
      poster: batchPoster,
      l1,
      deposits,
      proofs,
      signatures,
      logger,
      metrics,
      fromBlock: BigInt(deployment.deployBlock),
    });
    loops.push(runLoop({ name: "L1 follower", intervalMs: config.l1PollMs, signal: controller.signal, logger, step: () => follower.poll(), onFatal, isFatal }));
  } else {
    verifier = new Verifier({
      chain,
      l1,
      deposits,
      proofs,
      signatures,
      logger,
      metrics,
      fromBlock: BigInt(deployment.deployBlock),
      challenge: config.challengerKey !== null,
    });
    loops.push(runLoop({ name: "verifier", intervalMs: config.l1PollMs, signal: controller.signal, logger, step: () => verifier!.poll(), onFatal, isFatal }));
  }

  const services: NodeServices = {
    mode: config.mode,
    chain,
    metrics,
    sequencer,
    verifier,
    poster,
    role: () => poster?.role ?? null,
    l1ChainId: deployment.l1ChainId,
    challengeWindowSeconds: deployment.challengeWindowSeconds,
    deployment,
    blobs: config.blobs,
    now: () => Math.floor(Date.now() / 1000),
  };
  const app = await buildApp({ services });
  const url = await app.listen({ host: config.host, port: config.port });
  logger.info({ mode: config.mode, url, bridge: deployment.bridge, height: chain.head?.number?.toString() ?? null }, "node started");

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    controller.abort();
    sequencer?.stop();
    await app.close();
    await Promise.allSettled(loops);
    await signatures.close();
    await verifyProof.close?.();
    store.close();
  };
  return { app, services, url, stop, fatal };
}

/** Refuses a data dir made against another L1 (a restarted devnet forgets everything). */
async function checkDataDir({ store, l1, deployment, dataDir }: { store: Store; l1: L1Client; deployment: NodeDeployment; dataDir: string }): Promise<void> {
  const reset = `reset it with \`npm start -- --reset\` (or delete ${dataDir})`;
  const chainId = await l1.chainId();
  const recordedChain = store.getMeta("l1ChainId");
  const recordedBridge = store.getMeta("bridge");
  if (recordedChain && Number(recordedChain) !== chainId)
    throw new DataDirMismatchError(`data dir ${dataDir} belongs to L1 chain ${recordedChain}, but ${chainId} is running: ${reset}`);
  if (recordedBridge && recordedBridge.toLowerCase() !== deployment.bridge.toLowerCase())
    throw new DataDirMismatchError(`data dir ${dataDir} belongs to bridge ${recordedBridge}, not ${deployment.bridge}: ${reset}`);
  if (!(await l1.hasCode())) throw new DataDirMismatchError(`no bridge code at ${deployment.bridge} on this L1 (a fresh devnet?): ${reset}`);
  const onL1 = (await l1.public.readContract({ address: deployment.bridge, abi: l1.abi, functionName: "genesisStateRoot" })) as Hex;
  if (onL1 !== deployment.genesisStateRoot)
    throw new DataDirMismatchError(`the bridge's genesis root ${onL1} is not this chain's ${deployment.genesisStateRoot}: ${reset}`);
  store.setMeta("l1ChainId", String(chainId));
  store.setMeta("bridge", deployment.bridge.toLowerCase());
}
