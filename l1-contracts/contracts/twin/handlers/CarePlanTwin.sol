// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {LeafKeys} from "../LeafKeys.sol";
import {Leaves} from "../Leaves.sol";
import {Step, StepContext, StfCore} from "../StfCore.sol";
import {WitnessedState} from "../WitnessedState.sol";
import {TxConfirmPlan, TxConfirmPlanCodec} from "../generated/TxConfirmPlan.sol";
import {TxProposePlan, TxProposePlanCodec} from "../generated/TxProposePlan.sol";
import {CarePacks} from "./CarePacks.sol";

/// @title CarePlanTwin
/// @notice Twin of ProposePlan and ConfirmPlan (sequencer/src/stf/handlers/plan.ts): a plan of
///         medicine packs and an optional policy for a scheduled case, and the patient's
///         confirmation, paying the rest of the price and the premium. Linked into CareTwin.
library CarePlanTwin {
    /// @dev plan.ts MAX_PLAN_PACKS.
    uint256 private constant MAX_PLAN_PACKS = 32;

    /// @notice The root after the transaction `txBytes` (IStfTwin.applyTx, run by CareTwin through DELEGATECALL).
    function applyTx(bytes32 preRoot, StepContext calldata ctx, bytes calldata txBytes, WitnessedState.Witness calldata witness)
        external
        pure
        returns (bytes32)
    {
        Step memory st = StfCore.open(preRoot, ctx, keccak256(txBytes), witness.reads);
        uint8 code = uint8(txBytes[0]);
        if (code == TxProposePlanCodec.CODE) _proposePlan(st, txBytes, CarePacks.texts(witness.strings));
        else _confirmPlan(st, txBytes, CarePacks.texts(witness.strings));
        return StfCore.close(st, witness.writes);
    }

    function _proposePlan(Step memory st, bytes memory txBytes, CarePacks.Texts memory texts) private pure {
        (bool ok, TxProposePlan memory t) = TxProposePlanCodec.decode(txBytes);
        if (!ok) StfCore.reject("DECODE_ERROR");
        StfCore.beginSigned(st, txBytes, TxProposePlanCodec.digest(t, StfCore.domainSeparator(st)), t.nonce, t.maxFee, TxProposePlanCodec.work(t));
        Leaves.Case memory c = StfCore.getCase(st, t.caseId);
        StfCore.requireDoctor(c, st.from);
        StfCore.requireStatus(c, Leaves.CaseStatus.SCHEDULED, Leaves.CaseStatus.PLANNED);
        if (t.packs.length > MAX_PLAN_PACKS) StfCore.reject("INVALID_PLAN");
        CarePacks.NamedPack[] memory packs = CarePacks.name(t.packs);
        if (CarePacks.invalidList(t.packs, packs)) StfCore.reject("INVALID_PLAN");
        for (uint256 i = 0; i < packs.length; i++) {
            CarePacks.requireUsablePack(st, texts, packs[i].key, c.id, c.appointmentTime);
        }
        uint256 premium = 0;
        if (t.policyId != 0) {
            (bool present, bytes memory v) = WitnessedState.get(st.state, LeafKeys.policyKey(t.policyId));
            if (!present) StfCore.reject("POLICY_NOT_FOUND");
            Leaves.Policy memory policy = Leaves.decodePolicy(v);
            if (policy.closed) StfCore.reject("POLICY_CLOSED");
            if (!_includes(policy.procedures, c.procedure)) StfCore.reject("POLICY_NOT_COVERING");
            if (!_includes(StfCore.getDoctor(st, c.doctor).acceptedInsurers, policy.insurer)) StfCore.reject("POLICY_NOT_ACCEPTED");
            premium = policy.premium;
        }
        // A new plan replaces an unconfirmed one: release what it no longer uses, reserve the rest.
        if (c.hasPlan) CarePacks.releasePacks(st, texts, c.id, c.plan.packs, packs);
        Leaves.PackRef[] memory refs = new Leaves.PackRef[](packs.length);
        for (uint256 i = 0; i < packs.length; i++) {
            CarePacks.setPackStatus(st, packs[i].key, Leaves.PackStatus.RESERVED, c.id);
            refs[i] = packs[i].ref;
        }
        Leaves.CaseStatus previous = c.status;
        c.status = Leaves.CaseStatus.PLANNED;
        c.hasPlan = true;
        c.plan = Leaves.Plan(refs, t.policyId, t.planHash, premium);
        StfCore.updateCase(st, c, previous);
        StfCore.endSigned(st);
    }

    function _confirmPlan(Step memory st, bytes memory txBytes, CarePacks.Texts memory texts) private pure {
        (bool ok, TxConfirmPlan memory t) = TxConfirmPlanCodec.decode(txBytes);
        if (!ok) StfCore.reject("DECODE_ERROR");
        StfCore.beginSigned(st, txBytes, TxConfirmPlanCodec.digest(t, StfCore.domainSeparator(st)), t.nonce, t.maxFee, TxConfirmPlanCodec.work(t));
        Leaves.Case memory c = StfCore.getCase(st, t.caseId);
        StfCore.requirePatient(c, st.from);
        StfCore.requireStatus(c, Leaves.CaseStatus.PLANNED);
        Leaves.Plan memory plan = c.plan;
        if (plan.planHash != t.planHash) StfCore.reject("PLAN_HASH_MISMATCH");
        for (uint256 i = 0; i < plan.packs.length; i++) {
            CarePacks.requireNotRecalled(st, texts, CarePacks.existingPack(st, CarePacks.keyOf(texts, plan.packs[i])));
        }
        // A policy closed since the plan was proposed binds no new case: the doctor plans again.
        bytes32 policyKey = LeafKeys.policyKey(plan.policyId);
        Leaves.Policy memory p;
        if (plan.policyId != 0) {
            (, bytes memory v) = WitnessedState.get(st.state, policyKey);
            p = Leaves.decodePolicy(v);
            if (p.closed) StfCore.reject("POLICY_CLOSED");
        }
        uint256 rest = c.offer.price - c.escrow;
        // TypeScript adds without bound: a sum of 2^256 or more is more than any balance.
        uint256 paid;
        unchecked {
            paid = rest + plan.premium;
        }
        if (paid < rest) StfCore.reject("INSUFFICIENT_BALANCE");
        StfCore.debit(st, st.from, paid);
        if (plan.policyId != 0) {
            p.boundCases += 1;
            p.pendingCases += 1;
            WitnessedState.put(st.state, policyKey, Leaves.encode(p));
        }
        c.status = Leaves.CaseStatus.CONFIRMED;
        c.escrow += rest;
        c.premiumEscrow = plan.premium;
        c.confirmedPlan = true;
        StfCore.updateCase(st, c, Leaves.CaseStatus.PLANNED);
        StfCore.endSigned(st);
    }

    function _includes(bytes32[] memory list, bytes32 x) private pure returns (bool) {
        for (uint256 i = 0; i < list.length; i++) {
            if (list[i] == x) return true;
        }
        return false;
    }

    function _includes(address[] memory list, address x) private pure returns (bool) {
        for (uint256 i = 0; i < list.length; i++) {
            if (list[i] == x) return true;
        }
        return false;
    }
}
