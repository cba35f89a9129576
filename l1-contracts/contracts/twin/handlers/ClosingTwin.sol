// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {PoseidonT3} from "poseidon-solidity/PoseidonT3.sol";
import {ReviewVerifier} from "../../reviews/ReviewVerifier.sol";
import {IStfTwin} from "../IStfTwin.sol";
import {LeafKeys} from "../LeafKeys.sol";
import {Leaves} from "../Leaves.sol";
import {Step, StepContext, StfCore} from "../StfCore.sol";
import {WitnessedState} from "../WitnessedState.sol";
import {TxAddReviewCommitment, TxAddReviewCommitmentCodec} from "../generated/TxAddReviewCommitment.sol";
import {TxCloseSurgery, TxCloseSurgeryCodec} from "../generated/TxCloseSurgery.sol";
import {TxCreateRecordCodec} from "../generated/TxCreateRecord.sol";
import {TxFinalizeSurgery, TxFinalizeSurgeryCodec} from "../generated/TxFinalizeSurgery.sol";
import {TxGrantAccessCodec} from "../generated/TxGrantAccess.sol";
import {TxPostReview, TxPostReviewCodec} from "../generated/TxPostReview.sol";
import {TxReplyToReviewCodec} from "../generated/TxReplyToReview.sol";
import {TxRevokeAccessCodec} from "../generated/TxRevokeAccess.sol";
import {ClosingTwinB} from "./ClosingTwinB.sol";

/// @title ClosingTwin
/// @notice Twin of sequencer/src/stf/handlers/close.ts, records.ts and reviews.ts: CloseSurgery,
///         FinalizeSurgery, AddReviewCommitment (closing a case and queueing its review leaf),
///         CreateRecord, GrantAccess, RevokeAccess (encrypted records' readers), ReplyToReview and
///         the unsigned PostReview, whose Groth16 proof the review circuit's L1 verifier checks.
/// @dev The records types and ReplyToReview run in ClosingTwinB (created here), behind the same entry point.
contract ClosingTwin is IStfTwin {
    /// @notice Thrown when called with a type this contract does not handle.
    error ClosingTwin_WrongType(uint8 code);
    /// @notice Thrown when too little gas is left to give the review verifier its full allowance:
    ///         its answer would not be the proof's (the challenger must send more gas).
    error ClosingTwin_VerifierGas(uint256 left);

    /// @notice Review-tree leaves one block may queue. MUST equal MAX_REVIEW_LEAVES_PER_BLOCK in
    ///         sequencer/src/protocol/limits.ts (ClosingTwin.differential.test.ts checks it).
    uint256 public constant MAX_REVIEW_LEAVES_PER_BLOCK = 256;

    /// @notice Leaves the review tree holds: 2 ** REVIEW_TREE_DEPTH (circuits/config.ts; close.ts REVIEW_TREE_CAPACITY).
    uint256 public constant REVIEW_TREE_CAPACITY = 2 ** 20;

    /// @notice Gas the review verifier is called with: always enough for its checks and the
    ///         pairing (about 230k), so a `false` is the proof's answer, never a gas shortfall.
    uint256 public constant REVIEW_VERIFIER_GAS = 400_000;

    /// @dev BN254 scalar field order p (protocol/reviews/constants.ts SNARK_SCALAR_FIELD).
    uint256 private constant SNARK_SCALAR_FIELD = 21888242871839275222246405745257275088548364400416034343698204186575808495617;
    /// @dev BN254 base field order q (BN254_BASE_FIELD): every proof coordinate is below it.
    uint256 private constant BN254_BASE_FIELD = 21888242871839275222246405745257275088696311157297823662689037894645226208583;

    /// @notice The review circuit's verifier (the one the deployment describes).
    ReviewVerifier public immutable reviewVerifier;
    /// @notice The records handlers and ReplyToReview (this contract alone would exceed the 24 KB code size limit).
    ClosingTwinB public immutable records;

    constructor(ReviewVerifier reviewVerifier_) {
        reviewVerifier = reviewVerifier_;
        records = new ClosingTwinB();
    }

    /// @inheritdoc IStfTwin
    function applyTx(bytes32 preRoot, StepContext calldata ctx, bytes calldata txBytes, WitnessedState.Witness calldata witness)
        external
        view
        returns (bytes32)
    {
        uint8 code = uint8(txBytes[0]);
        // Its rejections (Stf_Rejected) and witness errors bubble up unchanged.
        if (_isRecordsType(code)) return records.applyTx(preRoot, ctx, txBytes, witness);
        Step memory st = StfCore.open(preRoot, ctx, keccak256(txBytes), witness.reads);
        if (code == TxCloseSurgeryCodec.CODE) _closeSurgery(st, txBytes);
        else if (code == TxFinalizeSurgeryCodec.CODE) _finalizeSurgery(st, txBytes);
        else if (code == TxAddReviewCommitmentCodec.CODE) _addReviewCommitment(st, txBytes);
        else if (code == TxPostReviewCodec.CODE) _postReview(st, txBytes);
        else revert ClosingTwin_WrongType(code);
        return StfCore.close(st, witness.writes);
    }

    /// @dev The types ClosingTwinB handles.
    function _isRecordsType(uint8 code) private pure returns (bool) {
        return code == TxCreateRecordCodec.CODE || code == TxGrantAccessCodec.CODE || code == TxRevokeAccessCodec.CODE
            || code == TxReplyToReviewCodec.CODE;
    }

    // ----- close.ts ----------------------------------------------------------------------------

    function _closeSurgery(Step memory st, bytes memory txBytes) private pure {
        (bool ok, TxCloseSurgery memory t) = TxCloseSurgeryCodec.decode(txBytes);
        if (!ok) StfCore.reject("DECODE_ERROR");
        StfCore.beginSigned(st, txBytes, TxCloseSurgeryCodec.digest(t, StfCore.domainSeparator(st)), t.nonce, t.maxFee, TxCloseSurgeryCodec.work(t));
        Leaves.Case memory c = StfCore.getCase(st, t.caseId);
        StfCore.requirePatient(c, st.from);
        StfCore.requireStatus(c, Leaves.CaseStatus.EXECUTED);
        if (t.reviewCommitment != 0) _requireCommitment(st, t.reviewCommitment);
        uint256 paid = c.escrow;
        StfCore.credit(st, c.doctor, paid);
        c.status = Leaves.CaseStatus.CLOSED;
        c.escrow = 0;
        c.hasClosedAt = true;
        c.closedAt = st.ctx.timestamp;
        c.hasClosedBy = true;
        c.closedBy = Leaves.ClosedBy.PATIENT;
        c.hasReviewCommitment = t.reviewCommitment != 0;
        c.reviewCommitment = t.reviewCommitment;
        StfCore.updateCase(st, c, Leaves.CaseStatus.EXECUTED);
        _bumpPatientClosed(st, c.patient);
        if (t.reviewCommitment != 0) _insertReviewLeaf(st, t.reviewCommitment, c.doctor);
        StfCore.endSigned(st);
    }

    function _finalizeSurgery(Step memory st, bytes memory txBytes) private pure {
        (bool ok, TxFinalizeSurgery memory t) = TxFinalizeSurgeryCodec.decode(txBytes);
        if (!ok) StfCore.reject("DECODE_ERROR");
        StfCore.beginSigned(st, txBytes, TxFinalizeSurgeryCodec.digest(t, StfCore.domainSeparator(st)), t.nonce, t.maxFee, TxFinalizeSurgeryCodec.work(t));
        Leaves.Case memory c = StfCore.getCase(st, t.caseId);
        StfCore.requireDoctor(c, st.from);
        StfCore.requireStatus(c, Leaves.CaseStatus.EXECUTED);
        // An EXECUTED case always has executedAt; the sum is taken in 256 bits (no overflow).
        uint256 allowedAt = uint256(c.executedAt) + StfCore.params(st).closeTimeoutSeconds;
        if (st.ctx.timestamp < allowedAt) StfCore.reject("TOO_EARLY");
        if (c.openIncidents > 0) StfCore.reject("INCIDENT_OPEN");
        StfCore.credit(st, c.doctor, c.escrow);
        c.status = Leaves.CaseStatus.CLOSED;
        c.escrow = 0;
        c.hasClosedAt = true;
        c.closedAt = st.ctx.timestamp;
        c.hasClosedBy = true;
        c.closedBy = Leaves.ClosedBy.TIMEOUT;
        StfCore.updateCase(st, c, Leaves.CaseStatus.EXECUTED);
        _bumpPatientClosed(st, c.patient);
        StfCore.endSigned(st);
    }

    function _addReviewCommitment(Step memory st, bytes memory txBytes) private pure {
        (bool ok, TxAddReviewCommitment memory t) = TxAddReviewCommitmentCodec.decode(txBytes);
        if (!ok) StfCore.reject("DECODE_ERROR");
        StfCore.beginSigned(
            st, txBytes, TxAddReviewCommitmentCodec.digest(t, StfCore.domainSeparator(st)), t.nonce, t.maxFee, TxAddReviewCommitmentCodec.work(t)
        );
        Leaves.Case memory c = StfCore.getCase(st, t.caseId);
        StfCore.requirePatient(c, st.from);
        StfCore.requireStatus(c, Leaves.CaseStatus.CLOSED);
        if (c.hasReviewCommitment) StfCore.reject("REVIEW_COMMITMENT_EXISTS");
        _requireCommitment(st, t.reviewCommitment);
        c.hasReviewCommitment = true;
        c.reviewCommitment = t.reviewCommitment;
        StfCore.updateCase(st, c, Leaves.CaseStatus.CLOSED);
        _insertReviewLeaf(st, t.reviewCommitment, c.doctor);
        StfCore.endSigned(st);
    }

    /// @dev close.ts requireCommitment: a commitment in (0, p), and room for its leaf in the tree
    ///      (REVIEW_TREE_FULL) and in the block's fold (REVIEW_BLOCK_FULL).
    function _requireCommitment(Step memory st, uint256 commitment) private pure {
        if (commitment == 0 || commitment >= SNARK_SCALAR_FIELD) StfCore.reject("INVALID_COMMITMENT");
        Leaves.ReviewTree memory tree = _reviewTree(st);
        if (tree.size + tree.pending.length >= REVIEW_TREE_CAPACITY) StfCore.reject("REVIEW_TREE_FULL");
        if (tree.pending.length >= MAX_REVIEW_LEAVES_PER_BLOCK) StfCore.reject("REVIEW_BLOCK_FULL");
    }

    /// @dev close.ts insertReviewLeaf: counts the doctor's commitment and queues
    ///      Poseidon2(commitment, doctor) (protocol/reviews/reviewHashes.ts reviewLeaf) for the fold.
    function _insertReviewLeaf(Step memory st, uint256 commitment, address doctor) private pure {
        Leaves.Doctor memory d = StfCore.getDoctor(st, doctor);
        d.stats.reviewCommitments += 1;
        StfCore.putDoctor(st, d);
        Leaves.ReviewTree memory tree = _reviewTree(st);
        uint256 n = tree.pending.length;
        uint256[] memory pending = new uint256[](n + 1);
        for (uint256 i = 0; i < n; ++i) {
            pending[i] = tree.pending[i];
        }
        pending[n] = PoseidonT3.hash([commitment, uint256(uint160(doctor))]);
        tree.pending = pending;
        WitnessedState.put(st.state, LeafKeys.reviewTreeKey(), Leaves.encode(tree));
    }

    /// @dev context.ts bumpPatient(st, patient, "closed").
    function _bumpPatientClosed(Step memory st, address patient) private pure {
        Leaves.Patient memory p = StfCore.getPatient(st, patient);
        p.closed += 1;
        StfCore.putPatient(st, patient, p);
    }

    /// @dev The review-tree singleton (written at genesis, always present).
    function _reviewTree(Step memory st) private pure returns (Leaves.ReviewTree memory) {
        (, bytes memory v) = WitnessedState.get(st.state, LeafKeys.reviewTreeKey());
        return Leaves.decodeReviewTree(v);
    }

    // ----- reviews.ts --------------------------------------------------------------------------

    /// @dev Unsigned: no signature, nonce or fee; the sender is the zero address.
    function _postReview(Step memory st, bytes memory txBytes) private view {
        (bool ok, TxPostReview memory t) = TxPostReviewCodec.decode(txBytes);
        if (!ok) StfCore.reject("DECODE_ERROR");
        _checkReviewInputs(st, t);
        uint256 message = uint256(keccak256(abi.encode(t.rating, t.worthIt, t.textHash))) >> 8;
        if (!_verifyProof(t, message)) StfCore.reject("INVALID_PROOF");
        uint256 id = StfCore.nextReviewId(st);
        Leaves.Review memory review;
        review.id = id;
        review.doctor = t.doctor;
        review.rating = t.rating;
        review.worthIt = t.worthIt;
        review.textHash = t.textHash;
        review.nullifier = t.nullifier;
        review.root = t.root;
        review.postedAt = st.ctx.timestamp;
        WitnessedState.put(st.state, LeafKeys.reviewKey(id), Leaves.encode(review));
        WitnessedState.put(st.state, LeafKeys.nullifierKey(t.nullifier), Leaves.encode(Leaves.Nullifier(id)));
        Leaves.Doctor memory d = StfCore.getDoctor(st, t.doctor);
        d.stats.reviewCount += 1;
        d.stats.ratingSum += t.rating;
        if (t.worthIt) d.stats.worthItCount += 1;
        StfCore.putDoctor(st, d);
    }

    /// @dev reviews.ts checkReviewInputs, in its order: rating, field ranges (no state), the
    ///      doctor's leaf, the review tree's recent roots, the nullifier's leaf.
    function _checkReviewInputs(Step memory st, TxPostReview memory t) private pure {
        if (t.rating < 1 || t.rating > 5) StfCore.reject("INVALID_RATING");
        if (t.root >= SNARK_SCALAR_FIELD || t.nullifier >= SNARK_SCALAR_FIELD) StfCore.reject("FIELD_OUT_OF_RANGE");
        for (uint256 i = 0; i < 8; ++i) {
            if (t.proof[i] >= BN254_BASE_FIELD) StfCore.reject("FIELD_OUT_OF_RANGE");
        }
        StfCore.getDoctor(st, t.doctor);
        uint256[] memory recent = _reviewTree(st).recentRoots;
        bool known = false;
        for (uint256 i = 0; i < recent.length && !known; ++i) {
            known = recent[i] == t.root;
        }
        if (!known) StfCore.reject("UNKNOWN_ROOT");
        (bool used,) = WitnessedState.get(st.state, LeafKeys.nullifierKey(t.nullifier));
        if (used) StfCore.reject("NULLIFIER_USED");
    }

    /// @dev The node's check (snarkjs over the same verification key) on L1: public signals
    ///      [root, doctor, nullifier, message], all below p here. The verifier gets exactly
    ///      REVIEW_VERIFIER_GAS, or the step reverts: a pairing starved of gas answers `false`,
    ///      which must never pass for the proof's answer.
    function _verifyProof(TxPostReview memory t, uint256 message) private view returns (bool) {
        // A call forwards at most 63/64 of what is left: keep enough for the allowance and the rest of the step.
        uint256 left = gasleft();
        if (left < REVIEW_VERIFIER_GAS + REVIEW_VERIFIER_GAS / 63 + 50_000) revert ClosingTwin_VerifierGas(left);
        return reviewVerifier.verifyReview{gas: REVIEW_VERIFIER_GAS}(t.proof, t.root, uint256(uint160(t.doctor)), t.nullifier, message);
    }
}
