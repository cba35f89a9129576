import { describe, expect, it } from "vitest";
import { bytesToHex, hexToBytes } from "../crypto/bytes";
import { keccak256 } from "../crypto/keccak256";
import { actor, ETH, TestChain } from "../stf/testing/harness";
import { StateTree, verifyProof } from "../tree";
import { canonicalize } from "./canonical";
import { NAMESPACES, type Namespace } from "./namespaces";
import { proveStep } from "./proveStep";
import { leafKey, leafValueHash, type State } from "./State";

const alice = actor("alice");
const bob = actor("bob");

/** Every leaf of the state, canonicalized (what two states must share to be the same). */
function snapshot(state: State): Record<string, string> {
  const out: Record<string, string> = {};
  for (const ns of Object.keys(NAMESPACES) as Namespace[]) for (const [id, v] of state.entries(ns)) out[`${ns}:${id}`] = canonicalize(v);
  return out;
}

/** The state's tree rebuilt from its leaves, independently of the state's own lazily-updated tree. */
function rebuild(state: State): StateTree {
  const tree = new StateTree();
  for (const ns of Object.keys(NAMESPACES) as Namespace[]) for (const [id, v] of state.entries(ns)) tree.set(leafKey(ns, id), leafValueHash(ns, v));
  return tree;
}

/** Two chains fed the same steps: one plainly, one through proveStep. */
function twins() {
  const plain = new TestChain();
  const proved = new TestChain();
  for (const c of [plain, proved]) {
    c.autoSeal = false;
    c.deposit(alice, 10n * ETH);
  }
  return { plain, proved };
}

describe("proveStep", () => {
  it("Should prove a Transfer to a new account: reads verify against the pre-root, writes replay to the post-root", () => {
    const { plain, proved } = twins();
    const tx = plain.sign(alice, "Transfer", { to: bob.address, amount: 3n * ETH });
    const expected = plain.apply(tx);
    const reference = rebuild(proved.state);
    const { result, preRoot, postRoot, witness } = proveStep(proved.state, () => proved.apply(tx));

    expect(result).toEqual(expected);
    expect(preRoot).toBe(bytesToHex(reference.root()));
    expect(postRoot).toBe(plain.state.root());
    const keys = witness.reads.map((r) => r.key);
    expect(keys).toEqual([...keys].sort());
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toContain(bytesToHex(leafKey("account", alice.address)));
    for (const r of witness.reads) {
      const valueHash = r.value === null ? null : keccak256(hexToBytes(r.value));
      expect(verifyProof({ root: hexToBytes(preRoot), key: hexToBytes(r.key), valueHash, proof: r.proof }), r.key).toBe(true);
    }
    // Alice's and Bob's accounts changed (Bob's is new), in ascending key order, each proven against the running root.
    const changed = [leafKey("account", alice.address), leafKey("account", bob.address)].map((k) => bytesToHex(k));
    for (const k of changed) expect(witness.writes.map((w) => w.key)).toContain(k);
    expect(witness.writes.map((w) => w.key)).toEqual(
      witness.writes
        .map((w) => w.key)
        .slice()
        .sort(),
    );
    for (const w of witness.writes) {
      expect(keys).toContain(w.key);
      const key = hexToBytes(w.key);
      expect(verifyProof({ root: reference.root(), key, valueHash: reference.get(key) ?? null, proof: w.proof }), w.key).toBe(true);
      reference.set(key, hexToBytes(w.valueHash));
    }
    expect(bytesToHex(reference.root())).toBe(postRoot);

    // The state is exactly as after the plain run: same root, same leaves, same changes to persist.
    expect(snapshot(proved.state)).toEqual(snapshot(plain.state));
    expect(bytesToHex(rebuild(proved.state).root())).toBe(postRoot);
    expect(proved.state.drainChanges()).toEqual(plain.state.drainChanges());
  });

  it("Should prove a deposit and a rejected transaction (no writes, post-root = pre-root) in the middle of a replay", () => {
    const { plain, proved } = twins();
    const deposit = proveStep(proved.state, () => proved.deposit(bob, ETH));
    plain.deposit(bob, ETH);
    expect(deposit.postRoot).toBe(plain.state.root());
    expect(deposit.witness.writes.map((w) => w.key)).toContain(bytesToHex(leafKey("account", bob.address)));
    // Bob's account is new: its read proves it absent.
    expect(deposit.witness.reads.find((r) => r.key === bytesToHex(leafKey("account", bob.address)))!.value).toBeNull();

    const tooMuch = plain.sign(bob, "Transfer", { to: alice.address, amount: 100n * ETH });
    const receipt = plain.apply(tooMuch);
    expect(receipt.status).toBe("rejected");
    const rejected = proveStep(proved.state, () => proved.apply(tooMuch));
    expect(rejected.result).toEqual(receipt);
    expect(rejected.postRoot).toBe(rejected.preRoot);
    expect(rejected.witness.writes).toEqual([]);
    expect(rejected.witness.reads.length).toBeGreaterThan(0);

    const next = plain.sign(alice, "Transfer", { to: bob.address, amount: ETH });
    plain.apply(next);
    proved.apply(next);
    expect(proved.state.root()).toBe(plain.state.root());
    expect(snapshot(proved.state)).toEqual(snapshot(plain.state));
  });
});

describe("State.recordAccess", () => {
  it("Should record every leaf read or written, once, with its value before the first access", () => {
    const { proved } = twins();
    const state = proved.state;
    const before = state.get("account", alice.address);
    const { result, accessed } = state.recordAccess(() => {
      state.get("account", alice.address);
      state.put("account", bob.address, { ...before!, balance: 2n });
      state.put("account", alice.address, { ...before!, balance: 1n });
      state.get("account", bob.address);
      return 7;
    });
    expect(result).toBe(7);
    expect(accessed).toEqual([
      { ns: "account", id: alice.address, before },
      { ns: "account", id: bob.address, before: undefined },
    ]);
    // Not recording any more.
    expect(state.recordAccess(() => state.get("meta", "")).accessed).toHaveLength(1);
    expect(() => state.recordAccess(() => state.recordAccess(() => 0))).toThrow(/already recording/);
  });
});
