// Witness-level tests of circuits/review.circom against the independent TypeScript reference,
// including one test per known pitfall that fails if its fix is removed.
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CIRCUIT_PATHS, REVIEW_CIRCUIT } from "../config";
import { compileCircuit } from "../lib/compileCircuit";
import { compileReviewCircuit, type ReviewCircuit } from "./helpers/reviewCircuit";
import { DEPTH, P, refCommitment, refFoldPath, refInput, refLeaf, refNullifier } from "./helpers/reference";

const doctor = 0x5a7e2b0c1d3f4e5a6b7c8d9e0f1a2b3c4d5e6f70n;
const otherDoctor = 0x00000000000000000000000000000000000d0c70n;
const s = 987654321987654321987654321n;
const message = 0x00c0ffee_1234_5678_9abc_def0_1234_5678_9abc_def0_1234_5678_9abc_def0_1234_5678_9abcn;
// A tree mixing this doctor's surgeries with another doctor's; ours is at index 2.
const leaves = [refLeaf(11n, otherDoctor), refLeaf(12n, doctor), refLeaf(s, doctor), refLeaf(13n, otherDoctor), refLeaf(14n, doctor)];
const valid = refInput({ s, doctor, leaves, index: 2, message });

const ASSERT_FAILED = /Assert Failed/;

describe("review circuit", () => {
  let circuit: ReviewCircuit;
  beforeAll(async () => {
    circuit = await compileReviewCircuit();
  });
  afterAll(async () => {
    await circuit.cleanup();
  });

  /** Compiles a throwaway circuit in a temporary directory, removed afterwards. */
  async function compileFixture(name: string, source: string, include: string[] = []) {
    const dir = await mkdtemp(join(tmpdir(), "suture-circuit-fixture-"));
    try {
      const main = join(dir, `${name}.circom`);
      await writeFile(main, source);
      return await compileCircuit({ main, outDir: dir, include });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  describe("# compilation", () => {
    it("Should stay within Semaphore v4's constraint count at depth 20 (6,431)", () => {
      expect(circuit.compiled.constraints).toBeLessThanOrEqual(REVIEW_CIRCUIT.maxConstraints);
      expect(circuit.compiled.linearConstraints).toBe(0); // O2 folded every linear constraint
    });

    it("Should expose root, doctor, nullifier, message as its only public signals, in that order", () => {
      expect(circuit.compiled.publicInputs).toBe(4);
      expect(REVIEW_CIRCUIT.publicSignals.map((name) => circuit.wire(`main.${name}`))).toEqual([1, 2, 3, 4]);
    });

    it("Should compile without --inspect warnings (no `<--` lacking a constraint, no unconstrained signal)", () => {
      expect(circuit.compiled.warnings).toEqual([]);
    });
  });

  describe("# valid witness", () => {
    it("Should accept a member and compute the reference commitment, leaf and nullifier", async () => {
      const witness = await circuit.witness(valid);
      expect(witness[circuit.wire("main.commitment")]).toBe(refCommitment(s));
      expect(witness[circuit.wire("main.leaf")]).toBe(refLeaf(s, doctor));
      expect(witness[circuit.wire("main.nullifier")]).toBe(refNullifier(s, doctor));
    });

    it("Should accept every member position of a small tree", async () => {
      const secrets = [21n, 22n, 23n];
      const tree = secrets.map((secret) => refLeaf(secret, doctor));
      for (const [index, secret] of secrets.entries()) {
        await expect(circuit.witness(refInput({ s: secret, doctor, leaves: tree, index, message }))).resolves.toBeDefined();
      }
    });

    it("Should follow the index bits at every level (sparse path, index 2^20 - 1 and a mixed pattern)", async () => {
      const siblings = Array.from({ length: DEPTH }, (_, level) => BigInt(level) * 7919n + 3n);
      const leaf = refLeaf(s, doctor);
      for (const leafIndex of [2 ** DEPTH - 1, 0b1010_0101_1010_0101_1010]) {
        const root = refFoldPath(leaf, leafIndex, siblings);
        await expect(circuit.witness({ ...valid, leafIndex, siblings, root })).resolves.toBeDefined();
      }
    });
  });

  describe("# invalid witness", () => {
    it("Should not accept a leaf that is not in the tree", async () => {
      const stranger = 555n;
      await expect(circuit.witness({ ...valid, s: stranger, nullifier: refNullifier(stranger, doctor) })).rejects.toThrow(ASSERT_FAILED);
    });

    it("Should not accept another doctor than the one the leaf was made for", async () => {
      // Nullifier consistent with the claimed doctor, so only membership can fail.
      await expect(circuit.witness({ ...valid, doctor: otherDoctor, nullifier: refNullifier(s, otherDoctor) })).rejects.toThrow(ASSERT_FAILED);
    });

    it("Should not accept a wrong root", async () => {
      await expect(circuit.witness({ ...valid, root: valid.root + 1n })).rejects.toThrow(ASSERT_FAILED);
      const olderRoot = refInput({ s, doctor, leaves: leaves.slice(0, 3), index: 2, message }).root;
      await expect(circuit.witness({ ...valid, root: olderRoot })).rejects.toThrow(ASSERT_FAILED);
    });

    it("Should not accept a nullifier other than Poseidon(s, doctor)", async () => {
      await expect(circuit.witness({ ...valid, nullifier: valid.nullifier + 1n })).rejects.toThrow(ASSERT_FAILED);
      await expect(circuit.witness({ ...valid, nullifier: refNullifier(s, otherDoctor) })).rejects.toThrow(ASSERT_FAILED);
    });

    it("Should not accept the index of another leaf", async () => {
      await expect(circuit.witness({ ...valid, leafIndex: 1 })).rejects.toThrow(ASSERT_FAILED);
    });
  });

  describe("# pitfalls", () => {
    it("Should not accept a direction bit outside {0, 1} (forged membership of a non-member)", async () => {
      // Attack on an unconstrained bit b: at level 0 pick sibling' = L0 + L1 - X and
      // b = (L0 - X) / (sibling' - X); the selection then feeds (L0, L1) into the hash, so the
      // non-member leaf X reaches the real root. Build that witness by splicing two honest ones.
      const { F } = circuit.tester;
      const memberWitness = await circuit.witness(refInput({ s: 12n, doctor, leaves: [refLeaf(12n, doctor), ...leaves], index: 0, message }));
      const tree = [refLeaf(12n, doctor), ...leaves];
      const stranger = 777n;
      const strangerLeaf = refLeaf(stranger, doctor);
      const strangerWitness = await circuit.witness(refInput({ s: stranger, doctor, leaves: [strangerLeaf], index: 0, message }));

      const forged = [...memberWitness];
      for (const [name, { varIdx }] of Object.entries(circuit.tester.symbols)) {
        const aboutSecret = ["main.s", "main.nullifier", "main.commitment", "main.leaf"].includes(name) || name.startsWith("main.Poseidon_");
        if (varIdx > 0 && aboutSecret) forged[varIdx] = strangerWitness[varIdx]!;
      }
      const [left, right] = [tree[0]!, tree[1]!];
      const sibling = F.sub(F.add(left, right), strangerLeaf);
      const bit = F.div(F.sub(left, strangerLeaf), F.sub(sibling, strangerLeaf));
      const bitWire = circuit.findWire(/^main\.MerkleRoot_\w+\.isRight\[0\]$/);
      forged[circuit.wire("main.siblings[0]")] = sibling;
      forged[circuit.wire("main.leafIndex")] = bit;
      forged[bitWire] = bit;

      // Every constraint holds except the one that makes bit 0 boolean (Num2Bits): removing it
      // would make this forgery a valid proof for the real root.
      const failing = circuit.failingConstraints(forged);
      expect(failing).toHaveLength(1);
      expect(circuit.constraintWires(failing[0]!)).toEqual([bitWire]);
      expect(forged[circuit.wire("main.root")]).toBe(memberWitness[circuit.wire("main.root")]);
    });

    it("Should not accept a leaf index of 2^20 or more (same low bits as a valid index)", async () => {
      await expect(circuit.witness({ ...valid, leafIndex: 2 ** DEPTH + 2 })).rejects.toThrow(ASSERT_FAILED);
      await expect(circuit.witness({ ...valid, leafIndex: P - 1n })).rejects.toThrow(ASSERT_FAILED);
    });

    it("Should refuse to compile a Merkle root deeper than 32 levels", async () => {
      const deep = 'pragma circom 2.1.5;\ninclude "merkle_root.circom";\ncomponent main = MerkleRoot(33);\n';
      await expect(compileFixture("deep", deep, [CIRCUIT_PATHS.sources])).rejects.toThrow(/assert/i);
    });

    it("Should bind the message with a constraint on its wire", () => {
      const messageWire = circuit.wire("main.message");
      const constrained = circuit.tester.constraints.some((_, index) => circuit.constraintWires(index).includes(messageWire));
      expect(constrained).toBe(true);
    });

    it("Should not see the difference between v and v + p: range checks belong to the verifiers", async () => {
      // The witness calculator reduces inputs mod p, so an aliased public input yields the same
      // witness; the node verifier and ReviewVerifier.sol must reject signals >= p themselves.
      const aliased = await circuit.tester.calculateWitness({ ...valid, nullifier: valid.nullifier + P }, true);
      expect(aliased).toEqual(await circuit.witness(valid));
    });

    it("Should use no `<--` in its own templates", async () => {
      for (const file of await readdir(CIRCUIT_PATHS.sources)) {
        expect(await readFile(join(CIRCUIT_PATHS.sources, file), "utf8"), file).not.toMatch(/<--/);
      }
    });

    it("Should report a `<--` without a matching constraint (the --inspect check works)", async () => {
      const { warnings } = await compileFixture(
        "loose",
        "pragma circom 2.1.5;\ntemplate Loose() { signal input a; signal output b; signal c; c <-- a * 2; b <== a * a; }\ncomponent main = Loose();\n",
      );
      expect(warnings.join("\n")).toMatch(/<--|does not appear in any constraint/);
    });
  });
});
