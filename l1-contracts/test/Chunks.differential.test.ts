// Differential test of the provable batch format: the node's TypeScript chunks
// (sequencer/src/protocol/batch) and the bridge's Chunks / StepRoots libraries (through
// ChunksHarness) must accept the same chunks, summarize them alike, locate every step alike,
// reject every malformed chunk, apply the same cross-chunk rules, and decode Solady's FastLZ
// byte for byte. Seeds are fixed and named in the tests and failure messages.
import { beforeAll, describe, expect, it } from "vitest";
import { LibZip } from "solady";
import { bytesToHex, hexToBytes, type Address, type Hex } from "viem";
import { readArtifact } from "../scripts/artifacts";
import { SutureError } from "../../sequencer/src/errors";
import {
  ByteWriter,
  CHUNK_LINK_RULES,
  chunkLinkFault,
  chunkSummary,
  decodeChunk,
  encodeChunks,
  fastlzCompress,
  decompressChunk,
  locateStep,
  MAX_CHUNK_BLOCK_BYTES,
  MAX_CHUNK_RAW_BYTES,
  MAX_TX_BYTES,
  stepRootProof,
  txRootsHash,
  type ChunkBlock,
  type ChunkBounds,
  type ChunkSummary,
  type StepRef,
} from "../../sequencer/src/protocol";
import { loadFixture, type Fixture } from "./fixture";

const SEED = Number(process.env.CHUNKS_DIFF_SEED ?? 0xc4_0c5e);

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
    bytes: (n: number) => Uint8Array.from({ length: n }, () => int(256)),
  };
}
type Rng = ReturnType<typeof prng>;

/** A transaction-like byte string: random, or repetitive like real encodings (addresses, codes). */
function randomTx(rng: Rng): Uint8Array {
  const n = rng.chance(0.01) ? MAX_TX_BYTES : rng.chance(0.1) ? 0 : 1 + rng.int(rng.chance(0.9) ? 250 : 3000);
  if (rng.chance(0.3)) return rng.bytes(n);
  const alphabet = rng.bytes(1 + rng.int(12));
  return Uint8Array.from({ length: n }, () => alphabet[rng.int(alphabet.length)]!);
}

function randomBlocks(rng: Rng): ChunkBlock[] {
  let timestamp = 1_800_000_000 + rng.int(1000);
  return Array.from({ length: 1 + rng.int(25) }, () => {
    timestamp += rng.chance(0.5) ? 0 : rng.int(20);
    const depositCount = rng.chance(0.05) ? 2 ** 32 - 1 : rng.chance(0.5) ? 0 : rng.int(4);
    // Blocks within the producer's cap, as a chunk holds whole blocks.
    const txs: Uint8Array[] = [];
    let bytes = 20;
    for (let t = rng.chance(0.1) ? 0 : rng.int(10); t > 0; t--) {
      const tx = randomTx(rng);
      if (bytes + tx.length + 2 > MAX_CHUNK_BLOCK_BYTES) break;
      txs.push(tx);
      bytes += tx.length + 2;
    }
    return { timestamp, depositCount, txs };
  });
}

/** Steps worth locating in a chunk: around every block boundary, and just outside the chunk. */
function probeSteps(s: ChunkSummary, decodedBlocks: ChunkBlock[]): bigint[] {
  const out = [s.firstStep - 1n, s.firstStep + s.stepCount];
  let step = s.firstStep;
  for (const b of decodedBlocks) {
    const deposits = BigInt(b.depositCount);
    if (deposits > 0n) out.push(step, step + deposits - 1n);
    step += deposits;
    for (let t = 0; t <= b.txs.length; t++) out.push(step + BigInt(t));
    step += BigInt(b.txs.length) + 1n;
  }
  return out.filter((x) => x >= 0n);
}

type SolSummary = { [K in keyof ChunkSummary]: bigint };
type SolStepRef = { kind: number; blockNumber: bigint; timestamp: bigint; depositIndex: bigint; txBytes: Hex };

function tsStepRef(ref: StepRef | null): SolStepRef {
  if (!ref) return { kind: 0, blockNumber: 0n, timestamp: 0n, depositIndex: 0n, txBytes: "0x" };
  return { kind: ref.kind, blockNumber: ref.blockNumber, timestamp: ref.timestamp, depositIndex: ref.depositIndex, txBytes: bytesToHex(ref.txBytes) };
}

/** A chunk from raw payload parts: numbers and bigints as varints, byte arrays as they are. */
function rawChunk(parts: Array<number | bigint | Uint8Array>, codec = 0): Uint8Array {
  const w = new ByteWriter();
  w.byte(codec);
  for (const p of parts) p instanceof Uint8Array ? w.bytes(p) : w.varint(p);
  return w.finish();
}

/** The same payload, FastLZ-framed (so the walk's rules are checked after decompression too). */
function asFastlz(chunk: Uint8Array): Uint8Array {
  return Uint8Array.from([1, ...fastlzCompress(chunk.subarray(1))]);
}

function tsRule(chunk: Uint8Array): string | null {
  try {
    decodeChunk(chunk);
    return null;
  } catch (e) {
    if (!(e instanceof SutureError)) throw e;
    return e.details.rule as string;
  }
}

describe("Chunks (Solidity) against the TypeScript chunk format", () => {
  let f: Fixture;
  let harness: Address;
  const artifact = readArtifact("ChunksHarness");

  beforeAll(async () => {
    f = await loadFixture();
    const hash = await f.wallets.deployer.deployContract({ abi: artifact.abi, bytecode: artifact.bytecode });
    harness = (await f.publicClient.waitForTransactionReceipt({ hash })).contractAddress!;
  });

  const call = async <T>(functionName: string, args: readonly unknown[]) =>
    (await f.publicClient.readContract({ abi: artifact.abi, address: harness, functionName, args })) as T;

  const summarize = async (chunks: Uint8Array[]) => {
    const [ok, summaries] = await call<[boolean[], SolSummary[]]>("summarizeMany", [chunks.map((c) => bytesToHex(c))]);
    return chunks.map((_, i) => (ok[i] ? summaries[i]! : null));
  };

  describe("# decompress, summarize, locateStep", () => {
    it(`Should summarize every chunk and locate steps of each as the node does, on 80 random batches (seed ${SEED})`, async () => {
      const rng = prng(SEED);
      let chunkCount = 0;
      let stepCount = 0;
      const codecs = [0, 0];
      const kinds = new Set<number>();
      for (let batch = 0; batch < 80; batch++) {
        const blocks = randomBlocks(rng);
        const largest = Math.max(...blocks.map((b) => b.txs.reduce((n, t) => n + t.length + 2, 6)));
        const maxRawBytes = Math.min(MAX_CHUNK_RAW_BYTES, largest + 35 + rng.int(20_000));
        const firstDeposit = BigInt(rng.int(1000));
        const chunks = encodeChunks({ firstStep: 0n, firstBlock: BigInt(1 + rng.int(10_000)), firstDeposit, blocks }, { maxRawBytes });
        const solidity = await summarize(chunks);
        for (const [i, chunk] of chunks.entries()) {
          const context = `seed ${SEED}, batch ${batch}, chunk ${i}`;
          const decoded = decodeChunk(chunk);
          const summary = chunkSummary(decoded);
          expect(solidity[i], context).toEqual(summary);
          codecs[chunk[0]!]!++;
          // Every located step costs a walk of the whole chunk: the two outside it, then a sample.
          const probes = probeSteps(summary, decoded.blocks);
          const steps = [...probes.slice(0, 2), ...probes.slice(2).filter(() => rng.chance(8 / probes.length))];
          const [found, refs] = await call<[boolean[], SolStepRef[]]>("locateMany", [bytesToHex(chunk), steps]);
          for (const [k, step] of steps.entries()) {
            const ts = locateStep(decoded, step);
            expect(found[k], `${context}, step ${step}`).toBe(ts !== null);
            expect(refs[k], `${context}, step ${step}`).toEqual(tsStepRef(ts));
            kinds.add(ts?.kind ?? -1);
          }
          chunkCount++;
          stepCount += steps.length;
        }
      }
      // Both codecs and multi-chunk batches were exercised.
      expect(codecs[0]).toBeGreaterThan(3);
      expect(codecs[1]).toBeGreaterThan(100);
      expect(chunkCount).toBeGreaterThan(150);
      expect(stepCount).toBeGreaterThan(1_500);
      expect([...kinds].sort()).toEqual([-1, 0, 1, 2]);
    });

    it("Should reject every malformed chunk the node rejects, raw and FastLZ-framed", async () => {
      const ok = [0n, 1n, 0n, 1, 10, 0, 1, 2, Uint8Array.of(1, 2)];
      const compressible = [0n, 1n, 0n, 1, 10, 0, 1, 200, new Uint8Array(200).fill(7)];
      const cases: Array<[string | null, Uint8Array]> = [
        [null, rawChunk(ok)],
        [null, rawChunk(compressible)],
        [null, asFastlz(rawChunk(compressible))],
        ["trailing", asFastlz(rawChunk([...compressible, 0]))],
        ["codec", asFastlz(rawChunk(ok))],
        ["codec", new Uint8Array()],
        ["codec", rawChunk(ok, 2)],
        ["codec", rawChunk(ok, 0xff)],
        ["size", Uint8Array.from({ length: MAX_CHUNK_RAW_BYTES + 2 }, (_, i) => (i === 0 ? 0 : 1))],
        ["decompression", Uint8Array.of(1, 0x05, 1, 2)],
        ["decompression", Uint8Array.of(1, 0x20, 0x00)],
        ["decompression", Uint8Array.of(1, 0x00, 0x41, 0x20)],
        ["decompression", Uint8Array.of(1, 0x00, 0x41, 0xe0, 0x05)],
        ["decompression", Uint8Array.of(1, 0x00, 0x41, 0x21, 0x01)],
        ["size", Uint8Array.of(1, 0x00, 0x41, ...Array.from({ length: 70 }, () => [0xe0, 0xff, 0x00]).flat())],
        ["varint", Uint8Array.of(0, 0x80, 0x00, 1, 0, 1, 10, 0, 0)],
        ["varint", rawChunk([2n ** 64n, 1n, 0n, 1, 10, 0, 0])],
        ["varint", rawChunk([0n, 1n, 0n, 2 ** 32, 10, 0, 0])],
        ["varint", rawChunk([0n, 1n, 0n, 1, 2 ** 48, 0, 0])],
        ["varint", rawChunk([0n, 1n, 0n, 1, 10, 2 ** 32, 0])],
        ["varint", rawChunk([0n, 1n, 0n, 1, 10, 0, 1, 2 ** 32])],
        ["varint", rawChunk([0n, 1n, 0n, 1, 10, 0, 1, Uint8Array.of(0x82, 0x00), Uint8Array.of(1, 2)])],
        ["truncated", rawChunk([0n, 1n])],
        ["truncated", rawChunk([0n, 1n, 0n, 2, 10, 0, 0])],
        ["truncated", rawChunk([0n, 1n, 0n, 1, 10, 0, 1, 3, Uint8Array.of(1, 2)])],
        ["txLength", rawChunk([0n, 1n, 0n, 1, 10, 0, 1, MAX_TX_BYTES + 1, new Uint8Array(MAX_TX_BYTES + 1)])],
        ["blockCount", rawChunk([0n, 1n, 0n, 0])],
        ["timestamp", rawChunk([0n, 1n, 0n, 2, 10, 0, 0, 9, 0, 0])],
        ["trailing", rawChunk([...ok, 0])],
        [null, rawChunk([2n ** 64n - 1n, 2n ** 64n - 1n, 2n ** 64n - 1n, 1, 2 ** 48 - 1, 2 ** 32 - 1, 1, MAX_TX_BYTES, new Uint8Array(MAX_TX_BYTES)])],
      ];
      const all = cases.flatMap(([rule, chunk]): Array<[string | null, Uint8Array]> => {
        const framed: Array<[string | null, Uint8Array]> = [[rule, chunk]];
        // The walk's rules again behind FastLZ (codec, size and decompression faults are framing);
        // a FastLZ chunk no shorter than its payload breaks the codec rule first.
        if (chunk[0] === 0 && !["codec", "size"].includes(rule ?? "")) {
          const fastlz = asFastlz(chunk);
          framed.push([fastlz.length < chunk.length ? rule : "codec", fastlz]);
        }
        return framed;
      });
      const solidity = await summarize(all.map(([, c]) => c));
      for (const [i, [rule, chunk]] of all.entries()) {
        const context = `${rule ?? "valid"}: ${bytesToHex(chunk).slice(0, 42)}`;
        expect(tsRule(chunk), context).toBe(rule);
        expect(solidity[i] !== null, context).toBe(rule === null);
      }
    });

    it(`Should decompress Solady's FastLZ output on L1 byte for byte, and agree on random streams (seed ${SEED + 1})`, async () => {
      const rng = prng(SEED + 1);
      const valid: Uint8Array[] = [];
      for (let i = 0; i < 60; i++) {
        // Compressible (a FastLZ chunk must be shorter than its output), up to the size limit.
        const n = 64 + rng.int(i < 50 ? 3000 : MAX_CHUNK_RAW_BYTES - 63);
        const alphabet = rng.bytes(1 + rng.int(rng.chance(0.5) ? 4 : 12));
        valid.push(Uint8Array.from({ length: n }, () => alphabet[rng.int(alphabet.length)]!));
      }
      for (const raw of valid) {
        const chunk = Uint8Array.from([1, ...hexToBytes(LibZip.flzCompress(bytesToHex(raw)) as Hex)]);
        expect(chunk.length - 1).toBeLessThan(raw.length);
        const [ok, out] = await call<[boolean, Hex]>("decompress", [bytesToHex(chunk)]);
        expect(ok, `${raw.length} bytes`).toBe(true);
        expect(out).toBe(bytesToHex(raw));
        const [okMemory, outMemory] = await call<[boolean, Hex]>("decompressMemory", [bytesToHex(chunk)]);
        expect([okMemory, outMemory]).toEqual([true, bytesToHex(raw)]);
      }
      // Random instruction streams: literal runs, matches and long matches with random distances,
      // some running past the end; both sides must accept the same ones and decode them alike.
      let accepted = 0;
      let rejected = 0;
      for (let i = 0; i < 400; i++) {
        const parts: number[] = [];
        for (let k = rng.int(30); k > 0; k--) {
          // Mostly a literal run first: a stream must produce bytes before a match can copy them.
          const kind = parts.length === 0 && rng.chance(0.8) ? 0 : rng.int(3);
          const d = rng.int(rng.chance(0.9) ? 40 : 8192);
          if (kind === 0) {
            const n = 1 + rng.int(32);
            parts.push(n - 1, ...rng.bytes(rng.chance(0.95) ? n : rng.int(n)));
          } else if (kind === 1) parts.push(((1 + rng.int(6)) << 5) | (d >> 8), d & 0xff);
          else parts.push(0xe0 | (d >> 8), rng.int(256), d & 0xff);
        }
        const stream = Uint8Array.from(parts.slice(0, rng.chance(0.9) ? parts.length : rng.int(parts.length + 1)));
        const chunk = Uint8Array.from([1, ...stream]);
        let ts: Hex | null = null;
        try {
          ts = bytesToHex(decompressChunk(chunk));
        } catch (e) {
          expect(e).toBeInstanceOf(SutureError);
        }
        const [ok, out] = await call<[boolean, Hex]>("decompress", [bytesToHex(chunk)]);
        expect(ok, bytesToHex(stream)).toBe(ts !== null);
        if (ts !== null) {
          expect(out).toBe(ts);
          accepted++;
        } else rejected++;
      }
      expect(accepted).toBeGreaterThan(40);
      expect(rejected).toBeGreaterThan(40);
    });
  });

  describe("# checkLink", () => {
    it(`Should apply the cross-chunk rules as the node does, on mutated summaries (seed ${SEED + 2})`, async () => {
      const rng = prng(SEED + 2);
      const fields = ["firstStep", "stepCount", "firstBlock", "blockCount", "firstDeposit", "depositCount", "firstTimestamp", "lastTimestamp"] as const;
      const seen = new Set<string>();
      for (let i = 0; i < 300; i++) {
        const a: ChunkSummary = {
          firstStep: 0n,
          stepCount: 12n,
          firstBlock: 10n,
          blockCount: 2n,
          firstDeposit: 3n,
          depositCount: 1n,
          firstTimestamp: 100n,
          lastTimestamp: 105n,
        };
        const b: ChunkSummary = {
          firstStep: 12n,
          stepCount: 18n,
          firstBlock: 12n,
          blockCount: 3n,
          firstDeposit: 4n,
          depositCount: 3n,
          firstTimestamp: 105n,
          lastTimestamp: 120n,
        };
        const bounds: ChunkBounds = {
          stepCount: 30n,
          firstBlock: 10n,
          lastBlock: 14n,
          queueStart: 3n,
          queueEnd: 7n,
          firstTimestamp: 100n,
          lastTimestamp: 120n,
          prevLastTimestamp: 90n,
        };
        for (let m = rng.int(3); m > 0; m--) {
          const target = rng.int(3);
          const delta = rng.chance(0.5) ? 1n : -1n;
          const [record, key] =
            target === 2
              ? [bounds as Record<string, bigint>, Object.keys(bounds)[rng.int(8)]!]
              : [(target === 0 ? a : b) as Record<string, bigint>, fields[rng.int(fields.length)]!];
          if (record[key]! + delta >= 0n) record[key]! += delta;
        }
        const hasPrevious = rng.chance(0.5);
        const isLast = rng.chance(0.7);
        const [previous, current] = hasPrevious ? [a, b] : [a, a];
        const ts = chunkLinkFault(bounds, hasPrevious ? previous : null, current, isLast);
        const code = await call<number>("checkLink", [bounds, hasPrevious, previous, current, isLast]);
        expect(code === 0 ? null : CHUNK_LINK_RULES[code - 1], `seed ${SEED + 2}, case ${i}`).toBe(ts);
        seen.add(String(ts));
      }
      expect(seen.size).toBe(CHUNK_LINK_RULES.length + 1);
    });
  });

  describe("# StepRoots.hash, StepRoots.verify", () => {
    it("Should commit to step roots as the node does and accept exactly the node's proofs", async () => {
      const rng = prng(SEED + 3);
      for (const n of [0, 1, 2, 3, 4, 5, 7, 9, 16, 33]) {
        const roots = Array.from({ length: n }, () => bytesToHex(rng.bytes(32)));
        const rootsHash = txRootsHash(roots);
        expect(await call<Hex>("stepRootsHash", [roots]), `${n} roots`).toBe(rootsHash);
        for (let i = 0; i < n; i++) {
          const proof = stepRootProof(roots, i);
          expect(await call<boolean>("verifyStepRoot", [rootsHash, BigInt(n), BigInt(i), roots[i], proof])).toBe(true);
          expect(await call<boolean>("verifyStepRoot", [rootsHash, BigInt(n), BigInt(i), roots[(i + 1) % n], proof])).toBe(n === 1);
          expect(await call<boolean>("verifyStepRoot", [rootsHash, BigInt(n + 1), BigInt(i), roots[i], proof])).toBe(n > 1 && (n & (n - 1)) !== 0);
          expect(await call<boolean>("verifyStepRoot", [rootsHash, BigInt(i), BigInt(i), roots[i], proof])).toBe(false);
        }
      }
    });
  });
});
