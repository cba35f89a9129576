// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Leaves} from "./Leaves.sol";
import {LeafKeys} from "./LeafKeys.sol";
import {WitnessedState} from "./WitnessedState.sol";
import {TxWire} from "./generated/TxWire.sol";

/// @notice What a block gives each of its steps (the TypeScript BlockContext), plus the EIP-712
///         domain transactions are signed in (the bridge's chain id and address).
struct StepContext {
    uint64 blockNumber;
    uint64 timestamp;
    address feeRecipient;
    uint256 chainId;
    address bridge;
}

/// @notice One step being re-executed: the witnessed state, its block context, the sender
///         (zero for unsigned types) and the transaction's hash (keccak256 of its encoding).
struct Step {
    WitnessedState.Cache state;
    StepContext ctx;
    address from;
    bytes32 txHash;
}

/// @title StfCore
/// @notice The shared part of the STF's Solidity twin: the twins of sequencer/src/stf/context.ts
///         (typed reads that reject with the same codes, balance moves, id counters, case updates
///         that keep the doctor's counts and the history hash in step) and of applyTransaction's
///         frame around every signed handler (nonce, fee, nonce bump).
/// @dev Rule for every twin handler: read and check in the same order as the TypeScript
///      handler, and touch no leaf the TypeScript one does not touch (a step's witness carries
///      exactly the leaves TypeScript touched; any other read reverts `Witness_Missing`). The
///      order of rejections does not matter for the root (a rejection changes nothing), but the
///      set of leaves read before one does.
library StfCore {
    /// @notice A transaction the STF rejects: its effect on the root is none. `code` is the
    ///         TypeScript error code (sequencer/src/errors/codes.ts).
    error Stf_Rejected(string code);

    /// @notice Rejects the transaction being re-executed with `code`.
    function reject(string memory code) internal pure {
        revert Stf_Rejected(code);
    }

    /// @notice Opens a step: loads and checks the witness reads against `preRoot`. `txHash` is
    ///         keccak256 of the transaction's encoding (zero for steps that are not transactions).
    function open(bytes32 preRoot, StepContext calldata ctx, bytes32 txHash, WitnessedState.Read[] calldata reads)
        internal
        pure
        returns (Step memory st)
    {
        st.state = WitnessedState.load(preRoot, reads);
        st.ctx = ctx;
        st.txHash = txHash;
    }

    /// @notice Closes a step: the post-root, from the witness's write proofs.
    function close(Step memory st, WitnessedState.Proof[] calldata writes) internal pure returns (bytes32) {
        return WitnessedState.finish(st.state, writes);
    }

    // ----- the signed-transaction frame (applyTransaction) ------------------------------------

    /// @notice The EIP-712 domain separator of the step's chain.
    function domainSeparator(Step memory st) internal pure returns (bytes32) {
        return TxWire.domainSeparator(st.ctx.chainId, st.ctx.bridge);
    }

    /// @notice Recovers the sender from the transaction's signature (BAD_SIGNATURE otherwise) and
    ///         runs applyTransaction's checks before the handler: nonce, then the fee, charged to
    ///         the block's fee recipient.
    function beginSigned(Step memory st, bytes memory txBytes, bytes32 digest, uint64 nonce, uint256 maxFee, uint256 work) internal pure {
        (bool ok, address from) = TxWire.recover(digest, TxWire.signature(txBytes));
        if (!ok) reject("BAD_SIGNATURE");
        st.from = from;
        Leaves.Account memory account = getAccount(st, from);
        if (nonce < account.nonce) reject("NONCE_TOO_LOW");
        if (nonce > account.nonce) reject("NONCE_TOO_HIGH");
        chargeFee(st, txBytes.length, work, maxFee);
    }

    /// @notice After the handler: the sender's nonce goes up by one.
    function endSigned(Step memory st) internal pure {
        Leaves.Account memory account = getAccount(st, st.from);
        account.nonce += 1;
        putAccount(st, st.from, account);
    }

    /// @notice stf/fees.ts chargeFee: the schedule in force at the block's time, the fee of the
    ///         transaction's bytes and work, checked against maxFee and the balance, moved to the
    ///         fee recipient.
    function chargeFee(Step memory st, uint256 length, uint256 work, uint256 maxFee) internal pure {
        Leaves.FeeSchedule memory schedule = activeFeeSchedule(fees(st), st.ctx.timestamp);
        if (schedule.perByte == 0 && schedule.perWorkUnit == 0) return;
        (bool fits, uint256 fee) = TxWire.fee(schedule.perByte, schedule.perWorkUnit, length, work);
        if (!fits || fee > maxFee) reject("FEE_ABOVE_MAX");
        if (fee == 0) return;
        if (getAccount(st, st.from).balance < fee) reject("INSUFFICIENT_FEE_BALANCE");
        debit(st, st.from, fee);
        credit(st, st.ctx.feeRecipient, fee);
    }

    /// @notice The schedule in force at `timestamp`: the announced one once its time has come.
    function activeFeeSchedule(Leaves.Fees memory f, uint256 timestamp) internal pure returns (Leaves.FeeSchedule memory) {
        return f.hasPending && timestamp >= f.pending.effectiveAt ? f.pending.schedule : f.current;
    }

    // ----- typed leaves ------------------------------------------------------------------------

    function fees(Step memory st) internal pure returns (Leaves.Fees memory) {
        (, bytes memory v) = WitnessedState.get(st.state, LeafKeys.feesKey());
        return Leaves.decodeFees(v);
    }

    function putFees(Step memory st, Leaves.Fees memory f) internal pure {
        WitnessedState.put(st.state, LeafKeys.feesKey(), Leaves.encode(f));
    }

    /// @notice The chain's parameters (the genesis `params` leaf).
    function params(Step memory st) internal pure returns (Leaves.Params memory) {
        (, bytes memory v) = WitnessedState.get(st.state, LeafKeys.paramsKey());
        return Leaves.decodeParams(v);
    }

    /// @notice An account, or the zero account when it has never been written.
    function getAccount(Step memory st, address a) internal pure returns (Leaves.Account memory account) {
        (bool present, bytes memory v) = WitnessedState.get(st.state, LeafKeys.accountKey(a));
        if (present) account = Leaves.decodeAccount(v);
    }

    function putAccount(Step memory st, address a, Leaves.Account memory account) internal pure {
        WitnessedState.put(st.state, LeafKeys.accountKey(a), Leaves.encode(account));
    }

    /// @notice context.ts credit (a zero amount touches nothing).
    function credit(Step memory st, address a, uint256 amount) internal pure {
        if (amount == 0) return;
        Leaves.Account memory account = getAccount(st, a);
        account.balance += amount;
        putAccount(st, a, account);
    }

    /// @notice context.ts debit: INSUFFICIENT_BALANCE when the balance is short (a zero amount touches nothing).
    function debit(Step memory st, address a, uint256 amount) internal pure {
        if (amount == 0) return;
        Leaves.Account memory account = getAccount(st, a);
        if (account.balance < amount) reject("INSUFFICIENT_BALANCE");
        account.balance -= amount;
        putAccount(st, a, account);
    }

    function meta(Step memory st) internal pure returns (Leaves.Meta memory) {
        (, bytes memory v) = WitnessedState.get(st.state, LeafKeys.metaKey());
        return Leaves.decodeMeta(v);
    }

    function putMeta(Step memory st, Leaves.Meta memory m) internal pure {
        WitnessedState.put(st.state, LeafKeys.metaKey(), Leaves.encode(m));
    }

    /// @notice context.ts getDoctor: NOT_DOCTOR when `a` is not a registered doctor.
    function getDoctor(Step memory st, address a) internal pure returns (Leaves.Doctor memory) {
        (bool present, bytes memory v) = WitnessedState.get(st.state, LeafKeys.doctorKey(a));
        if (!present) reject("NOT_DOCTOR");
        return Leaves.decodeDoctor(v);
    }

    /// @notice Whether `a` is a registered doctor (a read of its leaf, like `st.get("doctor", a)`).
    function isDoctor(Step memory st, address a) internal pure returns (bool present) {
        (present,) = WitnessedState.get(st.state, LeafKeys.doctorKey(a));
    }

    function putDoctor(Step memory st, Leaves.Doctor memory d) internal pure {
        WitnessedState.put(st.state, LeafKeys.doctorKey(d.account), Leaves.encode(d));
    }

    /// @notice context.ts getCase: CASE_NOT_FOUND when there is no case `id`.
    function getCase(Step memory st, uint256 id) internal pure returns (Leaves.Case memory) {
        (bool present, bytes memory v) = WitnessedState.get(st.state, LeafKeys.caseKey(id));
        if (!present) reject("CASE_NOT_FOUND");
        return Leaves.decodeCase(v);
    }

    /// @notice context.ts requireStatus: INVALID_TRANSITION unless the case is in `allowed`.
    function requireStatus(Leaves.Case memory c, Leaves.CaseStatus allowed) internal pure {
        if (c.status != allowed) reject("INVALID_TRANSITION");
    }

    /// @notice requireStatus with two allowed statuses.
    function requireStatus(Leaves.Case memory c, Leaves.CaseStatus a, Leaves.CaseStatus b) internal pure {
        if (c.status != a && c.status != b) reject("INVALID_TRANSITION");
    }

    function requirePatient(Leaves.Case memory c, address from) internal pure {
        if (from != c.patient) reject("NOT_CASE_PATIENT");
    }

    function requireDoctor(Leaves.Case memory c, address from) internal pure {
        if (from != c.doctor) reject("NOT_CASE_DOCTOR");
    }

    /// @notice context.ts requireParty: true for the patient, false for the doctor, NOT_CASE_PARTY otherwise.
    function requireParty(Leaves.Case memory c, address from) internal pure returns (bool isPatient) {
        if (from == c.patient) return true;
        if (from == c.doctor) return false;
        reject("NOT_CASE_PARTY");
    }

    /// @notice context.ts updateCase, for a case the caller has already changed in memory: bumps
    ///         its history hash with the transaction and its update time, and when its status
    ///         moved from `previous`, moves the doctor's per-status counts. Writes the case.
    function updateCase(Step memory st, Leaves.Case memory c, Leaves.CaseStatus previous) internal pure {
        c.historyHash = keccak256(abi.encodePacked(c.historyHash, st.txHash));
        c.updatedAt = st.ctx.timestamp;
        if (c.status != previous) {
            Leaves.Doctor memory d = getDoctor(st, c.doctor);
            d.stats.cases[uint8(previous)] -= 1;
            d.stats.cases[uint8(c.status)] += 1;
            putDoctor(st, d);
        }
        WitnessedState.put(st.state, LeafKeys.caseKey(c.id), Leaves.encode(c));
    }

    /// @notice Writes a case as is (a new case: no history bump, no status move).
    function putCase(Step memory st, Leaves.Case memory c) internal pure {
        WitnessedState.put(st.state, LeafKeys.caseKey(c.id), Leaves.encode(c));
    }

    /// @notice A patient's counters, zero when never written (emptyPatientStats).
    function getPatient(Step memory st, address patient) internal pure returns (Leaves.Patient memory p) {
        (bool present, bytes memory v) = WitnessedState.get(st.state, LeafKeys.patientKey(patient));
        if (present) p = Leaves.decodePatient(v);
    }

    function putPatient(Step memory st, address patient, Leaves.Patient memory p) internal pure {
        WitnessedState.put(st.state, LeafKeys.patientKey(patient), Leaves.encode(p));
    }

    // ----- id counters (context.ts nextId) -----------------------------------------------------

    function nextCaseId(Step memory st) internal pure returns (uint256 id) {
        Leaves.Meta memory m = meta(st);
        id = m.nextCaseId++;
        putMeta(st, m);
    }

    function nextPolicyId(Step memory st) internal pure returns (uint256 id) {
        Leaves.Meta memory m = meta(st);
        id = m.nextPolicyId++;
        putMeta(st, m);
    }

    function nextRecordId(Step memory st) internal pure returns (uint256 id) {
        Leaves.Meta memory m = meta(st);
        id = m.nextRecordId++;
        putMeta(st, m);
    }

    function nextIncidentId(Step memory st) internal pure returns (uint256 id) {
        Leaves.Meta memory m = meta(st);
        id = m.nextIncidentId++;
        putMeta(st, m);
    }

    function nextReviewId(Step memory st) internal pure returns (uint256 id) {
        Leaves.Meta memory m = meta(st);
        id = m.nextReviewId++;
        putMeta(st, m);
    }

    function nextWithdrawalId(Step memory st) internal pure returns (uint256 id) {
        Leaves.Meta memory m = meta(st);
        id = m.nextWithdrawalId++;
        putMeta(st, m);
    }
}
