// Transaction vectors: for every input, the JSON envelope, the EIP-712 digest, the signature, the
// binary encoding and the hash, computed by the production codec; plus every type's code, field
// list and EIP-712 type string, so another implementation can start from this file alone.
import { domainSeparator, keccak256, toHex, type Hex } from "viem";
import { bytesToHex } from "../../crypto/bytes";
import {
  eip712Types,
  encodeTx,
  isSigned,
  messageFields,
  parseTx,
  recoverTx,
  signTx,
  STRUCT_TYPES,
  sutureDomain,
  TX_TYPES,
  txHash,
  txToJson,
  typedDataDigest,
  type SignedTxType,
  type Tx,
  type TxType,
} from "../index";
import { DOMAIN, KEYS, TX_INPUTS, type TxVectorInput } from "./inputs";
import { toJson, type Json } from "./vectorFiles";

export const VECTOR_DOMAIN = sutureDomain(DOMAIN);

/** Signs (or, for PostReview, parses) a vector input with the production code. */
export function buildTx(input: TxVectorInput): Tx {
  if (input.signer === null) return recoverTx({ domain: VECTOR_DOMAIN, tx: parseTx({ type: input.type, message: input.message }) });
  return signTx({ domain: VECTOR_DOMAIN, privateKey: KEYS[input.signer], type: input.type as SignedTxType, message: input.message as never });
}

/** EIP-712 `encodeType`: the primary type, then every referenced struct sorted by name. */
export function encodeType(type: TxType): string {
  const types = eip712Types(type);
  const one = (name: string) => `${name}(${types[name]!.map((f) => `${f.type} ${f.name}`).join(",")})`;
  const deps = Object.keys(types)
    .filter((name) => name !== "EIP712Domain" && name !== type)
    .sort();
  return [type, ...deps].map(one).join("");
}

export function transactionVector(input: TxVectorInput) {
  const tx = buildTx(input);
  const digest = isSigned(tx.type) ? bytesToHex(typedDataDigest(VECTOR_DOMAIN, tx.type, tx.message as Record<string, unknown>)) : null;
  return { name: input.name, type: input.type, signer: input.signer, envelope: txToJson(tx), digest, encoded: bytesToHex(encodeTx(tx)), hash: txHash(tx) };
}

export function computeTransactionVectors(): Json {
  const types = Object.fromEntries(
    (Object.keys(TX_TYPES) as TxType[]).map((type) => [
      type,
      {
        code: TX_TYPES[type].code,
        signer: TX_TYPES[type].signer,
        signed: isSigned(type),
        fields: messageFields(type),
        encodeType: encodeType(type),
        typeHash: keccak256(toHex(encodeType(type))) as Hex,
      },
    ]),
  );
  return toJson({
    description:
      "Suture transactions (docs/protocol.md, Transactions). encoded = the binary form; hash = keccak256(encoded); digest = the EIP-712 digest signed; " +
      "envelope = the JSON form (from = the recovered sender). signer names a key in `keys`; PostReview is unsigned.",
    domain: VECTOR_DOMAIN,
    domainSeparator: domainSeparator({ domain: VECTOR_DOMAIN }),
    keys: KEYS,
    structs: STRUCT_TYPES,
    types,
    vectors: TX_INPUTS.map(transactionVector),
  });
}
