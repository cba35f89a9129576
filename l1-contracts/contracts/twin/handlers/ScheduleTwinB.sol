// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {FixedPointMathLib} from "solady/src/utils/FixedPointMathLib.sol";
import {IStfTwin} from "../IStfTwin.sol";
import {LeafKeys} from "../LeafKeys.sol";
import {Leaves} from "../Leaves.sol";
import {Step, StepContext, StfCore} from "../StfCore.sol";
import {WitnessedState} from "../WitnessedState.sol";
import {TxCancelSurgery, TxCancelSurgeryCodec} from "../generated/TxCancelSurgery.sol";
import {TxMarkNoShow, TxMarkNoShowCodec} from "../generated/TxMarkNoShow.sol";
import {ScheduleLib} from "./ScheduleLib.sol";

/// @title ScheduleTwinB
/// @notice The second half of the twin of sequencer/src/stf/handlers/schedule.ts: leaving a case
///         before surgery, CancelSurgery and MarkNoShow, which settle its escrow, release its packs
///         (stf/packs.ts releasePacks) and unbind its policy. ScheduleTwin deploys it and forwards
///         these two types to it (one contract would pass the 24 KB code size limit).
contract ScheduleTwinB is IStfTwin {
    /// @notice Thrown when called with a type this contract does not handle.
    error ScheduleTwinB_WrongType(uint8 code);

    /// @notice Thrown when a case's plan lists a pack whose leaf the witness does not carry.
    error ScheduleTwinB_PackNotInWitness(bytes32 gtinHash, bytes32 serialHash);

    /// @notice Thrown when more than one witnessed leaf could be the pack of a plan's reference.
    error ScheduleTwinB_AmbiguousPack(bytes32 gtinHash, bytes32 serialHash);

    /// @dev The late-cancellation fee's denominator (basis points).
    uint256 private constant BPS = 10_000;

    /// @dev abi.encode(Leaves.Pack) is its 8 static words.
    uint256 private constant PACK_LEAF_BYTES = 256;

    /// @inheritdoc IStfTwin
    function applyTx(bytes32 preRoot, StepContext calldata ctx, bytes calldata txBytes, WitnessedState.Witness calldata witness)
        external
        pure
        returns (bytes32)
    {
        Step memory st = StfCore.open(preRoot, ctx, keccak256(txBytes), witness.reads);
        uint8 code = uint8(txBytes[0]);
        if (code == TxCancelSurgeryCodec.CODE) _cancelSurgery(st, txBytes);
        else if (code == TxMarkNoShowCodec.CODE) _markNoShow(st, txBytes);
        else revert ScheduleTwinB_WrongType(code);
        return StfCore.close(st, witness.writes);
    }

    function _cancelSurgery(Step memory st, bytes memory txBytes) private pure {
        (bool ok, TxCancelSurgery memory t) = TxCancelSurgeryCodec.decode(txBytes);
        if (!ok) StfCore.reject("DECODE_ERROR");
        StfCore.beginSigned(st, txBytes, TxCancelSurgeryCodec.digest(t, StfCore.domainSeparator(st)), t.nonce, t.maxFee, TxCancelSurgeryCodec.work(t));
        Leaves.Case memory c = StfCore.getCase(st, t.caseId);
        bool byPatient = StfCore.requireParty(c, st.from);
        ScheduleLib.requireStatusIn(c, ScheduleLib.CANCELLABLE);
        Leaves.CaseStatus previous = c.status;
        uint256 fee = 0;
        bool late = false;
        // After the appointment a patient cannot dodge a no-show by cancelling, until the doctor
        // has let the close timeout pass without settling the case (then a full refund).
        uint256 now_ = st.ctx.timestamp;
        bool booked = ScheduleLib.isIn(previous, ScheduleLib.BOOKED);
        uint256 abandonedAt = c.appointmentTime + StfCore.params(st).closeTimeoutSeconds;
        bool abandoned = byPatient && booked && now_ >= abandonedAt;
        if (byPatient && booked && now_ >= c.appointmentTime && !abandoned) StfCore.reject("INVALID_TIME");
        if (byPatient && !abandoned) {
            late = c.hasOffer && now_ + c.offer.freeCancelBefore > c.appointmentTime;
            // TypeScript's (escrow * bps) / 10000n on unbounded bigints: floor of the exact product.
            if (late && c.escrow > 0) fee = FixedPointMathLib.fullMulDiv(c.escrow, c.offer.lateCancelFeeBps, BPS);
        }
        StfCore.credit(st, c.doctor, fee);
        StfCore.credit(st, c.patient, c.escrow - fee + c.premiumEscrow);
        _releasePacks(st, c);
        _unbindPolicy(st, c);
        c.status = Leaves.CaseStatus.CANCELLED;
        c.escrow = 0;
        c.premiumEscrow = 0;
        c.hasCancelledBy = true;
        c.cancelledBy = byPatient ? Leaves.CancelledBy.PATIENT : Leaves.CancelledBy.DOCTOR;
        ScheduleLib.clearReschedule(c);
        StfCore.updateCase(st, c, previous);
        if (abandoned) {
            ScheduleLib.bumpCancellationsByDoctor(st, c.doctor);
        } else if (byPatient) {
            ScheduleLib.bumpPatient(st, c.patient, ScheduleLib.PatientCounter.Cancellations);
            if (late && previous != Leaves.CaseStatus.PROPOSED && previous != Leaves.CaseStatus.OFFERED) {
                ScheduleLib.bumpPatient(st, c.patient, ScheduleLib.PatientCounter.LateCancellations);
            }
        } else {
            ScheduleLib.bumpCancellationsByDoctor(st, c.doctor);
        }
        StfCore.endSigned(st);
    }

    function _markNoShow(Step memory st, bytes memory txBytes) private pure {
        (bool ok, TxMarkNoShow memory t) = TxMarkNoShowCodec.decode(txBytes);
        if (!ok) StfCore.reject("DECODE_ERROR");
        StfCore.beginSigned(st, txBytes, TxMarkNoShowCodec.digest(t, StfCore.domainSeparator(st)), t.nonce, t.maxFee, TxMarkNoShowCodec.work(t));
        Leaves.Case memory c = StfCore.getCase(st, t.caseId);
        StfCore.requireDoctor(c, st.from);
        ScheduleLib.requireStatusIn(c, ScheduleLib.BOOKED);
        uint256 allowedAt = c.appointmentTime + StfCore.params(st).noShowGraceSeconds;
        if (st.ctx.timestamp < allowedAt) StfCore.reject("TOO_EARLY");
        StfCore.credit(st, c.doctor, c.escrow);
        StfCore.credit(st, c.patient, c.premiumEscrow);
        _releasePacks(st, c);
        _unbindPolicy(st, c);
        Leaves.CaseStatus previous = c.status;
        c.status = Leaves.CaseStatus.NO_SHOW;
        c.escrow = 0;
        c.premiumEscrow = 0;
        ScheduleLib.clearReschedule(c);
        StfCore.updateCase(st, c, previous);
        ScheduleLib.bumpPatient(st, c.patient, ScheduleLib.PatientCounter.NoShows);
        StfCore.endSigned(st);
    }

    // ----- leaving a case ------------------------------------------------------------------------

    /// @dev schedule.ts unbindPolicy: a confirmed plan counts toward its policy's bound cases until
    ///      the case leaves. `c` is the case as it was before the handler changed its status.
    function _unbindPolicy(Step memory st, Leaves.Case memory c) private pure {
        if (c.status != Leaves.CaseStatus.CONFIRMED || !c.hasPlan || c.plan.policyId == 0) return;
        bytes32 key = LeafKeys.policyKey(c.plan.policyId);
        (, bytes memory v) = WitnessedState.get(st.state, key);
        Leaves.Policy memory p = Leaves.decodePolicy(v);
        p.boundCases -= 1;
        p.pendingCases -= 1;
        WitnessedState.put(st.state, key, Leaves.encode(p));
    }

    /// @dev packs.ts releasePacks(st, c.id, c.plan?.packs ?? []): every pack of the plan still
    ///      reserved by the case goes back to ACTIVE. (Without a plan the projection's list is empty.)
    function _releasePacks(Step memory st, Leaves.Case memory c) private pure {
        Leaves.PackRef[] memory refs = c.plan.packs;
        for (uint256 i = 0; i < refs.length; i++) {
            (bytes32 key, Leaves.Pack memory pack) = _witnessedPack(st, refs[i]);
            if (pack.status == Leaves.PackStatus.RESERVED && pack.hasCaseId && pack.caseId == c.id) {
                pack.status = Leaves.PackStatus.ACTIVE;
                pack.hasCaseId = false;
                pack.caseId = 0;
                WitnessedState.put(st.state, key, Leaves.encode(pack));
            }
        }
    }

    /// @dev The pack leaf of a plan's reference, found among the witnessed leaves.
    ///
    ///      A case holds its packs as (keccak256(gtin), keccak256(serial)), so the twin cannot
    ///      derive the pack's key `keccak256(6 ‖ gtin ‖ "/" ‖ serial)`; the TypeScript STF reads
    ///      every planned pack (it always exists: ProposePlan checked it, and no leaf is ever
    ///      deleted), so the witness carries it, and it is found by its value. Sound because
    ///      every witnessed leaf is proven against the pre-root, and the only leaves whose value is
    ///      8 static words beginning with a GTIN hash are packs (gtin, serial, lot hash, …) and
    ///      lots (gtin, lot hash, manufacturer, …): a lot's third word is an address (96 zero high
    ///      bits), a pack's is a keccak256 (nonzero high bits but with probability 2^-96). So a
    ///      witness can neither swap in another leaf for the pack (no candidate) nor drop it
    ///      (revert: the step cannot be settled with that witness).
    function _witnessedPack(Step memory st, Leaves.PackRef memory ref) private pure returns (bytes32 key, Leaves.Pack memory pack) {
        WitnessedState.Entry[] memory entries = st.state.entries;
        bool found = false;
        for (uint256 i = 0; i < entries.length; i++) {
            WitnessedState.Entry memory e = entries[i];
            bytes memory v = e.value;
            if (!e.present || v.length != PACK_LEAF_BYTES) continue;
            bytes32 gtinHash;
            bytes32 serialHash;
            uint256 lotWord;
            assembly ("memory-safe") {
                gtinHash := mload(add(v, 0x20))
                serialHash := mload(add(v, 0x40))
                lotWord := mload(add(v, 0x60))
            }
            if (gtinHash != ref.gtin || serialHash != ref.serial || lotWord >> 160 == 0) continue;
            if (found) revert ScheduleTwinB_AmbiguousPack(ref.gtin, ref.serial);
            found = true;
            key = e.key;
            pack = Leaves.decodePack(v);
        }
        if (!found) revert ScheduleTwinB_PackNotInWitness(ref.gtin, ref.serial);
    }
}
