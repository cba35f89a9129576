// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IStfTwin} from "../IStfTwin.sol";
import {LeafKeys} from "../LeafKeys.sol";
import {Leaves} from "../Leaves.sol";
import {Step, StepContext, StfCore} from "../StfCore.sol";
import {WitnessedState} from "../WitnessedState.sol";
import {TxAdmitParticipant, TxAdmitParticipantCodec} from "../generated/TxAdmitParticipant.sol";
import {TxAttestLicense, TxAttestLicenseCodec} from "../generated/TxAttestLicense.sol";
import {TxPublishPolicy, TxPublishPolicyCodec} from "../generated/TxPublishPolicy.sol";
import {TxRecallLot, TxRecallLotCodec} from "../generated/TxRecallLot.sol";
import {TxRegisterDoctor, TxRegisterDoctorCodec} from "../generated/TxRegisterDoctor.sol";
import {TxRegisterMedicine, TxRegisterMedicineCodec} from "../generated/TxRegisterMedicine.sol";
import {PolicyTerm} from "../generated/TxStructs.sol";
import {RegistryLib} from "./RegistryLib.sol";

import {IStfTwin} from "../IStfTwin.sol";
import {LeafKeys} from "../LeafKeys.sol";
import {Leaves} from "../Leaves.sol";
import {Step, StepContext, StfCore} from "../StfCore.sol";
import {WitnessedState} from "../WitnessedState.sol";
import {TxPublishPolicy, TxPublishPolicyCodec} from "../generated/TxPublishPolicy.sol";
import {TxRegisterMedicine, TxRegisterMedicineCodec} from "../generated/TxRegisterMedicine.sol";
import {TxReleaseReserve, TxReleaseReserveCodec} from "../generated/TxReleaseReserve.sol";
import {PolicyTerm} from "../generated/TxStructs.sol";
import {RegistryLib} from "./RegistryLib.sol";

/// @title RegistryTwinB
/// @notice The second half of the registry twin (sequencer/src/stf/handlers/registry.ts):
///         RegisterMedicine, PublishPolicy and ReleaseReserve. RegistryTwin creates it and forwards
///         those types.
contract RegistryTwinB is IStfTwin {
    /// @notice Thrown when called with a type this contract does not handle.
    error RegistryTwinB_WrongType(uint8 code);

    uint256 private constant MAX_CODE_LENGTH = 64;
    uint256 private constant MAX_SERIALS_PER_TX = 100;
    uint256 private constant MAX_POLICY_ITEMS = 16;
    uint256 private constant MAX_WINDOW_DAYS = 3650;
    uint256 private constant DAY = 86_400;

    /// @inheritdoc IStfTwin
    function applyTx(bytes32 preRoot, StepContext calldata ctx, bytes calldata txBytes, WitnessedState.Witness calldata witness)
        external
        pure
        returns (bytes32)
    {
        Step memory st = StfCore.open(preRoot, ctx, keccak256(txBytes), witness.reads);
        uint8 code = uint8(txBytes[0]);
        if (code == TxRegisterMedicineCodec.CODE) _registerMedicine(st, txBytes);
        else if (code == TxPublishPolicyCodec.CODE) _publishPolicy(st, txBytes);
        else if (code == TxReleaseReserveCodec.CODE) _releaseReserve(st, txBytes);
        else revert RegistryTwinB_WrongType(code);
        return StfCore.close(st, witness.writes);
    }

    function _registerMedicine(Step memory st, bytes memory txBytes) private pure {
        (bool ok, TxRegisterMedicine memory t) = TxRegisterMedicineCodec.decode(txBytes);
        if (!ok) StfCore.reject("DECODE_ERROR");
        StfCore.beginSigned(
            st, txBytes, TxRegisterMedicineCodec.digest(t, StfCore.domainSeparator(st)), t.nonce, t.maxFee, TxRegisterMedicineCodec.work(t)
        );
        if (!RegistryLib.participant(st, st.from).manufacturer) StfCore.reject("NOT_AUTHORIZED");
        if (!RegistryLib.isValidGtin(t.gtin)) StfCore.reject("INVALID_GTIN");
        uint256 n = t.serials.length;
        if (!RegistryLib.isValidSerial(t.lot) || n == 0 || n > MAX_SERIALS_PER_TX || !RegistryLib.allSerials(t.serials) || RegistryLib.hasDuplicates(t.serials)) {
            StfCore.reject("INVALID_MEDICINE");
        }
        if (t.expiry <= st.ctx.timestamp) StfCore.reject("INVALID_MEDICINE");
        bytes32 lotKey = LeafKeys.lotKey(t.gtin, t.lot);
        (bool present, bytes memory v) = WitnessedState.get(st.state, lotKey);
        Leaves.Lot memory lot;
        if (present) {
            lot = Leaves.decodeLot(v);
            if (lot.manufacturer != st.from || lot.expiry != t.expiry) StfCore.reject("LOT_MISMATCH");
            if (lot.recalled) StfCore.reject("MEDICINE_RECALLED");
            lot.packs += uint64(n);
        } else {
            lot = Leaves.Lot({
                gtin: keccak256(bytes(t.gtin)),
                lot: keccak256(bytes(t.lot)),
                manufacturer: st.from,
                expiry: t.expiry,
                packs: uint64(n),
                recalled: false,
                hasRecalledAt: false,
                recalledAt: 0
            });
        }
        bytes32[] memory packKeys = new bytes32[](n);
        for (uint256 i = 0; i < n; ++i) {
            packKeys[i] = LeafKeys.packKey(t.gtin, t.serials[i]);
            (bool registered,) = WitnessedState.get(st.state, packKeys[i]);
            if (registered) StfCore.reject("MEDICINE_ALREADY_REGISTERED");
        }
        WitnessedState.put(st.state, lotKey, Leaves.encode(lot));
        Leaves.Pack memory pack = Leaves.Pack({
            gtin: keccak256(bytes(t.gtin)),
            serial: bytes32(0),
            lot: keccak256(bytes(t.lot)),
            manufacturer: st.from,
            expiry: t.expiry,
            status: Leaves.PackStatus.ACTIVE,
            hasCaseId: false,
            caseId: 0
        });
        for (uint256 i = 0; i < n; ++i) {
            pack.serial = keccak256(bytes(t.serials[i]));
            WitnessedState.put(st.state, packKeys[i], Leaves.encode(pack));
        }
        StfCore.endSigned(st);
    }

    function _publishPolicy(Step memory st, bytes memory txBytes) private pure {
        (bool ok, TxPublishPolicy memory t) = TxPublishPolicyCodec.decode(txBytes);
        if (!ok) StfCore.reject("DECODE_ERROR");
        StfCore.beginSigned(st, txBytes, TxPublishPolicyCodec.digest(t, StfCore.domainSeparator(st)), t.nonce, t.maxFee, TxPublishPolicyCodec.work(t));
        if (!RegistryLib.participant(st, st.from).insurer) StfCore.reject("NOT_AUTHORIZED");
        if (!_validProcedures(t.procedures) || !_validTerms(t.terms, t.cap) || t.cap == 0) StfCore.reject("INVALID_POLICY");
        // The cap is locked from the insurer's balance as the policy's reserve.
        StfCore.debit(st, st.from, t.cap);
        uint256 id = StfCore.nextPolicyId(st);
        Leaves.PolicyTerm[] memory terms = new Leaves.PolicyTerm[](t.terms.length);
        for (uint256 i = 0; i < terms.length; ++i) {
            terms[i] = Leaves.PolicyTerm(keccak256(bytes(t.terms[i].complication)), t.terms[i].payout, t.terms[i].windowDays);
        }
        Leaves.Policy memory policy = Leaves.Policy({
            id: id,
            insurer: st.from,
            procedures: RegistryLib.hashes(t.procedures),
            terms: terms,
            premium: t.premium,
            cap: t.cap,
            reserve: t.cap,
            paidOut: 0,
            boundCases: 0,
            createdAt: st.ctx.timestamp,
            closed: false,
            pendingCases: 0,
            hasLastSurgeryAt: false,
            lastSurgeryAt: 0,
            released: 0
        });
        WitnessedState.put(st.state, LeafKeys.policyKey(id), Leaves.encode(policy));
        StfCore.endSigned(st);
    }

    /// @dev registry.ts releaseReserve: the insurer closes the policy for good and takes back its
    ///      reserve once no bound case can claim; while one can, a first call only closes it.
    function _releaseReserve(Step memory st, bytes memory txBytes) private pure {
        (bool ok, TxReleaseReserve memory t) = TxReleaseReserveCodec.decode(txBytes);
        if (!ok) StfCore.reject("DECODE_ERROR");
        StfCore.beginSigned(st, txBytes, TxReleaseReserveCodec.digest(t, StfCore.domainSeparator(st)), t.nonce, t.maxFee, TxReleaseReserveCodec.work(t));
        bytes32 key = LeafKeys.policyKey(t.policyId);
        (bool present, bytes memory v) = WitnessedState.get(st.state, key);
        if (!present) StfCore.reject("POLICY_NOT_FOUND");
        Leaves.Policy memory p = Leaves.decodePolicy(v);
        if (st.from != p.insurer) StfCore.reject("NOT_AUTHORIZED");
        if (p.closed && p.reserve == 0) StfCore.reject("RESERVE_EMPTY");
        bool open = _claimsOpen(st, p);
        if (open && p.closed) StfCore.reject("POLICY_CLAIMS_OPEN");
        uint256 released = open ? 0 : p.reserve;
        StfCore.credit(st, st.from, released);
        p.closed = true;
        p.reserve -= released;
        p.released += released;
        WitnessedState.put(st.state, key, Leaves.encode(p));
        StfCore.endSigned(st);
    }

    /// @dev registry.ts claimsOpenUntil, compared with the block's time: a bound case awaiting
    ///      its surgery, or the latest surgery plus the shorter of the incident window and the
    ///      longest term's window not yet past. The params leaf is read only in the last case.
    function _claimsOpen(Step memory st, Leaves.Policy memory p) private pure returns (bool) {
        if (p.pendingCases > 0) return true;
        if (!p.hasLastSurgeryAt) return false;
        uint256 longest = 0;
        for (uint256 i = 0; i < p.terms.length; ++i) {
            uint256 window = uint256(p.terms[i].windowDays) * DAY;
            if (window > longest) longest = window;
        }
        uint256 incidentWindow = StfCore.params(st).incidentWindowSeconds;
        return st.ctx.timestamp <= uint256(p.lastSurgeryAt) + (incidentWindow < longest ? incidentWindow : longest);
    }

    /// @dev publishPolicy's validProcedures: 1 to 16 distinct codes.
    function _validProcedures(string[] memory procedures) private pure returns (bool) {
        return procedures.length > 0 && procedures.length <= MAX_POLICY_ITEMS && RegistryLib.allCodes(procedures, MAX_CODE_LENGTH)
            && !RegistryLib.hasDuplicates(procedures);
    }

    /// @dev publishPolicy's validTerms: 1 to 16 terms of distinct complication codes, each paying
    ///      1 to `cap` within 1 to 3650 days.
    function _validTerms(PolicyTerm[] memory terms, uint256 cap) private pure returns (bool) {
        if (terms.length == 0 || terms.length > MAX_POLICY_ITEMS) return false;
        bytes32[] memory complications = new bytes32[](terms.length);
        for (uint256 i = 0; i < terms.length; ++i) {
            complications[i] = keccak256(bytes(terms[i].complication));
        }
        if (RegistryLib.hasDuplicates(complications)) return false;
        for (uint256 i = 0; i < terms.length; ++i) {
            PolicyTerm memory term = terms[i];
            if (!RegistryLib.isValidCode(term.complication, MAX_CODE_LENGTH) || term.payout == 0 || term.payout > cap) return false;
            if (term.windowDays < 1 || term.windowDays > MAX_WINDOW_DAYS) return false;
        }
        return true;
    }
}
