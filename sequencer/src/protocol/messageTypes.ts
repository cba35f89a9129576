// TypeScript types of messages, inferred from the schema so they can never drift from it.
import type { Address, Hex } from "viem";
import type { SIGNED_PREFIX, STRUCT_TYPES, StructName, TX_TYPES, TxType } from "./txTypes";

type Primitive = {
  address: Address;
  bool: boolean;
  bytes: Hex;
  bytes32: Hex;
  string: string;
  uint8: number;
  uint16: number;
  uint32: number;
  int32: number;
  uint64: bigint;
  uint256: bigint;
};

export type FieldValue<T extends string> = T extends `${infer E}[]`
  ? FieldValue<E>[]
  : T extends `${infer E}[${number}]`
    ? FieldValue<E>[]
    : T extends keyof Primitive
      ? Primitive[T]
      : T extends StructName
        ? StructValue<T>
        : never;

type FieldsValue<F extends ReadonlyArray<{ name: string; type: string }>> = {
  [E in F[number] as E["name"]]: FieldValue<E["type"]>;
};

export type StructValue<S extends StructName> = FieldsValue<(typeof STRUCT_TYPES)[S]>;

type Prefix = FieldsValue<typeof SIGNED_PREFIX>;

/** The message of a transaction type, as the STF sees it (bigints for 64/256-bit integers). */
export type Message<T extends TxType> = ((typeof TX_TYPES)[T]["signer"] extends "unsigned" ? unknown : Prefix) & FieldsValue<(typeof TX_TYPES)[T]["fields"]>;

export type PackRef = StructValue<"PackRef">;
export type PolicyTerm = StructValue<"PolicyTerm">;
export type ReaderKey = StructValue<"ReaderKey">;

/**
 * A transaction: `from` is the recovered signer (null for unsigned PostReview) and `message` is
 * exactly the EIP-712 message that was signed.
 */
export type Tx<T extends TxType = TxType> = {
  [K in T]: { type: K; from: Address | null; message: Message<K>; signature: Hex | null };
}[T];
