// Differential driver for the STF's Solidity twin: runs a step on the TypeScript STF under
// proveStep (which records its witness) and the same step on L1 through FraudVerifier's
// applyTransaction (exactly the code a dispute runs), or ChainStepsTwin's applyDeposit and
// applyFold for the steps that are not transactions, and expects the same post-root. One
// eth_call per step; eth_estimateGas only when `measureGas` is set. Free of the test runner, so
// the long-run script (l1-contracts/scripts/differential.ts) drives it too.
import { encodeFunctionData, type Abi, type Address, type Hex, type PublicClient } from "viem";
import { bytesToHex } from "../../../sequencer/src/crypto/bytes";
import { decodeTx, encodeTx, isSigned, recoverSigner, typedDataDigest, type Tx } from "../../../sequencer/src/protocol";
import { applyDeposit, encodeFoldWitness, proveFold, type Deposit, type Receipt } from "../../../sequencer/src/stf";
import { BRIDGE, L2_CHAIN_ID, PROPOSER, type TestChain } from "../../../sequencer/src/stf/testing/harness";
import { proveStep } from "../../../sequencer/src/state";
import { abiWitness, type StepWitness } from "../../../sequencer/src/tree";
import { readArtifact } from "../../scripts/artifacts";
import type { Fixture } from "../fixture";

const EMPTY_WITNESS: StepWitness = { reads: [], writes: [] };

/** A checked step: its label, TypeScript receipt (null for bytes that do not decode, deposits and folds), root, the twin's gas, time and calldata. */
export type TwinStep = { label: string; receipt: Receipt | null; root: Hex; gas: bigint; calldata: Hex; ms: number };

/** The twin computed another root than the TypeScript STF (or reverted, `actual` null). */
export class TwinMismatchError extends Error {
  constructor(
    readonly label: string,
    readonly step: number,
    readonly expected: Hex,
    readonly actual: Hex | null,
    readonly reason?: string,
  ) {
    super(`twin root of ${label}, step ${step}: expected ${expected}, got ${actual ?? `a revert (${reason})`}`);
    this.name = "TwinMismatchError";
  }
}

/** The L1 block context of the chain's current block, as FraudVerifier passes it to the twins. */
export function stepContext(chain: TestChain) {
  return {
    blockNumber: chain.blockNumber,
    timestamp: BigInt(chain.time),
    feeRecipient: PROPOSER.address,
    chainId: BigInt(L2_CHAIN_ID),
    bridge: BRIDGE as Address,
  };
}

export type TwinCheckerOptions = {
  /** Measure each step's gas with eth_estimateGas (a second call per step). */
  measureGas?: boolean;
  /** Keep every step in `steps` (default true; long runs turn it off and read `last`). */
  record?: boolean;
};

type Call = { address: Address; abi: Abi; functionName: string; args: readonly unknown[] };

export class TwinChecker {
  readonly #abi = readArtifact("FraudVerifier").abi as Abi;
  readonly #chainStepsAbi = readArtifact("ChainStepsTwin").abi as Abi;
  #chainSteps: Address | undefined;
  /** Every step checked, in order (when recording). */
  readonly steps: TwinStep[] = [];
  /** The last step checked. */
  last: TwinStep | undefined;
  /** Steps checked so far. */
  count = 0;
  /** Time spent in the twin's eth_calls (ms). */
  twinMs = 0;
  measureGas: boolean;
  readonly #record: boolean;

  constructor(
    readonly fixture: Pick<Fixture, "publicClient" | "deployment" | "accounts">,
    readonly chain: TestChain,
    options: TwinCheckerOptions = {},
  ) {
    chain.autoSeal = false;
    this.measureGas = options.measureGas ?? false;
    this.#record = options.record ?? true;
  }

  /** Applies a transaction on both sides and checks the roots agree; returns the TypeScript receipt. */
  async tx(tx: Tx, label: string = tx.type): Promise<Receipt> {
    const { result: receipt, preRoot, postRoot, witness } = proveStep(this.chain.state, () => this.chain.apply(tx));
    const txBytes = bytesToHex(encodeTx(tx));
    await this.#compare(label, this.#txCall(preRoot, txBytes, witness), postRoot, receipt);
    return receipt;
  }

  /**
   * Applies raw transaction bytes as a batch would carry them: bytes that do not decode or whose
   * signature does not recover are a step that changes nothing (the verifier's rule).
   */
  async bytes(txBytes: Uint8Array, label = "raw bytes"): Promise<Receipt | null> {
    const tx = this.decode(txBytes);
    if (tx) return this.tx(tx, label);
    const root = this.chain.state.root();
    await this.#compare(label, this.#txCall(root, bytesToHex(txBytes), EMPTY_WITNESS), root, null);
    return null;
  }

  /** The transaction the bytes carry, with its recovered signer; null when they do not decode or recover. */
  decode(txBytes: Uint8Array): Tx | null {
    try {
      const view = decodeTx(txBytes);
      const from = isSigned(view.type) ? recoverSigner(typedDataDigest(this.chain.domain, view.type, view.message), view.signature!) : null;
      return { ...view, from } as Tx;
    } catch {
      return null;
    }
  }

  /** Credits a deposit on both sides (ChainStepsTwin.applyDeposit) and checks the roots agree. */
  async deposit(deposit: Deposit, label = "deposit"): Promise<void> {
    const { preRoot, postRoot, witness } = proveStep(this.chain.state, () => applyDeposit({ state: this.chain.state, deposit }));
    const args = [preRoot, stepContext(this.chain), { ...deposit, transaction: "0x" }, abiWitness(witness)];
    await this.#compare(label, { address: await this.#chainStepsAddress(), abi: this.#chainStepsAbi, functionName: "applyDeposit", args }, postRoot, null);
  }

  /** Ends the block on both sides: the review-tree fold (ChainStepsTwin.applyFold). */
  async fold(label = "fold"): Promise<void> {
    const proof = proveFold(this.chain.state);
    const args = [proof.preRoot, stepContext(this.chain), encodeFoldWitness(proof)];
    await this.#compare(label, { address: await this.#chainStepsAddress(), abi: this.#chainStepsAbi, functionName: "applyFold", args }, proof.postRoot, null);
  }

  #txCall(preRoot: Hex, txBytes: Hex, witness: StepWitness): Call {
    const args = [preRoot, stepContext(this.chain), txBytes, abiWitness(witness)];
    return { address: this.fixture.deployment.fraudVerifier, abi: this.#abi, functionName: "applyTransaction", args };
  }

  async #chainStepsAddress(): Promise<Address> {
    this.#chainSteps ??= (await this.#client.readContract({
      address: this.fixture.deployment.fraudVerifier,
      abi: this.#abi,
      functionName: "chainSteps",
    })) as Address;
    return this.#chainSteps;
  }

  get #client(): PublicClient {
    return this.fixture.publicClient;
  }

  async #compare(label: string, call: Call, expected: Hex, receipt: Receipt | null): Promise<void> {
    const outcome = receipt === null ? "" : receipt.status === "ok" ? " (ok)" : ` (rejected ${receipt.error.code})`;
    const index = this.count++;
    const started = performance.now();
    let root: Hex;
    try {
      root = (await this.#client.readContract(call)) as Hex;
    } catch (error) {
      throw new TwinMismatchError(`${label}${outcome}`, index, expected, null, (error as Error).message.split("\n")[0]);
    }
    const ms = performance.now() - started;
    this.twinMs += ms;
    if (root !== expected) throw new TwinMismatchError(`${label}${outcome}`, index, expected, root);
    const gas = this.measureGas ? await this.#client.estimateContractGas({ ...call, account: this.fixture.accounts.stranger }) : 0n;
    this.last = { label, receipt, root, gas, calldata: this.#record || this.measureGas ? encodeFunctionData(call) : "0x", ms };
    if (this.#record) this.steps.push(this.last);
  }
}
