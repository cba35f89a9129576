// Differential test: a step's state-tree witness, built by the node (`proveWitness`, encoded by
// `encodeWitness`), replayed by the Solidity WitnessedState library (through
// WitnessedStateHarness) must give the post-root of the TypeScript tree, for random trees and
// random touched sets: updates, keys read but not written, writes of an unchanged value, new
// keys into empty slots and beside other leaves (splitting at deep shared prefixes, including
// beside a leaf inserted earlier in the same step). Tampered witnesses revert with the library's
// custom errors. The seed is fixed and in every failure message; set WITNESS_DIFF_SEED to explore another.
import { beforeAll, describe, expect, it } from "vitest";
import { bytesToHex, decodeAbiParameters, encodeFunctionData, hexToBytes, type AbiParameter, type Address, type Hex } from "viem";
import { readArtifact } from "../scripts/artifacts";
import { keccak256 } from "../../sequencer/src/crypto/keccak256";
import { abiProof, encodeWitness, PROOF_KIND, proveWitness, StateTree, WITNESS_ABI, type StepWitness } from "../../sequencer/src/tree";
import { loadFixture, type Fixture } from "./fixture";

const SCENARIOS = 160;
const SEED = Number(process.env.WITNESS_DIFF_SEED ?? 0x5eed_3177);

/** mulberry32: small, fast, seeded. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return {
    int,
    chance: (p: number) => next() < p,
    bytes: (n: number): Uint8Array => Uint8Array.from({ length: n }, () => int(256)),
    pick: <T>(xs: readonly T[]): T => xs[int(xs.length)]!,
    shuffle: <T>(xs: T[]): T[] => {
      for (let i = xs.length - 1; i > 0; i--) {
        const j = int(i + 1);
        [xs[i], xs[j]] = [xs[j]!, xs[i]!];
      }
      return xs;
    },
  };
}
type Rng = ReturnType<typeof prng>;

/** `key` with bit `i` flipped (and, with `scramble`, every later bit random): shares exactly `i` leading bits with it. */
function flipBit(rng: Rng, key: Uint8Array, i: number, scramble = false): Uint8Array {
  const out = Uint8Array.from(key);
  out[i >> 3]! ^= 0x80 >> (i & 7);
  if (scramble) {
    const tail = rng.bytes(32);
    out[i >> 3] = (out[i >> 3]! & (0xff00 >> ((i & 7) + 1))) | (tail[i >> 3]! & (0xff >> ((i & 7) + 1)));
    for (let b = (i >> 3) + 1; b < 32; b++) out[b] = tail[b]!;
  }
  return out;
}

const randomValue = (rng: Rng) => rng.bytes(rng.chance(0.1) ? 0 : 1 + rng.int(120));

/** One step as the harness plays it: `put` writes `value` at `key`, a get reads `key`. */
type Op = { put: boolean; key: Hex; value: Hex };

type Scenario = {
  label: string;
  tree: StateTree;
  preRoot: Hex;
  /** Leaf preimages of the pre-state, by key. */
  leaves: Map<Hex, Uint8Array>;
  /** Every key the step touches, with its role. */
  touched: Map<Hex, "read" | "update" | "same" | "insert" | "readAbsent">;
  ops: Op[];
};

/** A random pre-state: `size` leaves, some in clusters sharing long prefixes (up to all 255 first bits). */
function randomLeaves(rng: Rng, size: number): Map<Hex, Uint8Array> {
  const leaves = new Map<Hex, Uint8Array>();
  const keys: Uint8Array[] = [];
  for (let i = 0; i < size; i++) {
    const key = keys.length > 0 && rng.chance(0.25) ? flipBit(rng, rng.pick(keys), 8 + rng.int(248), rng.chance(0.5)) : rng.bytes(32);
    keys.push(key);
    leaves.set(bytesToHex(key), randomValue(rng));
  }
  return leaves;
}

/** A new key near `base`: sharing a short, a mid-length or a very deep prefix with it. */
function nearKey(rng: Rng, base: Uint8Array): Uint8Array {
  const depth = rng.chance(0.3) ? 192 + rng.int(64) : rng.chance(0.5) ? 40 + rng.int(100) : rng.int(24);
  return flipBit(rng, base, depth, rng.chance(0.5));
}

/** A random step on a random tree: which keys it touches and the gets and puts it makes. */
function randomScenario(rng: Rng, index: number): Scenario {
  const size = index % 10 === 0 ? rng.int(4) : 100 + rng.int(300);
  const leaves = randomLeaves(rng, size);
  const tree = new StateTree();
  for (const [k, v] of leaves) tree.set(hexToBytes(k), keccak256(v));
  const preRoot = bytesToHex(tree.root());
  const existing = [...leaves.keys()];
  const touched: Scenario["touched"] = new Map();
  const roles = ["read", "update", "same"] as const;
  for (let i = 0, n = existing.length ? rng.int(12) : 0; i < n; i++) touched.set(rng.pick(existing), rng.pick(roles));
  const fresh: Uint8Array[] = [];
  for (let i = 0, n = 1 + rng.int(10); i < n; i++) {
    const anchors = [...existing.map((k) => hexToBytes(k)), ...fresh];
    const key = anchors.length > 0 && rng.chance(0.8) ? nearKey(rng, rng.pick(anchors)) : rng.bytes(32);
    const hex = bytesToHex(key);
    if (leaves.has(hex) || touched.has(hex)) continue;
    fresh.push(key);
    touched.set(hex, rng.chance(0.8) ? "insert" : "readAbsent");
  }
  const ops: Op[] = [];
  for (const [key, role] of touched) {
    const accesses: Op[] = [];
    if (role === "read" || role === "readAbsent" || rng.chance(0.5)) accesses.push({ put: false, key, value: "0x" });
    if (role === "update" || role === "insert") {
      for (let j = 0, n = 1 + rng.int(2); j < n; j++) accesses.push({ put: true, key, value: bytesToHex(randomValue(rng)) });
      // An update to a value the key already has is no change.
      if (role === "update" && bytesToHex(keccak256(hexToBytes(accesses.at(-1)!.value))) === bytesToHex(keccak256(leaves.get(key)!))) {
        accesses.at(-1)!.value = bytesToHex(rng.bytes(121));
      }
    }
    if (role === "same") accesses.push({ put: true, key, value: bytesToHex(leaves.get(key)!) });
    if (rng.chance(0.3)) accesses.push({ put: false, key, value: "0x" });
    ops.push(...accesses);
  }
  // Interleave the keys' accesses, keeping each key's own order.
  const order = rng.shuffle(ops.map((o) => o.key));
  const queues = new Map<Hex, Op[]>();
  for (const op of ops) queues.set(op.key, [...(queues.get(op.key) ?? []), op]);
  return { label: `scenario ${index} (seed ${SEED})`, tree, preRoot, leaves, touched, ops: order.map((k) => queues.get(k)!.shift()!) };
}

/** What the TypeScript side expects: the gets' results, the final values, and the witness. */
function expectations(s: Scenario) {
  const current = new Map<Hex, Uint8Array | null>([...s.touched.keys()].map((k) => [k, s.leaves.get(k) ?? null]));
  const gets = s.ops.map((op) => {
    if (op.put) {
      current.set(op.key, hexToBytes(op.value));
      return { present: false, value: "0x" as Hex };
    }
    const v = current.get(op.key)!;
    return { present: v !== null, value: v === null ? ("0x" as Hex) : bytesToHex(v) };
  });
  // Independent reference: the post-state's tree built from scratch.
  const reference = new StateTree();
  for (const [k, v] of s.leaves) reference.set(hexToBytes(k), keccak256(v));
  const writes: Array<{ key: Uint8Array; valueHash: Uint8Array }> = [];
  for (const [k, v] of current) {
    if (v === null) continue;
    reference.set(hexToBytes(k), keccak256(v));
    if (s.touched.get(k) !== "read" && s.touched.get(k) !== "readAbsent") writes.push({ key: hexToBytes(k), valueHash: keccak256(v) });
  }
  const witness = proveWitness({
    tree: s.tree,
    touched: [...s.touched.keys()].map((k) => ({ key: hexToBytes(k), value: s.leaves.get(k) ?? null })),
    writes,
  });
  return { gets, witness, postRoot: bytesToHex(reference.root()), provedRoot: bytesToHex(s.tree.root()) };
}

describe("WitnessedState (Solidity) against the TypeScript tree", () => {
  let f: Fixture;
  let harness: Address;
  const artifact = readArtifact("WitnessedStateHarness");
  const runAbi = artifact.abi.find((x) => x.type === "function" && x.name === "run") as { inputs: readonly AbiParameter[] };
  const witnessParameter = runAbi.inputs[1]!;

  beforeAll(async () => {
    f = await loadFixture();
    const hash = await f.wallets.deployer.deployContract({ abi: artifact.abi, bytecode: artifact.bytecode });
    harness = (await f.publicClient.waitForTransactionReceipt({ hash })).contractAddress!;
  });

  /** Sends `encodeWitness(witness)` as the harness's witness argument (decoded with the contract's own ABI). */
  const run = async (preRoot: Hex, witness: StepWitness | Hex, ops: Op[]) => {
    const encoded = typeof witness === "string" ? witness : encodeWitness(witness);
    const [decoded] = decodeAbiParameters([witnessParameter], encoded);
    const [postRoot, present, values, gasUsed] = (await f.publicClient.readContract({
      abi: artifact.abi,
      address: harness,
      functionName: "run",
      args: [preRoot, decoded, ops],
    })) as [Hex, boolean[], Hex[], bigint];
    return { postRoot, present, values, gasUsed };
  };

  describe("# encodeWitness", () => {
    it("Should encode the witness with the Solidity struct's layout (field names, types and order)", () => {
      const strip = (p: AbiParameter): unknown => ({
        name: p.name,
        type: p.type,
        ...("components" in p ? { components: p.components.map(strip) } : {}),
      });
      expect(strip(witnessParameter)).toEqual({ ...(strip(WITNESS_ABI as unknown as AbiParameter) as object), name: "witness" });
    });
  });

  describe("# load, get, put, finish", () => {
    it(`Should compute the TypeScript tree's post-root on ${SCENARIOS} random steps (seed ${SEED})`, async () => {
      const rng = prng(SEED);
      const kinds = { readLeaf: 0, readEmpty: 0, readOther: 0, update: 0, insertEmpty: 0, insertBesideLeaf: 0, insertBesideNewLeaf: 0, unchanged: 0 };
      let deepestSplit = 0;
      for (let i = 0; i < SCENARIOS; i++) {
        const s = randomScenario(rng, i);
        const { gets, witness, postRoot, provedRoot } = expectations(s);
        expect(provedRoot, `${s.label}: proveWitness leaves the post-state in the tree`).toBe(postRoot);
        const result = await run(s.preRoot, witness, s.ops);
        expect(result.postRoot, `${s.label}: post-root`).toBe(postRoot);
        expect(result.present, `${s.label}: gets`).toEqual(gets.map((g) => g.present));
        expect(result.values, `${s.label}: gets`).toEqual(gets.map((g) => g.value));

        for (const r of witness.reads) {
          const kind = abiProof(r.key, r.proof).kind;
          if (kind === PROOF_KIND.leaf) kinds.readLeaf++;
          else if (kind === PROOF_KIND.empty) kinds.readEmpty++;
          else kinds.readOther++;
          if (s.touched.get(r.key) === "same") kinds.unchanged++;
        }
        const written = new Set(witness.writes.map((w) => w.key));
        for (const w of witness.writes) {
          const { kind, otherKey } = abiProof(w.key, w.proof);
          if (kind === PROOF_KIND.leaf) kinds.update++;
          else if (kind === PROOF_KIND.empty) kinds.insertEmpty++;
          else if (s.leaves.has(otherKey)) kinds.insertBesideLeaf++;
          else if (written.has(otherKey)) kinds.insertBesideNewLeaf++;
          if (kind === PROOF_KIND.otherLeaf) {
            const xor = BigInt(w.key) ^ BigInt(otherKey);
            deepestSplit = Math.max(deepestSplit, 256 - xor.toString(2).length);
          }
        }
        // Writes of an unchanged value take no write proof.
        for (const [k, role] of s.touched) if (role === "same" || role === "read" || role === "readAbsent") expect(written.has(k)).toBe(false);
      }
      for (const [kind, n] of Object.entries(kinds)) expect(n, `seed ${SEED}: ${kind} exercised`).toBeGreaterThan(5);
      expect(deepestSplit, `seed ${SEED}: a new key split a leaf at a deep shared prefix`).toBeGreaterThan(200);
    });

    it("Should insert the first leaf into the empty tree and read absent keys from it", async () => {
      const tree = new StateTree();
      const key = bytesToHex(keccak256(new Uint8Array([1])));
      const other = bytesToHex(keccak256(new Uint8Array([2])));
      const witness = proveWitness({
        tree,
        touched: [
          { key: hexToBytes(key), value: null },
          { key: hexToBytes(other), value: null },
        ],
        writes: [{ key: hexToBytes(key), valueHash: keccak256(new Uint8Array([7])) }],
      });
      const result = await run(`0x${"00".repeat(32)}`, witness, [
        { put: false, key: other, value: "0x" },
        { put: true, key, value: "0x07" },
      ]);
      expect(result.postRoot).toBe(bytesToHex(tree.root()));
      expect(result.present[0]).toBe(false);
    });
  });

  describe("# load, get, put, finish (tampered witnesses)", () => {
    /** A step with updates, inserts beside leaves and read-only keys, on a 300-leaf tree. */
    function baseline() {
      const rng = prng(SEED + 1);
      for (let i = 1; ; i++) {
        const s = randomScenario(rng, i);
        const e = expectations(s);
        const kinds = new Set(e.witness.writes.map((w) => abiProof(w.key, w.proof).kind));
        const readOnly = [...s.touched].filter(([, role]) => role === "read").map(([k]) => k);
        if (e.witness.writes.length >= 3 && kinds.size >= 2 && readOnly.length > 0) return { s, ...e, readOnly };
      }
    }
    const clone = (w: StepWitness): StepWitness => structuredClone(w);
    const at = (w: StepWitness, kind: number) => w.reads.findIndex((r) => abiProof(r.key, r.proof).kind === kind);
    const tamperSiblings = (siblings: Hex[]) => [bytesToHex(keccak256(hexToBytes(siblings[0] ?? `0x${"00".repeat(32)}`))), ...siblings.slice(1)];

    it("Should accept the untampered baseline", async () => {
      const { s, witness, postRoot } = baseline();
      expect((await run(s.preRoot, witness, s.ops)).postRoot).toBe(postRoot);
    });

    it("Should revert with Witness_BadReadProof if a pre-value, a read's siblings or its kind is wrong", async () => {
      const { s, witness } = baseline();
      const present = at(witness, PROOF_KIND.leaf);
      const key = witness.reads[present]!.key;
      const wrongValue = clone(witness);
      wrongValue.reads[present]!.value = `${witness.reads[present]!.value}00` as Hex;
      await expect(run(s.preRoot, wrongValue, s.ops)).rejects.toThrow(new RegExp(`Witness_BadReadProof[\\s\\S]*${key}`));
      const wrongSiblings = clone(witness);
      wrongSiblings.reads[present]!.proof.siblings = tamperSiblings(witness.reads[present]!.proof.siblings);
      await expect(run(s.preRoot, wrongSiblings, s.ops)).rejects.toThrow(new RegExp(`Witness_BadReadProof[\\s\\S]*${key}`));
      const claimedAbsent = clone(witness);
      claimedAbsent.reads[present]!.value = null;
      claimedAbsent.reads[present]!.proof.leaf = null;
      await expect(run(s.preRoot, claimedAbsent, s.ops)).rejects.toThrow(new RegExp(`Witness_BadReadProof[\\s\\S]*${key}`));
      const absent = witness.reads.findIndex((r) => r.value === null);
      const claimedPresent = clone(witness);
      claimedPresent.reads[absent]!.value = "0x01";
      await expect(run(s.preRoot, claimedPresent, s.ops)).rejects.toThrow(new RegExp(`Witness_BadReadProof[\\s\\S]*${witness.reads[absent]!.key}`));
      await expect(run(bytesToHex(keccak256(hexToBytes(s.preRoot))), witness, s.ops)).rejects.toThrow(/Witness_BadReadProof/);
    });

    it("Should revert with Witness_Missing if the step gets or puts a key the witness lacks", async () => {
      const { s, witness, readOnly } = baseline();
      const dropped = clone(witness);
      dropped.reads = dropped.reads.filter((r) => r.key !== readOnly[0]);
      await expect(run(s.preRoot, dropped, s.ops)).rejects.toThrow(new RegExp(`Witness_Missing[\\s\\S]*${readOnly[0]}`));
      const stranger = bytesToHex(keccak256(new TextEncoder().encode("not in the witness")));
      await expect(run(s.preRoot, witness, [...s.ops, { put: true, key: stranger, value: "0x01" }])).rejects.toThrow(
        new RegExp(`Witness_Missing[\\s\\S]*${stranger}`),
      );
    });

    it("Should revert with Witness_Unsorted if the reads are not in strictly ascending key order", async () => {
      const { s, witness } = baseline();
      const swapped = clone(witness);
      [swapped.reads[0], swapped.reads[1]] = [swapped.reads[1]!, swapped.reads[0]!];
      await expect(run(s.preRoot, swapped, s.ops)).rejects.toThrow(/Witness_Unsorted[\s\S]*\(1\)/);
      const duplicated = clone(witness);
      duplicated.reads.splice(1, 0, duplicated.reads[0]!);
      await expect(run(s.preRoot, duplicated, s.ops)).rejects.toThrow(/Witness_Unsorted[\s\S]*\(1\)/);
    });

    it("Should revert with Witness_BadWriteProof if a write's siblings, kind or order is wrong", async () => {
      const { s, witness } = baseline();
      const first = witness.writes[0]!.key;
      const wrongSiblings = clone(witness);
      wrongSiblings.writes[0]!.proof.siblings = tamperSiblings(witness.writes[0]!.proof.siblings);
      await expect(run(s.preRoot, wrongSiblings, s.ops)).rejects.toThrow(new RegExp(`Witness_BadWriteProof[\\s\\S]*${first}`));
      const swapped = clone(witness);
      [swapped.writes[0], swapped.writes[1]] = [swapped.writes[1]!, swapped.writes[0]!];
      // The proofs travel without their keys: the first changed key gets the second one's proof.
      await expect(run(s.preRoot, swapped, s.ops)).rejects.toThrow(new RegExp(`Witness_BadWriteProof[\\s\\S]*${first}`));
      const insert = witness.writes.findIndex((w) => abiProof(w.key, w.proof).kind !== PROOF_KIND.leaf);
      const asUpdate = clone(witness);
      asUpdate.writes[insert]!.proof.leaf = { key: witness.writes[insert]!.key, valueHash: witness.writes[insert]!.valueHash };
      await expect(run(s.preRoot, asUpdate, s.ops)).rejects.toThrow(new RegExp(`Witness_BadWriteProof[\\s\\S]*${witness.writes[insert]!.key}`));
    });

    it("Should revert with Witness_MissingWriteProof or Witness_ExtraWriteProofs if the write proofs are too few or too many", async () => {
      const { s, witness } = baseline();
      const n = witness.writes.length;
      const missing = clone(witness);
      missing.writes.pop();
      await expect(run(s.preRoot, missing, s.ops)).rejects.toThrow(new RegExp(`Witness_MissingWriteProof[\\s\\S]*${witness.writes[n - 1]!.key}`));
      const extra = clone(witness);
      extra.writes.push(extra.writes[0]!);
      await expect(run(s.preRoot, extra, s.ops)).rejects.toThrow(new RegExp(`Witness_ExtraWriteProofs[\\s\\S]*\\(${n}, ${n + 1}\\)`));
    });
  });

  describe("# gas", () => {
    it("Should fit a worst-case step (130 changed keys, 20-deep proofs as in a 10^6-leaf tree) in one L1 transaction", async () => {
      const rng = prng(SEED + 2);
      // Only the touched keys' paths matter: each gets a distinct subtree at every depth above 20,
      // which is what a random 10^6-leaf tree gives (log2(10^6) ≈ 20).
      const DEPTH = 20;
      const tree = new StateTree();
      const leaves = new Map<Hex, Uint8Array>();
      const touched: Array<{ key: Uint8Array; value: Uint8Array | null }> = [];
      const writes: Array<{ key: Uint8Array; valueHash: Uint8Array }> = [];
      const ops: Op[] = [];
      for (let i = 0; i < 130; i++) {
        const key = rng.bytes(32);
        for (let d = 0; d < DEPTH; d++) tree.set(flipBit(rng, key, d, true), rng.bytes(32));
        const inserted = i % 7 === 0;
        // A new key lands beside the one leaf of its slot and splits it one level further down.
        if (inserted) tree.set(flipBit(rng, key, DEPTH + 1, true), rng.bytes(32));
        const before = inserted ? null : rng.bytes(160);
        if (before) {
          tree.set(key, keccak256(before));
          leaves.set(bytesToHex(key), before);
        }
        const after = rng.bytes(160);
        touched.push({ key, value: before });
        writes.push({ key, valueHash: keccak256(after) });
        ops.push({ put: false, key: bytesToHex(key), value: "0x" }, { put: true, key: bytesToHex(key), value: bytesToHex(after) });
      }
      const preRoot = bytesToHex(tree.root());
      const witness = proveWitness({ tree, touched, writes });
      const siblings = [...witness.reads, ...witness.writes].map((x) => x.proof.siblings.length);
      expect(Math.min(...siblings)).toBeGreaterThanOrEqual(DEPTH);
      const result = await run(preRoot, witness, ops);
      expect(result.postRoot).toBe(bytesToHex(tree.root()));

      const encoded = hexToBytes(encodeWitness(witness));
      const [decoded] = decodeAbiParameters([witnessParameter], bytesToHex(encoded));
      const data = encodeFunctionData({ abi: artifact.abi, functionName: "run", args: [preRoot, decoded, ops] });
      const total = await f.publicClient.estimateGas({ to: harness, data });
      // EIP-7623's calldata floor (10 gas per token, a nonzero byte is 4 tokens): what the witness alone costs at least.
      const floor = encoded.reduce((sum, b) => sum + (b === 0 ? 10 : 40), 0);
      console.log(
        `WitnessedState worst case: 130 changed keys (${witness.writes.filter((w) => w.proof.leaf === null || w.proof.leaf.key !== w.key).length} inserts), ` +
          `${Math.min(...siblings)}-${Math.max(...siblings)} siblings per proof, witness ${encoded.length} bytes (calldata floor ${floor} gas), ` +
          `library ${result.gasUsed} gas; harness transaction ${total} gas (calldata ${(data.length - 2) / 2} bytes, with the ops)`,
      );
      expect(total).toBeLessThan(2n ** 24n);
    });
  });
});
