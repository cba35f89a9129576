// What an integrator needs besides the state: the transaction schema with its enums
// (GET /v1/schema), the error catalogue (GET /v1/errors), the L1 contracts with their ABIs
// (GET /v1/contracts) and the review circuit's files (GET /v1/circuits/review[/:file]).
import { Type, type TLiteral, type TObject } from "@sinclair/typebox";
import { TX_ENUMS } from "../enums";
import { TX_TYPES, type TxType } from "../txTypes";
import { Address, Bytes32, Count, Names, Nullable } from "./primitives";

type EnumTables = { [E in keyof typeof TX_ENUMS]: TObject<{ [N in keyof (typeof TX_ENUMS)[E]]: TLiteral<(typeof TX_ENUMS)[E][N] & number> }> };

const enumTable = (values: Record<string, number>) =>
  Type.Object(Object.fromEntries(Object.entries(values).map(([name, value]) => [name, Type.Literal(value)])));

/** Every enum a transaction field uses: name → number on the wire. */
export const EnumTablesJson = Type.Object(Object.fromEntries(Object.entries(TX_ENUMS).map(([e, values]) => [e, enumTable(values)])) as unknown as EnumTables, {
  description: "every enum a transaction field uses: name → number on the wire",
});

const EnumName = Type.KeyOf(EnumTablesJson);

const TypedField = Type.Object({ name: Type.String(), type: Type.String() });

export const TxTypeSchemaJson = Type.Object({
  code: Type.Integer({ description: "the type byte in batches" }),
  signer: Type.String({ description: "who signs it" }),
  signerByField: Type.Optional(
    Type.Object(
      { field: Type.String(), enum: EnumName, signers: Type.Record(Type.String(), Type.String()) },
      { description: "when the signer depends on a field: the signer for each enum name of that field" },
    ),
  ),
  signed: Type.Boolean(),
  primaryType: Type.String(),
  types: Type.Record(Type.String(), Type.Array(TypedField), { description: "EIP-712 `types` for eth_signTypedData_v4, EIP712Domain included" }),
  enums: Type.Record(Type.String(), EnumName, { description: "fields whose number is a value of an enum (field → enum name in `enums`)" }),
});

export const TxSchemaJson = Type.Object({
  domain: Type.Object({ name: Type.Literal("Suture"), version: Type.Literal("1"), chainId: Type.Integer(), verifyingContract: Address }),
  types: Type.Object(Object.fromEntries((Object.keys(TX_TYPES) as TxType[]).map((t) => [t, TxTypeSchemaJson])) as Record<TxType, typeof TxTypeSchemaJson>),
  enums: EnumTablesJson,
  encoding: Type.String(),
});

export const ErrorCatalogue = Type.Object({
  errors: Type.Array(
    Type.Object({ code: Type.String(), status: Type.Integer({ description: "the HTTP status the API answers it with" }), message: Type.String() }),
  ),
});

// ABI JSON as solc writes it (keys in alphabetical order); `abiKeccak256` is over that canonical
// form. Tuples nest three deep at most (deeper components would not be served).
const abiParamKeys = {
  indexed: Type.Optional(Type.Boolean()),
  internalType: Type.Optional(Type.String()),
  name: Type.String(),
  type: Type.String(),
};
const AbiParam3 = Type.Object(abiParamKeys);
const AbiParam2 = Type.Object({ components: Type.Optional(Type.Array(AbiParam3)), ...abiParamKeys });
const AbiParam = Type.Object({ components: Type.Optional(Type.Array(AbiParam2)), ...abiParamKeys });
export const AbiItem = Type.Object({
  anonymous: Type.Optional(Type.Boolean()),
  inputs: Type.Optional(Type.Array(AbiParam)),
  name: Type.Optional(Type.String()),
  outputs: Type.Optional(Type.Array(AbiParam)),
  stateMutability: Type.Optional(Names(["pure", "view", "nonpayable", "payable"])),
  type: Names(["function", "event", "error", "constructor", "fallback", "receive"]),
});

export const ContractJson = Type.Object({
  contractName: Type.String(),
  sourceName: Type.String(),
  address: Address,
  abi: Type.Array(AbiItem),
  abiKeccak256: Bytes32,
  bytecodeKeccak256: Bytes32,
  deployedBytecodeKeccak256: Bytes32,
});

export const ContractsJson = Type.Object({
  l1ChainId: Type.Integer(),
  l2ChainId: Type.Integer(),
  deploymentBlock: Count,
  challengeWindowSeconds: Count,
  bridge: ContractJson,
  reviewVerifier: Nullable(ContractJson),
  directSurgery: Nullable(ContractJson),
  hashing: Type.String({ description: "what each hash covers" }),
});

export const CIRCUIT_FILES = ["review.wasm", "review.zkey", "review.vkey.json"] as const;

export const CircuitFileParams = Type.Object({ file: Names(CIRCUIT_FILES) });

export const CircuitManifest = Type.Object({
  circuit: Type.String(),
  depth: Type.Integer({ description: "review-tree depth: `siblings` has this many entries" }),
  publicSignals: Type.Array(Type.String(), {
    description: "the proof's public signals, in order (PostReview passes root, nullifier; the node derives doctor and message)",
  }),
  inputs: Type.Array(
    Type.Object({ name: Type.String(), public: Type.Boolean(), length: Type.Integer({ minimum: 1, description: "1 for a field element, n for an array" }) }),
    { description: "the witness input names (snarkjs fullProve input object), in declaration order" },
  ),
  constraints: Count,
  toolchain: Type.Record(Type.String(), Type.String()),
  ptau: Type.Object({ origin: Type.String(), power: Type.Integer() }),
  sourceHash: Type.String(),
  files: Type.Array(
    Type.Object({
      name: Names(CIRCUIT_FILES),
      url: Type.String(),
      contentType: Type.String(),
      bytes: Count,
      sha256: Type.String({ pattern: "^[0-9a-f]{64}$", description: "sha256 of the file's bytes, hex" }),
    }),
  ),
});
