// The JSON value types every API answer is built from, and the error body. The API serves
// uint64/uint256 as decimal strings, small integers and seconds as numbers, and bytes as 0x hex.
import { Type, TypeGuard, type TLiteral, type TNull, type TSchema, type TUnion } from "@sinclair/typebox";

const PATTERNS = { address: "^0x[0-9a-fA-F]{40}$", bytes32: "^0x[0-9a-fA-F]{64}$", bytes: "^0x(?:[0-9a-fA-F]{2})*$" } as const;

/** A 0x-hex string schema (typed `0x${string}`) of one of the byte shapes; the exact pattern replaces the template's `^0x(.*)$`. */
export const hex = (shape: keyof typeof PATTERNS, options: { description?: string; maxLength?: number } = {}) =>
  Object.assign(Type.TemplateLiteral("0x${string}", options), { pattern: PATTERNS[shape] });

export const Address = hex("address", { description: "20-byte address as 0x hex (answers are lowercase)" });
export const Bytes32 = hex("bytes32", { description: "32 bytes as 0x hex" });
export const HexBytes = hex("bytes", { description: "bytes as 0x hex" });

/** uint64/uint256 amounts and ids: decimal strings, because JSON numbers lose precision past 2^53. */
export const Uint = Type.String({ pattern: "^(0|[1-9][0-9]*)$", description: "uint64/uint256 as a decimal string" });
/** A uint64 id in a path (at most 20 digits). */
export const UintId = Type.String({ pattern: "^(0|[1-9][0-9]{0,19})$", description: "uint64 as a decimal string" });
export const Timestamp = Type.Integer({ minimum: 0, description: "seconds since the epoch (block time)" });
export const Count = Type.Integer({ minimum: 0 });

/** The schema or null (a union's members are listed beside null, not nested). */
export const Nullable = <T extends TSchema>(schema: T): TUnion<[T, TNull]> =>
  (TypeGuard.IsUnion(schema) ? Type.Union([...schema.anyOf, Type.Null()]) : Type.Union([schema, Type.Null()])) as never;

/** Literal union from a list of names (statuses, roles). */
export const Names = <const N extends readonly string[]>(names: N, description?: string): TUnion<{ -readonly [K in keyof N]: TLiteral<N[K] & string> }> =>
  Type.Union(
    names.map((n) => Type.Literal(n)),
    description ? { description } : {},
  ) as never;

export const AddressParams = Type.Object({ address: Address });
export const IdParams = Type.Object({ id: UintId });

export const ErrorBody = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: "stable code from the catalogue at GET /v1/errors" }),
      message: Type.String(),
      details: Type.Record(Type.String(), Type.Unknown(), { description: "structured context; keys depend on the code" }),
    }),
  },
  { description: "Every 4xx/5xx answer" },
);

/** A route's answers: `ok` for 200, the error body for every 4xx and 5xx. */
export const withErrors = <T extends TSchema>(ok: T) => ({ 200: ok, "4xx": ErrorBody, "5xx": ErrorBody });
