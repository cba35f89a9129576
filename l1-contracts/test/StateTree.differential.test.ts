// Differential test: the node's TypeScript state tree (sequencer/src/tree) produces proofs for
// thousands of random trees; the Solidity StateTree library (through StateTreeHarness) and the
// TypeScript verifier must both accept every genuine proof and reject every tampered one.
// The seed is fixed, so every run checks the same trees; it is in the test's name and in every
// failure message. Set STATE_TREE_DIFF_SEED to explore another one (and to replay it).
import { beforeAll, describe, expect, it } from "vitest";
import { bytesToHex, hexToBytes, keccak256, toHex, type Address, type Hex } from "viem";
import { readArtifact } from "../scripts/artifacts";
import { EMPTY, keyBit, leafHash, nodeHash, StateTree, verifyProof, type StateProof } from "../../sequencer/src/tree";
import { withdrawalKey, withdrawalValueHash } from "../../sequencer/src/protocol";
import { loadFixture, type Fixture } from "./fixture";

const TREES = 2000;
/** Calldata per eth_call, kept well under Osaka's 2^24 transaction gas cap. */
const MAX_CALL_BYTES = 100_000;
const SEED = Number(process.env.STATE_TREE_DIFF_SEED ?? 0x2f1e_5eed);

/** A proof in the Solidity library's terms (see StateTreeHarness.ProofCase), with the verdict it must get. */
type ProofCase = {
  kind: 0 | 1 | 2;
  root: Hex;
  key: Hex;
  valueHash: Hex;
  otherKey: Hex;
  otherValueHash: Hex;
  siblings: Hex[];
  expected: boolean;
  label: string;
};

const ZERO: Hex = bytesToHex(EMPTY);

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
  return {
    int: (n: number) => Math.floor(next() * n),
    bytes32: (): Uint8Array => Uint8Array.from({ length: 32 }, () => Math.floor(next() * 256)),
    chance: (p: number) => next() < p,
  };
}
type Rng = ReturnType<typeof prng>;

function flipBit(key: Uint8Array, i: number): Uint8Array {
  const out = Uint8Array.from(key);
  out[i >> 3]! ^= 0x80 >> (i & 7);
  return out;
}

/** A key sharing a prefix with `base`: usually a short one; with `deep`, up to all 255 first bits,
 *  so paths reach depth 256 (deep proofs are expensive to check on the EVM, hence rationed). */
function nearKey(rng: Rng, base: Uint8Array, deep: boolean): Uint8Array {
  const bit = deep ? 192 + rng.int(64) : rng.int(24);
  return flipBit(base, bit);
}

/** A random tree: random keys, clusters of near keys, and some deletions. */
function randomTree(rng: Rng): { tree: StateTree; present: Map<Hex, Uint8Array>; absent: Uint8Array[] } {
  const tree = new StateTree();
  const present = new Map<Hex, Uint8Array>();
  const keys: Uint8Array[] = [];
  const size = rng.chance(0.05) ? 0 : rng.chance(0.95) ? 1 + rng.int(40) : 100 + rng.int(200);
  const deep = rng.chance(0.03);
  for (let i = 0; i < size; i++) {
    const key = keys.length > 0 && rng.chance(0.3) ? nearKey(rng, keys[rng.int(keys.length)]!, deep) : rng.bytes32();
    const valueHash = rng.bytes32();
    tree.set(key, valueHash);
    present.set(bytesToHex(key), valueHash);
    keys.push(key);
  }
  for (let i = 0; i < size / 4; i++) {
    if (!rng.chance(0.3)) continue;
    const key = keys[rng.int(keys.length)]!;
    tree.delete(key);
    present.delete(bytesToHex(key));
  }
  const absent = [rng.chance(0.5) || keys.length === 0 ? rng.bytes32() : nearKey(rng, keys[rng.int(keys.length)]!, deep)];
  if (keys.length > 0) absent.push(nearKey(rng, keys[rng.int(keys.length)]!, deep));
  return { tree, present, absent: absent.filter((k) => !present.has(bytesToHex(k))) };
}

/** Folds siblings along `key` from `start`, as protocol.md defines, to forge roots for non-canonical proofs. */
function fold(key: Uint8Array, start: Uint8Array, siblings: Hex[]): Hex {
  let h = start;
  for (let i = siblings.length - 1; i >= 0; i--) {
    const s = hexToBytes(siblings[i]!);
    h = keyBit(key, i) ? nodeHash(s, h) : nodeHash(h, s);
  }
  return bytesToHex(h);
}

function base(root: Hex, key: Uint8Array, siblings: Hex[]) {
  return { root, key: bytesToHex(key), valueHash: ZERO, otherKey: ZERO, otherValueHash: ZERO, siblings };
}

function tamperSibling(rng: Rng, siblings: Hex[]): Hex[] {
  const out = [...siblings];
  const i = rng.int(out.length);
  out[i] = out[i] === ZERO ? bytesToHex(rng.bytes32()) : ZERO;
  return out;
}

/** Genuine and tampered proofs for one random tree. */
function casesFor(rng: Rng, t: ReturnType<typeof randomTree>): ProofCase[] {
  const root = bytesToHex(t.tree.root());
  const cases: ProofCase[] = [];
  const presentKeys = [...t.present.keys()];
  for (let i = 0; i < Math.min(1, presentKeys.length); i++) {
    const keyHex = presentKeys[rng.int(presentKeys.length)]!;
    const key = hexToBytes(keyHex);
    const valueHash = bytesToHex(t.present.get(keyHex)!);
    const { siblings } = t.tree.prove(key);
    const inclusion = { ...base(root, key, siblings), kind: 0 as const, valueHash };
    cases.push({ ...inclusion, expected: true, label: "inclusion" });
    cases.push({ ...inclusion, valueHash: bytesToHex(rng.bytes32()), expected: false, label: "inclusion, wrong value" });
    if (siblings.length > 0) {
      cases.push({ ...inclusion, siblings: tamperSibling(rng, siblings), expected: false, label: "inclusion, tampered sibling" });
      cases.push({ ...inclusion, siblings: siblings.slice(0, -1), expected: false, label: "inclusion, sibling dropped" });
    }
    if (siblings.length < 256) {
      cases.push({ ...inclusion, siblings: [...siblings, ZERO], expected: false, label: "inclusion, empty sibling appended" });
    }
    cases.push({ ...base(root, key, siblings), kind: 1, expected: false, label: "present key claimed empty" });
    cases.push({
      ...base(root, key, siblings),
      kind: 2,
      otherKey: keyHex,
      otherValueHash: valueHash,
      expected: false,
      label: "present key as its own other leaf",
    });
  }
  for (const key of t.absent) {
    const proof = t.tree.prove(key);
    const { siblings } = proof;
    if (proof.leaf === null) {
      cases.push({ ...base(root, key, siblings), kind: 1, expected: true, label: "exclusion, empty slot" });
      cases.push({ ...base(root, key, siblings), kind: 0, valueHash: bytesToHex(rng.bytes32()), expected: false, label: "absent key claimed present" });
      if (siblings.length > 0) {
        cases.push({ ...base(root, key, tamperSibling(rng, siblings)), kind: 1, expected: false, label: "exclusion, tampered sibling" });
      }
    } else {
      const other = { kind: 2 as const, otherKey: proof.leaf.key, otherValueHash: proof.leaf.valueHash };
      cases.push({ ...base(root, key, siblings), ...other, expected: true, label: "exclusion, other leaf" });
      cases.push({
        ...base(root, key, siblings),
        ...other,
        otherValueHash: bytesToHex(rng.bytes32()),
        expected: false,
        label: "exclusion, other leaf's value changed",
      });
      cases.push({ ...base(root, key, siblings), kind: 1, expected: false, label: "other leaf's slot claimed empty" });
      cases.push({ ...base(root, key, siblings), kind: 0, valueHash: proof.leaf.valueHash, expected: false, label: "other leaf's value claimed for key" });
      if (siblings.length > 0) {
        // A root forged so the fold matches, with another leaf that leaves the proven path:
        // only the prefix check rejects it.
        const stray = flipBit(hexToBytes(proof.leaf.key), rng.int(siblings.length));
        if (bytesToHex(stray) !== bytesToHex(key)) {
          const valueHash = hexToBytes(proof.leaf.valueHash);
          const forgedRoot = fold(key, leafHash(stray, valueHash), siblings);
          cases.push({
            ...base(forgedRoot, key, siblings),
            kind: 2,
            otherKey: bytesToHex(stray),
            otherValueHash: proof.leaf.valueHash,
            expected: false,
            label: "other leaf off the path (forged root)",
          });
        }
      }
    }
  }
  // Every genuine proof, and a random quarter of the tampered ones (EVM time is the budget).
  return cases.filter((c) => c.expected || rng.chance(0.25));
}

/** The TypeScript verifier's verdict on a case, translated into its proof shape. */
function tsVerdict(c: ProofCase): boolean {
  const leaf: StateProof["leaf"] =
    c.kind === 0 ? { key: c.key, valueHash: c.valueHash } : c.kind === 2 ? { key: c.otherKey, valueHash: c.otherValueHash } : null;
  return verifyProof({
    root: hexToBytes(c.root),
    key: hexToBytes(c.key),
    valueHash: c.kind === 0 ? hexToBytes(c.valueHash) : null,
    proof: { siblings: c.siblings, leaf },
  });
}

describe("StateTree (Solidity) against the TypeScript tree", () => {
  let f: Fixture;
  let harness: Address;
  const harnessArtifact = readArtifact("StateTreeHarness");

  beforeAll(async () => {
    f = await loadFixture();
    const hash = await f.wallets.deployer.deployContract({ abi: harnessArtifact.abi, bytecode: harnessArtifact.bytecode });
    harness = (await f.publicClient.waitForTransactionReceipt({ hash })).contractAddress!;
  });

  const call = (functionName: string, args: readonly unknown[]) =>
    f.publicClient.readContract({ abi: harnessArtifact.abi, address: harness, functionName, args });

  describe("# verifyInclusion, verifyExclusionEmpty, verifyExclusionOtherLeaf", () => {
    it(`Should agree with the TypeScript tree on ${TREES} random trees (seed ${SEED}), accepting genuine and rejecting tampered proofs`, async () => {
      const rng = prng(SEED);
      const counts: Record<string, number> = {};
      let maxDepth = 0;
      const check = async (cases: ProofCase[]) => {
        const solidity = (await call("verifyMany", [cases])) as boolean[];
        cases.forEach((c, i) => {
          const context = `seed ${SEED}, ${c.label}, key ${c.key}, depth ${c.siblings.length}`;
          expect(tsVerdict(c), `TypeScript: ${context}`).toBe(c.expected);
          expect(solidity[i], `Solidity: ${context}`).toBe(c.expected);
          counts[c.label] = (counts[c.label] ?? 0) + 1;
          maxDepth = Math.max(maxDepth, c.siblings.length);
        });
      };
      let pending: ProofCase[] = [];
      let bytes = 0;
      for (let t = 0; t < TREES; t++) {
        for (const c of casesFor(rng, randomTree(rng))) {
          pending.push(c);
          bytes += 32 * (8 + c.siblings.length);
        }
        if (bytes > MAX_CALL_BYTES || t === TREES - 1) {
          await check(pending);
          pending = [];
          bytes = 0;
        }
      }
      // Every kind of case was exercised, including very deep paths.
      expect(Object.keys(counts)).toHaveLength(15);
      for (const n of Object.values(counts)) expect(n).toBeGreaterThan(10);
      expect(maxDepth).toBeGreaterThan(200);
    });

    it("Should prove every key absent from the empty tree with no siblings", async () => {
      const key = keccak256(toHex("any"));
      const empty: ProofCase = { ...base(ZERO, hexToBytes(key), []), kind: 1, expected: true, label: "" };
      expect(await call("verifyMany", [[empty, { ...empty, kind: 0, valueHash: key }]])).toEqual([true, false]);
      expect(tsVerdict(empty)).toBe(true);
    });

    it("Should reject a proof longer than 256 siblings", async () => {
      const siblings = Array.from({ length: 257 }, () => ZERO);
      const key = keccak256(toHex("k"));
      await expect(call("verifyExclusionEmpty", [ZERO, key, siblings])).rejects.toThrow(/StateTree_ProofTooLong/);
    });
  });

  describe("# withdrawalKey, withdrawalValueHash", () => {
    it(`Should derive the same withdrawal leaves as the node (seed ${SEED + 1})`, async () => {
      const rng = prng(SEED + 1);
      const ws = Array.from({ length: 300 }, (_, i) => ({
        id: i < 3 ? [0n, 1n, 2n ** 64n - 1n][i]! : BigInt(rng.int(2 ** 31)) * BigInt(rng.int(2 ** 31)),
        recipient: bytesToHex(rng.bytes32().slice(12)) as Address,
        amount: i === 0 ? 0n : BigInt(bytesToHex(rng.bytes32())) >> BigInt(rng.int(256)),
      }));
      const [keys, valueHashes] = (await call("withdrawalLeaves", [ws])) as [Hex[], Hex[]];
      ws.forEach((w, i) => {
        expect(keys[i], `seed ${SEED + 1}, withdrawal ${w.id}`).toBe(bytesToHex(withdrawalKey(w.id)));
        expect(valueHashes[i], `seed ${SEED + 1}, withdrawal ${w.id}`).toBe(bytesToHex(withdrawalValueHash(w)));
      });
    });
  });
});
