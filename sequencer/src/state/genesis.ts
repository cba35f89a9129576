// Genesis parameters of an L2 chain: identity, governance-appointed roles and protocol timeouts.
import type { Address } from "viem";

export type GenesisParams = {
  /** L2 chain id (EIP-712 domain). */
  chainId: number;
  /** The bridge contract (EIP-712 verifyingContract). */
  bridge: Address;
  licensingBoard: Address;
  medicineRegulator: Address;
  insuranceRegulator: Address;
  /** After appointment + grace a doctor may mark a no-show. */
  noShowGraceSeconds: number;
  /** After execution + timeout a doctor may finalize a case the patient did not close. */
  closeTimeoutSeconds: number;
  /** Incident window for cases without a policy, from execution (or the appointment). */
  incidentWindowSeconds: number;
  /** How many recent review-tree roots a proof may use. */
  reviewRootHistory: number;
};

export const DEFAULT_TIMEOUTS = {
  noShowGraceSeconds: 2 * 3600,
  closeTimeoutSeconds: 14 * 86400,
  incidentWindowSeconds: 365 * 86400,
  reviewRootHistory: 64,
} as const;
