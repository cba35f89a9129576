// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IDirectSurgery} from "./interfaces/IDirectSurgery.sol";

/// @title DirectSurgery
/// @notice Baseline: the whole surgery lifecycle on L1, one call per step, with a minimal license
///         registry kept by a licensing board. It exists to measure what the rollup saves, so it
///         is deliberately plain (no medicine packs, insurance or encrypted records) yet correct:
///         every transition outside the lifecycle table reverts, and no wei stays stuck in a case
///         that can no longer move.
/// @dev Payments are pushed to the recipient after the case's state is updated
///      (checks-effects-interactions); each case settles its escrow exactly once.
contract DirectSurgery is IDirectSurgery {
    /// @notice Thrown when a caller other than the licensing board sets a license.
    error DirectSurgery_NotBoard();
    /// @notice Thrown when a caller is not the party the step belongs to.
    error DirectSurgery_NotAuthorized();
    /// @notice Thrown when a case is not in a status the step may start from.
    error DirectSurgery_WrongStatus(Status status);
    /// @notice Thrown when offering while the doctor's license is not active or has expired.
    error DirectSurgery_NotLicensed(address doctor);
    /// @notice Thrown when an offer's terms are inconsistent (deposit above price, refund above 100%, past time).
    error DirectSurgery_InvalidTerms();
    /// @notice Thrown when the ETH sent is not the amount the step requires.
    error DirectSurgery_WrongAmount(uint256 expected, uint256 actual);
    /// @notice Thrown when the confirmed plan is not the proposed one.
    error DirectSurgery_WrongPlan();
    /// @notice Thrown when a step comes too early (recording before the appointment, no-show before the grace period).
    error DirectSurgery_TooEarly(uint256 notBefore);
    /// @notice Thrown when a rating is outside 1..5.
    error DirectSurgery_InvalidRating(uint8 rating);
    /// @notice Thrown when a closed case is reviewed twice.
    error DirectSurgery_AlreadyReviewed();
    /// @notice Thrown when sending ETH fails.
    error DirectSurgery_TransferFailed();

    /// @notice Emitted when the board sets a license.
    event LicenseSet(address indexed doctor, LicenseStatus status, uint64 expiresAt, bytes32 licenseNumberHash);
    /// @notice Emitted when a patient proposes a case.
    event Proposed(uint256 indexed caseId, address indexed patient, address indexed doctor, uint64 requestedTime, bytes32 detailsHash);
    /// @notice Emitted when the doctor makes an offer.
    event Offered(uint256 indexed caseId, uint64 appointmentTime, uint128 depositAmount, uint128 price, CancellationTerms terms);
    /// @notice Emitted when the patient accepts and pays the deposit.
    event Accepted(uint256 indexed caseId, uint256 depositAmount);
    /// @notice Emitted when the doctor proposes a plan.
    event Planned(uint256 indexed caseId, bytes32 planHash);
    /// @notice Emitted when the patient confirms the plan and pays the rest of the price.
    event Confirmed(uint256 indexed caseId, uint256 amount);
    /// @notice Emitted when the doctor records the surgery.
    event Recorded(uint256 indexed caseId, bytes32 recordHash);
    /// @notice Emitted when the patient closes the case and the doctor is paid.
    event Closed(uint256 indexed caseId, uint256 paidToDoctor);
    /// @notice Emitted when a case is cancelled.
    event Cancelled(uint256 indexed caseId, address indexed by, uint256 refundToPatient, uint256 paidToDoctor);
    /// @notice Emitted when the doctor marks a no-show.
    event NoShow(uint256 indexed caseId, uint256 paidToDoctor);
    /// @notice Emitted when the patient reviews a closed case.
    event Reviewed(uint256 indexed caseId, address indexed doctor, uint8 rating, bool worthIt, bytes32 textHash);

    /// @notice A doctor's license as attested by the board.
    struct License {
        LicenseStatus status;
        uint64 expiresAt;
        bytes32 licenseNumberHash;
    }

    /// @notice One surgery case, packed into six slots (the cancellation terms are flattened
    ///         because a nested struct would start a slot of its own).
    struct Case {
        address patient;
        uint64 requestedTime;
        Status status;
        address doctor;
        uint64 appointmentTime;
        uint128 depositAmount;
        uint128 price;
        uint128 escrow;
        uint32 freeCancelSeconds;
        uint16 lateRefundBps;
        bool reviewed;
        bytes32 detailsHash;
        bytes32 planHash;
    }

    /// @notice A review of a closed case.
    struct Review {
        uint8 rating;
        bool worthIt;
        bytes32 textHash;
    }

    /// @notice Time after the appointment before the doctor may mark a no-show.
    uint64 public constant NO_SHOW_GRACE = 1 hours;

    /// @notice Licensing board that sets licenses.
    address public immutable board;

    /// @notice Number of cases ever proposed; case ids start at 1.
    uint256 public caseCount;
    /// @notice Licenses, by doctor.
    mapping(address => License) public licenses;
    /// @notice Cases, by id.
    mapping(uint256 => Case) public cases;
    /// @notice Surgery record hash, by case id.
    mapping(uint256 => bytes32) public records;
    /// @notice Reviews, by case id.
    mapping(uint256 => Review) public reviews;
    /// @notice No-shows, by patient.
    mapping(address => uint256) public noShowCount;
    /// @notice Cancellations, by the account that cancelled.
    mapping(address => uint256) public cancelCount;
    /// @notice Number of reviews, by doctor.
    mapping(address => uint256) public reviewCount;
    /// @notice Sum of the ratings, by doctor.
    mapping(address => uint256) public ratingSum;

    /// @param board_ Licensing board.
    constructor(address board_) {
        board = board_;
    }

    /// @inheritdoc IDirectSurgery
    function setLicense(address doctor, LicenseStatus status, uint64 expiresAt, bytes32 licenseNumberHash) external {
        if (msg.sender != board) revert DirectSurgery_NotBoard();
        licenses[doctor] = License(status, expiresAt, licenseNumberHash);
        emit LicenseSet(doctor, status, expiresAt, licenseNumberHash);
    }

    /// @inheritdoc IDirectSurgery
    function propose(address doctor, uint64 requestedTime, bytes32 detailsHash) external returns (uint256 caseId) {
        caseId = ++caseCount;
        Case storage c = cases[caseId];
        c.patient = msg.sender;
        c.requestedTime = requestedTime;
        c.status = Status.Proposed;
        c.doctor = doctor;
        c.detailsHash = detailsHash;
        emit Proposed(caseId, msg.sender, doctor, requestedTime, detailsHash);
    }

    /// @inheritdoc IDirectSurgery
    function offer(uint256 caseId, uint64 appointmentTime, uint128 depositAmount, uint128 price, CancellationTerms calldata terms)
        external
    {
        Case storage c = _step(caseId, Status.Proposed, false);
        License storage license = licenses[msg.sender];
        if (license.status != LicenseStatus.Active || license.expiresAt <= block.timestamp) {
            revert DirectSurgery_NotLicensed(msg.sender);
        }
        if (depositAmount > price || terms.lateRefundBps > 10_000 || appointmentTime <= block.timestamp) {
            revert DirectSurgery_InvalidTerms();
        }
        c.status = Status.Offered;
        c.appointmentTime = appointmentTime;
        c.depositAmount = depositAmount;
        c.price = price;
        c.freeCancelSeconds = terms.freeCancelSeconds;
        c.lateRefundBps = terms.lateRefundBps;
        emit Offered(caseId, appointmentTime, depositAmount, price, terms);
    }

    /// @inheritdoc IDirectSurgery
    function accept(uint256 caseId) external payable {
        Case storage c = _step(caseId, Status.Offered, true);
        if (msg.value != c.depositAmount) revert DirectSurgery_WrongAmount(c.depositAmount, msg.value);
        c.status = Status.Scheduled;
        c.escrow = uint128(msg.value);
        emit Accepted(caseId, msg.value);
    }

    /// @inheritdoc IDirectSurgery
    function plan(uint256 caseId, bytes32 planHash) external {
        Case storage c = cases[caseId];
        if (c.status != Status.Scheduled && c.status != Status.Planned) revert DirectSurgery_WrongStatus(c.status);
        if (msg.sender != c.doctor) revert DirectSurgery_NotAuthorized();
        c.status = Status.Planned;
        c.planHash = planHash;
        emit Planned(caseId, planHash);
    }

    /// @inheritdoc IDirectSurgery
    function confirm(uint256 caseId, bytes32 planHash) external payable {
        Case storage c = _step(caseId, Status.Planned, true);
        if (planHash != c.planHash) revert DirectSurgery_WrongPlan();
        uint256 rest = c.price - c.depositAmount;
        if (msg.value != rest) revert DirectSurgery_WrongAmount(rest, msg.value);
        c.status = Status.Confirmed;
        c.escrow += uint128(msg.value);
        emit Confirmed(caseId, msg.value);
    }

    /// @inheritdoc IDirectSurgery
    function record(uint256 caseId, bytes32 recordHash) external {
        Case storage c = _step(caseId, Status.Confirmed, false);
        if (block.timestamp < c.appointmentTime) revert DirectSurgery_TooEarly(c.appointmentTime);
        c.status = Status.Executed;
        records[caseId] = recordHash;
        emit Recorded(caseId, recordHash);
    }

    /// @inheritdoc IDirectSurgery
    function close(uint256 caseId) external {
        Case storage c = _step(caseId, Status.Executed, true);
        uint256 amount = c.escrow;
        c.status = Status.Closed;
        c.escrow = 0;
        emit Closed(caseId, amount);
        _pay(c.doctor, amount);
    }

    /// @inheritdoc IDirectSurgery
    /// @dev A doctor's cancellation refunds everything; a patient's follows the offer's terms.
    function cancel(uint256 caseId) external {
        Case storage c = cases[caseId];
        Status status = c.status;
        if (status == Status.None || status >= Status.Executed) revert DirectSurgery_WrongStatus(status);
        bool byPatient = msg.sender == c.patient;
        if (!byPatient && msg.sender != c.doctor) revert DirectSurgery_NotAuthorized();
        uint256 escrow = c.escrow;
        uint256 refund = escrow;
        if (byPatient && block.timestamp + c.freeCancelSeconds > c.appointmentTime) {
            refund = escrow * c.lateRefundBps / 10_000;
        }
        c.status = Status.Cancelled;
        c.escrow = 0;
        cancelCount[msg.sender] += 1;
        emit Cancelled(caseId, msg.sender, refund, escrow - refund);
        _pay(c.patient, refund);
        _pay(c.doctor, escrow - refund);
    }

    /// @inheritdoc IDirectSurgery
    function markNoShow(uint256 caseId) external {
        Case storage c = cases[caseId];
        Status status = c.status;
        if (status != Status.Scheduled && status != Status.Planned && status != Status.Confirmed) {
            revert DirectSurgery_WrongStatus(status);
        }
        if (msg.sender != c.doctor) revert DirectSurgery_NotAuthorized();
        uint256 notBefore = uint256(c.appointmentTime) + NO_SHOW_GRACE;
        if (block.timestamp < notBefore) revert DirectSurgery_TooEarly(notBefore);
        uint256 amount = c.escrow;
        c.status = Status.NoShow;
        c.escrow = 0;
        noShowCount[c.patient] += 1;
        emit NoShow(caseId, amount);
        _pay(c.doctor, amount);
    }

    /// @inheritdoc IDirectSurgery
    function review(uint256 caseId, uint8 rating, bool worthIt, bytes32 textHash) external {
        Case storage c = _step(caseId, Status.Closed, true);
        if (c.reviewed) revert DirectSurgery_AlreadyReviewed();
        if (rating < 1 || rating > 5) revert DirectSurgery_InvalidRating(rating);
        c.reviewed = true;
        reviews[caseId] = Review(rating, worthIt, textHash);
        address doctor = c.doctor;
        reviewCount[doctor] += 1;
        ratingSum[doctor] += rating;
        emit Reviewed(caseId, doctor, rating, worthIt, textHash);
    }

    /// @dev Loads a case that must be in `expected` status and belong to the caller as patient
    ///      (`byPatient`) or doctor.
    function _step(uint256 caseId, Status expected, bool byPatient) internal view returns (Case storage c) {
        c = cases[caseId];
        if (c.status != expected) revert DirectSurgery_WrongStatus(c.status);
        if (msg.sender != (byPatient ? c.patient : c.doctor)) revert DirectSurgery_NotAuthorized();
    }

    function _pay(address to, uint256 amount) internal {
        if (amount == 0) return;
        (bool ok,) = to.call{value: amount}("");
        if (!ok) revert DirectSurgery_TransferFailed();
    }
}
