// Everything the node does on L1, through viem: post batches and bond for them, read the bridge's
// batch, deposit and challenge events, read batch calldata back, and challenge bad batches. Errors are wrapped with context and marked retryable when
// the failure is transport-level (timeouts, connection refused) rather than a revert.
import {
  createPublicClient,
  createWalletClient,
  decodeFunctionData,
  http,
  type Abi,
  type Address,
  type Chain,
  type Hex,
  type PublicClient,
  type WalletClient,
  BaseError,
  ContractFunctionRevertedError,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { readArtifact } from "../../../l1-contracts/scripts/artifacts";
import { bytesToHex } from "../crypto/bytes";
import type { BatchHeader } from "../protocol";

export class L1Error extends Error {
  readonly retryable: boolean;
  constructor(message: string, { retryable, cause }: { retryable: boolean; cause?: unknown }) {
    super(message, { cause });
    this.name = "L1Error";
    this.retryable = retryable;
  }
}

export type BatchEvent = {
  batchIndex: bigint;
  headerHash: Hex;
  header: BatchHeader;
  submittedAt: bigint;
  finalAt: bigint;
  l1TxHash: Hex;
  l1Block: bigint;
};

/** A successful challenge: batches `batchIndex..` were deleted by the bridge. */
export type ChallengeEvent = {
  batchIndex: bigint;
  challenger: Address;
  proposer: Address;
  kind: string;
  at: bigint;
  slashed: bigint;
  l1TxHash: Hex;
  l1Block: bigint;
};

/** The calldata of a step challenge (`StepChallenge` in RollupTypes.sol). */
export type StepChallengeArgs = {
  stepIndex: bigint;
  preRoot: Hex;
  preRootProof: Hex[];
  postRoot: Hex;
  postRootProof: Hex[];
  chunkIndex: bigint;
  chunk: Hex;
  chunkHashes: Hex[];
  /** The queue item a queue step consumes (`QueueItem`): a deposit, or a forced transaction's bytes (`transaction`; recipient zero, amount 0); all zero for other steps. */
  item: { index: bigint; l1Sender: Address; l2Recipient: Address; amount: bigint; transaction: Hex };
  witness: Hex;
};

/** The calldata of a chunk challenge (`ChunkChallenge` in RollupTypes.sol). */
export type ChunkChallengeArgs = { chunkIndex: bigint; chunk: Hex; previousChunk: Hex; chunkHashes: Hex[] };

/** What an L1 write gave: its hash, block, gas and the block's time. */
export type L1Sent = { txHash: Hex; l1Block: bigint; gasUsed: bigint; submittedAt: number };

/**
 * An L1 queue item as its event reports it: a deposit (DepositQueued) or, with `transaction` set,
 * a forced transaction (TransactionForced: l2Recipient zero, amount 0).
 */
export type DepositEvent = {
  index: bigint;
  l1Sender: Address;
  l2Recipient: Address;
  amount: bigint;
  /** A forced transaction's bytes as queued; absent for a deposit. */
  transaction?: Hex;
  queueHash: Hex;
  l1Block: bigint;
  l1BlockHash: Hex;
  l1TxHash: Hex;
};

/** The bridge's force-inclusion settings. */
export type ForceInclusionParameters = { forceInclusionDelay: bigint; forcedTransactionFee: bigint };

const ZERO_ADDRESS = "0x0000000000000000000000000000000000000000" as Address;

/** Who may propose: the bridge's sequencer, and anyone bonded once L1 time reaches `openToAllAt`. */
export type ProposerWindow = {
  sequencer: Address;
  sequencerLastBatchAt: number;
  sequencerInactiveDelay: number;
  openToAllAt: number;
  /** Timestamp of the latest L1 block when read. */
  l1Time: number;
};

export type L1ClientParameters = { rpcUrl: string; bridge: Address; privateKey?: Hex; pollingIntervalMs?: number };

export class L1Client {
  readonly bridge: Address;
  readonly abi: Abi;
  readonly public: PublicClient;
  readonly wallet: WalletClient | null;

  constructor({ rpcUrl, bridge, privateKey, pollingIntervalMs = 100 }: L1ClientParameters) {
    this.bridge = bridge;
    this.abi = readArtifact("SutureBridge").abi;
    const transport = http(rpcUrl, { timeout: 15_000, retryCount: 0 });
    this.public = createPublicClient({ transport, pollingInterval: pollingIntervalMs });
    this.wallet = privateKey ? createWalletClient({ transport, account: privateKeyToAccount(privateKey) }) : null;
  }

  async chainId(): Promise<number> {
    return this.#wrap("eth_chainId", () => this.public.getChainId());
  }

  async blockNumber(): Promise<bigint> {
    return this.#wrap("eth_blockNumber", () => this.public.getBlockNumber());
  }

  async blockHash(number: bigint): Promise<Hex | null> {
    return this.#wrap(`eth_getBlockByNumber(${number})`, async () => (await this.public.getBlock({ blockNumber: number }))?.hash ?? null);
  }

  async hasCode(): Promise<boolean> {
    const code = await this.#wrap("eth_getCode", () => this.public.getCode({ address: this.bridge }));
    return !!code && code !== "0x";
  }

  async nextBatchIndex(): Promise<bigint> {
    const cursor = (await this.#read("cursor")) as readonly [bigint, bigint, bigint, bigint];
    return cursor[0];
  }

  /** Posts a batch (its chunks and the root after each step) and waits for its receipt. */
  async submitBatch(header: BatchHeader, chunks: Uint8Array[], stepRoots: Hex[]): Promise<L1Sent> {
    return this.#send(`submitBatch(${header.batchIndex})`, "submitBatch", [header, chunks.map(bytesToHex), stepRoots]);
  }

  /** Bond posted by `proposer`, and the minimum the bridge requires to submit. */
  async bond(proposer: Address): Promise<{ bond: bigint; minBond: bigint }> {
    const [bond, minBond] = await Promise.all([this.#read("bonds", [proposer]), this.#read("minBond")]);
    return { bond: bond as bigint, minBond: minBond as bigint };
  }

  /** Adds `amount` wei to this key's bond. */
  async postBond(amount: bigint): Promise<L1Sent> {
    return this.#send("postBond", "postBond", [], amount);
  }

  /** Challenges one step of a pending batch (reverts, as an L1Error, when the step is right). */
  async challengeStep(header: BatchHeader, challenge: StepChallengeArgs): Promise<L1Sent> {
    return this.#send(`challengeStep(${header.batchIndex}, ${challenge.stepIndex})`, "challengeStep", [header, challenge]);
  }

  /** Challenges one chunk of a pending batch's data. */
  async challengeChunk(header: BatchHeader, challenge: ChunkChallengeArgs): Promise<L1Sent> {
    return this.#send(`challengeChunk(${header.batchIndex}, ${challenge.chunkIndex})`, "challengeChunk", [header, challenge]);
  }

  /** The header hash the bridge holds for a batch index (zero when none; stale past the cursor). */
  async batchHeaderHash(batchIndex: bigint): Promise<Hex> {
    const record = (await this.#read("batches", [batchIndex])) as readonly [Hex, bigint, bigint, bigint];
    return record[0];
  }

  /** The bridge's cursor: the next batch index (lower after a successful challenge) and the root it continues from. */
  async chainHead(): Promise<{ nextBatchIndex: bigint; lastStateRoot: Hex }> {
    const [cursor, root] = await Promise.all([this.#read("cursor"), this.#read("lastStateRoot")]);
    return { nextBatchIndex: (cursor as readonly bigint[])[0]!, lastStateRoot: root as Hex };
  }

  async challengeEvents(fromBlock: bigint, toBlock: bigint): Promise<ChallengeEvent[]> {
    const logs = await this.#wrap(`BatchChallenged logs ${fromBlock}..${toBlock}`, () =>
      this.public.getContractEvents({ address: this.bridge, abi: this.abi, eventName: "BatchChallenged", fromBlock, toBlock }),
    );
    return logs.map((log) => {
      const a = (log as unknown as { args: Record<string, any> }).args;
      return {
        batchIndex: a.batchIndex,
        challenger: (a.challenger as string).toLowerCase() as Address,
        proposer: (a.proposer as string).toLowerCase() as Address,
        kind: a.kind,
        at: a.at,
        slashed: a.slashed,
        l1TxHash: log.transactionHash!,
        l1Block: log.blockNumber!,
      };
    });
  }

  /** Sends a bridge call with this client's key and waits for its receipt; a revert is a non-retryable L1Error. */
  async #send(what: string, functionName: string, args: unknown[], value?: bigint): Promise<L1Sent> {
    const wallet = this.wallet;
    if (!wallet?.account) throw new L1Error("no L1 key configured", { retryable: false });
    const txHash = await this.#wrap(what, () =>
      wallet.writeContract({ address: this.bridge, abi: this.abi, functionName, args, value, account: wallet.account!, chain: null as unknown as Chain }),
    );
    const receipt = await this.#wrap(`receipt of ${txHash}`, () => this.public.waitForTransactionReceipt({ hash: txHash, timeout: 60_000 }));
    if (receipt.status !== "success") throw new L1Error(`${what} reverted in ${txHash}`, { retryable: false });
    const block = await this.public.getBlock({ blockNumber: receipt.blockNumber });
    return { txHash, l1Block: receipt.blockNumber, gasUsed: receipt.gasUsed, submittedAt: Number(block.timestamp) };
  }

  async batchEvents(fromBlock: bigint, toBlock: bigint): Promise<BatchEvent[]> {
    const logs = await this.#wrap(`BatchSubmitted logs ${fromBlock}..${toBlock}`, () =>
      this.public.getContractEvents({ address: this.bridge, abi: this.abi, eventName: "BatchSubmitted", fromBlock, toBlock }),
    );
    return logs.map((log) => {
      const a = (log as unknown as { args: Record<string, any> }).args;
      return {
        batchIndex: a.batchIndex,
        headerHash: a.headerHash,
        header: a.header as BatchHeader,
        submittedAt: a.submittedAt,
        finalAt: a.finalAt,
        l1TxHash: log.transactionHash!,
        l1Block: log.blockNumber!,
      };
    });
  }

  /**
   * The L1 queue's items in `fromBlock..toBlock`, in queue order: deposits (DepositQueued) and
   * forced transactions (TransactionForced), one index sequence.
   */
  async depositEvents(fromBlock: bigint, toBlock: bigint): Promise<DepositEvent[]> {
    const read = (eventName: string) =>
      this.#wrap(`${eventName} logs ${fromBlock}..${toBlock}`, () =>
        this.public.getContractEvents({ address: this.bridge, abi: this.abi, eventName, fromBlock, toBlock }),
      );
    const [deposits, forced] = await Promise.all([read("DepositQueued"), read("TransactionForced")]);
    const items: DepositEvent[] = [];
    for (const log of deposits) {
      const a = (log as unknown as { args: Record<string, any> }).args;
      items.push({
        index: a.index,
        l1Sender: (a.l1Sender as string).toLowerCase() as Address,
        l2Recipient: (a.l2Recipient as string).toLowerCase() as Address,
        amount: a.amount,
        queueHash: a.queueHash,
        l1Block: log.blockNumber!,
        l1BlockHash: log.blockHash!,
        l1TxHash: log.transactionHash!,
      });
    }
    for (const log of forced) {
      const a = (log as unknown as { args: Record<string, any> }).args;
      items.push({
        index: a.index,
        l1Sender: (a.l1Sender as string).toLowerCase() as Address,
        l2Recipient: ZERO_ADDRESS,
        amount: 0n,
        transaction: (a.transaction as Hex).toLowerCase() as Hex,
        queueHash: a.queueHash,
        l1Block: log.blockNumber!,
        l1BlockHash: log.blockHash!,
        l1TxHash: log.transactionHash!,
      });
    }
    return items.sort((x, y) => (x.index < y.index ? -1 : x.index > y.index ? 1 : 0));
  }

  /**
   * Queues a signed L2 transaction (its binary encoding) on L1 with this client's key, paying the
   * bridge's `forcedTransactionFee`; returns the L1 receipt and the item's queue index.
   */
  async forceTransaction(transaction: Hex, fee: bigint): Promise<L1Sent & { index: bigint }> {
    const sent = await this.#send("forceTransaction", "forceTransaction", [transaction], fee);
    const items = await this.depositEvents(sent.l1Block, sent.l1Block);
    const item = items.find((e) => e.transaction !== undefined && e.l1TxHash === sent.txHash);
    if (!item) throw new L1Error(`forceTransaction ${sent.txHash} emitted no TransactionForced event`, { retryable: false });
    return { ...sent, index: item.index };
  }

  /** The bridge's force-inclusion delay (seconds) and the fee for forcing a transaction (wei). */
  async forceInclusionParameters(): Promise<ForceInclusionParameters> {
    const [forceInclusionDelay, forcedTransactionFee] = await Promise.all([this.#read("forceInclusionDelay"), this.#read("forcedTransactionFee")]);
    return { forceInclusionDelay: forceInclusionDelay as bigint, forcedTransactionFee: forcedTransactionFee as bigint };
  }

  /** The L1 time (seconds) queue item `index` was queued at; 0 when there is no such item. */
  async queuedAt(index: bigint): Promise<bigint> {
    return (await this.#read("queuedAt", [index])) as bigint;
  }

  /**
   * The arguments of the submitBatch call in an L1 transaction (the batch itself) and who sent it
   * (the batch's proposer, who receives its fees on L2).
   */
  async batchCalldata(txHash: Hex): Promise<{ header: BatchHeader; chunks: Uint8Array[]; stepRoots: Hex[]; submitter: Address }> {
    const tx = await this.#wrap(`eth_getTransactionByHash(${txHash})`, () => this.public.getTransaction({ hash: txHash }));
    const { functionName, args } = decodeFunctionData({ abi: this.abi, data: tx.input });
    if (functionName !== "submitBatch" || !args) throw new L1Error(`${txHash} is not a submitBatch call`, { retryable: false });
    const [header, chunks, stepRoots] = args as unknown as [BatchHeader, Hex[], Hex[]];
    return {
      header: { ...header, proposer: header.proposer.toLowerCase() as Address },
      chunks: chunks.map((c) => Buffer.from(c.slice(2), "hex")),
      stepRoots: [...stepRoots],
      submitter: tx.from.toLowerCase() as Address,
    };
  }

  async #read(functionName: string, args: unknown[] = []): Promise<unknown> {
    return this.#wrap(`${functionName}()`, () => this.public.readContract({ address: this.bridge, abi: this.abi, functionName, args }));
  }

  async #wrap<T>(what: string, f: () => Promise<T>): Promise<T> {
    try {
      return await f();
    } catch (cause) {
      const reverted = cause instanceof BaseError && cause.walk((e) => e instanceof ContractFunctionRevertedError);
      throw new L1Error(`L1 ${what} failed: ${(cause as Error).message.split("\n")[0]}`, { retryable: !reverted, cause });
    }
  }

  /** The address this client sends from (null without a key). */
  get account(): Address | null {
    return this.wallet?.account ? (this.wallet.account.address.toLowerCase() as Address) : null;
  }

  /**
   * Who may submit now: the bridge's `sequencer` always; anyone bonded from `openToAllAt`
   * (`sequencerLastBatchAt + sequencerInactiveDelay`, L1 time), read together with the L1 time of
   * the latest block.
   */
  async proposerWindow(): Promise<ProposerWindow> {
    const [sequencer, sequencerLastBatchAt, sequencerInactiveDelay, latest] = await Promise.all([
      this.#read("sequencer"),
      this.#read("sequencerLastBatchAt"),
      this.#read("sequencerInactiveDelay"),
      this.#wrap("eth_getBlockByNumber(latest)", () => this.public.getBlock({ blockTag: "latest" })),
    ]);
    return {
      sequencer: (sequencer as string).toLowerCase() as Address,
      sequencerLastBatchAt: Number(sequencerLastBatchAt as bigint),
      sequencerInactiveDelay: Number(sequencerInactiveDelay as bigint),
      openToAllAt: Number((sequencerLastBatchAt as bigint) + (sequencerInactiveDelay as bigint)),
      l1Time: Number(latest.timestamp),
    };
  }

  /** The bridge's record of a batch index: header hash and L1 times (zeros when none; stale past the cursor). */
  async batchRecord(batchIndex: bigint): Promise<{ headerHash: Hex; submittedAt: number; finalAt: number }> {
    const record = (await this.#read("batches", [batchIndex])) as readonly [Hex, bigint, bigint, bigint];
    return { headerHash: record[0], submittedAt: Number(record[1]), finalAt: Number(record[2]) };
  }
}
