// The state at L2 genesis: counters, the empty review tree, governance roles from the params.
import type { Address } from "viem";
import { BatchedReviewTree } from "../reviews";
import { State, type GenesisParams } from "../state";

export function createGenesisState({ params: given }: { params: GenesisParams }): State {
  // Addresses as the protocol writes them (lower case): a checksummed role address would neither
  // match a recovered sender nor give the same genesis root as its lower-case form.
  const params: GenesisParams = {
    ...given,
    bridge: lower(given.bridge),
    licensingBoard: lower(given.licensingBoard),
    medicineRegulator: lower(given.medicineRegulator),
    insuranceRegulator: lower(given.insuranceRegulator),
    governance: lower(given.governance),
  };
  const reviewTree = new BatchedReviewTree();
  const state = new State({ params, reviewTree });
  state.load("meta", "", {
    nextCaseId: 1n,
    nextPolicyId: 1n,
    nextRecordId: 1n,
    nextIncidentId: 1n,
    nextReviewId: 1n,
    nextWithdrawalId: 1n,
    queuePosition: 0n,
    totalDeposited: 0n,
    totalWithdrawn: 0n,
  });
  state.load("fees", "", { current: params.fees, pending: null });
  state.load("reviewTree", "", { root: reviewTree.root, size: 0, pending: [], recentRoots: [reviewTree.root] });
  // Governance parameters are part of the committed state, so the genesis root binds them. The
  // bridge address is left out: the bridge is deployed with this root, so it cannot be in it
  // (it binds transactions through the EIP-712 domain instead).
  const { bridge: _bridge, ...committed } = params;
  state.load("params", "", committed as GenesisParams);
  return state;
}

function lower(address: Address): Address {
  return address.toLowerCase() as Address;
}
