// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IStfTwin} from "../IStfTwin.sol";
import {LeafKeys} from "../LeafKeys.sol";
import {Leaves} from "../Leaves.sol";
import {Step, StepContext, StfCore} from "../StfCore.sol";
import {WitnessedState} from "../WitnessedState.sol";
import {TxAcceptOffer, TxAcceptOfferCodec} from "../generated/TxAcceptOffer.sol";
import {TxAcceptReschedule, TxAcceptRescheduleCodec} from "../generated/TxAcceptReschedule.sol";
import {TxCancelSurgeryCodec} from "../generated/TxCancelSurgery.sol";
import {TxMarkNoShowCodec} from "../generated/TxMarkNoShow.sol";
import {TxOfferSchedule, TxOfferScheduleCodec} from "../generated/TxOfferSchedule.sol";
import {TxProposeSurgery, TxProposeSurgeryCodec} from "../generated/TxProposeSurgery.sol";
import {TxRequestReschedule, TxRequestRescheduleCodec} from "../generated/TxRequestReschedule.sol";
import {ScheduleLib} from "./ScheduleLib.sol";
import {ScheduleTwinB} from "./ScheduleTwinB.sol";

/// @title ScheduleTwin
/// @notice Twin of sequencer/src/stf/handlers/schedule.ts, the front half of a case's lifecycle:
///         ProposeSurgery, OfferSchedule, AcceptOffer, RequestReschedule and AcceptReschedule
///         here; CancelSurgery and MarkNoShow in ScheduleTwinB, which this contract deploys and
///         forwards those two types to (one contract would pass the 24 KB code size limit).
/// @dev Every private handler mirrors its TypeScript function line by line: the same reads in
///      the same order before each rejection, the same writes.
contract ScheduleTwin is IStfTwin {
    /// @notice Thrown when called with a type this contract does not handle.
    error ScheduleTwin_WrongType(uint8 code);

    /// @notice The twin of CancelSurgery and MarkNoShow.
    IStfTwin public immutable leaving;

    /// @dev isValidCode's default maximum length, in UTF-16 code units.
    uint256 private constant MAX_CODE_LENGTH = 64;

    /// @dev The late-cancellation fee's denominator (basis points).
    uint256 private constant BPS = 10_000;

    constructor() {
        leaving = new ScheduleTwinB();
    }

    /// @inheritdoc IStfTwin
    function applyTx(bytes32 preRoot, StepContext calldata ctx, bytes calldata txBytes, WitnessedState.Witness calldata witness)
        external
        view
        returns (bytes32)
    {
        uint8 code = uint8(txBytes[0]);
        if (code == TxCancelSurgeryCodec.CODE || code == TxMarkNoShowCodec.CODE) _forward(address(leaving));
        Step memory st = StfCore.open(preRoot, ctx, keccak256(txBytes), witness.reads);
        if (code == TxProposeSurgeryCodec.CODE) _proposeSurgery(st, txBytes);
        else if (code == TxOfferScheduleCodec.CODE) _offerSchedule(st, txBytes);
        else if (code == TxAcceptOfferCodec.CODE) _acceptOffer(st, txBytes);
        else if (code == TxRequestRescheduleCodec.CODE) _requestReschedule(st, txBytes);
        else if (code == TxAcceptRescheduleCodec.CODE) _acceptReschedule(st, txBytes);
        else revert ScheduleTwin_WrongType(code);
        return StfCore.close(st, witness.writes);
    }

    // ----- handlers --------------------------------------------------------------------------

    function _proposeSurgery(Step memory st, bytes memory txBytes) private pure {
        (bool ok, TxProposeSurgery memory t) = TxProposeSurgeryCodec.decode(txBytes);
        if (!ok) StfCore.reject("DECODE_ERROR");
        StfCore.beginSigned(st, txBytes, TxProposeSurgeryCodec.digest(t, StfCore.domainSeparator(st)), t.nonce, t.maxFee, TxProposeSurgeryCodec.work(t));
        Leaves.Doctor memory d = StfCore.getDoctor(st, t.doctor);
        if (t.doctor == st.from) StfCore.reject("SELF_DEALING");
        if (!_isValidCode(bytes(t.procedure))) StfCore.reject("INVALID_FIELD");
        if (t.requestedTime <= st.ctx.timestamp) StfCore.reject("INVALID_TIME");
        uint256 id = StfCore.nextCaseId(st);
        Leaves.Case memory c;
        c.id = id;
        c.patient = st.from;
        c.doctor = t.doctor;
        c.procedure = keccak256(bytes(t.procedure));
        c.status = Leaves.CaseStatus.PROPOSED;
        c.requestedTime = t.requestedTime;
        c.detailsHash = t.detailsHash;
        c.createdAt = st.ctx.timestamp;
        c.appointmentTime = t.requestedTime;
        d.stats.cases[uint8(Leaves.CaseStatus.PROPOSED)] += 1;
        StfCore.putDoctor(st, d);
        // historyHash starts at zero; updateCase bumps it with this transaction.
        StfCore.updateCase(st, c, Leaves.CaseStatus.PROPOSED);
        ScheduleLib.bumpPatient(st, st.from, ScheduleLib.PatientCounter.Proposals);
        bytes32 relationKey = LeafKeys.relationKey(t.doctor, st.from);
        (bool present, bytes memory v) = WitnessedState.get(st.state, relationKey);
        Leaves.Relation memory relation;
        if (present) relation = Leaves.decodeRelation(v);
        relation.cases += 1;
        WitnessedState.put(st.state, relationKey, Leaves.encode(relation));
        StfCore.endSigned(st);
    }

    function _offerSchedule(Step memory st, bytes memory txBytes) private pure {
        (bool ok, TxOfferSchedule memory t) = TxOfferScheduleCodec.decode(txBytes);
        if (!ok) StfCore.reject("DECODE_ERROR");
        StfCore.beginSigned(st, txBytes, TxOfferScheduleCodec.digest(t, StfCore.domainSeparator(st)), t.nonce, t.maxFee, TxOfferScheduleCodec.work(t));
        Leaves.Case memory c = StfCore.getCase(st, t.caseId);
        StfCore.requireDoctor(c, st.from);
        StfCore.requireStatus(c, Leaves.CaseStatus.PROPOSED);
        Leaves.Doctor memory d = StfCore.getDoctor(st, st.from);
        if (!d.hasLicense) StfCore.reject("LICENSE_MISSING");
        if (d.license.status != Leaves.LicenseStatus.ACTIVE) StfCore.reject("LICENSE_INACTIVE");
        if (d.license.expiresAt <= st.ctx.timestamp) StfCore.reject("LICENSE_EXPIRED");
        if (t.appointmentTime <= st.ctx.timestamp) StfCore.reject("INVALID_TIME");
        if (t.price == 0 || t.deposit > t.price || t.lateCancelFeeBps > BPS) StfCore.reject("INVALID_TERMS");
        Leaves.CaseStatus previous = c.status;
        c.status = Leaves.CaseStatus.OFFERED;
        c.hasOffer = true;
        c.offer = Leaves.Offer(t.appointmentTime, t.deposit, t.price, t.freeCancelBefore, t.lateCancelFeeBps);
        c.appointmentTime = t.appointmentTime;
        StfCore.updateCase(st, c, previous);
        StfCore.endSigned(st);
    }

    function _acceptOffer(Step memory st, bytes memory txBytes) private pure {
        (bool ok, TxAcceptOffer memory t) = TxAcceptOfferCodec.decode(txBytes);
        if (!ok) StfCore.reject("DECODE_ERROR");
        StfCore.beginSigned(st, txBytes, TxAcceptOfferCodec.digest(t, StfCore.domainSeparator(st)), t.nonce, t.maxFee, TxAcceptOfferCodec.work(t));
        Leaves.Case memory c = StfCore.getCase(st, t.caseId);
        StfCore.requirePatient(c, st.from);
        StfCore.requireStatus(c, Leaves.CaseStatus.OFFERED);
        if (c.appointmentTime <= st.ctx.timestamp) StfCore.reject("INVALID_TIME");
        uint256 deposit = c.offer.deposit;
        StfCore.debit(st, st.from, deposit);
        Leaves.CaseStatus previous = c.status;
        c.status = Leaves.CaseStatus.SCHEDULED;
        c.escrow = deposit;
        StfCore.updateCase(st, c, previous);
        StfCore.endSigned(st);
    }

    function _requestReschedule(Step memory st, bytes memory txBytes) private pure {
        (bool ok, TxRequestReschedule memory t) = TxRequestRescheduleCodec.decode(txBytes);
        if (!ok) StfCore.reject("DECODE_ERROR");
        StfCore.beginSigned(
            st, txBytes, TxRequestRescheduleCodec.digest(t, StfCore.domainSeparator(st)), t.nonce, t.maxFee, TxRequestRescheduleCodec.work(t)
        );
        Leaves.Case memory c = StfCore.getCase(st, t.caseId);
        StfCore.requireParty(c, st.from);
        StfCore.requireStatus(c, Leaves.CaseStatus.SCHEDULED);
        if (t.newTime <= st.ctx.timestamp) StfCore.reject("INVALID_TIME");
        c.hasReschedule = true;
        c.reschedule = Leaves.Reschedule(st.from, t.newTime);
        StfCore.updateCase(st, c, c.status);
        StfCore.endSigned(st);
    }

    function _acceptReschedule(Step memory st, bytes memory txBytes) private pure {
        (bool ok, TxAcceptReschedule memory t) = TxAcceptRescheduleCodec.decode(txBytes);
        if (!ok) StfCore.reject("DECODE_ERROR");
        StfCore.beginSigned(
            st, txBytes, TxAcceptRescheduleCodec.digest(t, StfCore.domainSeparator(st)), t.nonce, t.maxFee, TxAcceptRescheduleCodec.work(t)
        );
        Leaves.Case memory c = StfCore.getCase(st, t.caseId);
        StfCore.requireParty(c, st.from);
        StfCore.requireStatus(c, Leaves.CaseStatus.SCHEDULED);
        if (!c.hasReschedule) StfCore.reject("NO_PENDING_RESCHEDULE");
        Leaves.Reschedule memory request = c.reschedule;
        if (request.requester == st.from) StfCore.reject("RESCHEDULE_BY_REQUESTER");
        if (request.newTime <= st.ctx.timestamp) StfCore.reject("INVALID_TIME");
        c.appointmentTime = request.newTime;
        ScheduleLib.clearReschedule(c);
        c.reschedules += 1;
        StfCore.updateCase(st, c, c.status);
        if (request.requester == c.patient) ScheduleLib.bumpPatient(st, c.patient, ScheduleLib.PatientCounter.Reschedules);
        StfCore.endSigned(st);
    }

    // ----- helpers -----------------------------------------------------------------------------

    /// @dev Hands this call, as it came, to `twin` (same function), and returns or reverts with
    ///      what it does (a rejection's `Stf_Rejected` included).
    function _forward(address twin) private view {
        assembly ("memory-safe") {
            let m := mload(0x40)
            calldatacopy(m, 0, calldatasize())
            let ok := staticcall(gas(), twin, m, calldatasize(), 0, 0)
            returndatacopy(m, 0, returndatasize())
            if iszero(ok) { revert(m, returndatasize()) }
            return(m, returndatasize())
        }
    }

    /// @dev validation.ts isValidCode(s) over the UTF-8 bytes of a string the decoder already
    ///      checked: 1 to 64 UTF-16 code units (a 4-byte sequence is a surrogate pair, 2 units;
    ///      every other sequence 1), and `s.trim() === s` (neither the first nor the last code
    ///      point is JavaScript white space).
    function _isValidCode(bytes memory s) private pure returns (bool) {
        if (s.length == 0) return false;
        uint256 units = 0;
        for (uint256 i = 0; i < s.length; i++) {
            uint8 b = uint8(s[i]);
            if (b & 0xc0 != 0x80) units += b >= 0xf0 ? 2 : 1;
        }
        if (units > MAX_CODE_LENGTH) return false;
        uint256 last = s.length - 1;
        while (uint8(s[last]) & 0xc0 == 0x80) last--;
        return !_isJsWhiteSpace(_codePointAt(s, 0)) && !_isJsWhiteSpace(_codePointAt(s, last));
    }

    /// @dev The code point of the well-formed UTF-8 sequence starting at `i`.
    function _codePointAt(bytes memory s, uint256 i) private pure returns (uint256 cp) {
        uint256 b = uint8(s[i]);
        if (b < 0x80) return b;
        uint256 extra = b >= 0xf0 ? 3 : b >= 0xe0 ? 2 : 1;
        cp = b & (0x3f >> extra);
        for (uint256 k = 1; k <= extra; k++) {
            cp = (cp << 6) | (uint8(s[i + k]) & 0x3f);
        }
    }

    /// @dev What String.prototype.trim strips: WhiteSpace and LineTerminator (ECMA-262).
    function _isJsWhiteSpace(uint256 cp) private pure returns (bool) {
        return (cp >= 0x09 && cp <= 0x0d) || cp == 0x20 || cp == 0xa0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200a) || cp == 0x2028
            || cp == 0x2029 || cp == 0x202f || cp == 0x205f || cp == 0x3000 || cp == 0xfeff;
    }
}
