// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {LeafKeys} from "../LeafKeys.sol";
import {Leaves} from "../Leaves.sol";
import {Step, StepContext, StfCore} from "../StfCore.sol";
import {WitnessedState} from "../WitnessedState.sol";
import {TxPostSummary, TxPostSummaryCodec} from "../generated/TxPostSummary.sol";
import {TxRecordSurgery, TxRecordSurgeryCodec} from "../generated/TxRecordSurgery.sol";
import {CarePacks} from "./CarePacks.sol";

/// @title CareSurgeryTwin
/// @notice Twin of RecordSurgery and PostSummary (sequencer/src/stf/handlers/plan.ts): the
///         surgery record, which dispenses the packs used, releases the rest of the plan, pays
///         the premium to the insurer and starts the policy's claim window, and the encrypted summary. Linked into CareTwin.
library CareSurgeryTwin {
    /// @notice The root after the transaction `txBytes` (IStfTwin.applyTx, run by CareTwin through DELEGATECALL).
    function applyTx(bytes32 preRoot, StepContext calldata ctx, bytes calldata txBytes, WitnessedState.Witness calldata witness)
        external
        pure
        returns (bytes32)
    {
        Step memory st = StfCore.open(preRoot, ctx, keccak256(txBytes), witness.reads);
        uint8 code = uint8(txBytes[0]);
        if (code == TxRecordSurgeryCodec.CODE) _recordSurgery(st, txBytes, CarePacks.texts(witness.strings));
        else _postSummary(st, txBytes);
        return StfCore.close(st, witness.writes);
    }

    function _recordSurgery(Step memory st, bytes memory txBytes, CarePacks.Texts memory texts) private pure {
        (bool ok, TxRecordSurgery memory t) = TxRecordSurgeryCodec.decode(txBytes);
        if (!ok) StfCore.reject("DECODE_ERROR");
        StfCore.beginSigned(st, txBytes, TxRecordSurgeryCodec.digest(t, StfCore.domainSeparator(st)), t.nonce, t.maxFee, TxRecordSurgeryCodec.work(t));
        Leaves.Case memory c = StfCore.getCase(st, t.caseId);
        StfCore.requireDoctor(c, st.from);
        StfCore.requireStatus(c, Leaves.CaseStatus.CONFIRMED);
        if (st.ctx.timestamp < c.appointmentTime) StfCore.reject("TOO_EARLY");
        Leaves.PackRef[] memory planned = c.hasPlan ? c.plan.packs : new Leaves.PackRef[](0);
        CarePacks.NamedPack[] memory used = CarePacks.name(t.packsUsed);
        if (CarePacks.invalidList(t.packsUsed, used)) StfCore.reject("INVALID_PLAN");
        Leaves.PackRef[] memory refs = new Leaves.PackRef[](used.length);
        for (uint256 i = 0; i < used.length; i++) {
            refs[i] = used[i].ref;
            if (!CarePacks.contains(planned, refs[i])) StfCore.reject("PACK_NOT_IN_PLAN");
            CarePacks.requireNotRecalled(st, texts, CarePacks.existingPack(st, used[i].key));
        }
        for (uint256 i = 0; i < used.length; i++) {
            CarePacks.setPackStatus(st, used[i].key, Leaves.PackStatus.DISPENSED, c.id);
        }
        CarePacks.releasePacks(st, texts, c.id, planned, used);
        // Coverage starts with the surgery: the premium goes to the insurer now, and the policy's
        // claims stay open for this case's window (ReleaseReserve waits for it).
        if (c.hasPlan && c.plan.policyId != 0) {
            bytes32 key = LeafKeys.policyKey(c.plan.policyId);
            (, bytes memory v) = WitnessedState.get(st.state, key);
            Leaves.Policy memory p = Leaves.decodePolicy(v);
            StfCore.credit(st, p.insurer, c.premiumEscrow);
            p.pendingCases -= 1;
            if (!p.hasLastSurgeryAt || p.lastSurgeryAt < st.ctx.timestamp) p.lastSurgeryAt = st.ctx.timestamp;
            p.hasLastSurgeryAt = true;
            WitnessedState.put(st.state, key, Leaves.encode(p));
        }
        c.status = Leaves.CaseStatus.EXECUTED;
        c.hasRecordHash = true;
        c.recordHash = t.recordHash;
        c.packsUsed = refs;
        c.hasExecutedAt = true;
        c.executedAt = st.ctx.timestamp;
        c.premiumEscrow = 0;
        StfCore.updateCase(st, c, Leaves.CaseStatus.CONFIRMED);
        StfCore.endSigned(st);
    }

    function _postSummary(Step memory st, bytes memory txBytes) private pure {
        (bool ok, TxPostSummary memory t) = TxPostSummaryCodec.decode(txBytes);
        if (!ok) StfCore.reject("DECODE_ERROR");
        StfCore.beginSigned(st, txBytes, TxPostSummaryCodec.digest(t, StfCore.domainSeparator(st)), t.nonce, t.maxFee, TxPostSummaryCodec.work(t));
        Leaves.Case memory c = StfCore.getCase(st, t.caseId);
        StfCore.requireDoctor(c, st.from);
        StfCore.requireStatus(c, Leaves.CaseStatus.EXECUTED, Leaves.CaseStatus.CLOSED);
        c.hasSummaryHash = true;
        c.summaryHash = t.summaryHash;
        StfCore.updateCase(st, c, c.status);
        StfCore.endSigned(st);
    }
}
