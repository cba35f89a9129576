// The STF's Solidity twin against the TypeScript STF for the steps that are not transactions:
// the end-of-block review-tree fold (sealReviewTree under proveFold ≡ ChainStepsTwin.applyFold)
// and the deposit credit (applyDeposit under proveStep ≡ ChainStepsTwin.applyDeposit), called
// directly on the ChainStepsTwin the real FraudVerifier routes to. Folds of 0, 1, 2, 3 and
// MAX_REVIEW_LEAVES_PER_BLOCK leaves at tree sizes around powers of two, the recent-roots window
// below, at and past its length (and history 0, which keeps every root), seeded random
// sequences, real CloseSurgery leaves, tampered witnesses, and the worst case's gas.
// The seed is fixed and in every failure message; set FOLD_DIFF_SEED to explore another.
import { beforeAll, describe, expect, it } from "vitest";
import type { Abi, Address, Hex } from "viem";
import { MAX_REVIEW_LEAVES_PER_BLOCK, SNARK_SCALAR_FIELD } from "../../../sequencer/src/protocol";
import { proveStep, type State } from "../../../sequencer/src/state";
import { applyDeposit, encodeFoldWitness, proveFold, sealReviewTree, type Deposit, type ProveFoldReturnType } from "../../../sequencer/src/stf";
import { caseIn } from "../../../sequencer/src/stf/testing/cases";
import { actor, ETH, PROPOSER, TestChain, testGenesis } from "../../../sequencer/src/stf/testing/harness";
import { prng as seededPrng } from "../../../sequencer/src/stf/testing/prng";
import { createWorld } from "../../../sequencer/src/stf/testing/world";
import { abiWitness } from "../../../sequencer/src/tree";
import { readArtifact } from "../../scripts/artifacts";
import { loadFixture, type Fixture } from "../fixture";
import { stepContext } from "./twinChecker";

const SEED = Number(process.env.FOLD_DIFF_SEED ?? 0xf01d_5eed);
const MAX = MAX_REVIEW_LEAVES_PER_BLOCK;
/** Worst-case budget of one fold dispute's re-execution (docs/fraud-proofs.md): well under the 2^24 cap. */
const FOLD_GAS_BUDGET = 8_000_000n;

/** The shared seeded generator, with review leaves (Poseidon outputs: field elements). */
function prng(seed: number) {
  const rng = seededPrng(seed);
  const leaf = () => rng.bigint(256) % SNARK_SCALAR_FIELD;
  return { ...rng, leaf, leaves: (n: number) => Array.from({ length: n }, leaf) };
}

/** Queues review leaves for the block's fold, as closed surgeries do (the fold only sees the queue). */
function queue(state: State, leaves: bigint[]): void {
  const meta = state.get("reviewTree", "")!;
  state.put("reviewTree", "", { ...meta, pending: [...meta.pending, ...leaves] });
}

/** Grows the review tree to `size` leaves in TypeScript only (folds of up to 4096 leaves). */
function grow(state: State, size: number, leaf: () => bigint): void {
  while (state.reviewTree.size < size) {
    queue(state, Array.from({ length: Math.min(4096, size - state.reviewTree.size) }, leaf));
    sealReviewTree(state);
  }
}

/**
 * Poseidon hashes a fold of `count` leaves at tree size `start` computes besides the path check:
 * the new nodes of every level (their number depends on how the leaves align with the levels).
 */
function insertionHashes(start: number, count: number): number {
  let hashes = 0;
  for (let d = 0, n = count; d < 20; d++) {
    const first = start >> 1;
    const last = (start + n - 1) >> 1;
    hashes += last - first + 1;
    start = first;
    n = last - first + 1;
  }
  return hashes;
}

/** The tree size below `limit` where a fold of `count` leaves hashes the most, and that number. */
function worstStart(count: number, limit: number): { start: number; hashes: number } {
  let worst = { start: 0, hashes: 0 };
  for (let start = 0; start < limit; start++) {
    const hashes = insertionHashes(start, count);
    if (hashes > worst.hashes) worst = { start, hashes };
  }
  return worst;
}

/** Upper bound of one PoseidonT3 hash inside the fold (measured ~20 k: the library call and the permutation). */
const POSEIDON_GAS_BOUND = 25_000n;

/** Tokens of EIP-7623's calldata floor: a zero byte counts 1, any other byte 4. */
function calldataTokens(data: Hex): bigint {
  let tokens = 0n;
  for (let i = 2; i < data.length; i += 2) tokens += data.slice(i, i + 2) === "00" ? 1n : 4n;
  return tokens;
}

class ChainStepsChecker {
  readonly #abi = readArtifact("ChainStepsTwin").abi as Abi;
  address!: Address;
  /** Gas of every fold checked with `measure` (eth_estimateGas: intrinsic, calldata and execution). */
  readonly gas: Array<{ label: string; gas: bigint; calldataBytes: number; floorGas: bigint }> = [];

  constructor(readonly f: Fixture) {}

  async init(): Promise<this> {
    const verifier = readArtifact("FraudVerifier").abi as Abi;
    this.address = (await this.f.publicClient.readContract({ address: this.f.deployment.fraudVerifier, abi: verifier, functionName: "chainSteps" })) as Address;
    return this;
  }

  ctx(chain: TestChain) {
    return stepContext(chain);
  }

  /** The twin's post-root of a fold step from `preRoot` with the encoded `witness`. */
  applyFold(chain: TestChain, preRoot: Hex, witness: Hex): Promise<Hex> {
    return this.f.publicClient.readContract({
      address: this.address,
      abi: this.#abi,
      functionName: "applyFold",
      args: [preRoot, this.ctx(chain), witness],
    }) as Promise<Hex>;
  }

  /** Folds the block's queue on both sides and expects the same post-root; returns the TypeScript proof. */
  async fold(chain: TestChain, label: string, measure = false): Promise<ProveFoldReturnType> {
    const proof = proveFold(chain.state);
    const witness = encodeFoldWitness(proof);
    expect(await this.applyFold(chain, proof.preRoot, witness), `fold ${label}`).toBe(proof.postRoot);
    if (measure) {
      const call = { address: this.address, abi: this.#abi, functionName: "applyFold", args: [proof.preRoot, this.ctx(chain), witness] } as const;
      const gas = await this.f.publicClient.estimateContractGas({ ...call, account: this.f.accounts.stranger });
      this.gas.push({ label, gas, calldataBytes: (witness.length - 2) / 2, floorGas: 21_000n + 10n * calldataTokens(witness) });
    }
    return proof;
  }

  /** Credits a deposit on both sides and expects the same post-root. */
  async deposit(chain: TestChain, deposit: Deposit, label: string): Promise<void> {
    const { preRoot, postRoot, witness } = proveStep(chain.state, () => applyDeposit({ state: chain.state, deposit }));
    const root = await this.f.publicClient.readContract({
      address: this.address,
      abi: this.#abi,
      functionName: "applyDeposit",
      args: [preRoot, this.ctx(chain), queueItem(deposit), abiWitness(witness)],
    });
    expect(root, `deposit ${label}`).toBe(postRoot);
  }
}

/** A deposit as the twin takes it (RollupTypes.sol QueueItem: no transaction bytes). */
function queueItem(deposit: Deposit) {
  return { ...deposit, transaction: "0x" as const };
}

describe("ChainStepsTwin ≡ TypeScript STF", () => {
  let f: Fixture;
  let twin: ChainStepsChecker;
  beforeAll(async () => {
    f = await loadFixture({ fraudVerifier: "real" });
    twin = await new ChainStepsChecker(f).init();
  });

  describe("# applyFold", () => {
    const SIZES = [0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 129, 255, 256, 257, 511, 1023, 1024, 1025];
    /** A full block's fold is slow on Hardhat's EVM (~1 s): at the sizes where its carries differ most. */
    const FULL_AT = new Set([0, 1, 3, 256, 257, 1023]);

    it(`Should compute the same root for folds of 0, 1, 2, 3 and ${MAX} leaves at tree sizes around powers of two`, { timeout: 600_000 }, async () => {
      const rng = prng(SEED);
      for (const size of SIZES) {
        const chain = new TestChain({ params: testGenesis({ reviewRootHistory: 8 }) });
        grow(chain.state, size, rng.leaf);
        for (const k of FULL_AT.has(size) ? [0, 1, 2, 3, MAX - 1, MAX] : [0, 1, 2, 3]) {
          chain.state.checkpoint();
          queue(chain.state, rng.leaves(k));
          const proof = await twin.fold(chain, `of ${k} at size ${size} (seed ${SEED})`);
          expect(chain.state.reviewTree.size).toBe(size + k);
          expect(proof.postRoot === proof.preRoot).toBe(k === 0);
          chain.state.revertToCheckpoint();
          chain.state.releaseCheckpoint();
        }
      }
    });

    it("Should keep the recent-roots window exactly as TypeScript does: filling, full, history 1, and history 0 (every root)", async () => {
      const rng = prng(SEED + 1);
      for (const history of [0, 1, 2, 3, 64]) {
        const chain = new TestChain({ params: testGenesis({ reviewRootHistory: history }) });
        for (let block = 0; block < 6; block++) {
          queue(chain.state, rng.leaves(1 + rng.int(3)));
          await twin.fold(chain, `block ${block}, history ${history}`);
          const { recentRoots, root } = chain.state.get("reviewTree", "")!;
          expect(recentRoots.at(-1)).toBe(root);
          expect(recentRoots.length).toBe(history === 0 ? block + 2 : Math.min(history, block + 2));
        }
      }
    });

    it("Should leave the root alone when nothing is pending, the window full or not", async () => {
      const chain = new TestChain({ params: testGenesis({ reviewRootHistory: 2 }) });
      const before = chain.state.root();
      const idle = await twin.fold(chain, "empty at genesis");
      expect(idle.postRoot).toBe(before);
      expect(idle.witness.reads).toHaveLength(1);
      const rng = prng(SEED + 2);
      for (let i = 0; i < 3; i++) {
        queue(chain.state, rng.leaves(2));
        await twin.fold(chain, `block ${i}`);
        const idleAgain = await twin.fold(chain, `empty after block ${i}`);
        expect(idleAgain.postRoot).toBe(idleAgain.preRoot);
      }
    });

    it("Should fold the leaves real CloseSurgery transactions queue", async () => {
      const w = createWorld();
      const closing = [caseIn(w, "EXECUTED"), caseIn(w, "EXECUTED", { patient: w.patients[1] }), caseIn(w, "EXECUTED", { doctor: w.drB })];
      w.chain.autoSeal = false;
      for (const [i, c] of closing.entries()) w.chain.ok(c.patient, "CloseSurgery", { caseId: c.caseId, reviewCommitment: 1000n + BigInt(i) });
      expect(w.chain.state.get("reviewTree", "")!.pending).toHaveLength(3);
      await twin.fold(w.chain, "three closed surgeries");
      expect(w.chain.state.get("reviewTree", "")!.pending).toHaveLength(0);
    });

    it("Should compute the same root over a seeded random sequence of blocks", { timeout: 600_000 }, async () => {
      const rng = prng(SEED + 3);
      let folds = 0;
      for (const history of [1 + rng.int(4), 64]) {
        const chain = new TestChain({ params: testGenesis({ reviewRootHistory: history }) });
        for (let block = 0; block < 50; block++) {
          const k = rng.chance(0.2) ? 0 : rng.chance(0.05) ? MAX : rng.chance(0.7) ? 1 + rng.int(8) : 1 + rng.int(MAX);
          queue(chain.state, rng.leaves(k));
          await twin.fold(chain, `random block ${block}, k ${k}, history ${history} (seed ${SEED})`);
          chain.advance(12);
          folds++;
        }
      }
      expect(folds).toBe(100);
    });

    it("Should reject a fold whose review-tree path or state witness is tampered with", async () => {
      const rng = prng(SEED + 4);
      const chain = new TestChain();
      grow(chain.state, 37, rng.leaf);
      queue(chain.state, rng.leaves(3));
      const lastLeafPath = chain.state.reviewTree.siblings(36);
      const proof = proveFold(chain.state);
      const { preRoot, witness, fold } = proof;
      const call = (siblings: bigint[], w = witness) => twin.applyFold(chain, preRoot, encodeFoldWitness({ witness: w, fold: { siblings } }));
      expect(await call(fold.siblings)).toBe(proof.postRoot);
      for (const level of [0, 1, 5, 19]) {
        const tampered = [...fold.siblings];
        tampered[level] = (tampered[level]! + 1n) % SNARK_SCALAR_FIELD;
        await expect(call(tampered), `sibling ${level}`).rejects.toThrow(/ReviewTreeFold_BadPath\b/);
      }
      // The path of the last leaf (index size - 1) instead of the first free slot's.
      await expect(call(lastLeafPath)).rejects.toThrow(/ReviewTreeFold_BadPath\b/);
      await expect(call([])).rejects.toThrow(/ReviewTreeFold_BadPathLength/);
      await expect(call(fold.siblings.slice(0, 19))).rejects.toThrow(/ReviewTreeFold_BadPathLength/);
      await expect(call([...fold.siblings, 0n])).rejects.toThrow(/ReviewTreeFold_BadPathLength/);
      // The state witness: a changed pre-value of the reviewTree leaf, a missing read, no write proof.
      const badValue = { ...witness, reads: witness.reads.map((r, i) => (i === 0 ? { ...r, value: `${r.value!.slice(0, -2)}ff` as Hex } : r)) };
      await expect(call(fold.siblings, badValue)).rejects.toThrow(/Witness_BadReadProof/);
      await expect(call(fold.siblings, { ...witness, reads: witness.reads.slice(0, 1) })).rejects.toThrow(/Witness_Missing/);
      await expect(call(fold.siblings, { ...witness, writes: [] })).rejects.toThrow(/Witness_MissingWriteProof/);
      await expect(twin.applyFold(chain, preRoot, "0x1234")).rejects.toThrow(/ChainSteps_BadFoldWitness/);
    });

    it("Should revert, as TypeScript throws, when the pending leaves do not fit in the tree or are not field elements", async () => {
      const chain = new TestChain();
      const meta = chain.state.get("reviewTree", "")!;
      const siblings = Array.from({ length: 20 }, () => 0n);
      // A state the STF never makes (REVIEW_TREE_FULL and Poseidon outputs keep it out): only the twin's guard is under test.
      const forged = async (value: typeof meta) => {
        chain.state.put("reviewTree", "", value);
        const { preRoot, witness } = proveStep(chain.state, () => {
          chain.state.get("reviewTree", "");
          return chain.state.params;
        });
        return twin.applyFold(chain, preRoot, encodeFoldWitness({ witness, fold: { siblings } }));
      };
      await expect(forged({ ...meta, size: 2 ** 20 - 1, pending: [1n, 2n] })).rejects.toThrow(/ReviewTreeFold_TreeFull/);
      await expect(forged({ ...meta, pending: [SNARK_SCALAR_FIELD] })).rejects.toThrow(/ReviewTreeFold_LeafNotInField/);
      queue(chain.state, [SNARK_SCALAR_FIELD]);
      expect(() => sealReviewTree(chain.state)).toThrow();
    });

    it(`Should fold ${MAX} leaves (MAX_REVIEW_LEAVES_PER_BLOCK) with a full window under ${FOLD_GAS_BUDGET} gas`, { timeout: 600_000 }, async () => {
      const rng = prng(SEED + 5);
      const chain = new TestChain({ params: testGenesis({ reviewRootHistory: 64 }) });
      for (let i = 0; i < 70; i++) {
        queue(chain.state, [rng.leaf()]);
        sealReviewTree(chain.state);
      }
      expect(chain.state.get("reviewTree", "")!.recentRoots).toHaveLength(64);
      // The number of hashes depends on how the leaves align with the levels: measure odd and
      // even starts and the worst start below 2^14, then bound the worst start of the whole tree
      // (a few more carries at the top levels) by the extra hashes at a generous price each.
      const reachable = worstStart(MAX, 2 ** 14);
      const overall = worstStart(MAX, 2 ** 20 - MAX + 1);
      const sizes = [127, 1023, 1025, 4095, reachable.start];
      for (const size of sizes) {
        grow(chain.state, size, rng.leaf);
        chain.state.checkpoint();
        queue(chain.state, rng.leaves(MAX));
        await twin.fold(chain, `${MAX} leaves at size ${size}`, true);
        chain.state.revertToCheckpoint();
        chain.state.releaseCheckpoint();
      }
      const worst = twin.gas.reduce((a, b) => (b.gas > a.gas ? b : a));
      const bound = worst.gas + BigInt(overall.hashes - reachable.hashes) * POSEIDON_GAS_BOUND;
      console.info(
        `worst fold of ${MAX} leaves: ${worst.label}, ${worst.gas} gas (eth_estimateGas: intrinsic, calldata, execution), ` +
          `witness ${worst.calldataBytes} bytes (EIP-7623 floor ${worst.floorGas}); at the worst size ${overall.start} (${overall.hashes} vs ${reachable.hashes} insertion hashes) at most ${bound}`,
      );
      expect(bound).toBeLessThan(FOLD_GAS_BUDGET);
      for (const g of twin.gas) expect(g.floorGas, g.label).toBeLessThan(FOLD_GAS_BUDGET);
    });
  });

  describe("# applyDeposit", () => {
    it("Should credit deposits exactly as TypeScript does: new and known recipients, zero, large amounts, checksummed addresses", async () => {
      const chain = new TestChain();
      const alice = actor("alice");
      const bob = actor("bob");
      let index = 0n;
      const deposit = (to: Address, amount: bigint): Deposit => ({ index: index++, l1Sender: bob.address, l2Recipient: to, amount });
      await twin.deposit(chain, deposit(alice.address, ETH), "new recipient");
      await twin.deposit(chain, deposit(alice.address, 2n * ETH), "known recipient");
      await twin.deposit(chain, deposit(bob.address, 0n), "zero to a new recipient");
      await twin.deposit(chain, deposit(alice.address, 0n), "zero to a known recipient");
      await twin.deposit(chain, deposit(bob.address, 2n ** 200n), "a large amount");
      await twin.deposit(chain, deposit("0x52908400098527886E0F7030069857D2E4169EE7", 5n), "a checksummed address");
      await twin.deposit(chain, deposit(PROPOSER.address, 1n), "to the fee recipient");
      expect(chain.state.get("meta", "")!.queuePosition).toBe(index);
    });

    it("Should credit a seeded random sequence of deposits between transfers and folds", async () => {
      const rng = prng(SEED + 6);
      const chain = new TestChain();
      const people = ["a", "b", "c", "d", "e"].map((n) => actor(`deposit-${n}`).address);
      let index = 0n;
      for (let i = 0; i < 60; i++) {
        const amount = rng.chance(0.1) ? 0n : BigInt(1 + rng.int(1e9)) * 10n ** BigInt(rng.int(12));
        await twin.deposit(chain, { index: index++, l1Sender: people[rng.int(5)]!, l2Recipient: people[rng.int(5)]!, amount }, `random ${i} (seed ${SEED})`);
        if (rng.chance(0.2)) {
          queue(chain.state, rng.leaves(1 + rng.int(3)));
          await twin.fold(chain, `between deposits ${i}`);
        }
      }
    });

    it("Should credit a deposit that skips the indexes of forced transactions, and revert a repeated or earlier index, as TypeScript throws QUEUE_OUT_OF_ORDER", async () => {
      const chain = new TestChain();
      const alice = actor("alice");
      await twin.deposit(chain, { index: 0n, l1Sender: alice.address, l2Recipient: alice.address, amount: 1n }, "first");
      // Items 1 and 2 were forced transactions: the next deposit is item 3.
      await twin.deposit(chain, { index: 3n, l1Sender: alice.address, l2Recipient: alice.address, amount: 1n }, "after two forced items");
      expect(chain.state.get("meta", "")!.queuePosition).toBe(4n);
      for (const index of [3n, 2n, 0n]) {
        const early: Deposit = { index, l1Sender: alice.address, l2Recipient: alice.address, amount: 1n };
        expect(() => applyDeposit({ state: chain.state, deposit: early })).toThrow(expect.objectContaining({ code: "QUEUE_OUT_OF_ORDER" }));
        const { preRoot, witness } = proveStep(chain.state, () => chain.state.get("meta", ""));
        await expect(
          f.publicClient.readContract({
            address: twin.address,
            abi: readArtifact("ChainStepsTwin").abi as Abi,
            functionName: "applyDeposit",
            args: [preRoot, twin.ctx(chain), queueItem(early), abiWitness(witness)],
          }),
        ).rejects.toThrow(/ChainSteps_QueueOutOfOrder/);
      }
    });
  });
});
