// EIP-712 typed data of every transaction: the definitions wallets sign with, and a fast digest
// (precomputed type hashes, one reusable keccak) that matches viem's hashTypedData bit for bit.
import type { Address, Hex } from "viem";
import { hexToBytes, uintToBytes } from "../crypto/bytes";
import { keccak256, keccak256Parts } from "../crypto/keccak256";
import { messageFields, STRUCT_TYPES, type StructName, type TxType } from "./txTypes";

export type SutureDomain = { name: "Suture"; version: "1"; chainId: number; verifyingContract: Address };

export function sutureDomain({ chainId, verifyingContract }: { chainId: number; verifyingContract: Address }): SutureDomain {
  return { name: "Suture", version: "1", chainId, verifyingContract };
}

type TypedField = { name: string; type: string };

export const EIP712_DOMAIN_FIELDS: ReadonlyArray<TypedField> = [
  { name: "name", type: "string" },
  { name: "version", type: "string" },
  { name: "chainId", type: "uint256" },
  { name: "verifyingContract", type: "address" },
];

function referencedStructs(fields: ReadonlyArray<TypedField>): StructName[] {
  const out = new Set<StructName>();
  for (const f of fields) {
    const base = f.type.replace(/\[\d*\]$/, "");
    if (base in STRUCT_TYPES) out.add(base as StructName);
  }
  return [...out].sort();
}

/** The `types` object for viem's signTypedData / eth_signTypedData_v4 (EIP712Domain included). */
export function eip712Types(type: TxType): Record<string, TypedField[]> {
  const fields = messageFields(type);
  const types: Record<string, TypedField[]> = { EIP712Domain: [...EIP712_DOMAIN_FIELDS], [type]: [...fields] };
  for (const s of referencedStructs(fields)) types[s] = [...STRUCT_TYPES[s]];
  return types;
}

function encodeTypeString(name: string, fields: ReadonlyArray<TypedField>): string {
  return `${name}(${fields.map((f) => `${f.type} ${f.name}`).join(",")})`;
}

/** EIP-712 `encodeType` of the domain: `EIP712Domain(string name,...)`. */
export const EIP712_DOMAIN_TYPE_STRING = encodeTypeString("EIP712Domain", EIP712_DOMAIN_FIELDS);

/**
 * EIP-712 `encodeType` of a transaction or struct type: the type itself, then the structs its
 * fields reference, sorted by name. Its keccak is the type hash (the Solidity twin's generated
 * codec hashes these same strings).
 */
export function eip712TypeString(name: TxType | StructName): string {
  const fields: ReadonlyArray<TypedField> = name in STRUCT_TYPES ? STRUCT_TYPES[name as StructName] : messageFields(name as TxType);
  return (
    encodeTypeString(name, fields) +
    referencedStructs(fields)
      .map((d) => encodeTypeString(d, STRUCT_TYPES[d]))
      .join("")
  );
}

const typeHashes = new Map<string, Uint8Array>();
function typeHash(name: TxType | StructName): Uint8Array {
  let h = typeHashes.get(name);
  if (!h) {
    h = keccak256(Buffer.from(eip712TypeString(name)));
    typeHashes.set(name, h);
  }
  return h;
}

function encodeValue(type: string, value: unknown): Uint8Array {
  const array = /^(.*)\[\d*\]$/.exec(type);
  if (array) return keccak256Parts(...(value as unknown[]).map((v) => encodeValue(array[1]!, v)));
  if (type in STRUCT_TYPES) return hashStruct(type as StructName, STRUCT_TYPES[type as StructName], value as Record<string, unknown>);
  switch (type) {
    case "address": {
      const out = new Uint8Array(32);
      out.set(hexToBytes(value as string), 12);
      return out;
    }
    case "bytes32":
      return hexToBytes(value as string);
    case "bytes":
      return keccak256(hexToBytes(value as string));
    case "string":
      return keccak256(Buffer.from(value as string, "utf8"));
    case "bool":
      return uintToBytes(value ? 1n : 0n, 32);
    case "int32": {
      const v = BigInt(value as number);
      return uintToBytes(v >= 0n ? v : (1n << 256n) + v, 32);
    }
    default:
      return uintToBytes(BigInt(value as number | bigint), 32);
  }
}

function hashStruct(name: TxType | StructName, fields: ReadonlyArray<TypedField>, value: Record<string, unknown>): Uint8Array {
  return keccak256Parts(typeHash(name), ...fields.map((f) => encodeValue(f.type, value[f.name])));
}

const domainCache = new Map<string, Uint8Array>();
/** EIP-712 hashStruct of the domain; every typed message of Suture (transactions, blob uploads) is signed under it. */
export function domainSeparator(domain: SutureDomain): Uint8Array {
  const key = `${domain.chainId}:${domain.verifyingContract.toLowerCase()}`;
  let h = domainCache.get(key);
  if (!h) {
    h = keccak256Parts(
      keccak256(Buffer.from(EIP712_DOMAIN_TYPE_STRING)),
      ...EIP712_DOMAIN_FIELDS.map((f) => encodeValue(f.type, (domain as Record<string, unknown>)[f.name])),
    );
    domainCache.set(key, h);
  }
  return h;
}

export const EIP712_PREFIX = new Uint8Array([0x19, 0x01]);

/** The EIP-712 signing digest of a signed transaction's message. */
export function typedDataDigest(domain: SutureDomain, type: TxType, message: Record<string, unknown>): Uint8Array {
  return keccak256Parts(EIP712_PREFIX, domainSeparator(domain), hashStruct(type, messageFields(type), message));
}

export type { Hex };
