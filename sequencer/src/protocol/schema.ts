// The published schema (`GET /v1/schema`): every type's EIP-712 definition, who signs it and the
// enums its fields use, so any wallet or script can build and sign transactions without the SDK.
import type { Static } from "@sinclair/typebox";
import type { Address } from "viem";
import type { TxSchemaJson, TxTypeSchemaJson } from "./api/meta";
import { fieldEnums, ROLE_REGULATORS, TX_ENUMS } from "./enums";
import { eip712Types, sutureDomain } from "./typedData";
import { isSigned, TX_TYPES, type TxType } from "./txTypes";

/** The answer of GET /v1/schema, as published in the OpenAPI document. */
export type TxSchema = Static<typeof TxSchemaJson>;
type TxTypeSchema = Static<typeof TxTypeSchemaJson>;

function signerOf(type: TxType): Pick<TxTypeSchema, "signer" | "signerByField"> {
  if (type === "AdmitParticipant") {
    const signers = Object.entries(ROLE_REGULATORS).map(
      ([role, regulator]) => `${regulator} for role ${role} (${TX_ENUMS.ParticipantRole[role as keyof typeof ROLE_REGULATORS]})`,
    );
    return { signer: signers.join("; "), signerByField: { field: "role", enum: "ParticipantRole", signers: { ...ROLE_REGULATORS } } };
  }
  return { signer: TX_TYPES[type].signer };
}

export function getSchema({ chainId, verifyingContract }: { chainId: number; verifyingContract: Address }): TxSchema {
  const types: Partial<Record<TxType, TxTypeSchema>> = {};
  for (const name of Object.keys(TX_TYPES) as TxType[]) {
    types[name] = {
      code: TX_TYPES[name].code,
      ...signerOf(name),
      signed: isSigned(name),
      primaryType: name,
      types: eip712Types(name),
      enums: { ...fieldEnums(name) },
    };
  }
  return {
    domain: sutureDomain({ chainId, verifyingContract }),
    types: types as TxSchema["types"],
    enums: TX_ENUMS,
    encoding:
      "JSON: uint64/uint256 as decimal strings, uint8..uint32/int32 as numbers (an enum field takes the number of its name, see enums), " +
      "addresses and bytes as 0x hex. Submit {type, from, message, signature} (optionally chainId, verifyingContract) to POST /v1/tx; " +
      "signed messages start with {nonce}; `from` is required on signed types and must be the address the signature recovers. " +
      "PostReview is unsigned: {type, message} only.",
  };
}
