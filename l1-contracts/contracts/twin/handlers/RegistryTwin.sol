// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IStfTwin} from "../IStfTwin.sol";
import {LeafKeys} from "../LeafKeys.sol";
import {Leaves} from "../Leaves.sol";
import {Step, StepContext, StfCore} from "../StfCore.sol";
import {WitnessedState} from "../WitnessedState.sol";
import {TxAdmitParticipant, TxAdmitParticipantCodec} from "../generated/TxAdmitParticipant.sol";
import {TxAttestLicense, TxAttestLicenseCodec} from "../generated/TxAttestLicense.sol";
import {TxPublishPolicyCodec} from "../generated/TxPublishPolicy.sol";
import {TxRecallLot, TxRecallLotCodec} from "../generated/TxRecallLot.sol";
import {TxRegisterDoctor, TxRegisterDoctorCodec} from "../generated/TxRegisterDoctor.sol";
import {TxRegisterMedicineCodec} from "../generated/TxRegisterMedicine.sol";
import {TxReleaseReserveCodec} from "../generated/TxReleaseReserve.sol";
import {RegistryLib} from "./RegistryLib.sol";
import {RegistryTwinB} from "./RegistryTwinB.sol";

/// @title RegistryTwin
/// @notice Twin of sequencer/src/stf/handlers/registry.ts: AdmitParticipant, RegisterDoctor,
///         AttestLicense, RecallLot here; RegisterMedicine, PublishPolicy and ReleaseReserve in
///         RegistryTwinB, which this contract creates and forwards them to (the seven do not fit
///         in one contract's 24 KB). FraudVerifier routes type bytes 4-9 and 33 here.
contract RegistryTwin is IStfTwin {
    /// @notice Thrown when called with a type this contract does not handle.
    error RegistryTwin_WrongType(uint8 code);

    uint256 private constant MAX_SPECIALTIES = 8;
    uint256 private constant MAX_SPECIALTY_LENGTH = 48;
    uint256 private constant MAX_CODE_LENGTH = 64;
    uint256 private constant MAX_ACCEPTED_INSURERS = 32;
    int32 private constant MAX_LAT_E6 = 90_000_000;
    int32 private constant MAX_LON_E6 = 180_000_000;
    /// @dev PARTICIPANT_ROLES: 1 = manufacturer, 2 = insurer.
    uint8 private constant ROLE_MANUFACTURER = 1;
    uint8 private constant ROLE_INSURER = 2;

    /// @notice The twin of RegisterMedicine, PublishPolicy and ReleaseReserve.
    IStfTwin public immutable medicineAndPolicies;

    constructor() {
        medicineAndPolicies = new RegistryTwinB();
    }

    /// @inheritdoc IStfTwin
    function applyTx(bytes32 preRoot, StepContext calldata ctx, bytes calldata txBytes, WitnessedState.Witness calldata witness)
        external
        view
        returns (bytes32)
    {
        uint8 code = uint8(txBytes[0]);
        // A rejection there reverts Stf_Rejected, which this call passes on as is.
        if (code == TxRegisterMedicineCodec.CODE || code == TxPublishPolicyCodec.CODE || code == TxReleaseReserveCodec.CODE) {
            return medicineAndPolicies.applyTx(preRoot, ctx, txBytes, witness);
        }
        Step memory st = StfCore.open(preRoot, ctx, keccak256(txBytes), witness.reads);
        if (code == TxAdmitParticipantCodec.CODE) _admitParticipant(st, txBytes);
        else if (code == TxRegisterDoctorCodec.CODE) _registerDoctor(st, txBytes);
        else if (code == TxAttestLicenseCodec.CODE) _attestLicense(st, txBytes);
        else if (code == TxRecallLotCodec.CODE) _recallLot(st, txBytes);
        else revert RegistryTwin_WrongType(code);
        return StfCore.close(st, witness.writes);
    }

    function _admitParticipant(Step memory st, bytes memory txBytes) private pure {
        (bool ok, TxAdmitParticipant memory t) = TxAdmitParticipantCodec.decode(txBytes);
        if (!ok) StfCore.reject("DECODE_ERROR");
        StfCore.beginSigned(
            st, txBytes, TxAdmitParticipantCodec.digest(t, StfCore.domainSeparator(st)), t.nonce, t.maxFee, TxAdmitParticipantCodec.work(t)
        );
        if (t.role != ROLE_MANUFACTURER && t.role != ROLE_INSURER) StfCore.reject("INVALID_ROLE");
        bool manufacturer = t.role == ROLE_MANUFACTURER;
        Leaves.Params memory p = StfCore.params(st);
        if (st.from != (manufacturer ? p.medicineRegulator : p.insuranceRegulator)) StfCore.reject("NOT_AUTHORIZED");
        Leaves.Participant memory current = RegistryLib.participant(st, t.account);
        if (manufacturer) current.manufacturer = t.active;
        else current.insurer = t.active;
        WitnessedState.put(st.state, LeafKeys.participantKey(t.account), Leaves.encode(current));
        StfCore.endSigned(st);
    }

    function _registerDoctor(Step memory st, bytes memory txBytes) private pure {
        (bool ok, TxRegisterDoctor memory t) = TxRegisterDoctorCodec.decode(txBytes);
        if (!ok) StfCore.reject("DECODE_ERROR");
        StfCore.beginSigned(st, txBytes, TxRegisterDoctorCodec.digest(t, StfCore.domainSeparator(st)), t.nonce, t.maxFee, TxRegisterDoctorCodec.work(t));
        uint256 n = t.specialties.length;
        if (n == 0 || n > MAX_SPECIALTIES || !RegistryLib.allCodes(t.specialties, MAX_SPECIALTY_LENGTH) || RegistryLib.hasDuplicates(t.specialties)) {
            StfCore.reject("INVALID_PROFILE");
        }
        if (t.latE6 > MAX_LAT_E6 || t.latE6 < -MAX_LAT_E6 || t.lonE6 > MAX_LON_E6 || t.lonE6 < -MAX_LON_E6) StfCore.reject("INVALID_PROFILE");
        if (t.acceptedInsurers.length > MAX_ACCEPTED_INSURERS || RegistryLib.hasDuplicates(t.acceptedInsurers)) StfCore.reject("INVALID_PROFILE");
        (bool present, bytes memory v) = WitnessedState.get(st.state, LeafKeys.doctorKey(st.from));
        Leaves.Doctor memory d;
        // A new doctor: registered now, no license, empty stats (all zero).
        if (present) d = Leaves.decodeDoctor(v);
        else d.registeredAt = st.ctx.timestamp;
        d.account = st.from;
        d.specialties = RegistryLib.hashes(t.specialties);
        d.latE6 = t.latE6;
        d.lonE6 = t.lonE6;
        d.acceptedInsurers = t.acceptedInsurers;
        d.profileHash = t.profileHash;
        WitnessedState.put(st.state, LeafKeys.doctorKey(st.from), Leaves.encode(d));
        StfCore.endSigned(st);
    }

    function _attestLicense(Step memory st, bytes memory txBytes) private pure {
        (bool ok, TxAttestLicense memory t) = TxAttestLicenseCodec.decode(txBytes);
        if (!ok) StfCore.reject("DECODE_ERROR");
        StfCore.beginSigned(st, txBytes, TxAttestLicenseCodec.digest(t, StfCore.domainSeparator(st)), t.nonce, t.maxFee, TxAttestLicenseCodec.work(t));
        if (st.from != StfCore.params(st).licensingBoard) StfCore.reject("NOT_AUTHORIZED");
        Leaves.Doctor memory d = StfCore.getDoctor(st, t.doctor);
        // LICENSE_STATUSES[status - 1]: statuses 1 to 3.
        if (t.status == 0 || t.status > 3 || !RegistryLib.isValidCode(t.jurisdiction, MAX_CODE_LENGTH) || t.expiresAt == 0) {
            StfCore.reject("INVALID_LICENSE");
        }
        if (bytes(t.npi).length != 0 && !RegistryLib.isValidNpi(t.npi)) StfCore.reject("INVALID_NPI");
        d.hasLicense = true;
        d.license = Leaves.License({
            board: st.from,
            jurisdiction: keccak256(bytes(t.jurisdiction)),
            licenseNumberHash: t.licenseNumberHash,
            npi: keccak256(bytes(t.npi)),
            status: Leaves.LicenseStatus(t.status - 1),
            expiresAt: t.expiresAt,
            attestedAt: st.ctx.timestamp
        });
        WitnessedState.put(st.state, LeafKeys.doctorKey(t.doctor), Leaves.encode(d));
        StfCore.endSigned(st);
    }

    function _recallLot(Step memory st, bytes memory txBytes) private pure {
        (bool ok, TxRecallLot memory t) = TxRecallLotCodec.decode(txBytes);
        if (!ok) StfCore.reject("DECODE_ERROR");
        StfCore.beginSigned(st, txBytes, TxRecallLotCodec.digest(t, StfCore.domainSeparator(st)), t.nonce, t.maxFee, TxRecallLotCodec.work(t));
        if (!RegistryLib.isValidGtin(t.gtin)) StfCore.reject("INVALID_GTIN");
        bytes32 lotKey = LeafKeys.lotKey(t.gtin, t.lot);
        (bool present, bytes memory v) = WitnessedState.get(st.state, lotKey);
        if (!present) StfCore.reject("LOT_NOT_FOUND");
        Leaves.Lot memory lot = Leaves.decodeLot(v);
        // The params leaf is read only when the sender is not the lot's manufacturer (`&&` short-circuits as in TypeScript).
        if (st.from != lot.manufacturer && st.from != StfCore.params(st).medicineRegulator) StfCore.reject("NOT_AUTHORIZED");
        if (lot.recalled) StfCore.reject("LOT_ALREADY_RECALLED");
        // One write covers every pack of the lot: a pack's recall status is read through its lot.
        lot.recalled = true;
        lot.hasRecalledAt = true;
        lot.recalledAt = st.ctx.timestamp;
        WitnessedState.put(st.state, lotKey, Leaves.encode(lot));
        StfCore.endSigned(st);
    }
}
