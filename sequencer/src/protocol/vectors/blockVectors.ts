// Block vectors: the binary body of a block (time, deposits consumed, length-prefixed
// transactions), the format chunks carry, and its hash.
import { blockHash, encodeBlockBody, encodeTx } from "..";
import { bytesToHex, keccak256 } from "../../crypto";
import { createGenesisState } from "../../stf";
import { txToJson, type Tx } from "../index";
import { BLOCK_HASH_INPUT, BLOCK_INPUTS, GENESIS_PARAMS, TX_INPUTS } from "./inputs";
import { buildTx } from "./transactionVectors";
import { toJson, type Json } from "./vectorFiles";

export type VectorBlockBody = { timestamp: number; depositCount: number; txs: Tx[] };

/** The bodies of BLOCK_INPUTS, their transactions signed by the production code. */
export function vectorBlockBodies(): VectorBlockBody[] {
  return BLOCK_INPUTS.map(({ timestamp, depositCount, txs }) => ({
    timestamp,
    depositCount,
    txs: txs.map((name) => buildTx(TX_INPUTS.find((input) => input.name === name)!)),
  }));
}

/** A body in the vectors' JSON terms: the transactions as envelopes. */
export function blockBodyJson(body: VectorBlockBody) {
  return { timestamp: body.timestamp, depositCount: body.depositCount, txs: body.txs.map(txToJson) };
}

export function computeBlockVectors(): Json {
  const body = vectorBlockBodies()[0]!;
  const encoded = encodeBlockBody(body);
  // Block 0's parent is the genesis state root: there is no block before it.
  const parentHash = createGenesisState({ params: GENESIS_PARAMS }).root();
  const { number, stateRoot } = BLOCK_HASH_INPUT;
  return toJson({
    description:
      "One block body (docs/protocol.md, Block body): varint timestamp ‖ varint depositCount ‖ varint txCount ‖ (varint txLength ‖ txBytes)*, " +
      "txBytes being each transaction's binary form (txs). " +
      "blockHash = keccak256(parentHash ‖ uint64 number ‖ uint64 timestamp ‖ keccak256(body) ‖ stateRoot).",
    body: blockBodyJson(body),
    txs: body.txs.map((tx) => bytesToHex(encodeTx(tx))),
    encoded: bytesToHex(encoded),
    blockHash: {
      parentHash,
      number,
      timestamp: body.timestamp,
      bodyHash: bytesToHex(keccak256(encoded)),
      stateRoot,
      hash: blockHash({ parentHash, number, timestamp: body.timestamp, body: encoded, stateRoot }),
    },
  });
}
