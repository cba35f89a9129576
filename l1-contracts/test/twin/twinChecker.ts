// Differential driver for the STF's Solidity twin: runs a step on the TypeScript STF under
// proveStep (which records its witness) and the same step on L1 through FraudVerifier's
// applyTransaction (exactly the code a dispute runs), and expects the same post-root.
import { expect } from "vitest";
import { encodeFunctionData, type Address, type Hex } from "viem";
import { bytesToHex } from "../../../sequencer/src/crypto/bytes";
import { decodeTx, encodeTx, isSigned, recoverSigner, typedDataDigest, type Tx } from "../../../sequencer/src/protocol";
import type { Receipt } from "../../../sequencer/src/stf";
import { BRIDGE, L2_CHAIN_ID, PROPOSER, type TestChain } from "../../../sequencer/src/stf/testing/harness";
import { proveStep } from "../../../sequencer/src/state";
import { abiWitness, type StepWitness } from "../../../sequencer/src/tree";
import { readArtifact } from "../../scripts/artifacts";
import type { Fixture } from "../fixture";

const EMPTY_WITNESS: StepWitness = { reads: [], writes: [] };

/** A checked step: its label, TypeScript receipt, root, the twin's gas and the calldata of the call that ran it. */
export type TwinStep = { label: string; receipt: Receipt | null; root: Hex; gas: bigint; calldata: Hex };

export class TwinChecker {
  readonly #abi = readArtifact("FraudVerifier").abi;
  /** Every step checked, in order (gas is the twin's, measured with eth_estimateGas). */
  readonly steps: TwinStep[] = [];

  constructor(
    readonly fixture: Fixture,
    readonly chain: TestChain,
    readonly options: { measureGas?: boolean } = {},
  ) {
    chain.autoSeal = false;
  }

  get #ctx() {
    return {
      blockNumber: this.chain.blockNumber,
      timestamp: BigInt(this.chain.time),
      feeRecipient: PROPOSER.address,
      chainId: BigInt(L2_CHAIN_ID),
      bridge: BRIDGE as Address,
    };
  }

  /** Applies a transaction on both sides and checks the roots agree; returns the TypeScript receipt. */
  async tx(tx: Tx, label: string = tx.type): Promise<Receipt> {
    const { result: receipt, preRoot, postRoot, witness } = proveStep(this.chain.state, () => this.chain.apply(tx));
    await this.#compare(label, preRoot, bytesToHex(encodeTx(tx)), witness, postRoot, receipt);
    return receipt;
  }

  /**
   * Applies raw transaction bytes as a batch would carry them: bytes that do not decode or whose
   * signature does not recover are a step that changes nothing (the verifier's rule).
   */
  async bytes(txBytes: Uint8Array, label = "raw bytes"): Promise<Receipt | null> {
    let tx: Tx;
    try {
      const view = decodeTx(txBytes);
      const from = isSigned(view.type) ? recoverSigner(typedDataDigest(this.chain.domain, view.type, view.message), view.signature!) : null;
      tx = { ...view, from } as Tx;
    } catch {
      const root = this.chain.state.root();
      await this.#compare(label, root, bytesToHex(txBytes), EMPTY_WITNESS, root, null);
      return null;
    }
    return this.tx(tx, label);
  }

  async #compare(label: string, preRoot: Hex, txBytes: Hex, witness: StepWitness, expected: Hex, receipt: Receipt | null): Promise<void> {
    const { publicClient, deployment } = this.fixture;
    const call = {
      address: deployment.fraudVerifier,
      abi: this.#abi,
      functionName: "applyTransaction",
      args: [preRoot, this.#ctx, txBytes, abiWitness(witness)],
    } as const;
    const root = (await publicClient.readContract(call)) as Hex;
    const outcome = receipt === null ? "unreadable" : receipt.status === "ok" ? "ok" : `rejected ${receipt.error.code}`;
    expect(root, `twin root of ${label} (${outcome}), step ${this.steps.length}`).toBe(expected);
    const gas = this.options.measureGas ? await publicClient.estimateContractGas({ ...call, account: this.fixture.accounts.stranger }) : 0n;
    this.steps.push({ label, receipt, root, gas, calldata: encodeFunctionData(call) });
  }
}
