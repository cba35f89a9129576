// The node's chain: the state in memory, the store on disk, and the head block. Both node modes
// build blocks through it, so a verifier's derived state is byte-for-byte a sequencer's.
import type { Hex } from "viem";
import { executeBlock, type ExecuteBlockParameters, type ExecuteBlockReturnType } from "../chain";
import { sutureDomain, type SutureDomain } from "../protocol";
import type { GenesisParams, State } from "../state";
import { createGenesisState } from "../stf";
import type { Store, StoredBlock } from "../store";

export class ChainState {
  /** The state in memory (replaced as a whole by reset()). */
  state: State;
  readonly store: Store;
  readonly params: GenesisParams;
  readonly domain: SutureDomain;
  readonly genesisRoot: Hex;
  head: StoredBlock | undefined;

  private constructor(store: Store, params: GenesisParams, state: State, genesisRoot: Hex) {
    this.store = store;
    this.params = params;
    this.state = state;
    this.genesisRoot = genesisRoot;
    this.domain = sutureDomain({ chainId: params.chainId, verifyingContract: params.bridge });
    this.head = store.latestBlock();
  }

  /** The genesis state root of a parameter set (what the bridge is deployed with). */
  static genesisRoot(params: GenesisParams): Hex {
    return createGenesisState({ params }).root();
  }

  /** Opens the chain from its store, checking the restored state against the head's root. */
  static open({ store, params }: { store: Store; params: GenesisParams }): ChainState {
    const genesis = createGenesisState({ params });
    const genesisRoot = genesis.root();
    const recorded = store.getMeta("genesisRoot");
    if (recorded && recorded !== genesisRoot) {
      throw new Error(`the data dir belongs to another chain (genesis root ${recorded}, expected ${genesisRoot})`);
    }
    if (!recorded) store.setMeta("genesisRoot", genesisRoot);
    store.loadState(genesis);
    const chain = new ChainState(store, genesis.params, genesis, genesisRoot);
    const root = genesis.root();
    const expected = chain.head?.stateRoot ?? genesisRoot;
    if (root !== expected) throw new Error(`restored state root ${root} does not match head block root ${expected}: the store is corrupt`);
    return chain;
  }

  /** Back to genesis, in memory and on disk (deposits kept): the chain is then derived again from L1. */
  reset(): void {
    this.store.resetChain();
    this.state = createGenesisState({ params: this.params });
    this.head = undefined;
  }

  get stateRoot(): Hex {
    return this.head?.stateRoot ?? this.genesisRoot;
  }

  /**
   * The next L1 queue index a block consumes: one past the head block's last queue item (0 at
   * genesis). Not meta.queuePosition, which forced transactions do not move.
   */
  get queueCursor(): bigint {
    return this.head ? this.head.depositStart + BigInt(this.head.depositCount) : 0n;
  }

  get nextNumber(): bigint {
    return this.head ? this.head.number + 1n : 0n;
  }

  /** Executes a block on top of the head (not yet persisted). */
  execute(p: Omit<ExecuteBlockParameters, "state" | "number" | "parentHash">): ExecuteBlockReturnType {
    return executeBlock({ ...p, state: this.state, number: this.nextNumber, parentHash: this.head?.hash ?? this.genesisRoot });
  }

  /** Makes an executed block durable and advances the head. */
  persist(exec: ExecuteBlockReturnType, depositStart: bigint): void {
    const { block, body, rejected } = exec;
    this.store.saveBlock({
      block,
      body,
      state: this.state,
      depositStart,
      rejected: rejected.map((r) => ({ txHash: r.receipt.txHash, ...r.receipt.error })),
    });
    this.head = this.store.latestBlock();
  }
}
