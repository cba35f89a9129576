// The published schema (`GET /v1/schema`): every type's EIP-712 definition and who signs it, so
// any wallet or script can build and sign transactions without the SDK.
import { eip712Types, sutureDomain } from "./typedData";
import { isSigned, TX_TYPES, type TxType } from "./txTypes";
import type { Address } from "viem";

export type TxSchema = {
  domain: ReturnType<typeof sutureDomain>;
  types: Record<string, { code: number; signer: string; signed: boolean; primaryType: string; types: ReturnType<typeof eip712Types> }>;
  encoding: string;
};

export function getSchema({ chainId, verifyingContract }: { chainId: number; verifyingContract: Address }): TxSchema {
  const types: TxSchema["types"] = {};
  for (const name of Object.keys(TX_TYPES) as TxType[]) {
    types[name] = {
      code: TX_TYPES[name].code,
      signer: TX_TYPES[name].signer,
      signed: isSigned(name),
      primaryType: name,
      types: eip712Types(name),
    };
  }
  return {
    domain: sutureDomain({ chainId, verifyingContract }),
    types,
    encoding:
      "JSON: uint64/uint256 as decimal strings, uint8..uint32/int32 as numbers, addresses and bytes as 0x hex. " +
      "Submit {type, message, signature} (optionally from, chainId, verifyingContract) to POST /v1/tx; signed messages start with {nonce}: the sender is recovered from the signature.",
  };
}
