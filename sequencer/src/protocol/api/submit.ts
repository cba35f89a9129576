// Submission: the transaction envelope (POST /v1/tx, one each in POST /v1/txs), what the node
// answers, and a transaction's status (GET /v1/tx/:hash). The envelope's message schemas are
// derived from the one definition of every type (txTypes.ts), as the EIP-712 types are.
import { Type, type TSchema } from "@sinclair/typebox";
import { MAX_ARRAY_LENGTH, MAX_BYTES_LENGTH, MAX_STRING_BYTES, SIGNED_PREFIX, STRUCT_TYPES, TX_TYPES, type StructName, type TxType } from "../txTypes";
import { Address, Bytes32, Count, hex, Names, Uint } from "./primitives";

const DECIMAL = "^(0|[1-9][0-9]{0,77})$";

/** The JSON schema of one EIP-712 field type, as parseTx accepts it. */
export function fieldSchema(type: string): TSchema {
  const array = /^(.*)\[(\d*)\]$/.exec(type);
  if (array) {
    const fixed = array[2] ? Number(array[2]) : null;
    return Type.Array(fieldSchema(array[1]!), fixed === null ? { maxItems: MAX_ARRAY_LENGTH } : { minItems: fixed, maxItems: fixed });
  }
  if (type in STRUCT_TYPES) return fieldsSchema(STRUCT_TYPES[type as StructName]);
  switch (type) {
    case "address":
      return Address;
    case "bytes32":
      return Bytes32;
    case "bytes":
      return hex("bytes", { maxLength: 2 + 2 * MAX_BYTES_LENGTH, description: `at most ${MAX_BYTES_LENGTH} bytes as 0x hex` });
    case "bool":
      return Type.Boolean();
    case "string":
      return Type.String({ maxLength: MAX_STRING_BYTES, description: `at most ${MAX_STRING_BYTES} bytes of UTF-8` });
    case "int32":
      return Type.Integer({ minimum: -(2 ** 31), maximum: 2 ** 31 - 1 });
    case "uint8":
    case "uint16":
    case "uint32":
      return Type.Integer({ minimum: 0, maximum: 2 ** Number(type.slice(4)) - 1 });
    case "uint64":
    case "uint256":
      return Type.Union([Type.String({ pattern: DECIMAL }), Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER })], {
        description: `${type} as a decimal string (or a JSON integer up to 2^53 - 1)`,
      });
    default:
      throw new Error(`schema uses an unknown field type ${type}`);
  }
}

function fieldsSchema(fields: ReadonlyArray<{ name: string; type: string }>): TSchema {
  return Type.Object(Object.fromEntries(fields.map((f) => [f.name, fieldSchema(f.type)])), { additionalProperties: false });
}

const Signature = Type.String({ pattern: "^0x[0-9a-fA-F]{130}$", description: "65-byte secp256k1 signature (r, s, v) of the EIP-712 digest, low s" });

const envelopeOptions = {
  chainId: Type.Optional(Type.Integer({ description: "if given, must be the L2 chain id (WRONG_CHAIN_ID otherwise)" })),
  verifyingContract: Type.Optional(Type.String({ description: "if given, must be the bridge (WRONG_DOMAIN otherwise)" })),
};

function envelope(type: TxType): TSchema {
  const def = TX_TYPES[type];
  if (def.signer === "unsigned") {
    return Type.Object({ type: Type.Literal(type), message: fieldsSchema(def.fields), ...envelopeOptions }, { title: type, additionalProperties: false });
  }
  return Type.Object(
    {
      type: Type.Literal(type),
      from: hex("address", { description: "the signer; the signature must recover it (BAD_SIGNATURE otherwise)" }),
      message: fieldsSchema([...SIGNED_PREFIX, ...def.fields]),
      signature: Signature,
      ...envelopeOptions,
    },
    { title: type, additionalProperties: false },
  );
}

/** One signed transaction (or an unsigned PostReview); the message fields of each type as in /v1/schema. */
export const TxEnvelope = Type.Union(
  (Object.keys(TX_TYPES) as TxType[]).map((t) => envelope(t)),
  { description: "{type, from, message, signature}; PostReview: {type, message}" },
);

export const TX_STATUSES = ["pending", "included", "batched", "final", "rejected"] as const;

export const TxError = Type.Object({
  code: Type.String({ description: "stable code from GET /v1/errors" }),
  message: Type.String(),
  details: Type.Record(Type.String(), Type.Unknown()),
});

/** What a handler returns, by type: new ids, amounts moved, tree positions. */
export const TxResult = Type.Object(
  {
    caseId: Type.Optional(Uint),
    policyId: Type.Optional(Uint),
    recordId: Type.Optional(Uint),
    incidentId: Type.Optional(Uint),
    reviewId: Type.Optional(Uint),
    withdrawalId: Type.Optional(Uint),
    paid: Type.Optional(Uint),
    payout: Type.Optional(Uint),
    premium: Type.Optional(Uint),
    refund: Type.Optional(Uint),
    refunded: Type.Optional(Uint),
    fee: Type.Optional(Uint),
    appointmentTime: Type.Optional(Uint),
    leafIndex: Type.Optional(Count),
    registered: Type.Optional(Count),
    packs: Type.Optional(Count),
  },
  { additionalProperties: Type.Union([Uint, Type.Integer(), Type.Boolean()]) },
);

export const TxStatus = Type.Object({
  hash: Object.assign(
    Type.TemplateLiteral("0x${string}", { description: "the transaction hash; `0x` in a bulk answer for an envelope too malformed to hash" }),
    {
      pattern: "^0x([0-9a-f]{64})?$",
    },
  ),
  status: Names(TX_STATUSES, "pending: in the mempool; included: in a block; batched: its batch is on L1; final: past the challenge window"),
  blockNumber: Type.Optional(Uint),
  index: Type.Optional(Count),
  queueIndex: Type.Optional(
    Object.assign(
      { ...Uint },
      { description: "set for a transaction forced through the L1 queue: its queue index (it has no index among the block's posted transactions)" },
    ),
  ),
  stateRoot: Type.Optional(Bytes32),
  result: Type.Optional(TxResult),
  fee: Type.Optional(Object.assign(Uint, { description: "the fee it paid (in the answer to its submission)" })),
  error: Type.Optional(TxError),
});

export const BulkSubmitBody = Type.Array(Type.Unknown({ description: "an envelope as POST /v1/tx takes; a malformed one gets a rejected result, not a 400" }), {
  description: "up to 1,000 envelopes",
});
export const BulkSubmitResult = Type.Object({ results: Type.Array(TxStatus, { description: "one per envelope, in order" }) });

export const TxHashParams = Type.Object({ hash: Bytes32 });
