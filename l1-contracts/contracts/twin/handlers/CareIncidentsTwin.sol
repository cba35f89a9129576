// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {LeafKeys} from "../LeafKeys.sol";
import {Leaves} from "../Leaves.sol";
import {Step, StepContext, StfCore} from "../StfCore.sol";
import {WitnessedState} from "../WitnessedState.sol";
import {TxAcceptResolution, TxAcceptResolutionCodec} from "../generated/TxAcceptResolution.sol";
import {TxProposeResolution, TxProposeResolutionCodec} from "../generated/TxProposeResolution.sol";
import {TxReportIncident, TxReportIncidentCodec} from "../generated/TxReportIncident.sol";

/// @title CareIncidentsTwin
/// @notice Twin of sequencer/src/stf/handlers/incidents.ts: ReportIncident (with the automatic
///         payout of a covered, attested complication from the policy's reserve),
///         ProposeResolution and AcceptResolution (the refund from the case's escrow, then from
///         the doctor). Linked into CareTwin.
library CareIncidentsTwin {
    /// @dev incidents.ts DAY.
    uint256 private constant DAY = 86_400;
    /// @dev validation.ts isValidCode's default maximum (UTF-16 code units).
    uint256 private constant MAX_CODE_UNITS = 64;

    /// @notice The root after the transaction `txBytes` (IStfTwin.applyTx, run by CareTwin through DELEGATECALL).
    function applyTx(bytes32 preRoot, StepContext calldata ctx, bytes calldata txBytes, WitnessedState.Witness calldata witness)
        external
        pure
        returns (bytes32)
    {
        Step memory st = StfCore.open(preRoot, ctx, keccak256(txBytes), witness.reads);
        uint8 code = uint8(txBytes[0]);
        if (code == TxReportIncidentCodec.CODE) _reportIncident(st, txBytes);
        else if (code == TxProposeResolutionCodec.CODE) _proposeResolution(st, txBytes);
        else _acceptResolution(st, txBytes);
        return StfCore.close(st, witness.writes);
    }

    function _reportIncident(Step memory st, bytes memory txBytes) private pure {
        (bool ok, TxReportIncident memory t) = TxReportIncidentCodec.decode(txBytes);
        if (!ok) StfCore.reject("DECODE_ERROR");
        StfCore.beginSigned(st, txBytes, TxReportIncidentCodec.digest(t, StfCore.domainSeparator(st)), t.nonce, t.maxFee, TxReportIncidentCodec.work(t));
        Leaves.Case memory c = StfCore.getCase(st, t.caseId);
        bool byPatient = StfCore.requireParty(c, st.from);
        Leaves.CaseStatus s = c.status;
        if (s != Leaves.CaseStatus.CONFIRMED && s != Leaves.CaseStatus.EXECUTED && s != Leaves.CaseStatus.CLOSED) StfCore.reject("INVALID_TRANSITION");
        if (!_isValidCode(bytes(t.complication))) StfCore.reject("INVALID_FIELD");
        if (c.hasExecutedAt && st.ctx.timestamp > uint256(c.executedAt) + StfCore.params(st).incidentWindowSeconds) {
            StfCore.reject("INCIDENT_WINDOW_CLOSED");
        }
        bytes32 complication = keccak256(bytes(t.complication));

        // The doctor reporting a complication the patient already reported attests that incident.
        bool pending;
        Leaves.Incident memory incident;
        if (!byPatient) (pending, incident) = _findUnattested(st, c, complication);
        if (pending) {
            incident.attested = true;
        } else {
            uint256 id = StfCore.nextIncidentId(st);
            incident.id = id;
            incident.caseId = t.caseId;
            incident.reporter = st.from;
            incident.complication = complication;
            incident.evidenceHash = t.evidenceHash;
            incident.attested = !byPatient;
            incident.status = Leaves.IncidentStatus.OPEN;
            incident.openedAt = st.ctx.timestamp;
            c.openIncidents += 1;
            c.incidentIds = _append(c.incidentIds, id);
            Leaves.Doctor memory d = StfCore.getDoctor(st, c.doctor);
            d.stats.incidentsOpen += 1;
            StfCore.putDoctor(st, d);
        }
        uint256 payout = incident.attested ? _claim(st, c, complication) : 0;
        if (payout > 0) {
            StfCore.credit(st, c.patient, payout);
            incident.payout = payout;
            c.claimedComplications = _appendHash(c.claimedComplications, complication);
        }
        WitnessedState.put(st.state, LeafKeys.incidentKey(incident.id), Leaves.encode(incident));
        StfCore.updateCase(st, c, c.status);
        StfCore.endSigned(st);
    }

    /// @dev findUnattested: the first of the case's incidents (in order, reading each until one
    ///      matches) that is open, unattested and about `complication`.
    function _findUnattested(Step memory st, Leaves.Case memory c, bytes32 complication) private pure returns (bool, Leaves.Incident memory none) {
        for (uint256 k = 0; k < c.incidentIds.length; k++) {
            (, bytes memory v) = WitnessedState.get(st.state, LeafKeys.incidentKey(c.incidentIds[k]));
            Leaves.Incident memory i = Leaves.decodeIncident(v);
            if (i.status == Leaves.IncidentStatus.OPEN && !i.attested && i.complication == complication) return (true, i);
        }
        return (false, none);
    }

    /// @dev claim: pays a covered, attested complication once per case, from the policy's reserve.
    function _claim(Step memory st, Leaves.Case memory c, bytes32 complication) private pure returns (uint256 payout) {
        if (!c.hasPlan || c.plan.policyId == 0 || !c.confirmedPlan || !c.hasExecutedAt) return 0;
        for (uint256 k = 0; k < c.claimedComplications.length; k++) {
            if (c.claimedComplications[k] == complication) return 0;
        }
        bytes32 key = LeafKeys.policyKey(c.plan.policyId);
        (, bytes memory v) = WitnessedState.get(st.state, key);
        Leaves.Policy memory policy = Leaves.decodePolicy(v);
        (bool found, Leaves.PolicyTerm memory term) = _term(policy.terms, complication);
        if (!found) return 0;
        if (st.ctx.timestamp > uint256(c.executedAt) + uint256(term.windowDays) * DAY) return 0;
        payout = term.payout < policy.reserve ? term.payout : policy.reserve;
        if (payout == 0) return 0;
        policy.reserve -= payout;
        policy.paidOut += payout;
        WitnessedState.put(st.state, key, Leaves.encode(policy));
    }

    /// @dev `terms.find((t) => t.complication === complication)`.
    function _term(Leaves.PolicyTerm[] memory terms, bytes32 complication) private pure returns (bool, Leaves.PolicyTerm memory none) {
        for (uint256 k = 0; k < terms.length; k++) {
            if (terms[k].complication == complication) return (true, terms[k]);
        }
        return (false, none);
    }

    function _proposeResolution(Step memory st, bytes memory txBytes) private pure {
        (bool ok, TxProposeResolution memory t) = TxProposeResolutionCodec.decode(txBytes);
        if (!ok) StfCore.reject("DECODE_ERROR");
        StfCore.beginSigned(
            st, txBytes, TxProposeResolutionCodec.digest(t, StfCore.domainSeparator(st)), t.nonce, t.maxFee, TxProposeResolutionCodec.work(t)
        );
        Leaves.Incident memory incident = _getIncident(st, t.incidentId);
        StfCore.requireParty(StfCore.getCase(st, incident.caseId), st.from);
        if (incident.status != Leaves.IncidentStatus.OPEN) StfCore.reject("INCIDENT_NOT_OPEN");
        incident.hasProposal = true;
        incident.proposal = Leaves.IncidentProposal(st.from, t.refund, t.resolutionHash);
        WitnessedState.put(st.state, LeafKeys.incidentKey(incident.id), Leaves.encode(incident));
        StfCore.endSigned(st);
    }

    function _acceptResolution(Step memory st, bytes memory txBytes) private pure {
        (bool ok, TxAcceptResolution memory t) = TxAcceptResolutionCodec.decode(txBytes);
        if (!ok) StfCore.reject("DECODE_ERROR");
        StfCore.beginSigned(
            st, txBytes, TxAcceptResolutionCodec.digest(t, StfCore.domainSeparator(st)), t.nonce, t.maxFee, TxAcceptResolutionCodec.work(t)
        );
        Leaves.Incident memory incident = _getIncident(st, t.incidentId);
        Leaves.Case memory c = StfCore.getCase(st, incident.caseId);
        StfCore.requireParty(c, st.from);
        if (incident.status != Leaves.IncidentStatus.OPEN) StfCore.reject("INCIDENT_NOT_OPEN");
        if (!incident.hasProposal) StfCore.reject("NO_RESOLUTION_PROPOSED");
        Leaves.IncidentProposal memory proposal = incident.proposal;
        if (proposal.proposer == st.from) StfCore.reject("NOT_COUNTERPARTY");
        if (proposal.resolutionHash != t.resolutionHash || proposal.refund != t.refund) StfCore.reject("RESOLUTION_MISMATCH");
        // The refund comes from what the case still holds, then from the doctor's balance.
        uint256 fromEscrow = proposal.refund < c.escrow ? proposal.refund : c.escrow;
        uint256 fromDoctor = proposal.refund - fromEscrow;
        if (StfCore.getAccount(st, c.doctor).balance < fromDoctor) StfCore.reject("INSUFFICIENT_BALANCE");
        StfCore.debit(st, c.doctor, fromDoctor);
        StfCore.credit(st, c.patient, proposal.refund);
        incident.status = Leaves.IncidentStatus.RESOLVED;
        incident.refund = proposal.refund;
        incident.hasResolvedAt = true;
        incident.resolvedAt = st.ctx.timestamp;
        WitnessedState.put(st.state, LeafKeys.incidentKey(incident.id), Leaves.encode(incident));
        c.escrow -= fromEscrow;
        c.openIncidents -= 1;
        StfCore.updateCase(st, c, c.status);
        Leaves.Doctor memory d = StfCore.getDoctor(st, c.doctor);
        d.stats.incidentsOpen -= 1;
        d.stats.incidentsResolved += 1;
        StfCore.putDoctor(st, d);
        StfCore.endSigned(st);
    }

    /// @dev `st.get("incident", id) ?? reject("INCIDENT_NOT_FOUND")`.
    function _getIncident(Step memory st, uint256 id) private pure returns (Leaves.Incident memory) {
        (bool present, bytes memory v) = WitnessedState.get(st.state, LeafKeys.incidentKey(id));
        if (!present) StfCore.reject("INCIDENT_NOT_FOUND");
        return Leaves.decodeIncident(v);
    }

    // ----- validation.ts isValidCode over UTF-8 ----------------------------------------------

    /// @dev validation.ts isValidCode(s) (max 64) over the UTF-8 bytes of `s` (valid UTF-8, as
    ///      the transaction decoder guarantees): 1 to 64 UTF-16 code units (a 4-byte sequence is
    ///      two), and `s.trim() === s` (neither the first nor the last code point is one
    ///      JavaScript's trim() strips).
    function _isValidCode(bytes memory s) private pure returns (bool) {
        uint256 n = s.length;
        if (n == 0) return false;
        uint256 units = 0;
        for (uint256 i = 0; i < n; i++) {
            uint8 b = uint8(s[i]);
            if (b & 0xc0 != 0x80) units += b >= 0xf0 ? 2 : 1;
        }
        if (units > MAX_CODE_UNITS) return false;
        uint256 last = n - 1;
        while (uint8(s[last]) & 0xc0 == 0x80) last--;
        return !_isTrimmed(_codePoint(s, 0)) && !_isTrimmed(_codePoint(s, last));
    }

    /// @dev The code point whose UTF-8 sequence starts at `i`.
    function _codePoint(bytes memory s, uint256 i) private pure returns (uint256) {
        uint256 b = uint8(s[i]);
        if (b < 0x80) return b;
        if (b < 0xe0) return ((b & 0x1f) << 6) | (uint8(s[i + 1]) & 0x3f);
        if (b < 0xf0) return ((b & 0x0f) << 12) | (uint256(uint8(s[i + 1]) & 0x3f) << 6) | (uint8(s[i + 2]) & 0x3f);
        return ((b & 0x07) << 18) | (uint256(uint8(s[i + 1]) & 0x3f) << 12) | (uint256(uint8(s[i + 2]) & 0x3f) << 6) | (uint8(s[i + 3]) & 0x3f);
    }

    /// @dev Whether String.prototype.trim strips `cp`: WhiteSpace and LineTerminator (ECMA-262).
    function _isTrimmed(uint256 cp) private pure returns (bool) {
        return (cp >= 0x09 && cp <= 0x0d) || cp == 0x20 || cp == 0xa0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200a) || cp == 0x2028
            || cp == 0x2029 || cp == 0x202f || cp == 0x205f || cp == 0x3000 || cp == 0xfeff;
    }

    // ----- arrays ------------------------------------------------------------------------------

    function _append(uint256[] memory a, uint256 x) private pure returns (uint256[] memory b) {
        b = new uint256[](a.length + 1);
        for (uint256 i = 0; i < a.length; i++) {
            b[i] = a[i];
        }
        b[a.length] = x;
    }

    function _appendHash(bytes32[] memory a, bytes32 x) private pure returns (bytes32[] memory b) {
        b = new bytes32[](a.length + 1);
        for (uint256 i = 0; i < a.length; i++) {
            b[i] = a[i];
        }
        b[a.length] = x;
    }
}
