// Drives the bridge the way the sequencer and users would (deposits, batches, withdrawals) while
// tracking the expected queue and batch cursor; shared by the bridge tests and the gas report.
import type { Address, Hex, TransactionReceipt } from "viem";
import { bridgeArtifact } from "../scripts/artifacts";
import { send, type Fixture, type FixtureAccounts } from "./fixture";
import { advanceCursor, genesisCursor, nextHeader, QueueModel, type BatchHeader, type ChainCursor, type NextHeaderParameters, type Withdrawal } from "./rollup";

export type Signer = keyof FixtureAccounts;

/** The bridge's governed settings (RollupTypes.sol `enum Setting`), as the ABI encodes them. */
export const Setting = { Sequencer: 0, ChallengeWindow: 1, ForceInclusionDelay: 2, SequencerInactiveDelay: 3, FraudVerifier: 4, Governance: 5 } as const;
export type SettingName = keyof typeof Setting;

export class BridgeDriver {
  readonly abi = bridgeArtifact().abi;
  readonly queue = new QueueModel();
  cursor: ChainCursor;

  constructor(readonly fixture: Fixture) {
    this.cursor = genesisCursor(fixture.deployment.genesisStateRoot);
  }

  get address(): Address {
    return this.fixture.deployment.bridge;
  }

  /** Sends a bridge call from a named account and waits for its receipt; throws on revert. */
  async send(from: Signer, functionName: string, args: readonly unknown[], value?: bigint): Promise<TransactionReceipt> {
    return send(this.fixture, { from, address: this.address, abi: this.abi, functionName, args, value });
  }

  /** Deposits and records the deposit in the expected queue. */
  async deposit(from: Signer, l2Recipient: Address, amount: bigint): Promise<TransactionReceipt> {
    const receipt = await this.send(from, "deposit", [l2Recipient], amount);
    this.queue.push(this.fixture.accounts[from], l2Recipient, amount);
    return receipt;
  }

  /** Forces an L2 transaction through the L1 queue (paying `fee`, default the bridge's fee) and records it in the expected queue. */
  async forceTransaction(from: Signer, transaction: Hex, fee: bigint = this.fixture.deployment.forcedTransactionFee): Promise<TransactionReceipt> {
    const receipt = await this.send(from, "forceTransaction", [transaction], fee);
    this.queue.pushForced(this.fixture.accounts[from], transaction);
    return receipt;
  }

  /** Governance proposes `value` for `setting`; returns when it becomes executable. */
  async propose(setting: SettingName, value: bigint | Address, from: Signer = "governance"): Promise<{ receipt: TransactionReceipt; executableAt: bigint }> {
    const receipt = await this.send(from, "proposeChange", [Setting[setting], BigInt(value)]);
    const [, executableAt] = (await this.read("pendingChanges", [Setting[setting]])) as [bigint, bigint];
    return { receipt, executableAt };
  }

  /** Executes a pending change (anyone may). */
  execute(setting: SettingName, from: Signer = "stranger"): Promise<TransactionReceipt> {
    return this.send(from, "executeChange", [Setting[setting]]);
  }

  /** A whole governance change: proposal, the timelock waited out on L1, execution. */
  async govern(setting: SettingName, value: bigint | Address): Promise<TransactionReceipt> {
    const { executableAt } = await this.propose(setting, value);
    await this.fixture.hre.network.provider.request({ method: "evm_setNextBlockTimestamp", params: [Number(executableAt)] });
    return this.execute(setting);
  }

  /** Reads a bridge view. */
  read(functionName: string, args: readonly unknown[] = []): Promise<unknown> {
    return this.fixture.publicClient.readContract({ abi: this.abi, address: this.address, functionName, args });
  }

  /** A valid header for the next batch, timed at the latest L1 block. */
  async nextHeader(
    params: Omit<NextHeaderParameters, "cursor" | "queue" | "timestamp" | "proposer"> & { timestamp?: bigint; proposer?: Address },
  ): Promise<BatchHeader> {
    const timestamp = params.timestamp ?? (await this.fixture.publicClient.getBlock()).timestamp;
    return nextHeader({ proposer: this.fixture.accounts.sequencer, ...params, cursor: this.cursor, queue: this.queue, timestamp });
  }

  /**
   * Submits a batch (`data`: one chunk or a list of chunks; `stepRoots` default to the single
   * post-state root); on success the cursor moves past it.
   */
  async submit(header: BatchHeader, data: Hex | Hex[], from: Signer = "sequencer", stepRoots: Hex[] = [header.postStateRoot]): Promise<TransactionReceipt> {
    const receipt = await this.send(from, "submitBatch", [header, typeof data === "string" ? [data] : data, stepRoots]);
    this.cursor = advanceCursor(header);
    return receipt;
  }

  /** Builds and submits the next valid batch. */
  async submitNext(params: {
    data: Hex | Hex[];
    postStateRoot: Hex;
    stepRoots?: Hex[];
    consume?: bigint;
    blocks?: bigint;
  }): Promise<{ header: BatchHeader; receipt: TransactionReceipt }> {
    const header = await this.nextHeader(params);
    return { header, receipt: await this.submit(header, params.data, "sequencer", params.stepRoots) };
  }

  /** Calls finalizeWithdrawal. */
  finalize(header: BatchHeader, withdrawal: Withdrawal, siblings: readonly Hex[], from: Signer = "stranger"): Promise<TransactionReceipt> {
    return this.send(from, "finalizeWithdrawal", [header, withdrawal, siblings]);
  }

  /** Batch record `(headerHash, submittedAt, finalAt)` as stored. */
  async batch(batchIndex: bigint): Promise<{ headerHash: Hex; submittedAt: bigint; finalAt: bigint }> {
    const [headerHash, submittedAt, finalAt] = (await this.fixture.publicClient.readContract({
      abi: this.abi,
      address: this.address,
      functionName: "batches",
      args: [batchIndex],
    })) as [Hex, bigint, bigint, bigint];
    return { headerHash, submittedAt, finalAt };
  }

  balance(): Promise<bigint> {
    return this.fixture.publicClient.getBalance({ address: this.address });
  }
}
