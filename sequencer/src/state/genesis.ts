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
  /** Signs SetFeeSchedule. */
  governance: Address;
  /** Fee schedule at genesis. */
  fees: FeeSchedule;
  /** A new fee schedule takes effect no sooner than this after it is announced. */
  feeNoticeSeconds: number;
};

/**
 * What a signed transaction pays: `perByte` for each byte of its binary encoding (what the batch
 * posts to L1) and `perWorkUnit` for each unit of work (1 + the elements of its array fields).
 */
export type FeeSchedule = { perByte: bigint; perWorkUnit: bigint };

/**
 * Default schedule: a byte of posted data costs the proposer ~40 L1 gas at the calldata floor;
 * at 10 gwei that is 400 gwei. A 100-byte lifecycle step then pays ~0.00004 ETH.
 */
export const DEFAULT_FEES: FeeSchedule = { perByte: 400_000_000_000n, perWorkUnit: 1_000_000_000_000n };

/** No fees (tests that assert exact balances). */
export const ZERO_FEES: FeeSchedule = { perByte: 0n, perWorkUnit: 0n };

export const DEFAULT_TIMEOUTS = {
  noShowGraceSeconds: 2 * 3600,
  closeTimeoutSeconds: 14 * 86400,
  incidentWindowSeconds: 365 * 86400,
  reviewRootHistory: 64,
  feeNoticeSeconds: 7 * 86400,
} as const;
