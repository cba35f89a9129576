// Named values of the transaction fields that carry an enum as a small integer. The wire keeps
// the number (an EIP-712 uint8); /v1/schema publishes these tables and which field uses which,
// and the API's read answers show the names (the state stores names, not numbers).
import type { Signer, TxType } from "./txTypes";

export const TX_ENUMS = {
  ParticipantRole: { manufacturer: 1, insurer: 2 },
  LicenseStatus: { ACTIVE: 1, SUSPENDED: 2, REVOKED: 3 },
} as const;

export type TxEnumName = keyof typeof TX_ENUMS;

/** The message fields that take an enum's values, by transaction type. */
export const FIELD_ENUMS = {
  AdmitParticipant: { role: "ParticipantRole" },
  AttestLicense: { status: "LicenseStatus" },
} as const satisfies Partial<Record<TxType, Record<string, TxEnumName>>>;

/** AdmitParticipant is signed by the regulator of the role it admits. */
export const ROLE_REGULATORS = {
  manufacturer: "medicine regulator",
  insurer: "insurance regulator",
} as const satisfies Record<keyof (typeof TX_ENUMS)["ParticipantRole"], Signer>;

/** The enums a type's fields use, field name → enum name (empty for most types). */
export function fieldEnums(type: TxType): Record<string, TxEnumName> {
  return (FIELD_ENUMS as Partial<Record<TxType, Record<string, TxEnumName>>>)[type] ?? {};
}
