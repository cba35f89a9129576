// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title Leaves
/// @notice The state leaves of the L2 as the Solidity twin of the STF sees them: one struct per
///         namespace, mirroring the projection in sequencer/src/state/leafEncoding.ts field for
///         field (docs/protocol.md, "Leaf values"). A leaf's value hash is
///         `keccak256(abi.encode(leaf))`; `encode` gives those bytes and `decode…` reads them back
///         from a witness. Strings and variable-length bytes are held as their keccak256, enum
///         names as their index, and a `T | null` field as `has…` followed by T (zero when absent).
/// @dev The enums' member order is the order of the TypeScript lists (CASE_STATUSES, …): an
///      enum's ABI encoding is its index, and `abi.decode` rejects an index past the last member.
library Leaves {
    /// @notice LICENSE_STATUSES.
    enum LicenseStatus {
        ACTIVE,
        SUSPENDED,
        REVOKED
    }

    /// @notice CASE_STATUSES; also the order of `DoctorStats.cases`.
    enum CaseStatus {
        PROPOSED,
        OFFERED,
        SCHEDULED,
        PLANNED,
        CONFIRMED,
        EXECUTED,
        CLOSED,
        CANCELLED,
        NO_SHOW
    }

    /// @notice PACK_STATUSES.
    enum PackStatus {
        ACTIVE,
        RESERVED,
        DISPENSED
    }

    /// @notice INCIDENT_STATUSES.
    enum IncidentStatus {
        OPEN,
        RESOLVED
    }

    /// @notice CLOSED_BY.
    enum ClosedBy {
        PATIENT,
        TIMEOUT
    }

    /// @notice CANCELLED_BY.
    enum CancelledBy {
        PATIENT,
        DOCTOR
    }

    /// @notice Namespace 1, keyed by address.
    struct Account {
        uint256 balance;
        uint256 nonce;
        bool hasEncryptionKey;
        /// @dev keccak256 of the key's bytes.
        bytes32 encryptionKey;
    }

    /// @notice Namespace 2, keyed by address.
    struct Participant {
        bool manufacturer;
        bool insurer;
    }

    struct License {
        address board;
        bytes32 jurisdiction;
        bytes32 licenseNumberHash;
        bytes32 npi;
        LicenseStatus status;
        uint256 expiresAt;
        uint64 attestedAt;
    }

    struct DoctorStats {
        /// @dev One count per case status, indexed by `uint8(CaseStatus)`.
        uint64[9] cases;
        uint64 cancellationsByDoctor;
        uint64 incidentsOpen;
        uint64 incidentsResolved;
        uint64 reviewCount;
        uint64 ratingSum;
        uint64 worthItCount;
        uint64 reviewCommitments;
    }

    /// @notice Namespace 3, keyed by address.
    struct Doctor {
        /// @dev `Doctor.address` in TypeScript (a reserved word here).
        address account;
        bytes32[] specialties;
        int64 latE6;
        int64 lonE6;
        address[] acceptedInsurers;
        bytes32 profileHash;
        uint64 registeredAt;
        bool hasLicense;
        License license;
        DoctorStats stats;
    }

    /// @notice Namespace 4 (`PatientStats`), keyed by address.
    struct Patient {
        uint64 proposals;
        uint64 noShows;
        uint64 cancellations;
        uint64 lateCancellations;
        uint64 reschedules;
        uint64 closed;
    }

    struct Offer {
        uint256 appointmentTime;
        uint256 deposit;
        uint256 price;
        uint64 freeCancelBefore;
        uint64 lateCancelFeeBps;
    }

    struct Reschedule {
        address requester;
        uint256 newTime;
    }

    /// @notice A pack reference: keccak256 of its GTIN and of its serial.
    struct PackRef {
        bytes32 gtin;
        bytes32 serial;
    }

    struct Plan {
        PackRef[] packs;
        uint256 policyId;
        bytes32 planHash;
        uint256 premium;
    }

    /// @notice Namespace 5, keyed by the case id.
    struct Case {
        uint256 id;
        address patient;
        address doctor;
        bytes32 procedure;
        CaseStatus status;
        uint256 requestedTime;
        bytes32 detailsHash;
        uint64 createdAt;
        bool hasOffer;
        Offer offer;
        uint256 appointmentTime;
        bool hasReschedule;
        Reschedule reschedule;
        uint64 reschedules;
        bool hasPlan;
        Plan plan;
        bool confirmedPlan;
        uint256 escrow;
        uint256 premiumEscrow;
        bool hasRecordHash;
        bytes32 recordHash;
        PackRef[] packsUsed;
        bool hasExecutedAt;
        uint64 executedAt;
        bool hasSummaryHash;
        bytes32 summaryHash;
        bool hasClosedAt;
        uint64 closedAt;
        bool hasClosedBy;
        ClosedBy closedBy;
        bool hasCancelledBy;
        CancelledBy cancelledBy;
        bool hasReviewCommitment;
        uint256 reviewCommitment;
        uint64 openIncidents;
        uint256[] incidentIds;
        bytes32[] claimedComplications;
        bytes32 historyHash;
        uint64 updatedAt;
    }

    /// @notice Namespace 6, keyed by `<gtin>/<serial>`.
    struct Pack {
        bytes32 gtin;
        bytes32 serial;
        bytes32 lot;
        address manufacturer;
        uint256 expiry;
        PackStatus status;
        bool hasCaseId;
        uint256 caseId;
    }

    /// @notice Namespace 7, keyed by `<gtin>/<lot>`.
    struct Lot {
        bytes32 gtin;
        bytes32 lot;
        address manufacturer;
        uint256 expiry;
        uint64 packs;
        bool recalled;
        bool hasRecalledAt;
        uint64 recalledAt;
    }

    struct PolicyTerm {
        bytes32 complication;
        uint256 payout;
        uint64 windowDays;
    }

    /// @notice Namespace 8, keyed by the policy id.
    struct Policy {
        uint256 id;
        address insurer;
        bytes32[] procedures;
        PolicyTerm[] terms;
        uint256 premium;
        uint256 cap;
        uint256 reserve;
        uint256 paidOut;
        uint64 boundCases;
        uint64 createdAt;
        bool closed;
        uint64 pendingCases;
        bool hasLastSurgeryAt;
        uint64 lastSurgeryAt;
        uint256 released;
    }

    /// @notice Namespace 9: the bridge's leaf (RollupTypes.Withdrawal), keyed by the uint64 id.
    struct Withdrawal {
        uint64 id;
        address recipient;
        uint256 amount;
    }

    struct ReaderKey {
        address reader;
        /// @dev keccak256 of the wrapped key's bytes.
        bytes32 wrappedKey;
    }

    /// @notice Namespace 10 (`SutureRecord`), keyed by the record id.
    struct Record {
        uint256 id;
        address subject;
        address author;
        bytes32 ciphertextHash;
        ReaderKey[] readers;
        uint64 createdAt;
    }

    struct IncidentProposal {
        address proposer;
        uint256 refund;
        bytes32 resolutionHash;
    }

    /// @notice Namespace 11, keyed by the incident id.
    struct Incident {
        uint256 id;
        uint256 caseId;
        address reporter;
        bytes32 complication;
        bytes32 evidenceHash;
        bool attested;
        uint256 payout;
        IncidentStatus status;
        bool hasProposal;
        IncidentProposal proposal;
        uint256 refund;
        uint64 openedAt;
        bool hasResolvedAt;
        uint64 resolvedAt;
    }

    struct ReviewReply {
        bytes32 textHash;
        uint64 at;
    }

    /// @notice Namespace 12, keyed by the review id.
    struct Review {
        uint256 id;
        address doctor;
        uint64 rating;
        bool worthIt;
        bytes32 textHash;
        uint256 nullifier;
        uint256 root;
        uint64 postedAt;
        bool hasReply;
        ReviewReply reply;
    }

    /// @notice Namespace 13, keyed by the nullifier.
    struct Nullifier {
        uint256 reviewId;
    }

    /// @notice Namespace 14, keyed by `<doctor>:<patient>`.
    struct Relation {
        uint64 cases;
    }

    /// @notice Namespace 15, the singleton of counters.
    struct Meta {
        uint256 nextCaseId;
        uint256 nextPolicyId;
        uint256 nextRecordId;
        uint256 nextIncidentId;
        uint256 nextReviewId;
        uint256 nextWithdrawalId;
        uint256 queuePosition;
        uint256 totalDeposited;
        uint256 totalWithdrawn;
    }

    /// @notice Namespace 16 (`ReviewTreeMeta`), the singleton of the review tree.
    struct ReviewTree {
        uint256 root;
        uint64 size;
        uint256[] pending;
        uint256[] recentRoots;
    }

    struct FeeSchedule {
        uint256 perByte;
        uint256 perWorkUnit;
    }

    /// @notice Namespace 17, the singleton of the genesis parameters (without the bridge address).
    struct Params {
        uint64 chainId;
        address licensingBoard;
        address medicineRegulator;
        address insuranceRegulator;
        uint64 noShowGraceSeconds;
        uint64 closeTimeoutSeconds;
        uint64 incidentWindowSeconds;
        uint64 reviewRootHistory;
        address governance;
        FeeSchedule fees;
        uint64 feeNoticeSeconds;
    }

    struct PendingFees {
        FeeSchedule schedule;
        uint256 effectiveAt;
    }

    /// @notice Namespace 18 (`FeeState`), the singleton of the fee schedule.
    struct Fees {
        FeeSchedule current;
        bool hasPending;
        PendingFees pending;
    }

    // ---------------------------------------------------------------------------------------
    // Encoders: the leaf preimage, whose keccak256 is the leaf's value hash.

    /// @notice The preimage of an account leaf.
    function encode(Account memory leaf) internal pure returns (bytes memory) {
        return abi.encode(leaf);
    }

    /// @notice The preimage of a participant leaf.
    function encode(Participant memory leaf) internal pure returns (bytes memory) {
        return abi.encode(leaf);
    }

    /// @notice The preimage of a doctor leaf.
    function encode(Doctor memory leaf) internal pure returns (bytes memory) {
        return abi.encode(leaf);
    }

    /// @notice The preimage of a patient leaf.
    function encode(Patient memory leaf) internal pure returns (bytes memory) {
        return abi.encode(leaf);
    }

    /// @notice The preimage of a case leaf.
    function encode(Case memory leaf) internal pure returns (bytes memory) {
        return abi.encode(leaf);
    }

    /// @notice The preimage of a pack leaf.
    function encode(Pack memory leaf) internal pure returns (bytes memory) {
        return abi.encode(leaf);
    }

    /// @notice The preimage of a lot leaf.
    function encode(Lot memory leaf) internal pure returns (bytes memory) {
        return abi.encode(leaf);
    }

    /// @notice The preimage of a policy leaf.
    function encode(Policy memory leaf) internal pure returns (bytes memory) {
        return abi.encode(leaf);
    }

    /// @notice The preimage of a withdrawal leaf (as StateTree.withdrawalValueHash hashes it).
    function encode(Withdrawal memory leaf) internal pure returns (bytes memory) {
        return abi.encode(leaf);
    }

    /// @notice The preimage of a record leaf.
    function encode(Record memory leaf) internal pure returns (bytes memory) {
        return abi.encode(leaf);
    }

    /// @notice The preimage of an incident leaf.
    function encode(Incident memory leaf) internal pure returns (bytes memory) {
        return abi.encode(leaf);
    }

    /// @notice The preimage of a review leaf.
    function encode(Review memory leaf) internal pure returns (bytes memory) {
        return abi.encode(leaf);
    }

    /// @notice The preimage of a nullifier leaf.
    function encode(Nullifier memory leaf) internal pure returns (bytes memory) {
        return abi.encode(leaf);
    }

    /// @notice The preimage of a relation leaf.
    function encode(Relation memory leaf) internal pure returns (bytes memory) {
        return abi.encode(leaf);
    }

    /// @notice The preimage of the meta leaf.
    function encode(Meta memory leaf) internal pure returns (bytes memory) {
        return abi.encode(leaf);
    }

    /// @notice The preimage of the review-tree leaf.
    function encode(ReviewTree memory leaf) internal pure returns (bytes memory) {
        return abi.encode(leaf);
    }

    /// @notice The preimage of the params leaf.
    function encode(Params memory leaf) internal pure returns (bytes memory) {
        return abi.encode(leaf);
    }

    /// @notice The preimage of the fees leaf.
    function encode(Fees memory leaf) internal pure returns (bytes memory) {
        return abi.encode(leaf);
    }

    // ---------------------------------------------------------------------------------------
    // Decoders: a leaf from its preimage (a witness). They revert on bytes that are not an
    // encoding of the struct (too short, an offset out of range, dirty high bits, an enum
    // index past its last member); the caller checks the bytes' hash against the tree.

    /// @notice An account leaf from its preimage.
    function decodeAccount(bytes memory data) internal pure returns (Account memory) {
        return abi.decode(data, (Account));
    }

    /// @notice A participant leaf from its preimage.
    function decodeParticipant(bytes memory data) internal pure returns (Participant memory) {
        return abi.decode(data, (Participant));
    }

    /// @notice A doctor leaf from its preimage.
    function decodeDoctor(bytes memory data) internal pure returns (Doctor memory) {
        return abi.decode(data, (Doctor));
    }

    /// @notice A patient leaf from its preimage.
    function decodePatient(bytes memory data) internal pure returns (Patient memory) {
        return abi.decode(data, (Patient));
    }

    /// @notice A case leaf from its preimage.
    function decodeCase(bytes memory data) internal pure returns (Case memory) {
        return abi.decode(data, (Case));
    }

    /// @notice A pack leaf from its preimage.
    function decodePack(bytes memory data) internal pure returns (Pack memory) {
        return abi.decode(data, (Pack));
    }

    /// @notice A lot leaf from its preimage.
    function decodeLot(bytes memory data) internal pure returns (Lot memory) {
        return abi.decode(data, (Lot));
    }

    /// @notice A policy leaf from its preimage.
    function decodePolicy(bytes memory data) internal pure returns (Policy memory) {
        return abi.decode(data, (Policy));
    }

    /// @notice A withdrawal leaf from its preimage.
    function decodeWithdrawal(bytes memory data) internal pure returns (Withdrawal memory) {
        return abi.decode(data, (Withdrawal));
    }

    /// @notice A record leaf from its preimage.
    function decodeRecord(bytes memory data) internal pure returns (Record memory) {
        return abi.decode(data, (Record));
    }

    /// @notice An incident leaf from its preimage.
    function decodeIncident(bytes memory data) internal pure returns (Incident memory) {
        return abi.decode(data, (Incident));
    }

    /// @notice A review leaf from its preimage.
    function decodeReview(bytes memory data) internal pure returns (Review memory) {
        return abi.decode(data, (Review));
    }

    /// @notice A nullifier leaf from its preimage.
    function decodeNullifier(bytes memory data) internal pure returns (Nullifier memory) {
        return abi.decode(data, (Nullifier));
    }

    /// @notice A relation leaf from its preimage.
    function decodeRelation(bytes memory data) internal pure returns (Relation memory) {
        return abi.decode(data, (Relation));
    }

    /// @notice The meta leaf from its preimage.
    function decodeMeta(bytes memory data) internal pure returns (Meta memory) {
        return abi.decode(data, (Meta));
    }

    /// @notice The review-tree leaf from its preimage.
    function decodeReviewTree(bytes memory data) internal pure returns (ReviewTree memory) {
        return abi.decode(data, (ReviewTree));
    }

    /// @notice The params leaf from its preimage.
    function decodeParams(bytes memory data) internal pure returns (Params memory) {
        return abi.decode(data, (Params));
    }

    /// @notice The fees leaf from its preimage.
    function decodeFees(bytes memory data) internal pure returns (Fees memory) {
        return abi.decode(data, (Fees));
    }
}
