// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Leaves} from "../Leaves.sol";
import {Step, StfCore} from "../StfCore.sol";

/// @title ScheduleLib
/// @notice What the two scheduling twins (ScheduleTwin, ScheduleTwinB) share: status sets, the
///         patient and doctor counters schedule.ts bumps, and clearing a pending reschedule.
library ScheduleLib {
    /// @notice The PatientStats counters the scheduling handlers bump.
    enum PatientCounter {
        Proposals,
        NoShows,
        Cancellations,
        LateCancellations,
        Reschedules
    }

    /// @notice `1 << uint8(status)` of every status a case can be cancelled in.
    uint256 internal constant CANCELLABLE = (1 << uint8(Leaves.CaseStatus.PROPOSED)) | (1 << uint8(Leaves.CaseStatus.OFFERED))
        | (1 << uint8(Leaves.CaseStatus.SCHEDULED)) | (1 << uint8(Leaves.CaseStatus.PLANNED)) | (1 << uint8(Leaves.CaseStatus.CONFIRMED));

    /// @notice `1 << uint8(status)` of the statuses with an agreed appointment (SCHEDULED, PLANNED, CONFIRMED).
    uint256 internal constant BOOKED =
        (1 << uint8(Leaves.CaseStatus.SCHEDULED)) | (1 << uint8(Leaves.CaseStatus.PLANNED)) | (1 << uint8(Leaves.CaseStatus.CONFIRMED));

    /// @notice Whether `status` is in the bit mask `mask`.
    function isIn(Leaves.CaseStatus status, uint256 mask) internal pure returns (bool) {
        return (mask >> uint8(status)) & 1 == 1;
    }

    /// @notice context.ts requireStatus with the allowed statuses as a bit mask: INVALID_TRANSITION otherwise.
    function requireStatusIn(Leaves.Case memory c, uint256 mask) internal pure {
        if (!isIn(c.status, mask)) StfCore.reject("INVALID_TRANSITION");
    }

    /// @notice context.ts bumpPatient(st, patient, field), by one.
    function bumpPatient(Step memory st, address patient, PatientCounter field) internal pure {
        Leaves.Patient memory p = StfCore.getPatient(st, patient);
        if (field == PatientCounter.Proposals) p.proposals += 1;
        else if (field == PatientCounter.NoShows) p.noShows += 1;
        else if (field == PatientCounter.Cancellations) p.cancellations += 1;
        else if (field == PatientCounter.LateCancellations) p.lateCancellations += 1;
        else p.reschedules += 1;
        StfCore.putPatient(st, patient, p);
    }

    /// @notice updateDoctorStats(st, doctor, (s) => ({ cancellationsByDoctor: s.cancellationsByDoctor + 1 })).
    function bumpCancellationsByDoctor(Step memory st, address doctor) internal pure {
        Leaves.Doctor memory d = StfCore.getDoctor(st, doctor);
        d.stats.cancellationsByDoctor += 1;
        StfCore.putDoctor(st, d);
    }

    /// @notice `reschedule: null` (the projection of null is the zero value).
    function clearReschedule(Leaves.Case memory c) internal pure {
        c.hasReschedule = false;
        c.reschedule = Leaves.Reschedule(address(0), 0);
    }
}
