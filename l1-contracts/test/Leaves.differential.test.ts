// Differential test: the Solidity twin's leaves (twin/Leaves.sol, twin/LeafKeys.sol) against the
// node's (sequencer/src/state: leafEncoding.ts, leafKey, leafValueHash), on edge values of every
// namespace: the structs have the projection's members (names, types, order), decode the node's
// bytes to the projected values and encode them back to the same bytes and value hash, and the
// key functions give the node's keys for every id form.
import { beforeAll, describe, expect, it } from "vitest";
import { type AbiFunction, type AbiParameter, type Address, bytesToHex, type Hex, keccak256 } from "viem";
import { readArtifact } from "../scripts/artifacts";
import { encodeLeaf, leafAbi, leafKey, leafValueHash, NAMESPACES, type Namespace, projectLeaf } from "../../sequencer/src/state";
import { LEAF_SAMPLES } from "../../sequencer/src/state/testing/leafSamples";
import { loadFixture, type Fixture } from "./fixture";

const NS_NAMES = Object.keys(NAMESPACES) as Namespace[];
const SINGLETONS: Namespace[] = ["meta", "reviewTree", "params", "fees"];
const ADDRESS_KEYED: Namespace[] = ["account", "participant", "doctor", "patient"];
const COMPOSITE: Record<string, string> = { pack: "/", lot: "/", relation: ":" };

const capitalized = (ns: Namespace) => `${ns[0]!.toUpperCase()}${ns.slice(1)}`;
const preimage = (s: (typeof LEAF_SAMPLES)[number]) => bytesToHex(encodeLeaf(s.namespace, s.value as never));

/** An ABI parameter without Solidity's `internalType`: what the ABI encoding depends on, and the names. */
type Shape = { name: string; type: string; components?: Shape[] };
function shape(p: AbiParameter): Shape {
  const components = "components" in p ? p.components.map(shape) : undefined;
  return { name: p.name ?? "", type: p.type, ...(components ? { components } : {}) };
}

/** A projected or decoded value in one form: integers as bigint, hex in lower case. */
function normalize(v: unknown): unknown {
  if (typeof v === "number") return BigInt(v);
  if (typeof v === "string") return v.toLowerCase();
  if (Array.isArray(v)) return v.map(normalize);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, normalize(x)]));
  return v;
}

/** The arguments of LeavesHarness.keys for a node id of namespace `ns`. */
function keyCase(ns: Namespace, id: string) {
  const base = { ns: NAMESPACES[ns], a: `0x${"00".repeat(20)}` as Address, b: `0x${"00".repeat(20)}` as Address, n: 0n, s1: "", s2: "" };
  if (SINGLETONS.includes(ns)) return base;
  if (ADDRESS_KEYED.includes(ns)) return { ...base, a: id as Address };
  const separator = COMPOSITE[ns];
  if (!separator) return { ...base, n: BigInt(id) };
  const at = id.indexOf(separator);
  const [first, second] = [id.slice(0, at), id.slice(at + 1)];
  return ns === "relation" ? { ...base, a: first as Address, b: second as Address } : { ...base, s1: first, s2: second };
}

describe("Leaves (Solidity twin) against the node's leaves", () => {
  let f: Fixture;
  const leaves = readArtifact("LeavesHarness");
  const structs = readArtifact("LeafStructsHarness");
  const at: Record<string, Address> = {};

  beforeAll(async () => {
    f = await loadFixture();
    for (const artifact of [leaves, structs]) {
      const hash = await f.wallets.deployer.deployContract({ abi: artifact.abi, bytecode: artifact.bytecode });
      at[artifact.contractName] = (await f.publicClient.waitForTransactionReceipt({ hash })).contractAddress!;
    }
  });

  const call = (artifact: typeof leaves, functionName: string, args: readonly unknown[]) =>
    f.publicClient.readContract({ abi: artifact.abi, address: at[artifact.contractName]!, functionName, args });

  describe("# structs", () => {
    it.each(NS_NAMES)("Should declare the %s struct with the projection's members, in its order and types", (ns) => {
      const decoder = structs.abi.find((e): e is AbiFunction => e.type === "function" && e.name === `decode${capitalized(ns)}`);
      expect(decoder, `decode${capitalized(ns)}`).toBeDefined();
      const [output] = decoder!.outputs;
      expect(shape(output!).components).toEqual(shape(leafAbi(ns)).components);
    });

    it.each(LEAF_SAMPLES.map((s) => [`${s.namespace} (${s.label})`, s] as const))("Should decode the %s leaf to its projection", async (_name, s) => {
      const decoded = await call(structs, `decode${capitalized(s.namespace)}`, [preimage(s)]);
      expect(normalize(decoded)).toEqual(normalize(projectLeaf(s.namespace, s.value as never)));
    });
  });

  describe("# encode, decode", () => {
    it("Should re-encode every leaf to the node's bytes", async () => {
      const data = LEAF_SAMPLES.map(preimage);
      const encoded = (await call(leaves, "roundTripMany", [LEAF_SAMPLES.map((s) => NAMESPACES[s.namespace]), data])) as Hex[];
      for (const [i, s] of LEAF_SAMPLES.entries()) expect(encoded[i], `${s.namespace} (${s.label})`).toBe(data[i]);
    });

    it.each(LEAF_SAMPLES.map((s) => [`${s.namespace} (${s.label})`, s] as const))("Should hash the %s leaf to the node's value hash", async (_name, s) => {
      const [, valueHash] = (await call(leaves, "roundTrip", [NAMESPACES[s.namespace], preimage(s)])) as [Hex, Hex];
      expect(valueHash).toBe(bytesToHex(leafValueHash(s.namespace, s.value as never)));
      expect(valueHash).toBe(keccak256(preimage(s)));
    });

    it("Should refuse bytes that are not a leaf: truncated, an enum index past its list, dirty high bits", async () => {
      const pack = LEAF_SAMPLES.find((s) => s.namespace === "pack")!;
      const bytes = preimage(pack);
      await expect(call(leaves, "roundTrip", [NAMESPACES.pack, bytes.slice(0, -64)])).rejects.toThrow();
      // Pack word 5 is the status (PackStatus has 3 members).
      const badStatus = `${bytes.slice(0, 2 + 64 * 6 - 2)}03${bytes.slice(2 + 64 * 6)}` as Hex;
      await expect(call(leaves, "roundTrip", [NAMESPACES.pack, badStatus])).rejects.toThrow();
      // Pack word 3 is the manufacturer: an address with a non-zero 13th byte from the right.
      const dirty = `${bytes.slice(0, 2 + 64 * 3)}01${bytes.slice(2 + 64 * 3 + 2)}` as Hex;
      await expect(call(leaves, "roundTrip", [NAMESPACES.pack, dirty])).rejects.toThrow();
      await expect(call(leaves, "roundTrip", [0, bytes])).rejects.toThrow(/LeavesHarness_UnknownNamespace/);
    });
  });

  describe("# keys", () => {
    it("Should derive the node's key for every namespace and id form", async () => {
      const ids: Array<[Namespace, string]> = [
        ...LEAF_SAMPLES.map((s) => [s.namespace, s.id] as [Namespace, string]),
        ["case", "1"],
        ["case", "1000000"],
        ["policy", "9"],
        ["record", "10"],
        ["incident", "123456789012345678901234567890"],
        ["review", "99"],
        ["withdrawal", "1"],
        ["withdrawal", "4294967296"],
        ["pack", "09506000134352/SN/with/slashes"],
        ["lot", "09506000134352/"],
        ["lot", "09506000134352/blépharoplastie 🙂"],
        ["relation", "0x0000000000000000000000000000000000000000:0xffffffffffffffffffffffffffffffffffffffff"],
      ];
      expect(new Set(ids.map(([ns]) => ns))).toEqual(new Set(NS_NAMES));
      const keys = (await call(leaves, "keys", [ids.map(([ns, id]) => keyCase(ns, id))])) as Hex[];
      for (const [i, [ns, id]] of ids.entries()) expect(keys[i], `${ns} "${id}"`).toBe(bytesToHex(leafKey(ns, id)));
    });
  });
});
