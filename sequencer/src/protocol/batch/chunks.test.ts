// The provable batch format on the node's side: chunking, round trips, a pinned vector, every
// decode rule, the cross-chunk rules, step location and step-root proofs. The same rules are
// checked against Chunks.sol in l1-contracts/test/Chunks.differential.test.ts.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LibZip } from "solady";
import type { Hex } from "viem";
import { bytesToHex, hexToBytes } from "../../crypto/bytes";
import { keccak256 } from "../../crypto/keccak256";
import { SutureError } from "../../errors";
import { ByteWriter } from "../fieldCodec";
import { MAX_TX_BYTES } from "../limits";
import { txRootsHash } from "./batchHeader";
import { checkChunkSequence, chunkLinkFault, chunkSummary, locateStep, type ChunkBounds, type ChunkSummary } from "./chunkSequence";
import {
  CHUNK_CODECS,
  chunkBlockBytes,
  dataCommitment,
  decodeChunk,
  encodeChunks,
  MAX_CHUNK_BLOCK_BYTES,
  MAX_CHUNK_RAW_BYTES,
  type ChunkBlock,
  type ChunkContent,
} from "./chunks";
import { fastlzCompress, fastlzDecompress } from "./fastlz";
import { stepRootProof, verifyStepRoot } from "./stepRoots";

const tx = (n: number, fill = 7) => Uint8Array.from({ length: n }, (_, i) => (i % 5 === 0 ? fill : i & 0xff));

const arbBlocks = fc
  .array(
    fc.record({
      dt: fc.nat({ max: 30 }),
      depositCount: fc.oneof(fc.nat({ max: 3 }), fc.constant(2 ** 32 - 1)),
      txs: fc.array(
        fc.oneof(
          fc.uint8Array({ maxLength: 400 }),
          fc.nat({ max: 600 }).map((n) => tx(n)),
        ),
        { maxLength: 12 },
      ),
    }),
    { minLength: 1, maxLength: 30 },
  )
  .map((bs) => {
    let t = 1_800_000_000;
    return bs.map(({ dt, depositCount, txs }): ChunkBlock => {
      t += dt;
      return { timestamp: t, depositCount, txs };
    });
  });

const arbContent = fc.record({
  firstStep: fc.bigInt({ min: 0n, max: 2n ** 40n }),
  firstBlock: fc.bigInt({ min: 0n, max: 2n ** 63n }),
  firstDeposit: fc.bigInt({ min: 0n, max: 2n ** 40n }),
  blocks: arbBlocks,
});

/** A chunk from raw payload parts: numbers and bigints as varints, byte arrays as they are. */
function rawChunk(parts: Array<number | bigint | Uint8Array>, codec = 0): Uint8Array {
  const w = new ByteWriter();
  w.byte(codec);
  for (const p of parts) p instanceof Uint8Array ? w.bytes(p) : w.varint(p);
  return w.finish();
}

function ruleOf(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(SutureError);
    expect((e as SutureError).code).toBe("DECODE_ERROR");
    return (e as SutureError).details.rule as string;
  }
  throw new Error("expected a DECODE_ERROR");
}

describe("# encodeChunks, decodeChunk", () => {
  it("Should round-trip random block lists, chunk after chunk continuing the counters", () => {
    fc.assert(
      fc.property(arbContent, fc.nat({ max: 3000 }), (content, slack) => {
        // From one block per chunk (the largest block just fits) to many.
        const maxRawBytes = Math.min(MAX_CHUNK_RAW_BYTES, Math.max(...content.blocks.map(chunkBlockBytes)) + 35 + slack);
        const chunks = encodeChunks(content, { maxRawBytes });
        const decoded = chunks.map(decodeChunk);
        expect(decoded.flatMap((d) => d.blocks)).toEqual(content.blocks);
        expect(decoded[0]).toMatchObject({ firstStep: content.firstStep, firstBlock: content.firstBlock, firstDeposit: content.firstDeposit });
        const summaries = decoded.map(chunkSummary);
        const last = summaries.at(-1)!;
        const bounds: ChunkBounds = {
          stepCount: last.firstStep + last.stepCount,
          firstBlock: content.firstBlock,
          lastBlock: last.firstBlock + last.blockCount - 1n,
          queueStart: content.firstDeposit,
          queueEnd: last.firstDeposit + last.depositCount,
          firstTimestamp: BigInt(content.blocks[0]!.timestamp),
          lastTimestamp: BigInt(content.blocks.at(-1)!.timestamp),
          prevLastTimestamp: 0n,
        };
        // encodeChunks starts at content.firstStep; a batch's own chunks start at step 0.
        if (content.firstStep === 0n) checkChunkSequence(bounds, summaries);
        for (const [i, s] of summaries.entries()) {
          expect(chunkLinkFault(bounds, i === 0 ? null : summaries[i - 1]!, s, i === summaries.length - 1)).toBe(
            content.firstStep !== 0n && i === 0 ? "firstStep" : null,
          );
        }
        for (const [i, d] of decoded.entries()) {
          const raw = decodedSize(chunks[i]!);
          expect(raw).toBeLessThanOrEqual(maxRawBytes);
          expect(d.blocks.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300, seed: 0x5eed_c0de },
    );
  });

  it("Should compress a chunk with FastLZ when that is smaller and keep it raw otherwise", () => {
    const block = (txs: Uint8Array[]): ChunkContent => ({ firstStep: 0n, firstBlock: 1n, firstDeposit: 0n, blocks: [{ timestamp: 1, depositCount: 0, txs }] });
    const [repetitive] = encodeChunks(block([new Uint8Array(500).fill(0x42)]));
    expect(repetitive![0]).toBe(CHUNK_CODECS.fastlz);
    expect(repetitive!.length).toBeLessThan(50);
    const [tiny] = encodeChunks(block([Uint8Array.of(1, 2, 3)]));
    expect(tiny![0]).toBe(CHUNK_CODECS.raw);
    expect(decodeChunk(tiny!).blocks[0]!.txs).toEqual([Uint8Array.of(1, 2, 3)]);
  });

  it("Should pin the bytes of a two-chunk batch (a format change must be deliberate)", () => {
    const content: ChunkContent = {
      firstStep: 0n,
      firstBlock: 300n,
      firstDeposit: 5n,
      blocks: [
        { timestamp: 1_800_000_000, depositCount: 2, txs: [tx(40), tx(40)] },
        { timestamp: 1_800_000_002, depositCount: 0, txs: [] },
        { timestamp: 1_800_000_002, depositCount: 1, txs: [Uint8Array.of(0xaa, 0xbb)] },
      ],
    };
    const chunks = encodeChunks(content, { maxRawBytes: 100 });
    expect(chunks.map(bytesToHex)).toEqual([
      "0x011f00ac02050180a4a7da0602022807010203040706070809070b0c0d0e0710111214130715161718071a1b1c1d071f2021220724252627e01b28040724252627",
      "0x0005ad02070282a4a7da06000082a4a7da06010102aabb",
    ]);
    expect(dataCommitment(chunks)).toBe(bytesToHex(keccak256(new Uint8Array([...keccak256(chunks[0]!), ...keccak256(chunks[1]!)]))));
  });

  it("Should refuse a block that cannot fit in a chunk, and export the cap that avoids it", () => {
    const content = (n: number): ChunkContent => ({
      firstStep: 2n ** 64n - 1n,
      firstBlock: 2n ** 64n - 1n,
      firstDeposit: 2n ** 64n - 1n,
      blocks: [{ timestamp: 1, depositCount: 0, txs: Array.from({ length: n }, () => tx(MAX_TX_BYTES)) }],
    });
    // One maximal transaction fits under the cap, even after the widest chunk header; two do not.
    expect(chunkBlockBytes(content(1).blocks[0]!)).toBeLessThanOrEqual(MAX_CHUNK_BLOCK_BYTES);
    expect(decodeChunk(encodeChunks(content(1))[0]!).blocks[0]!.txs).toHaveLength(1);
    expect(chunkBlockBytes(content(2).blocks[0]!)).toBeGreaterThan(MAX_CHUNK_BLOCK_BYTES);
    expect(() => encodeChunks(content(2))).toThrow(/more than fits in a chunk/);
  });

  it("Should refuse content the decoder would reject", () => {
    const base = { firstStep: 0n, firstBlock: 1n, firstDeposit: 0n };
    expect(() => encodeChunks({ ...base, blocks: [] })).toThrow(/at least one block/);
    expect(() => encodeChunks({ ...base, blocks: [{ timestamp: 1, depositCount: 0, txs: [tx(MAX_TX_BYTES + 1)] }] })).toThrow(/MAX_TX_BYTES/);
    const decreasing = [2, 1].map((timestamp) => ({ timestamp, depositCount: 0, txs: [] }));
    expect(() => encodeChunks({ ...base, blocks: decreasing })).toThrow(/timestamps decrease/);
    expect(() => encodeChunks({ ...base, blocks: decreasing }, { maxRawBytes: MAX_CHUNK_RAW_BYTES + 1 })).toThrow(RangeError);
  });

  it("Should reject every malformed chunk with DECODE_ERROR naming the rule", () => {
    const ok = [0n, 1n, 0n, 1, 10, 0, 1, 2, Uint8Array.of(1, 2)];
    expect(decodeChunk(rawChunk(ok)).blocks).toHaveLength(1);
    const cases: Array<[string, Uint8Array]> = [
      ["codec", new Uint8Array()],
      ["codec", rawChunk(ok, 2)],
      ["codec", Uint8Array.from([1, ...fastlzCompress(rawChunk(ok).subarray(1))])],
      ["size", Uint8Array.from({ length: MAX_CHUNK_RAW_BYTES + 2 }, (_, i) => (i === 0 ? 0 : 1))],
      ["decompression", Uint8Array.of(1, 0x05, 1, 2)],
      ["decompression", Uint8Array.of(1, 0x20, 0x00)],
      ["decompression", Uint8Array.of(1, 0x00, 0x41, 0x20)],
      ["decompression", Uint8Array.of(1, 0x00, 0x41, 0xe0, 0x05)],
      ["size", Uint8Array.of(1, 0x00, 0x41, ...Array.from({ length: 70 }, () => [0xe0, 0xff, 0x00]).flat())],
      ["varint", Uint8Array.of(0, 0x80, 0x00, 1, 0, 1, 10, 0, 0)],
      ["varint", rawChunk([2n ** 64n, 1n, 0n, 1, 10, 0, 0])],
      ["varint", rawChunk([0n, 1n, 0n, 2 ** 32, 10, 0, 0])],
      ["varint", rawChunk([0n, 1n, 0n, 1, 2 ** 48, 0, 0])],
      ["varint", rawChunk([0n, 1n, 0n, 1, 10, 0, 1, 2 ** 32])],
      ["truncated", rawChunk([0n, 1n])],
      ["truncated", rawChunk([0n, 1n, 0n, 1, 10, 0, 1, 3, Uint8Array.of(1, 2)])],
      ["txLength", rawChunk([0n, 1n, 0n, 1, 10, 0, 1, MAX_TX_BYTES + 1, new Uint8Array(MAX_TX_BYTES + 1)])],
      ["blockCount", rawChunk([0n, 1n, 0n, 0])],
      ["timestamp", rawChunk([0n, 1n, 0n, 2, 10, 0, 0, 9, 0, 0])],
      ["trailing", rawChunk([...ok, 0])],
    ];
    for (const [rule, chunk] of cases)
      expect(
        ruleOf(() => decodeChunk(chunk)),
        bytesToHex(chunk).slice(0, 40),
      ).toBe(rule);
  });
});

function decodedSize(chunk: Uint8Array): number {
  return chunk[0] === CHUNK_CODECS.raw ? chunk.length - 1 : fastlzDecompress(chunk.subarray(1), MAX_CHUNK_RAW_BYTES).length;
}

describe("# fastlzCompress, fastlzDecompress", () => {
  it("Should decompress what Solady's compressor produces, as Solady's own decompressor does", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 3000 }),
          fc.array(fc.constantFrom(0, 1, 0x42, 0xff), { maxLength: 5000 }).map((a) => Uint8Array.from(a)),
        ),
        (raw) => {
          const compressed = fastlzCompress(raw);
          expect(fastlzDecompress(compressed, 1 << 20)).toEqual(raw);
          expect(LibZip.flzDecompress(bytesToHex(compressed))).toBe(bytesToHex(raw));
        },
      ),
      { numRuns: 300, seed: 0xf1a5 },
    );
  });

  it("Should agree with Solady's decompressor on every well-formed stream, however it was made", () => {
    const instruction = fc.oneof(
      fc.uint8Array({ minLength: 1, maxLength: 32 }).map((lit) => [lit.length - 1, ...lit]),
      fc.tuple(fc.integer({ min: 1, max: 6 }), fc.nat({ max: 40 })).map(([t, d]) => [(t << 5) | (d >> 8), d & 0xff]),
      fc.tuple(fc.nat({ max: 255 }), fc.nat({ max: 40 })).map(([n, d]) => [0xe0 | (d >> 8), n, d & 0xff]),
    );
    fc.assert(
      fc.property(fc.array(instruction, { maxLength: 40 }), (instructions) => {
        const stream = Uint8Array.from(instructions.flat());
        let decoded: Uint8Array | null = null;
        try {
          decoded = fastlzDecompress(stream, 1 << 20);
        } catch (e) {
          expect((e as SutureError).details.rule).toBe("decompression");
        }
        if (decoded) expect(bytesToHex(decoded)).toBe(LibZip.flzDecompress(bytesToHex(stream)));
      }),
      { numRuns: 500, seed: 0x1a2b },
    );
  });
});

describe("# chunkLinkFault, checkChunkSequence", () => {
  const s = (
    firstStep: bigint,
    stepCount: bigint,
    firstBlock: bigint,
    blockCount: bigint,
    firstDeposit: bigint,
    depositCount: bigint,
    t0: bigint,
    t1: bigint,
  ): ChunkSummary => ({
    firstStep,
    stepCount,
    firstBlock,
    blockCount,
    firstDeposit,
    depositCount,
    firstTimestamp: t0,
    lastTimestamp: t1,
  });
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
  const good = [s(0n, 12n, 10n, 2n, 3n, 1n, 100n, 105n), s(12n, 18n, 12n, 3n, 4n, 3n, 105n, 120n)];

  it("Should accept chunks that continue each other and end where the header says", () => {
    expect(() => checkChunkSequence(bounds, good)).not.toThrow();
  });

  it("Should name the first rule a chunk breaks", () => {
    const [a, b] = good as [ChunkSummary, ChunkSummary];
    const cases: Array<[string, ChunkSummary[], ChunkBounds?]> = [
      ["firstStep", [{ ...a, firstStep: 1n }, b]],
      ["firstStep", [a, { ...b, firstStep: 13n }]],
      ["firstBlock", [{ ...a, firstBlock: 9n }, b]],
      ["firstBlock", [a, { ...b, firstBlock: 11n }]],
      ["firstDeposit", [{ ...a, firstDeposit: 4n }, b]],
      ["firstDeposit", [a, { ...b, firstDeposit: 5n }]],
      ["firstTimestamp", [{ ...a, firstTimestamp: 101n }, b]],
      ["firstTimestamp", good, { ...bounds, prevLastTimestamp: 101n }],
      ["firstTimestamp", [a, { ...b, firstTimestamp: 104n }]],
      ["stepEnd", [a, { ...b, stepCount: 17n }]],
      ["blockEnd", [a, { ...b, blockCount: 4n }]],
      ["depositEnd", [a, { ...b, depositCount: 2n }]],
      ["lastTimestamp", [a, { ...b, lastTimestamp: 121n }]],
      ["stepEnd", [a]],
    ];
    for (const [rule, summaries, b2] of cases) {
      const err = (() => {
        try {
          checkChunkSequence(b2 ?? bounds, summaries);
        } catch (e) {
          return e as SutureError;
        }
        throw new Error(`expected rule ${rule}`);
      })();
      expect(err.details.rule, rule).toBe(rule);
    }
    expect(() => checkChunkSequence(bounds, [])).toThrow(/at least one chunk/);
  });
});

describe("# locateStep", () => {
  it("Should find every step of a chunk with its block context, in order", () => {
    const content: ChunkContent = {
      firstStep: 10n,
      firstBlock: 7n,
      firstDeposit: 20n,
      blocks: [
        { timestamp: 50, depositCount: 2, txs: [tx(3)] },
        { timestamp: 51, depositCount: 0, txs: [] },
        { timestamp: 52, depositCount: 1, txs: [tx(1), tx(2)] },
      ],
    };
    const decoded = decodeChunk(encodeChunks(content)[0]!);
    const kinds = [];
    for (let i = 0n; i < 20n; i++) {
      const ref = locateStep(decoded, i);
      kinds.push(ref && `${ref.kind}@${ref.blockNumber}/${ref.timestamp}/${ref.depositIndex}/${ref.txBytes.length}`);
    }
    expect(kinds).toEqual([
      ...Array(10).fill(null),
      "0@7/50/20/0",
      "0@7/50/21/0",
      "1@7/50/22/3",
      "2@7/50/22/0",
      "2@8/51/22/0",
      "0@9/52/22/0",
      "1@9/52/23/1",
      "1@9/52/23/2",
      "2@9/52/23/0",
      null,
    ]);
    expect(chunkSummary(decoded)).toEqual({
      firstStep: 10n,
      stepCount: 9n,
      firstBlock: 7n,
      blockCount: 3n,
      firstDeposit: 20n,
      depositCount: 3n,
      firstTimestamp: 50n,
      lastTimestamp: 52n,
    });
  });
});

describe("# txRootsHash, stepRootProof, verifyStepRoot", () => {
  const roots = (n: number): Hex[] => Array.from({ length: n }, (_, i) => bytesToHex(keccak256(Uint8Array.of(i))));

  it("Should be the header's txRootsHash and open every root, only at its own index", () => {
    for (const n of [1, 2, 3, 5, 8, 13]) {
      const rs = roots(n);
      const rootsHash = txRootsHash(rs);
      expect(rootsHash).toBe(txRootsHash(rs));
      for (let i = 0; i < n; i++) {
        const proof = stepRootProof(rs, i);
        const params = { rootsHash, stepCount: BigInt(n), index: BigInt(i), root: rs[i]!, proof };
        expect(verifyStepRoot(params)).toBe(true);
        expect(verifyStepRoot({ ...params, root: rs[(i + 1) % n]! })).toBe(n === 1);
        expect(verifyStepRoot({ ...params, index: BigInt(i ^ 1) })).toBe(false);
        expect(verifyStepRoot({ ...params, stepCount: BigInt(i) })).toBe(false);
        if (proof.length > 0) {
          // The leaf's parent passed off as a leaf one level up: its path folds to the right root,
          // but the proof is one sibling short of the tree's depth.
          const pair = i % 2 === 0 ? [rs[i]!, proof[0]!] : [proof[0]!, rs[i]!];
          const parent = bytesToHex(keccak256(new Uint8Array([...hexToBytes(pair[0]!), ...hexToBytes(pair[1]!)])));
          expect(verifyStepRoot({ ...params, index: BigInt(i >> 1), root: parent, proof: proof.slice(1) })).toBe(false);
        }
      }
    }
    expect(() => stepRootProof(roots(3), 3)).toThrow(RangeError);
  });
});
