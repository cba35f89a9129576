// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IStfTwin} from "../IStfTwin.sol";
import {LeafKeys} from "../LeafKeys.sol";
import {Leaves} from "../Leaves.sol";
import {Step, StepContext, StfCore} from "../StfCore.sol";
import {WitnessedState} from "../WitnessedState.sol";
import {TxCreateRecord, TxCreateRecordCodec} from "../generated/TxCreateRecord.sol";
import {TxGrantAccess, TxGrantAccessCodec} from "../generated/TxGrantAccess.sol";
import {TxReplyToReview, TxReplyToReviewCodec} from "../generated/TxReplyToReview.sol";
import {TxRevokeAccess, TxRevokeAccessCodec} from "../generated/TxRevokeAccess.sol";
import {ReaderKey} from "../generated/TxStructs.sol";

/// @title ClosingTwinB
/// @notice Twin of sequencer/src/stf/handlers/records.ts (CreateRecord, GrantAccess,
///         RevokeAccess: the record leaf holds each reader's wrapped key as its keccak256) and of
///         ReplyToReview (reviews.ts).
/// @dev Created and called by ClosingTwin, which routes these types here (one contract for
///      the whole group would exceed the 24 KB code size limit).
contract ClosingTwinB is IStfTwin {
    /// @notice Thrown when called with a type this contract does not handle.
    error ClosingTwinB_WrongType(uint8 code);

    /// @dev records.ts MAX_READERS.
    uint256 private constant MAX_READERS = 16;

    /// @inheritdoc IStfTwin
    function applyTx(bytes32 preRoot, StepContext calldata ctx, bytes calldata txBytes, WitnessedState.Witness calldata witness)
        external
        pure
        returns (bytes32)
    {
        Step memory st = StfCore.open(preRoot, ctx, keccak256(txBytes), witness.reads);
        uint8 code = uint8(txBytes[0]);
        if (code == TxCreateRecordCodec.CODE) _createRecord(st, txBytes);
        else if (code == TxGrantAccessCodec.CODE) _grantAccess(st, txBytes);
        else if (code == TxRevokeAccessCodec.CODE) _revokeAccess(st, txBytes);
        else if (code == TxReplyToReviewCodec.CODE) _replyToReview(st, txBytes);
        else revert ClosingTwinB_WrongType(code);
        return StfCore.close(st, witness.writes);
    }

    function _createRecord(Step memory st, bytes memory txBytes) private pure {
        (bool ok, TxCreateRecord memory t) = TxCreateRecordCodec.decode(txBytes);
        if (!ok) StfCore.reject("DECODE_ERROR");
        StfCore.beginSigned(st, txBytes, TxCreateRecordCodec.digest(t, StfCore.domainSeparator(st)), t.nonce, t.maxFee, TxCreateRecordCodec.work(t));
        // The doctor's leaf is read only for another author, the relation only for a doctor.
        if (st.from != t.subject && !(StfCore.isDoctor(st, st.from) && _hasRelation(st, st.from, t.subject))) {
            StfCore.reject("NOT_TREATING_DOCTOR");
        }
        ReaderKey[] memory readers = t.readers;
        if (readers.length == 0 || readers.length > MAX_READERS || _hasDuplicateReader(readers) || _hasEmptyKey(readers)) {
            StfCore.reject("INVALID_RECORD");
        }
        uint256 id = StfCore.nextRecordId(st);
        Leaves.ReaderKey[] memory held = new Leaves.ReaderKey[](readers.length);
        for (uint256 i = 0; i < readers.length; ++i) {
            held[i] = Leaves.ReaderKey(readers[i].reader, keccak256(readers[i].wrappedKey));
        }
        Leaves.Record memory record = Leaves.Record(id, t.subject, st.from, t.ciphertextHash, held, st.ctx.timestamp);
        _putRecord(st, record);
        StfCore.endSigned(st);
    }

    function _grantAccess(Step memory st, bytes memory txBytes) private pure {
        (bool ok, TxGrantAccess memory t) = TxGrantAccessCodec.decode(txBytes);
        if (!ok) StfCore.reject("DECODE_ERROR");
        StfCore.beginSigned(st, txBytes, TxGrantAccessCodec.digest(t, StfCore.domainSeparator(st)), t.nonce, t.maxFee, TxGrantAccessCodec.work(t));
        Leaves.Record memory record = _getRecord(st, t.recordId);
        if (record.subject != st.from) StfCore.reject("NOT_RECORD_SUBJECT");
        uint256 n = record.readers.length;
        for (uint256 i = 0; i < n; ++i) {
            if (record.readers[i].reader == t.reader) StfCore.reject("READER_EXISTS");
        }
        if (t.wrappedKey.length == 0 || n >= MAX_READERS) StfCore.reject("INVALID_RECORD");
        Leaves.ReaderKey[] memory readers = new Leaves.ReaderKey[](n + 1);
        for (uint256 i = 0; i < n; ++i) {
            readers[i] = record.readers[i];
        }
        readers[n] = Leaves.ReaderKey(t.reader, keccak256(t.wrappedKey));
        record.readers = readers;
        _putRecord(st, record);
        StfCore.endSigned(st);
    }

    function _revokeAccess(Step memory st, bytes memory txBytes) private pure {
        (bool ok, TxRevokeAccess memory t) = TxRevokeAccessCodec.decode(txBytes);
        if (!ok) StfCore.reject("DECODE_ERROR");
        StfCore.beginSigned(st, txBytes, TxRevokeAccessCodec.digest(t, StfCore.domainSeparator(st)), t.nonce, t.maxFee, TxRevokeAccessCodec.work(t));
        Leaves.Record memory record = _getRecord(st, t.recordId);
        if (record.subject != st.from) StfCore.reject("NOT_RECORD_SUBJECT");
        uint256 n = record.readers.length;
        uint256 kept = 0;
        for (uint256 i = 0; i < n; ++i) {
            if (record.readers[i].reader != t.reader) ++kept;
        }
        if (kept == n) StfCore.reject("READER_NOT_FOUND");
        // readers.filter((r) => r.reader !== reader), in order.
        Leaves.ReaderKey[] memory readers = new Leaves.ReaderKey[](kept);
        uint256 j = 0;
        for (uint256 i = 0; i < n; ++i) {
            if (record.readers[i].reader != t.reader) readers[j++] = record.readers[i];
        }
        record.readers = readers;
        _putRecord(st, record);
        StfCore.endSigned(st);
    }

    /// @dev `st.get("relation", "<doctor>:<patient>")` is present (the doctor has had a case with the patient).
    function _hasRelation(Step memory st, address doctor, address patient) private pure returns (bool present) {
        (present,) = WitnessedState.get(st.state, LeafKeys.relationKey(doctor, patient));
    }

    /// @dev validation.ts hasDuplicates(readers, (r) => r.reader): addresses compared as lower-case hex, i.e. as addresses.
    function _hasDuplicateReader(ReaderKey[] memory readers) private pure returns (bool) {
        for (uint256 i = 1; i < readers.length; ++i) {
            for (uint256 j = 0; j < i; ++j) {
                if (readers[i].reader == readers[j].reader) return true;
            }
        }
        return false;
    }

    /// @dev readers.some((r) => r.wrappedKey === "0x").
    function _hasEmptyKey(ReaderKey[] memory readers) private pure returns (bool) {
        for (uint256 i = 0; i < readers.length; ++i) {
            if (readers[i].wrappedKey.length == 0) return true;
        }
        return false;
    }

    /// @dev `st.get("record", id) ?? reject("RECORD_NOT_FOUND")`.
    function _getRecord(Step memory st, uint256 id) private pure returns (Leaves.Record memory) {
        (bool present, bytes memory v) = WitnessedState.get(st.state, LeafKeys.recordKey(id));
        if (!present) StfCore.reject("RECORD_NOT_FOUND");
        return Leaves.decodeRecord(v);
    }

    function _putRecord(Step memory st, Leaves.Record memory record) private pure {
        WitnessedState.put(st.state, LeafKeys.recordKey(record.id), Leaves.encode(record));
    }

    // ----- reviews.ts --------------------------------------------------------------------------

    function _replyToReview(Step memory st, bytes memory txBytes) private pure {
        (bool ok, TxReplyToReview memory t) = TxReplyToReviewCodec.decode(txBytes);
        if (!ok) StfCore.reject("DECODE_ERROR");
        StfCore.beginSigned(st, txBytes, TxReplyToReviewCodec.digest(t, StfCore.domainSeparator(st)), t.nonce, t.maxFee, TxReplyToReviewCodec.work(t));
        (bool present, bytes memory v) = WitnessedState.get(st.state, LeafKeys.reviewKey(t.reviewId));
        if (!present) StfCore.reject("REVIEW_NOT_FOUND");
        Leaves.Review memory review = Leaves.decodeReview(v);
        if (review.doctor != st.from) StfCore.reject("NOT_AUTHORIZED");
        if (review.hasReply) StfCore.reject("REPLY_EXISTS");
        review.hasReply = true;
        review.reply = Leaves.ReviewReply(t.textHash, st.ctx.timestamp);
        WitnessedState.put(st.state, LeafKeys.reviewKey(review.id), Leaves.encode(review));
        StfCore.endSigned(st);
    }
}
