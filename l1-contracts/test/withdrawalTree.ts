// Builds L2 state roots holding withdrawal leaves with the node's own state tree, so the bridge
// is tested against the proofs the node will really serve.
import { bytesToHex, type Hex } from "viem";
import { StateTree } from "../../sequencer/src/tree";
import { withdrawalKey, withdrawalValueHash } from "../../sequencer/src/protocol";
import type { Withdrawal } from "./rollup";

export class WithdrawalTree {
  private constructor(readonly tree: StateTree) {}

  static async create(): Promise<WithdrawalTree> {
    return new WithdrawalTree(await StateTree.create());
  }

  /** Writes a withdrawal leaf. */
  add(w: Withdrawal): void {
    this.tree.set(withdrawalKey(w.id), withdrawalValueHash(w));
  }

  /** Writes an unrelated leaf, as the rest of the L2 state would. */
  addOther(key: Uint8Array, valueHash: Uint8Array): void {
    this.tree.set(key, valueHash);
  }

  root(): Hex {
    return bytesToHex(this.tree.root());
  }

  /** Siblings of the withdrawal's slot (an inclusion proof when the leaf is present). */
  siblings(id: bigint): Hex[] {
    return this.tree.prove(withdrawalKey(id)).siblings;
  }
}
