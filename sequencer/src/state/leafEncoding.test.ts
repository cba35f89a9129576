// The hand-rolled leaf encoder against viem's generic ABI encoder, over edge values of every
// namespace; the projection rules (hashed strings and bytes, enum indexes, has-flags and zeros);
// the withdrawal leaf the bridge reads, unchanged.
import { describe, expect, it } from "vitest";
import { decodeAbiParameters, encodeAbiParameters, keccak256 as viemKeccak, toBytes, type Hex } from "viem";
import { bytesToHex } from "../crypto/bytes";
import { withdrawalValueHash } from "../protocol";
import { CASE_STATUSES, CLOSED_BY, type Case } from "./entities";
import { encodeLeaf, leafAbi, projectLeaf, type LeafValue } from "./leafEncoding";
import { NAMESPACES, type Namespace } from "./namespaces";
import { leafPreimage, leafValueHash } from "./State";
import { LEAF_SAMPLES } from "./testing/leafSamples";

const viemEncode = (ns: Namespace, value: unknown) => encodeAbiParameters([leafAbi(ns)], [projectLeaf(ns, value as never)]);
const sample = <N extends Namespace>(ns: N, label: string) => LEAF_SAMPLES.find((s) => s.namespace === ns && s.label === label)!.value as LeafValue<N>;

describe("leafEncoding", () => {
  describe("# encodeLeaf", () => {
    it("Should have samples of every namespace", () => {
      expect(new Set(LEAF_SAMPLES.map((s) => s.namespace))).toEqual(new Set(Object.keys(NAMESPACES)));
    });

    it.each(LEAF_SAMPLES.map((s) => [`${s.namespace} (${s.label})`, s] as const))(
      "Should encode %s exactly as viem's abi.encode of the projection does, and decode back to it",
      (_name, { namespace, value }) => {
        const bytes = bytesToHex(encodeLeaf(namespace, value as never));
        expect(bytes).toBe(viemEncode(namespace, value));
        const [decoded] = decodeAbiParameters([leafAbi(namespace)], bytes);
        expect(encodeAbiParameters([leafAbi(namespace)], [decoded as never])).toBe(bytes);
      },
    );

    it("Should hash the preimage into the value hash", () => {
      for (const { namespace, value } of LEAF_SAMPLES) {
        expect(bytesToHex(leafPreimage(namespace, value as never))).toBe(bytesToHex(encodeLeaf(namespace, value as never)));
        expect(bytesToHex(leafValueHash(namespace, value as never))).toBe(viemKeccak(viemEncode(namespace, value)));
      }
    });
  });

  describe("# projectLeaf", () => {
    it("Should keep the withdrawal leaf the bridge reads: (uint64 id, address recipient, uint256 amount), without createdAt", () => {
      for (const s of LEAF_SAMPLES) {
        if (s.namespace !== "withdrawal") continue;
        expect(bytesToHex(leafValueHash("withdrawal", s.value))).toBe(bytesToHex(withdrawalValueHash(s.value)));
        expect(encodeLeaf("withdrawal", s.value)).toHaveLength(96);
      }
    });

    it("Should hash strings and variable-length bytes, and index enums in their declared lists", () => {
      const c = sample("case", "fullest");
      const p = projectLeaf("case", c);
      expect(p.procedure).toBe(viemKeccak(toBytes(c.procedure)));
      expect(p.status).toBe(CASE_STATUSES.indexOf("NO_SHOW"));
      expect(p.closedBy).toBe(CLOSED_BY.indexOf("timeout"));
      expect((p.claimedComplications as Hex[])[3]).toBe(viemKeccak(toBytes("blépharoplastie 眼瞼形成術 🙂")));
      expect(projectLeaf("account", { balance: 0n, nonce: 0n, encryptionKey: "0x0102" }).encryptionKey).toBe(viemKeccak("0x0102"));
      const stats = projectLeaf("doctor", sample("doctor", "fullest")).stats as { cases: number[] };
      expect(stats.cases).toHaveLength(CASE_STATUSES.length);
      expect(stats.cases[0]).toBe(Number.MAX_SAFE_INTEGER);
    });

    it("Should write null as a false has-flag and the zero value, apart from a present zero or empty value", () => {
      const c = sample("case", "minimal");
      const p = projectLeaf("case", c);
      expect(p.hasPlan).toBe(false);
      expect(p.plan).toEqual({ packs: [], policyId: 0n, planHash: `0x${"00".repeat(32)}`, premium: 0n });
      expect(p.hasClosedBy).toBe(false);
      expect(p.closedBy).toBe(0);
      const emptyPlan = projectLeaf("case", { ...c, plan: { packs: [], policyId: 0n, planHash: `0x${"00".repeat(32)}`, premium: 0n } });
      expect(emptyPlan.hasPlan).toBe(true);
      expect(bytesToHex(leafValueHash("case", c))).not.toBe(bytesToHex(leafValueHash("case", { ...c, plan: emptyPlan.plan as Case["plan"] })));
      const noKey = projectLeaf("account", { balance: 0n, nonce: 0n, encryptionKey: null });
      expect(noKey).toEqual({ balance: 0n, nonce: 0n, hasEncryptionKey: false, encryptionKey: `0x${"00".repeat(32)}` });
      expect(projectLeaf("account", { balance: 0n, nonce: 0n, encryptionKey: "0x" }).hasEncryptionKey).toBe(true);
    });

    it("Should leave the bridge address out of the params leaf", () => {
      const params = sample("params", "max");
      const withBridge = { ...params, bridge: "0x00000000000000000000000000000000000000b1" };
      expect(bytesToHex(encodeLeaf("params", withBridge))).toBe(bytesToHex(encodeLeaf("params", params)));
      expect(leafAbi("params").type).toBe("tuple");
    });

    it("Should refuse values outside their ABI types", () => {
      const c = sample("case", "minimal");
      expect(() => encodeLeaf("case", { ...c, status: "LOST" as never })).toThrow(/not one of/);
      expect(() => encodeLeaf("case", { ...c, createdAt: -1 })).toThrow(/uint64/);
      expect(() => encodeLeaf("case", { ...c, createdAt: 0.5 })).toThrow(/uint64/);
      expect(() => encodeLeaf("case", { ...c, id: 2n ** 256n })).toThrow(/uint256/);
      expect(() => encodeLeaf("case", { ...c, id: -1n })).toThrow(/uint256/);
      expect(() => encodeLeaf("case", { ...c, patient: "0x1234" })).toThrow(/20 bytes/);
      expect(() => encodeLeaf("case", { ...c, detailsHash: `0x${"zz".repeat(32)}` })).toThrow(/not hex/);
      expect(() => encodeLeaf("withdrawal", { id: 2n ** 64n, recipient: c.patient, amount: 0n, createdAt: 0 })).toThrow(/uint64/);
    });
  });
});
