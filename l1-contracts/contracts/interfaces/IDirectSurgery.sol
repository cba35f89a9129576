// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title IDirectSurgery
/// @notice The surgery lifecycle run directly on L1, one transaction per step: the original
///         prototype's design, kept as the baseline Suture's costs are measured against.
interface IDirectSurgery {
    /// @notice Lifecycle status of a case.
    enum Status {
        None,
        Proposed,
        Offered,
        Scheduled,
        Planned,
        Confirmed,
        Executed,
        Closed,
        Cancelled,
        NoShow
    }

    /// @notice Status of a doctor's license.
    enum LicenseStatus {
        None,
        Active,
        Suspended,
        Revoked
    }

    /// @notice Refund a patient gets when cancelling: everything up to `freeCancelSeconds` before
    ///         the appointment, `lateRefundBps` / 10_000 of the escrow after that.
    struct CancellationTerms {
        uint32 freeCancelSeconds;
        uint16 lateRefundBps;
    }

    /// @notice Licensing board: sets a doctor's license.
    function setLicense(address doctor, LicenseStatus status, uint64 expiresAt, bytes32 licenseNumberHash) external;

    /// @notice Patient proposes a surgery to `doctor`.
    /// @return caseId The new case's id.
    function propose(address doctor, uint64 requestedTime, bytes32 detailsHash) external returns (uint256 caseId);

    /// @notice Doctor offers an appointment, a deposit, a price and cancellation terms.
    function offer(uint256 caseId, uint64 appointmentTime, uint128 depositAmount, uint128 price, CancellationTerms calldata terms)
        external;

    /// @notice Patient accepts the offer and pays the deposit into escrow.
    function accept(uint256 caseId) external payable;

    /// @notice Doctor proposes (or replaces) the surgery plan.
    function plan(uint256 caseId, bytes32 planHash) external;

    /// @notice Patient confirms the plan and pays the rest of the price into escrow.
    function confirm(uint256 caseId, bytes32 planHash) external payable;

    /// @notice Doctor records the surgery, at or after the appointment.
    function record(uint256 caseId, bytes32 recordHash) external;

    /// @notice Patient closes the case; the escrow goes to the doctor.
    function close(uint256 caseId) external;

    /// @notice Either party cancels; the escrow is refunded by the agreed terms.
    function cancel(uint256 caseId) external;

    /// @notice Doctor marks a no-show after the appointment plus the grace period; escrow to doctor.
    function markNoShow(uint256 caseId) external;

    /// @notice Patient reviews a closed case, once.
    function review(uint256 caseId, uint8 rating, bool worthIt, bytes32 textHash) external;
}
