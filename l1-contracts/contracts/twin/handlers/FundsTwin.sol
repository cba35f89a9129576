// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IStfTwin} from "../IStfTwin.sol";
import {LeafKeys} from "../LeafKeys.sol";
import {Leaves} from "../Leaves.sol";
import {Step, StepContext, StfCore} from "../StfCore.sol";
import {WitnessedState} from "../WitnessedState.sol";
import {TxSetEncryptionKey, TxSetEncryptionKeyCodec} from "../generated/TxSetEncryptionKey.sol";
import {TxSetFeeSchedule, TxSetFeeScheduleCodec} from "../generated/TxSetFeeSchedule.sol";
import {TxTransfer, TxTransferCodec} from "../generated/TxTransfer.sol";
import {TxWithdraw, TxWithdrawCodec} from "../generated/TxWithdraw.sol";

/// @title FundsTwin
/// @notice Twin of sequencer/src/stf/handlers/funds.ts and governance.ts: SetEncryptionKey,
///         Transfer, Withdraw, SetFeeSchedule.
contract FundsTwin is IStfTwin {
    /// @notice Thrown when called with a type this contract does not handle.
    error FundsTwin_WrongType(uint8 code);

    /// @dev secp256k1's field prime.
    uint256 private constant P = 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f;

    /// @inheritdoc IStfTwin
    function applyTx(bytes32 preRoot, StepContext calldata ctx, bytes calldata txBytes, WitnessedState.Witness calldata witness)
        external
        view
        returns (bytes32)
    {
        Step memory st = StfCore.open(preRoot, ctx, keccak256(txBytes), witness.reads);
        uint8 code = uint8(txBytes[0]);
        if (code == TxSetEncryptionKeyCodec.CODE) _setEncryptionKey(st, txBytes);
        else if (code == TxTransferCodec.CODE) _transfer(st, txBytes);
        else if (code == TxWithdrawCodec.CODE) _withdraw(st, txBytes);
        else if (code == TxSetFeeScheduleCodec.CODE) _setFeeSchedule(st, txBytes);
        else revert FundsTwin_WrongType(code);
        return StfCore.close(st, witness.writes);
    }

    function _setEncryptionKey(Step memory st, bytes memory txBytes) private view {
        (bool ok, TxSetEncryptionKey memory t) = TxSetEncryptionKeyCodec.decode(txBytes);
        if (!ok) StfCore.reject("DECODE_ERROR");
        StfCore.beginSigned(st, txBytes, TxSetEncryptionKeyCodec.digest(t, StfCore.domainSeparator(st)), t.nonce, t.maxFee, TxSetEncryptionKeyCodec.work(t));
        if (!_isCompressedPublicKey(t.encryptionKey)) StfCore.reject("INVALID_ENCRYPTION_KEY");
        Leaves.Account memory account = StfCore.getAccount(st, st.from);
        account.hasEncryptionKey = true;
        account.encryptionKey = keccak256(t.encryptionKey);
        StfCore.putAccount(st, st.from, account);
        StfCore.endSigned(st);
    }

    function _transfer(Step memory st, bytes memory txBytes) private pure {
        (bool ok, TxTransfer memory t) = TxTransferCodec.decode(txBytes);
        if (!ok) StfCore.reject("DECODE_ERROR");
        StfCore.beginSigned(st, txBytes, TxTransferCodec.digest(t, StfCore.domainSeparator(st)), t.nonce, t.maxFee, TxTransferCodec.work(t));
        if (t.amount == 0) StfCore.reject("INVALID_AMOUNT");
        StfCore.debit(st, st.from, t.amount);
        StfCore.credit(st, t.to, t.amount);
        StfCore.endSigned(st);
    }

    function _withdraw(Step memory st, bytes memory txBytes) private pure {
        (bool ok, TxWithdraw memory t) = TxWithdrawCodec.decode(txBytes);
        if (!ok) StfCore.reject("DECODE_ERROR");
        StfCore.beginSigned(st, txBytes, TxWithdrawCodec.digest(t, StfCore.domainSeparator(st)), t.nonce, t.maxFee, TxWithdrawCodec.work(t));
        if (t.amount == 0) StfCore.reject("INVALID_AMOUNT");
        StfCore.debit(st, st.from, t.amount);
        uint256 id = StfCore.nextWithdrawalId(st);
        WitnessedState.put(st.state, LeafKeys.withdrawalKey(uint64(id)), Leaves.encode(Leaves.Withdrawal(uint64(id), t.recipient, t.amount)));
        Leaves.Meta memory m = StfCore.meta(st);
        m.totalWithdrawn += t.amount;
        StfCore.putMeta(st, m);
        StfCore.endSigned(st);
    }

    function _setFeeSchedule(Step memory st, bytes memory txBytes) private pure {
        (bool ok, TxSetFeeSchedule memory t) = TxSetFeeScheduleCodec.decode(txBytes);
        if (!ok) StfCore.reject("DECODE_ERROR");
        StfCore.beginSigned(st, txBytes, TxSetFeeScheduleCodec.digest(t, StfCore.domainSeparator(st)), t.nonce, t.maxFee, TxSetFeeScheduleCodec.work(t));
        Leaves.Params memory p = StfCore.params(st);
        if (st.from != p.governance) StfCore.reject("NOT_AUTHORIZED");
        if (t.effectiveAt < uint256(st.ctx.timestamp) + p.feeNoticeSeconds) StfCore.reject("FEE_NOTICE_TOO_SHORT");
        Leaves.Fees memory f = StfCore.fees(st);
        f.current = StfCore.activeFeeSchedule(f, st.ctx.timestamp);
        f.hasPending = true;
        f.pending = Leaves.PendingFees(Leaves.FeeSchedule(t.perByte, t.perWorkUnit), t.effectiveAt);
        StfCore.putFees(st, f);
        StfCore.endSigned(st);
    }

    /// @dev signature.ts isCompressedPublicKey (libsecp256k1 publicKeyVerify of 33 bytes): prefix
    ///      2 or 3, x below the field prime, and x³ + 7 a square mod p (Euler's criterion).
    function _isCompressedPublicKey(bytes memory key) private view returns (bool) {
        if (key.length != 33 || (key[0] != 0x02 && key[0] != 0x03)) return false;
        uint256 x;
        assembly ("memory-safe") {
            x := mload(add(key, 33))
        }
        if (x >= P) return false;
        uint256 rhs = addmod(mulmod(mulmod(x, x, P), x, P), 7, P);
        if (rhs == 0) return true;
        return _modexp(rhs, (P - 1) / 2) == 1;
    }

    function _modexp(uint256 base, uint256 exponent) private view returns (uint256 result) {
        assembly ("memory-safe") {
            let m := mload(0x40)
            mstore(m, 32)
            mstore(add(m, 0x20), 32)
            mstore(add(m, 0x40), 32)
            mstore(add(m, 0x60), base)
            mstore(add(m, 0x80), exponent)
            mstore(add(m, 0xa0), P)
            if iszero(staticcall(gas(), 0x05, m, 0xc0, m, 0x20)) { revert(0, 0) }
            result := mload(m)
        }
    }
}
