// The provable batch format (chunks of whole blocks, FastLZ per chunk, length-prefixed
// transactions; sequencer/src/protocol/batch/chunks.ts) against brotli-5 over the same block
// bodies concatenated (node:zlib, quality 5, 22-bit window: the whole-batch format the node posted
// before fraud proofs, kept as the reference), on the same 2,000-transaction lifecycle batch as
// bench/batch.bench.ts: bytes per transaction and encode time. Then the L1 gas of a dispute's decompress + walk
// (Chunks.sol through ChunksHarness.measureLocate, in-process Hardhat network) for the largest
// lifecycle chunk and for the worst chunks a sequencer could craft, by decoded size: the figures
// behind MAX_CHUNK_RAW_BYTES.
//   tsx bench/chunks.bench.ts [transactions per batch]
import { brotliCompressSync, constants } from "node:zlib";
import { createPublicClient, createWalletClient, custom, bytesToHex, type Address, type PublicClient } from "viem";
import { hardhat } from "viem/chains";
import { readArtifact } from "../l1-contracts/scripts/artifacts";
import { hardhatRuntime } from "../l1-contracts/test/fixture";
import {
  ByteWriter,
  chunkSummary,
  decodeChunk,
  decompressChunk,
  encodeChunks,
  encodeTx,
  MAX_CHUNK_BLOCK_BYTES,
  MAX_CHUNK_RAW_BYTES,
  writeChunkBlock,
  type ChunkBlock,
} from "../sequencer/src/protocol";
import { buildLifecycleMix } from "./stf.bench";

export type ChunksBenchResult = {
  txs_per_batch: number;
  formats: Array<{ format: string; bytes_per_tx: number; calldata_bytes_per_tx: number; encode_ms: number; chunks: number }>;
  gas: Array<{ chunk: string; raw_bytes: number; chunk_bytes: number; steps: number; decompress_gas: number; walk_gas: number; total_gas: number }>;
};

/** Transactions per block before the byte cap (the batch bench's block size). */
const BLOCK_TXS = 500;

function timeMs(run: () => unknown, minMs = 300): number {
  let n = 0;
  const started = performance.now();
  do {
    run();
    n++;
  } while (performance.now() - started < minMs);
  return (performance.now() - started) / n;
}

/** Blocks of up to BLOCK_TXS transactions, cut earlier where the chunk format's block cap requires. */
function cutBlocks(txs: Uint8Array[], maxBlockBytes = MAX_CHUNK_BLOCK_BYTES): ChunkBlock[] {
  const blocks: ChunkBlock[] = [];
  let current: Uint8Array[] = [];
  let bytes = 0;
  for (const tx of txs) {
    const size = tx.length + 2;
    if (current.length === BLOCK_TXS || bytes + size > maxBlockBytes - 20) {
      blocks.push({ timestamp: 1_800_000_000 + blocks.length, depositCount: 0, txs: current });
      current = [];
      bytes = 0;
    }
    current.push(tx);
    bytes += size;
  }
  blocks.push({ timestamp: 1_800_000_000 + blocks.length, depositCount: 0, txs: current });
  return blocks;
}

/** ABI calldata of `bytes[]`: an offset and a length word per element, each padded to 32 bytes. */
function abiBytesArraySize(chunks: Uint8Array[]): number {
  return 64 + chunks.reduce((n, c) => n + 64 + Math.ceil(c.length / 32) * 32, 0);
}

/**
 * Worst chunks for the walk and for decompression: one block of empty transactions (one step per
 * raw byte), raw, and FastLZ-framed with as many instructions as a valid stream may have: one-byte
 * literal runs, interleaved with long matches just often enough that the stream stays shorter
 * than its output (a FastLZ chunk must be).
 */
function adversarialChunks(rawBytes: number): Array<{ chunk: string; bytes: Uint8Array }> {
  const header = (n: number) => {
    const w = new ByteWriter();
    for (const v of [0, 1, 0, 1, 1_800_000_000, 0, n]) w.varint(v);
    return w.finish();
  };
  let n = rawBytes - header(rawBytes).length;
  while (header(n).length + n > rawBytes) n--;
  const head = header(n);
  const stream: number[] = [];
  for (const b of head) stream.push(0, b);
  let out = head.length;
  let zeros = n;
  const match = (length: number) => {
    // Copies the byte before (distance 0): zeros, once one zero is out.
    if (length >= 9) stream.push(0xe0, length - 9, 0);
    else stream.push((length - 2) << 5, 0);
    out += length;
    zeros -= length;
  };
  stream.push(0, 0);
  out++;
  zeros--;
  while (zeros > 0) {
    if (stream.length + 2 < out + 1 - 3 && zeros > 9) {
      stream.push(0, 0);
      out++;
      zeros--;
    } else if (zeros >= 9) match(Math.min(264, zeros));
    else if (zeros >= 3) match(zeros);
    else {
      stream.push(0, 0);
      out++;
      zeros--;
    }
  }
  return [
    { chunk: `empty txs, raw, ${rawBytes} B`, bytes: Uint8Array.from([0, ...head, ...new Uint8Array(n)]) },
    { chunk: `empty txs, FastLZ 1-byte literals, ${rawBytes} B`, bytes: Uint8Array.from([1, ...stream]) },
  ];
}

async function deployHarness(): Promise<{ client: PublicClient; address: Address }> {
  const hre = hardhatRuntime();
  const client = createPublicClient({ chain: hardhat, transport: custom(hre.network.provider) });
  const [account] = (await hre.network.provider.request({ method: "eth_accounts" })) as Address[];
  const wallet = createWalletClient({ chain: hardhat, transport: custom(hre.network.provider), account: account! });
  const { abi, bytecode } = readArtifact("ChunksHarness");
  const hash = await wallet.deployContract({ abi, bytecode });
  const address = (await client.waitForTransactionReceipt({ hash })).contractAddress!;
  return { client, address };
}

export async function runChunksBench(txsPerBatch = 2_000): Promise<ChunksBenchResult> {
  const { txs, advanceAt } = buildLifecycleMix(txsPerBatch * 2);
  const start = Math.max(0, advanceAt - txsPerBatch / 2);
  const slice = txs.slice(start, start + txsPerBatch);
  const encoded = slice.map((tx) => encodeTx(tx));
  const blocks = cutBlocks(encoded);
  const content = { firstStep: 0n, firstBlock: 1n, firstDeposit: 0n, blocks };

  // The reference: brotli-5 over the block bodies back to back, one frame for the whole batch.
  const brotli5 = () => {
    const w = new ByteWriter();
    for (const b of blocks) writeChunkBlock(w, b);
    const raw = w.finish();
    return brotliCompressSync(raw, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length, [constants.BROTLI_PARAM_LGWIN]: 22 },
    });
  };
  const brotli = brotli5();
  const chunks = encodeChunks(content);
  const perTx = (n: number) => Math.round((n / slice.length) * 10) / 10;
  const formats = [
    {
      format: "brotli-5 over the concatenated bodies (node:zlib, reference)",
      bytes_per_tx: perTx(brotli.length),
      calldata_bytes_per_tx: perTx(64 + Math.ceil(brotli.length / 32) * 32),
      encode_ms: Math.round(timeMs(brotli5) * 10) / 10,
      chunks: 1,
    },
    {
      format: `FastLZ per chunk of ≤ ${MAX_CHUNK_RAW_BYTES / 1024} KiB (chunks.ts, MAX)`,
      bytes_per_tx: perTx(chunks.reduce((n, c) => n + c.length, 0)),
      calldata_bytes_per_tx: perTx(abiBytesArraySize(chunks)),
      encode_ms: Math.round(timeMs(() => encodeChunks(content)) * 10) / 10,
      chunks: chunks.length,
    },
  ];
  // Smaller chunks (their blocks capped to fit), for the choice of MAX_CHUNK_RAW_BYTES.
  for (const kib of [4, 8].filter((k) => k * 1024 < MAX_CHUNK_RAW_BYTES)) {
    const maxRawBytes = kib * 1024;
    const smallContent = { ...content, blocks: cutBlocks(encoded, maxRawBytes - 35) };
    const small = encodeChunks(smallContent, { maxRawBytes });
    formats.push({
      format: `FastLZ per chunk of ≤ ${kib} KiB`,
      bytes_per_tx: perTx(small.reduce((n, c) => n + c.length, 0)),
      calldata_bytes_per_tx: perTx(abiBytesArraySize(small)),
      encode_ms: Math.round(timeMs(() => encodeChunks(smallContent, { maxRawBytes })) * 10) / 10,
      chunks: small.length,
    });
  }

  const { client, address } = await deployHarness();
  const { abi } = readArtifact("ChunksHarness");
  const measure = async (chunk: Uint8Array, step: bigint) => {
    const [found, decompressGas, walkGas] = (await client.readContract({ abi, address, functionName: "measureLocate", args: [bytesToHex(chunk), step] })) as [
      boolean,
      bigint,
      bigint,
    ];
    if (!found) throw new Error("the measured step was not found");
    return { decompress_gas: Number(decompressGas), walk_gas: Number(walkGas), total_gas: Number(decompressGas + walkGas) };
  };
  const gas: ChunksBenchResult["gas"] = [];
  const largest = [...chunks].sort((a, b) => decompressChunk(b).length - decompressChunk(a).length)[0]!;
  const cases = [{ chunk: "largest lifecycle chunk", bytes: largest }, ...[4096, 8192, MAX_CHUNK_RAW_BYTES].flatMap(adversarialChunks)];
  for (const { chunk, bytes } of cases) {
    const s = chunkSummary(decodeChunk(bytes));
    gas.push({
      chunk,
      raw_bytes: decompressChunk(bytes).length,
      chunk_bytes: bytes.length,
      steps: Number(s.stepCount),
      // The last transaction: the walk passes every byte and copies it.
      ...(await measure(bytes, s.firstStep + s.stepCount - 2n)),
    });
  }
  return { txs_per_batch: slice.length, formats, gas };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await runChunksBench(Number(process.argv[2] ?? 2_000));
  console.log(`${r.txs_per_batch} lifecycle txs per batch`);
  console.table(r.formats);
  console.table(r.gas);
}
