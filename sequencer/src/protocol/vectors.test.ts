// Golden vectors (vectors/*.json, docs/protocol.md): every vector is recomputed from its fixed
// inputs by the production code and compared byte for byte with the committed file, and every
// committed encoding is decoded and compared with its inputs. A round-trip test passes when the
// encoder and the decoder change together; these fail, so a format change has to be deliberate
// (regenerate with `npm run vectors` and review the diff).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeAbiParameters, hashTypedData, type Address, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { createReviewProver, type ReviewProver } from "../../../client/src/reviews";

import {
  BATCH_VERSION,
  batchHeaderHash,
  CODECS,
  decodeBatchData,
  encodeBatchData,
  txRootsHash,
  type BatchHeader,
  type Codec,
  blockHash,
  readBlockBody,
  packProof,
  unpackProof,
} from ".";
import { createReviewProofVerifier, type ReviewProofVerifier } from "../proofs";

import { bytesToHex, hexToBytes, keccak256, keccak256Parts, uintToBytes } from "../crypto";
import { ReviewTree } from "../reviews";
import { encodeLeaf, leafAbi, leafKey, NAMESPACES, projectLeaf, type Namespace } from "../state";
import { EMPTY, keyBit, StateTree, verifyProof, type StateProof } from "../tree";
import { depositQueueHash } from "./depositQueueHash";
import {
  ByteReader,
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
  encoded: Hex;
  blockHash: { parentHash: Hex; number: string; timestamp: number; bodyHash: Hex; stateRoot: Hex; hash: Hex };
};
type BatchFile = {
  content: { firstBlock: string; blocks: BodyJson[] };
  payload: Hex;
  frames: Record<Codec, Hex>;
  header: Record<keyof BatchHeader, string>;
  headerAbi: Hex;
  headerHash: Hex;
  txRootsHashes: { roots: Hex[]; hash: Hex }[];
};
type DepositFile = {
  queueHash0: Hex;
  deposits: { index: string; l1Sender: Address; l2Recipient: Address; amount: string; packed: Hex; queueHash: Hex }[];
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

    it("Should decode the committed body back to its transactions", () => {
      const r = new ByteReader(hexToBytes(block.encoded));
      const body = readBlockBody(r);
      expect(r.remaining).toBe(0);
      expect({ ...body, txs: body.txs.map(envelopeOf) }).toEqual({ ...block.body, txs: block.body.txs.map(withoutFrom) });
      const { parentHash, number, timestamp, bodyHash, stateRoot, hash } = block.blockHash;
      expect(bytesToHex(keccak256(hexToBytes(block.encoded)))).toBe(bodyHash);
      expect(blockHash({ parentHash, number: BigInt(number), timestamp, body: hexToBytes(block.encoded), stateRoot })).toBe(hash);
    });
  });

  describe("# batch", () => {
    const computed = computeBatchVectors() as unknown as BatchFile;
    const header = Object.fromEntries(Object.entries(batch.header).map(([k, v]) => [k, v.startsWith("0x") ? v : BigInt(v)])) as unknown as BatchHeader;

    it("Should recompute the payload, the uncompressed and deflate frames and txRootsHash from their inputs", () => {
      expect(computed.content).toEqual(batch.content);
      expect(computed.payload).toBe(batch.payload);
      expect(computed.frames.none).toBe(batch.frames.none);
      expect(computed.frames.deflate).toBe(batch.frames.deflate);
      expect(computed.txRootsHashes).toEqual(batch.txRootsHashes);
    });

    it("Should compress to the pinned brotli bytes, and hash the header as pinned", () => {
      // Brotli at a fixed quality and window is deterministic for one library version; a new
      // brotli could change these bytes (and so txDataHash) without any format change.
      expect(computed.frames.brotli).toBe(batch.frames.brotli);
      expect(computed.header).toEqual(batch.header);
      expect(computed.headerAbi).toBe(batch.headerAbi);
      expect(computed.headerHash).toBe(batch.headerHash);
    });

    it.each(Object.keys(CODECS) as Codec[])("Should decode the committed %s frame back to the batch content", (codec) => {
      const data = hexToBytes(batch.frames[codec]);
      expect([data[0], data[1]]).toEqual([BATCH_VERSION, CODECS[codec]]);
      const { firstBlock, blocks } = decodeBatchData(data);
      expect({ firstBlock: firstBlock.toString(), blocks: blocks.map((b) => ({ ...b, txs: b.txs.map(envelopeOf) })) }).toEqual({
        ...batch.content,
        blocks: batch.content.blocks.map((b) => ({ ...b, txs: b.txs.map(withoutFrom) })),
      });
      const recovered = blocks.map((b) => ({ ...b, txs: b.txs.map((tx) => recoverTx({ domain, tx })) }));
      expect(encodeBatchData({ firstBlock, blocks: recovered }, codec)).toEqual(codec === "brotli" ? hexToBytes(computed.frames.brotli) : data);
    });

    it("Should hash the committed header and data as the bridge does, consistently with the other vectors", () => {
      expect(batchHeaderHash(header)).toBe(batch.headerHash);
      expect(bytesToHex(keccak256(hexToBytes(batch.headerAbi)))).toBe(batch.headerHash);
      expect(header.txDataHash).toBe(bytesToHex(keccak256(hexToBytes(batch.frames.brotli))));
      expect(header.txRootsHash).toBe(batch.txRootsHashes[2]!.hash);
      expect(header.prevStateRoot).toBe(genesis.stateRoot);
      expect(header.postStateRoot).toBe(withdrawals.treeRoot);
      expect(header.queueHash).toBe(depositQueue.deposits[Number(header.queueEnd) - 1]!.queueHash);
      expect(batch.frames.none).toBe(`0x0100${batch.payload.slice(2)}`);
    });

    it("Should pin txRootsHash as a zero-padded keccak Merkle root", () => {
      for (const { roots, hash } of batch.txRootsHashes) {
        expect(txRootsHash(roots)).toBe(hash);
        // Independent fold: pad with zero hashes to a power of two, then hash pairs up to one.
        let level = roots.map(hexToBytes);
        if (level.length === 0) level = [EMPTY];
        while (level.length & (level.length - 1)) level.push(EMPTY);
        while (level.length > 1) level = level.flatMap((_, i) => (i % 2 ? [] : [keccak256Parts(level[i]!, level[i + 1]!)]));
        expect(bytesToHex(level[0]!)).toBe(hash);
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
