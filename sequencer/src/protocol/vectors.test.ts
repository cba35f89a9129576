// Golden vectors (vectors/*.json, docs/protocol.md): every vector is recomputed from its fixed
// inputs by the production code and compared byte for byte with the committed file, and every
// committed encoding is decoded and compared with its inputs. A round-trip test passes when the
// encoder and the decoder change together; these fail, so a format change has to be deliberate
// (regenerate with `npm run vectors` and review the diff).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeAbiParameters, hashTypedData, type Address, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { createReviewProver, type ReviewProver } from "../../../client/src/reviews";

import { LibZip } from "solady";
import {
  batchHeaderHash,
  CHUNK_CODECS,
  checkChunkSequence,
  chunkSummary,
  dataCommitment,
  decodeChunk,
  encodeChunks,
  fastlzDecompress,
  locateStep,
  MAX_CHUNK_RAW_BYTES,
  parseBlockBody,
  STEP_KINDS,
  txRootsHash,
  verifyStepRoot,
  type BatchHeader,
  type ChunkSummary,
  blockHash,
  packProof,
  unpackProof,
} from ".";
import { createReviewProofVerifier, type ReviewProofVerifier } from "../proofs";

import { bytesToHex, hexToBytes, keccak256, keccak256Parts, uintToBytes } from "../crypto";
import { ReviewTree } from "../reviews";
import { encodeLeaf, leafAbi, leafKey, NAMESPACES, projectLeaf, type Namespace } from "../state";
import { EMPTY, keyBit, StateTree, verifyProof, type StateProof } from "../tree";
import { depositQueueHash, forcedQueueHash } from "./depositQueueHash";
import {
  ByteWriter,
  decodeTx,
  eip712Types,
  fieldToJson,
  parseTx,
  recoverSigner,
  recoverTx,
  sutureDomain,
  TX_TYPES,
  txHash,
  typedDataDigest,
  type TxJson,
  type TxType,
} from "./index";
import { computeBatchVectors } from "./vectors/batchVectors";
import { computeBlobUploadVectors } from "./vectors/blobUploadVectors";
import { computeBlockVectors } from "./vectors/blockVectors";
import { computeDepositQueueVectors } from "./vectors/depositQueueVectors";
import { computeGenesisVectors } from "./vectors/genesisVectors";
import { LEAF_INPUTS } from "./vectors/inputs";
import { computeReviewVectors } from "./vectors/reviewVectors";
import { computeStateLeafVectors } from "./vectors/stateLeafVectors";
import { computeStateTreeVectors } from "./vectors/stateTreeVectors";
import { computeTransactionVectors } from "./vectors/transactionVectors";
import { readVectors, type Json } from "./vectors/vectorFiles";
import { computeWithdrawalVectors } from "./vectors/withdrawalVectors";

// ---------------------------------------------------------------------------------------------
// The committed files, typed as far as the checks below read them.

type TxVector = { name: string; type: TxType; signer: string | null; envelope: TxJson; digest: Hex | null; encoded: Hex; hash: Hex };
type TransactionFile = {
  domain: { name: string; version: string; chainId: number; verifyingContract: Address };
  keys: Record<string, Hex>;
  types: Record<string, { code: number; fields: { name: string; type: string }[] }>;
  vectors: TxVector[];
};
type BodyJson = { timestamp: number; depositCount: number; txs: TxJson[] };
type BlockFile = {
  body: BodyJson;
  txs: Hex[];
  encoded: Hex;
  blockHash: { parentHash: Hex; number: string; timestamp: number; bodyHash: Hex; stateRoot: Hex; hash: Hex };
};
type ChunkContentJson = { firstStep: string; firstBlock: string; firstDeposit: string; blocks: { timestamp: number; depositCount: number; txs: Hex[] }[] };
type BatchFile = {
  content: { firstStep: string; firstBlock: string; firstDeposit: string; blocks: BodyJson[] };
  maxRawBytes: number;
  chunks: { codec: keyof typeof CHUNK_CODECS; bytes: Hex; hash: Hex; payload: Hex; decoded: ChunkContentJson; summary: Record<keyof ChunkSummary, string> }[];
  dataCommitment: Hex;
  stepRoots: Hex[];
  steps: {
    index: string;
    kind: keyof typeof STEP_KINDS;
    chunkIndex: number;
    blockNumber: string;
    timestamp: string;
    depositIndex: string;
    tx: Hex | null;
    root: Hex;
    proof: Hex[];
  }[];
  header: Record<keyof BatchHeader, string>;
  headerAbi: Hex;
  headerHash: Hex;
  defaultChunks: { chunks: Hex[]; dataCommitment: Hex };
  stepRootsHashes: { roots: Hex[]; hash: Hex; proofs: Hex[][] }[];
};
type DepositFile = {
  queueHash0: Hex;
  deposits: { index: string; l1Sender: Address; l2Recipient: Address; amount: string; packed: Hex; queueHash: Hex }[];
  forced: { index: string; l1Sender: Address; name: string; transaction: Hex; transactionHash: Hex; packed: Hex; queueHash: Hex }[];
};
type WithdrawalFile = {
  leaves: { id: string; recipient: Address; amount: string; keyPreimage: Hex; key: Hex; value: Hex; valueHash: Hex; siblings: Hex[] }[];
  treeRoot: Hex;
};
type TreeFile = {
  emptyRoot: Hex;
  ops: { op: "set" | "delete"; key: Hex; valueHash?: Hex; root: Hex }[];
  root: Hex;
  proofs: { key: Hex; kind: "inclusion" | "exclusion-empty" | "exclusion-other-leaf"; valueHash: Hex | null; proof: StateProof }[];
};
type LeafFile = {
  namespaces: Record<string, number>;
  leaves: {
    namespace: Namespace;
    namespaceByte: number;
    id: string;
    keyPreimage: Hex;
    key: Hex;
    abiType: string;
    value: Hex;
    valueHash: Hex;
  }[];
};
type GenesisFile = {
  params: Record<string, Json>;
  leaves: { namespace: Namespace; id: string; value: Hex; key: Hex; valueHash: Hex }[];
  stateRoot: Hex;
};
type BlobUploadFile = {
  domain: { name: string; version: string; chainId: number; verifyingContract: Address };
  fields: { name: string; type: string }[];
  encodeType: string;
  typeHash: Hex;
  vectors: {
    name: string;
    signer: string;
    data?: Hex;
    upload: { hash: Hex; size: number; expiry: string };
    structHash: Hex;
    digest: Hex;
    signature: Hex;
    uploader: Address;
  }[];
};
type Groth16Json = { pi_a: [string, string, string]; pi_b: [[string, string], [string, string], [string, string]]; pi_c: [string, string, string] };
type ReviewFile = {
  field: string;
  secrets: { privateKey: Hex; caseId: string; okm: Hex; s: string; doctor: Hex; commitment: string; leaf: string; nullifier: string }[];
  tree: { leaves: string[]; root: string };
  witness: {
    review: { rating: number; worthIt: boolean; textHash: Hex };
    inputs: { s: string; leafIndex: number; siblings: string[]; root: string; doctor: string; nullifier: string; message: string };
    publicSignals: string[];
  };
  proof: { groth16: Groth16Json & { protocol: "groth16"; curve: "bn128" }; packed: string[] };
};

const transactions = readVectors<TransactionFile>("transactions");
const block = readVectors<BlockFile>("block");
const batch = readVectors<BatchFile>("batch");
const depositQueue = readVectors<DepositFile>("depositQueue");
const withdrawals = readVectors<WithdrawalFile>("withdrawals");
const stateTree = readVectors<TreeFile>("stateTree");
const stateLeaves = readVectors<LeafFile>("stateLeaves");
const genesis = readVectors<GenesisFile>("genesis");
const reviews = readVectors<ReviewFile>("reviews");
const blobUploads = readVectors<BlobUploadFile>("blobUploads");

const domain = sutureDomain(transactions.domain);
const withoutFrom = ({ from: _from, ...rest }: TxJson): TxJson => rest;

/** An ABI value as viem decodes it, from either side: integers as bigint, hex (addresses too) in lower case. */
function abiValue(v: unknown): unknown {
  if (typeof v === "number") return BigInt(v);
  if (typeof v === "string") return v.toLowerCase();
  if (Array.isArray(v)) return v.map(abiValue);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, abiValue(x)]));
  return v;
}

/** A decoded transaction in the committed envelope's terms (JSON message, sender recovered). */
function envelopeOf(decoded: ReturnType<typeof decodeTx>): TxJson {
  const out: TxJson = { type: decoded.type, message: fieldToJson(decoded.message) as Record<string, unknown> };
  if (decoded.signature) out.signature = decoded.signature;
  return out;
}

/** A step root's proof folded up as docs/protocol.md says, written out independently of stepRoots.ts. */
function foldStepRoot(index: bigint, root: Hex, proof: Hex[]): Hex {
  let node = hexToBytes(root);
  for (const [level, sibling] of proof.entries()) {
    node = (index >> BigInt(level)) & 1n ? keccak256Parts(hexToBytes(sibling), node) : keccak256Parts(node, hexToBytes(sibling));
  }
  return bytesToHex(node);
}

// ---------------------------------------------------------------------------------------------

describe("golden vectors", () => {
  describe("# transactions", () => {
    const computed = computeTransactionVectors() as unknown as TransactionFile & Record<string, Json>;
    const byName = new Map(computed.vectors.map((v) => [v.name, v]));

    it("Should pin the domain, every type's code, field list and EIP-712 type string", () => {
      const { vectors: _committedVectors, ...committedRest } = transactions as TransactionFile & Record<string, Json>;
      const { vectors: _computedVectors, ...computedRest } = computed;
      expect(computedRest).toEqual(committedRest);
      expect(Object.fromEntries(Object.entries(transactions.types).map(([type, t]) => [type, t.code]))).toEqual(
        Object.fromEntries(Object.entries(TX_TYPES).map(([type, t]) => [type, t.code])),
      );
    });

    it("Should have a vector of every transaction type, edge vectors included", () => {
      const covered = new Set(transactions.vectors.map((v) => v.type));
      expect([...covered].sort()).toEqual(Object.keys(TX_TYPES).sort());
      expect(transactions.vectors.length).toBeGreaterThan(Object.keys(TX_TYPES).length);
      expect(computed.vectors.map((v) => v.name)).toEqual(transactions.vectors.map((v) => v.name));
    });

    it.each(transactions.vectors.map((v) => [v.name, v] as const))("Should recompute %s from its inputs", (name, committed) => {
      expect(byName.get(name)).toEqual(committed);
    });

    it.each(transactions.vectors.map((v) => [v.name, v] as const))("Should decode the committed bytes of %s back to its envelope", (_name, v) => {
      const bytes = hexToBytes(v.encoded);
      expect(bytes[0]).toBe(transactions.types[v.type]!.code);
      const decoded = decodeTx(bytes);
      expect(envelopeOf(decoded)).toEqual(withoutFrom(v.envelope));
      // The JSON envelope parses to the very message the bytes carry.
      expect(parseTx(v.envelope).message).toEqual(decoded.message);
      expect(recoverTx({ domain, tx: decoded }).from).toBe(v.envelope.from ?? null);
      // The hash is keccak256 of the binary form, nothing else.
      expect(bytesToHex(keccak256(bytes))).toBe(v.hash);
      expect(txHash(recoverTx({ domain, tx: decoded }))).toBe(v.hash);
      if (v.digest === null) {
        expect(v.envelope.signature).toBeUndefined();
      } else {
        expect(bytesToHex(typedDataDigest(domain, v.type, decoded.message))).toBe(v.digest);
        expect(recoverSigner(hexToBytes(v.digest), v.envelope.signature as Hex)).toBe(v.envelope.from);
      }
    });

    it("Should agree with viem on every EIP-712 digest, and sign deterministically (RFC 6979) as viem does", async () => {
      for (const v of transactions.vectors) {
        if (v.signer === null) continue;
        const message = decodeTx(hexToBytes(v.encoded)).message;
        const typedData = { domain, types: eip712Types(v.type), primaryType: v.type, message } as const;
        expect(hashTypedData(typedData), v.name).toBe(v.digest);
        const account = privateKeyToAccount(transactions.keys[v.signer]!);
        expect(account.address.toLowerCase(), v.name).toBe(v.envelope.from);
        expect(await account.signTypedData(typedData), v.name).toBe(v.envelope.signature);
      }
    });
  });

  describe("# block body", () => {
    it("Should recompute the body bytes and the block hash from their inputs", () => {
      expect(computeBlockVectors()).toEqual(block);
    });

    it("Should decode the committed body back to its length-prefixed transactions", () => {
      const body = parseBlockBody(hexToBytes(block.encoded));
      expect(body.txs.map(bytesToHex)).toEqual(block.txs);
      expect({ ...body, txs: body.txs.map((tx) => envelopeOf(decodeTx(tx))) }).toEqual({ ...block.body, txs: block.body.txs.map(withoutFrom) });
      // Written out: each transaction is its length as a varint, then its bytes.
      const w = new ByteWriter();
      w.varint(block.body.timestamp);
      w.varint(block.body.depositCount);
      w.varint(block.txs.length);
      for (const tx of block.txs) {
        w.varint(hexToBytes(tx).length);
        w.bytes(hexToBytes(tx));
      }
      expect(bytesToHex(w.finish())).toBe(block.encoded);
      const { parentHash, number, timestamp, bodyHash, stateRoot, hash } = block.blockHash;
      expect(bytesToHex(keccak256(hexToBytes(block.encoded)))).toBe(bodyHash);
      expect(blockHash({ parentHash, number: BigInt(number), timestamp, body: hexToBytes(block.encoded), stateRoot })).toBe(hash);
    });
  });

  describe("# batch", () => {
    const header = Object.fromEntries(Object.entries(batch.header).map(([k, v]) => [k, /^\d+$/.test(v) ? BigInt(v) : v])) as unknown as BatchHeader;
    const chunks = batch.chunks.map((c) => hexToBytes(c.bytes));
    const asSummary = (s: Record<keyof ChunkSummary, string>) => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, BigInt(v)])) as ChunkSummary;
    const contentOf = (c: ChunkContentJson) => ({
      firstStep: BigInt(c.firstStep),
      firstBlock: BigInt(c.firstBlock),
      firstDeposit: BigInt(c.firstDeposit),
      blocks: c.blocks.map((b) => ({ ...b, txs: b.txs.map(hexToBytes) })),
    });

    it("Should recompute the chunks, steps, step roots, header and every commitment from their inputs", () => {
      expect(computeBatchVectors()).toEqual(batch);
    });

    it("Should frame each committed chunk as its codec says: raw is the payload, FastLZ inflates to it and is shorter", () => {
      expect(batch.chunks.map((c) => c.codec)).toEqual(["fastlz", "raw"]);
      for (const [i, c] of batch.chunks.entries()) {
        const bytes = chunks[i]!;
        expect(bytes[0], c.codec).toBe(CHUNK_CODECS[c.codec]);
        expect(bytesToHex(keccak256(bytes))).toBe(c.hash);
        const payload = hexToBytes(c.payload);
        expect(payload.length).toBeLessThanOrEqual(batch.maxRawBytes);
        if (c.codec === "raw") {
          expect(bytesToHex(bytes.subarray(1))).toBe(c.payload);
        } else {
          expect(bytes.length - 1).toBeLessThan(payload.length);
          expect(bytesToHex(fastlzDecompress(bytes.subarray(1), MAX_CHUNK_RAW_BYTES))).toBe(c.payload);
          // Solady's LibZip, the decompressor the bridge runs, reads the same stream.
          expect(LibZip.flzDecompress(bytesToHex(bytes.subarray(1)))).toBe(c.payload);
        }
      }
    });

    it("Should decode each committed chunk to its committed content, whose transactions are the vector blocks'", () => {
      for (const [i, c] of batch.chunks.entries()) {
        const decoded = decodeChunk(chunks[i]!);
        expect(decoded).toEqual(contentOf(c.decoded));
        expect(chunkSummary(decoded)).toEqual(asSummary(c.summary));
        // The payload written out by hand: four varints, then the block bodies.
        const w = new ByteWriter();
        for (const n of [c.decoded.firstStep, c.decoded.firstBlock, c.decoded.firstDeposit]) w.varint(BigInt(n));
        w.varint(c.decoded.blocks.length);
        for (const b of c.decoded.blocks) {
          w.varint(b.timestamp);
          w.varint(b.depositCount);
          w.varint(b.txs.length);
          for (const tx of b.txs) {
            w.varint(hexToBytes(tx).length);
            w.bytes(hexToBytes(tx));
          }
        }
        expect(bytesToHex(w.finish())).toBe(c.payload);
      }
      const blocks = batch.chunks.flatMap((c) => c.decoded.blocks);
      expect(blocks.map((b) => ({ ...b, txs: b.txs.map((tx) => envelopeOf(decodeTx(hexToBytes(tx)))) }))).toEqual(
        batch.content.blocks.map((b) => ({ ...b, txs: b.txs.map(withoutFrom) })),
      );
      const content = {
        firstStep: 0n,
        firstBlock: BigInt(batch.content.firstBlock),
        firstDeposit: BigInt(batch.content.firstDeposit),
        blocks: blocks.map((b) => ({ ...b, txs: b.txs.map(hexToBytes) })),
      };
      expect(encodeChunks(content, { maxRawBytes: batch.maxRawBytes }).map(bytesToHex)).toEqual(batch.chunks.map((c) => c.bytes));
      expect(encodeChunks(content).map(bytesToHex)).toEqual(batch.defaultChunks.chunks);
    });

    it("Should link the chunks to each other and to the header", () => {
      const bounds = { ...header, prevLastTimestamp: 0n };
      expect(() =>
        checkChunkSequence(
          bounds,
          batch.chunks.map((c) => asSummary(c.summary)),
        ),
      ).not.toThrow();
      // Swapped, the chunks break the first link rule.
      expect(() => checkChunkSequence(bounds, batch.chunks.map((c) => asSummary(c.summary)).reverse())).toThrow(/firstStep/);
    });

    it("Should commit to the chunks as keccak256 of their hashes, as txDataHash", () => {
      const hashes = Uint8Array.from(batch.chunks.flatMap((c) => [...hexToBytes(c.hash)]));
      expect(bytesToHex(keccak256(hashes))).toBe(batch.dataCommitment);
      expect(dataCommitment(chunks)).toBe(batch.dataCommitment);
      expect(header.txDataHash).toBe(batch.dataCommitment);
      expect(dataCommitment(batch.defaultChunks.chunks.map(hexToBytes))).toBe(batch.defaultChunks.dataCommitment);
    });

    it("Should list one step per deposit, per transaction and per block fold, each found in its chunk with its committed root and proof", () => {
      const kinds = batch.content.blocks.flatMap((b) => [...Array(b.depositCount).fill("deposit"), ...b.txs.map(() => "tx"), "fold"]);
      expect(batch.steps.map((s) => s.kind)).toEqual(kinds);
      expect(batch.steps.map((s) => s.root)).toEqual(batch.stepRoots);
      expect(header.stepCount).toBe(BigInt(batch.stepRoots.length));
      expect(batch.stepRoots.at(-1)).toBe(header.postStateRoot);
      expect(txRootsHash(batch.stepRoots)).toBe(header.txRootsHash);
      for (const s of batch.steps) {
        const ref = locateStep(decodeChunk(chunks[s.chunkIndex]!), BigInt(s.index))!;
        expect(ref.kind, s.index).toBe(STEP_KINDS[s.kind]);
        expect([ref.blockNumber, ref.timestamp, ref.depositIndex].map(String)).toEqual([s.blockNumber, s.timestamp, s.depositIndex]);
        expect(s.kind === "tx" ? bytesToHex(ref.txBytes) : null).toBe(s.tx);
        expect(verifyStepRoot({ rootsHash: header.txRootsHash, stepCount: header.stepCount, index: BigInt(s.index), root: s.root, proof: s.proof })).toBe(true);
        expect(foldStepRoot(BigInt(s.index), s.root, s.proof)).toBe(header.txRootsHash);
      }
    });

    it("Should hash the committed header as the bridge does, consistently with the other vectors", () => {
      expect(batchHeaderHash(header)).toBe(batch.headerHash);
      expect(bytesToHex(keccak256(hexToBytes(batch.headerAbi)))).toBe(batch.headerHash);
      // A static tuple: fourteen 32-byte words in field order.
      expect(hexToBytes(batch.headerAbi).length).toBe(14 * 32);
      expect(header.prevStateRoot).toBe(genesis.stateRoot);
      expect(header.postStateRoot).toBe(withdrawals.treeRoot);
      expect(header.queueHash).toBe(depositQueue.deposits[Number(header.queueEnd) - 1]!.queueHash);
      expect(header.proposer).toBe(privateKeyToAccount(transactions.keys.board!).address.toLowerCase());
    });

    it("Should pin the step-roots commitment as a zero-padded keccak Merkle root, with depth-long proofs", () => {
      for (const { roots, hash, proofs } of batch.stepRootsHashes) {
        expect(txRootsHash(roots)).toBe(hash);
        // Independent fold: pad with zero hashes to a power of two, then hash pairs up to one.
        let level = roots.map(hexToBytes);
        if (level.length === 0) level = [EMPTY];
        while (level.length & (level.length - 1)) level.push(EMPTY);
        while (level.length > 1) level = level.flatMap((_, i) => (i % 2 ? [] : [keccak256Parts(level[i]!, level[i + 1]!)]));
        expect(bytesToHex(level[0]!)).toBe(hash);
        for (const [i, proof] of proofs.entries()) {
          expect(proof.length).toBe(Math.ceil(Math.log2(roots.length)));
          expect(foldStepRoot(BigInt(i), roots[i]!, proof)).toBe(hash);
        }
      }
    });
  });

  describe("# deposit queue", () => {
    it("Should recompute the hash chain from the deposits", () => {
      expect(computeDepositQueueVectors()).toEqual(depositQueue);
    });

    it("Should hash the committed packed items, whose fields are the deposits", () => {
      let previous = depositQueue.queueHash0;
      expect(previous).toBe(bytesToHex(EMPTY));
      for (const d of depositQueue.deposits) {
        const packed = hexToBytes(d.packed);
        expect(packed.length).toBe(112);
        expect(bytesToHex(packed.subarray(0, 32))).toBe(previous);
        expect(BigInt(bytesToHex(packed.subarray(32, 40)))).toBe(BigInt(d.index));
        expect(bytesToHex(packed.subarray(40, 60))).toBe(d.l1Sender);
        expect(bytesToHex(packed.subarray(60, 80))).toBe(d.l2Recipient);
        expect(BigInt(bytesToHex(packed.subarray(80, 112)))).toBe(BigInt(d.amount));
        expect(bytesToHex(keccak256(packed))).toBe(d.queueHash);
        const deposit = { index: BigInt(d.index), l1Sender: d.l1Sender, l2Recipient: d.l2Recipient, amount: BigInt(d.amount) };
        expect(depositQueueHash({ previous, deposit })).toBe(d.queueHash);
        previous = d.queueHash;
      }
    });

    it("Should hash the committed packed forced items after the deposits, whose bytes are the named transaction vector's", () => {
      expect(depositQueue.forced.length).toBeGreaterThan(0);
      let previous = depositQueue.deposits[depositQueue.deposits.length - 1]!.queueHash;
      for (const [i, item] of depositQueue.forced.entries()) {
        expect(BigInt(item.index)).toBe(BigInt(depositQueue.deposits.length + i));
        // The forced bytes are a signed transaction of the transaction vectors, as a user would force it.
        expect(item.transaction).toBe(transactions.vectors.find((v) => v.name === item.name)!.encoded);
        expect(item.transactionHash).toBe(bytesToHex(keccak256(hexToBytes(item.transaction))));
        const packed = hexToBytes(item.packed);
        expect(packed.length).toBe(93);
        expect(bytesToHex(packed.subarray(0, 32))).toBe(previous);
        expect(BigInt(bytesToHex(packed.subarray(32, 40)))).toBe(BigInt(item.index));
        expect(packed[40]).toBe(0x01);
        expect(bytesToHex(packed.subarray(41, 61))).toBe(item.l1Sender);
        expect(bytesToHex(packed.subarray(61, 93))).toBe(item.transactionHash);
        expect(bytesToHex(keccak256(packed))).toBe(item.queueHash);
        expect(forcedQueueHash({ previous, item: { index: BigInt(item.index), l1Sender: item.l1Sender, transaction: item.transaction } })).toBe(item.queueHash);
        previous = item.queueHash;
      }
    });
  });

  describe("# withdrawal leaf", () => {
    it("Should recompute keys, value hashes and proofs from the withdrawals", () => {
      expect(computeWithdrawalVectors()).toEqual(withdrawals);
    });

    it("Should hash the committed preimages, which decode to the withdrawals, and prove each leaf", () => {
      for (const w of withdrawals.leaves) {
        expect(w.keyPreimage).toBe(`0x09${BigInt(w.id).toString(16).padStart(16, "0")}`);
        expect(bytesToHex(keccak256(hexToBytes(w.keyPreimage)))).toBe(w.key);
        expect(decodeAbiParameters([{ type: "uint64" }, { type: "address" }, { type: "uint256" }], w.value)).toEqual([
          BigInt(w.id),
          expect.stringMatching(new RegExp(`^${w.recipient}$`, "i")),
          BigInt(w.amount),
        ]);
        expect(bytesToHex(keccak256(hexToBytes(w.value)))).toBe(w.valueHash);
        const proof = { siblings: w.siblings, leaf: { key: w.key, valueHash: w.valueHash } };
        expect(verifyProof({ root: hexToBytes(withdrawals.treeRoot), key: hexToBytes(w.key), valueHash: hexToBytes(w.valueHash), proof })).toBe(true);
      }
    });
  });

  describe("# state tree", () => {
    /** The proof fold of docs/protocol.md, written out independently of sequencer/src/tree. */
    function foldProof(key: Hex, start: Uint8Array, siblings: Hex[]): Hex {
      let h = start;
      for (let i = siblings.length - 1; i >= 0; i--) {
        const s = hexToBytes(siblings[i]!);
        h = keyBit(hexToBytes(key), i) ? keccak256Parts(s, h) : keccak256Parts(h, s);
      }
      return bytesToHex(h);
    }
    const leafHashOf = (key: Hex, valueHash: Hex) => keccak256Parts(new Uint8Array([1]), hexToBytes(key), hexToBytes(valueHash));

    it("Should recompute every root and proof from the writes", () => {
      expect(computeStateTreeVectors()).toEqual(stateTree);
    });

    it("Should rebuild the committed roots from the committed writes", () => {
      const tree = new StateTree();
      expect(bytesToHex(tree.root())).toBe(stateTree.emptyRoot);
      for (const op of stateTree.ops) {
        if (op.op === "set") tree.set(hexToBytes(op.key), hexToBytes(op.valueHash!));
        else tree.delete(hexToBytes(op.key));
        expect(bytesToHex(tree.root())).toBe(op.root);
      }
    });

    it.each(stateTree.proofs.map((p) => [p.kind, p] as const))("Should verify the committed %s proof, folding it as specified", (kind, p) => {
      const root = hexToBytes(stateTree.root);
      const key = hexToBytes(p.key);
      expect(verifyProof({ root, key, valueHash: p.valueHash ? hexToBytes(p.valueHash) : null, proof: p.proof })).toBe(true);
      const start = kind === "exclusion-empty" ? EMPTY : leafHashOf(p.proof.leaf!.key, p.proof.leaf!.valueHash);
      expect(foldProof(p.key, start, p.proof.siblings)).toBe(stateTree.root);
      if (kind === "exclusion-other-leaf") expect(p.proof.leaf!.key).not.toBe(p.key);
    });
  });

  describe("# state leaves", () => {
    it("Should recompute every namespace's key and value hash from its value", () => {
      expect(computeStateLeafVectors()).toEqual(stateLeaves);
    });

    it("Should cover every namespace, with its byte", () => {
      expect(stateLeaves.namespaces).toEqual(NAMESPACES);
      expect(stateLeaves.leaves.map((l) => l.namespace).sort()).toEqual(Object.keys(NAMESPACES).sort());
    });

    it.each(stateLeaves.leaves.map((l) => [l.namespace, l] as const))("Should decode the committed %s leaf back to its value", (namespace, leaf) => {
      const input = LEAF_INPUTS.find((l) => l.namespace === namespace)!;
      expect(bytesToHex(keccak256(hexToBytes(leaf.keyPreimage)))).toBe(leaf.key);
      expect(bytesToHex(leafKey(namespace, leaf.id))).toBe(leaf.key);
      expect(hexToBytes(leaf.keyPreimage)[0]).toBe(NAMESPACES[namespace]);
      if (namespace === "pack" || namespace === "lot") {
        // A pack's or lot's key hashes the two parts of `<gtin>/<serial or lot>` apart, so the
        // twin derives it from the hashes a leaf holds: namespace byte ‖ keccak256(gtin) ‖ keccak256(name).
        const [gtin, name] = [leaf.id.slice(0, leaf.id.indexOf("/")), leaf.id.slice(leaf.id.indexOf("/") + 1)];
        const utf8 = (s: string) => new TextEncoder().encode(s);
        expect(leaf.keyPreimage).toBe(bytesToHex(new Uint8Array([NAMESPACES[namespace], ...keccak256(utf8(gtin)), ...keccak256(utf8(name))])));
        const projected = projectLeaf(namespace, input.value as never) as { gtin: Hex };
        expect(projected.gtin).toBe(bytesToHex(keccak256(utf8(gtin))));
      } else if (namespace !== "withdrawal") {
        expect(leaf.keyPreimage).toBe(bytesToHex(new Uint8Array([NAMESPACES[namespace], ...new TextEncoder().encode(leaf.id)])));
      }
      expect(bytesToHex(keccak256(hexToBytes(leaf.value)))).toBe(leaf.valueHash);
      // The committed bytes are abi.encode of the input's projection, and decode as its ABI type.
      const [decoded] = decodeAbiParameters([leafAbi(namespace)], leaf.value);
      expect(abiValue(decoded)).toEqual(abiValue(projectLeaf(namespace, input.value as never)));
      expect(bytesToHex(encodeLeaf(namespace, input.value as never))).toBe(leaf.value);
    });
  });

  describe("# genesis", () => {
    it("Should recompute the genesis root from the parameters", () => {
      expect(computeGenesisVectors()).toEqual(genesis);
    });

    it("Should rebuild the genesis root from the committed leaves, which hold the parameters but the bridge", () => {
      const tree = new StateTree();
      for (const leaf of genesis.leaves) {
        expect(bytesToHex(leafKey(leaf.namespace, leaf.id))).toBe(leaf.key);
        expect(bytesToHex(keccak256(hexToBytes(leaf.value)))).toBe(leaf.valueHash);
        tree.set(hexToBytes(leaf.key), hexToBytes(leaf.valueHash));
      }
      expect(bytesToHex(tree.root())).toBe(genesis.stateRoot);
      const { bridge: _bridge, ...committed } = genesis.params;
      const [decoded] = decodeAbiParameters([leafAbi("params")], genesis.leaves.find((l) => l.namespace === "params")!.value);
      const fees = committed.fees as Record<string, string>;
      const params = { ...committed, fees: { perByte: BigInt(fees.perByte!), perWorkUnit: BigInt(fees.perWorkUnit!) } };
      expect(abiValue(decoded)).toEqual(abiValue(projectLeaf("params", params as never)));
    });
  });

  describe("# blob upload authorization", () => {
    it("Should recompute the type, struct hashes, digests and signatures from their inputs", () => {
      expect(computeBlobUploadVectors()).toEqual(blobUploads);
    });

    it("Should hash the committed fields as EIP-712 says, agree with viem, and recover the uploader", async () => {
      expect(bytesToHex(keccak256(new TextEncoder().encode(blobUploads.encodeType)))).toBe(blobUploads.typeHash);
      const uploadDomain = sutureDomain(blobUploads.domain);
      for (const v of blobUploads.vectors) {
        if (v.data !== undefined) {
          expect(bytesToHex(keccak256(hexToBytes(v.data))), v.name).toBe(v.upload.hash);
          expect(hexToBytes(v.data).length, v.name).toBe(v.upload.size);
        }
        const word = (n: bigint) => uintToBytes(n, 32);
        const struct = keccak256Parts(hexToBytes(blobUploads.typeHash), hexToBytes(v.upload.hash), word(BigInt(v.upload.size)), word(BigInt(v.upload.expiry)));
        expect(bytesToHex(struct), v.name).toBe(v.structHash);
        const message = { ...v.upload, expiry: BigInt(v.upload.expiry) };
        const typedData = { domain: uploadDomain, types: { BlobUpload: blobUploads.fields }, primaryType: "BlobUpload", message } as const;
        expect(hashTypedData(typedData), v.name).toBe(v.digest);
        expect(recoverSigner(hexToBytes(v.digest), v.signature), v.name).toBe(v.uploader);
        expect(await privateKeyToAccount(transactions.keys[v.signer]!).signTypedData(typedData), v.name).toBe(v.signature);
      }
    });
  });

  describe("# reviews", () => {
    let prover: ReviewProver;
    let verifier: ReviewProofVerifier;
    beforeAll(async () => {
      prover = await createReviewProver();
      verifier = createReviewProofVerifier();
    });
    afterAll(async () => {
      await prover.close();
    });

    it("Should recompute secrets, hashes, messages, the tree and the public signals from their inputs", () => {
      const { proof: _proof, ...deterministic } = reviews;
      expect(computeReviewVectors()).toEqual(deterministic);
    });

    it("Should reduce the committed HKDF output to the secret, and build the committed tree", () => {
      for (const s of reviews.secrets) expect(BigInt(s.okm) % BigInt(reviews.field)).toBe(BigInt(s.s));
      expect(new ReviewTree(reviews.tree.leaves.map(BigInt)).root).toBe(BigInt(reviews.tree.root));
      expect(reviews.witness.inputs.root).toBe(reviews.tree.root);
      expect(reviews.witness.publicSignals).toEqual([
        reviews.witness.inputs.root,
        reviews.witness.inputs.doctor,
        reviews.witness.inputs.nullifier,
        reviews.witness.inputs.message,
      ]);
    });

    it("Should pack the committed snarkjs proof in the committed word order (G2 coordinates swapped) and back", () => {
      const { groth16, packed } = reviews.proof;
      const { pi_a: a, pi_b: b, pi_c: c } = groth16;
      expect(packed).toEqual([a[0], a[1], b[0][1], b[0][0], b[1][1], b[1][0], c[0], c[1]]);
      expect(packProof(groth16).map(String)).toEqual(packed);
      expect(unpackProof(packed.map(BigInt))).toEqual(groth16);
    });

    it("Should verify the committed proof against the committed public signals", async () => {
      const proof = reviews.proof.packed.map(BigInt);
      const publicSignals = reviews.witness.publicSignals.map(BigInt);
      expect(await verifier.verify({ publicSignals, proof })).toBe(true);
      expect(await verifier.verify({ publicSignals: publicSignals.map((x, i) => (i === 3 ? x + 1n : x)), proof })).toBe(false);
    });

    it("Should prove the committed witness to the committed public signals, through a packed proof that round-trips and verifies", async () => {
      const { inputs, review } = reviews.witness;
      const fresh = await prover.prove({
        secret: BigInt(inputs.s),
        doctor: reviews.secrets[0]!.doctor,
        leaves: reviews.tree.leaves.map(BigInt),
        leafIndex: inputs.leafIndex,
        ...review,
      });
      expect(fresh.publicSignals.map(String)).toEqual(reviews.witness.publicSignals);
      expect(packProof(unpackProof(fresh.proof))).toEqual(fresh.proof);
      expect(await verifier.verify(fresh)).toBe(true);
    });
  });
});
