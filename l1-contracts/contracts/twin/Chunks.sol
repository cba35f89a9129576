// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {LibZip} from "solady/src/utils/LibZip.sol";

/// @title Chunks
/// @notice The L1 side of the provable batch format (docs/fraud-proofs.md, "Batch data"): decode a
///         chunk, summarize it, find one of its steps, and check how it links to its neighbours and
///         the batch header. Twin of sequencer/src/protocol/batch/{chunks,chunkSequence,fastlz}.ts:
///         both accept exactly the same chunks. Nothing here reverts on bad input: every function
///         answers `ok = false` (or a rule code), because a malformed chunk is what a dispute proves.
/// @dev A chunk is `codec ‖ payload` (codec 0 raw, 1 FastLZ) decoding to at most MAX_CHUNK_RAW_BYTES:
///      firstStep | firstBlock | firstDeposit | blockCount, then per block
///      timestamp | depositCount | txCount | (txLength | txBytes)*, every integer an unsigned LEB128
///      varint, canonical (no trailing zero group) and no wider than its field.
library Chunks {
    /// @notice Largest decoded chunk (MAX_CHUNK_RAW_BYTES in chunks.ts, where the choice is explained).
    uint256 internal constant MAX_CHUNK_RAW_BYTES = 9 * 1024;
    /// @notice Largest transaction (MAX_TX_BYTES in sequencer/src/protocol/limits.ts).
    uint256 internal constant MAX_TX_BYTES = 8 * 1024;

    uint8 internal constant CODEC_RAW = 0;
    uint8 internal constant CODEC_FASTLZ = 1;

    uint8 internal constant STEP_DEPOSIT = 0;
    uint8 internal constant STEP_TX = 1;
    uint8 internal constant STEP_FOLD = 2;

    /// @notice checkLink's answers: 0 when the chunk breaks no rule, else the rule's position in
    ///         CHUNK_LINK_RULES (chunkSequence.ts) plus one.
    uint8 internal constant LINK_OK = 0;
    uint8 internal constant LINK_FIRST_STEP = 1;
    uint8 internal constant LINK_FIRST_BLOCK = 2;
    uint8 internal constant LINK_FIRST_DEPOSIT = 3;
    uint8 internal constant LINK_FIRST_TIMESTAMP = 4;
    uint8 internal constant LINK_STEP_END = 5;
    uint8 internal constant LINK_BLOCK_END = 6;
    uint8 internal constant LINK_DEPOSIT_END = 7;
    uint8 internal constant LINK_LAST_TIMESTAMP = 8;

    /// @notice Counters and time span of one chunk; steps, blocks and deposits are batch-wide indices.
    struct Summary {
        uint256 firstStep;
        uint256 stepCount;
        uint256 firstBlock;
        uint256 blockCount;
        uint256 firstDeposit;
        uint256 depositCount;
        uint256 firstTimestamp;
        uint256 lastTimestamp;
    }

    /// @notice One step with its block context. `depositIndex`: the queue index a deposit step
    ///         consumes; for a transaction or fold step, the queue position after its block's
    ///         deposits. `txBytes` is empty except for a transaction step.
    struct StepRef {
        uint8 kind;
        uint256 blockNumber;
        uint256 timestamp;
        uint256 depositIndex;
        bytes txBytes;
    }

    /// @notice What a batch's chunks must add up to: header fields, the step count and the
    ///         previous batch's last timestamp (0 before the first batch).
    struct Bounds {
        uint256 stepCount;
        uint256 firstBlock;
        uint256 lastBlock;
        uint256 queueStart;
        uint256 queueEnd;
        uint256 firstTimestamp;
        uint256 lastTimestamp;
        uint256 prevLastTimestamp;
    }

    /// @notice Decodes a chunk's codec layer; `ok` is false for an empty chunk, an unknown codec,
    ///         a FastLZ stream that does not decompress or is not shorter than its result, or a
    ///         result over MAX_CHUNK_RAW_BYTES.
    function decompress(bytes calldata chunk) internal pure returns (bool ok, bytes memory raw) {
        if (chunk.length == 0) return (false, raw);
        return _decompress(uint8(chunk[0]), chunk[1:]);
    }

    /// @notice decompress, for a chunk in memory.
    function decompressMemory(bytes memory chunk) internal pure returns (bool ok, bytes memory raw) {
        if (chunk.length == 0) return (false, raw);
        bytes memory payload = new bytes(chunk.length - 1);
        for (uint256 i = 0; i < payload.length; i += 32) {
            assembly ("memory-safe") {
                mstore(add(add(payload, 0x20), i), mload(add(add(chunk, 0x21), i)))
            }
        }
        // The last word may have copied bytes past the chunk's end into the payload's padding.
        assembly ("memory-safe") {
            mstore(add(add(payload, 0x20), mload(payload)), 0)
        }
        return _decompress(uint8(chunk[0]), payload);
    }

    /// @notice Summarizes a decoded chunk; `ok` is false when it breaks a format rule (varints,
    ///         widths, missing or trailing bytes, zero blocks, a transaction over MAX_TX_BYTES,
    ///         timestamps decreasing inside the chunk).
    function summarize(bytes memory raw) internal pure returns (bool ok, Summary memory s) {
        StepRef memory unused;
        (ok, s,) = _walk(raw, type(uint256).max, unused);
    }

    /// @notice The step with batch-wide index `stepIndex` in a decoded chunk. `found` is false when
    ///         the chunk breaks a format rule or does not hold that step.
    function locateStep(bytes memory raw, uint256 stepIndex) internal pure returns (bool found, StepRef memory ref) {
        bool ok;
        (ok,, found) = _walk(raw, stepIndex, ref);
        found = ok && found;
        if (!found) delete ref;
    }

    /// @notice The first rule `current` breaks given the chunk before it (`hasPrevious` false for
    ///         chunk 0) and whether it is the batch's last chunk: LINK_OK or a LINK_* code.
    function checkLink(Bounds memory b, bool hasPrevious, Summary memory previous, Summary memory current, bool isLast)
        internal
        pure
        returns (uint8)
    {
        if (current.firstStep != (hasPrevious ? previous.firstStep + previous.stepCount : 0)) return LINK_FIRST_STEP;
        if (current.firstBlock != (hasPrevious ? previous.firstBlock + previous.blockCount : b.firstBlock)) {
            return LINK_FIRST_BLOCK;
        }
        if (current.firstDeposit != (hasPrevious ? previous.firstDeposit + previous.depositCount : b.queueStart)) {
            return LINK_FIRST_DEPOSIT;
        }
        if (
            hasPrevious
                ? current.firstTimestamp < previous.lastTimestamp
                : current.firstTimestamp != b.firstTimestamp || b.firstTimestamp < b.prevLastTimestamp
        ) return LINK_FIRST_TIMESTAMP;
        if (!isLast) return LINK_OK;
        if (current.firstStep + current.stepCount != b.stepCount) return LINK_STEP_END;
        if (current.firstBlock + current.blockCount != b.lastBlock + 1) return LINK_BLOCK_END;
        if (current.firstDeposit + current.depositCount != b.queueEnd) return LINK_DEPOSIT_END;
        if (current.lastTimestamp != b.lastTimestamp) return LINK_LAST_TIMESTAMP;
        return LINK_OK;
    }

    // ------------------------------------------------------------------------------------------

    function _decompress(uint8 codec, bytes memory payload) private pure returns (bool ok, bytes memory raw) {
        if (codec == CODEC_RAW) {
            if (payload.length > MAX_CHUNK_RAW_BYTES) return (false, raw);
            return (true, payload);
        }
        if (codec != CODEC_FASTLZ || !_fastlzWellFormed(payload, MAX_CHUNK_RAW_BYTES)) return (false, raw);
        return (true, LibZip.flzDecompress(payload));
    }

    /// @dev Solady's flzDecompress trusts its input: an instruction past the end of the stream or a
    ///      match reaching before the output reads unrelated memory, and 3 bytes can ask for 264 of
    ///      output (so a small chunk could demand megabytes of memory). This pass walks the
    ///      instructions without copying anything and accepts only streams where neither happens
    ///      and the output stays within `maxBytes`, and the stream is shorter than its output: the
    ///      rules of fastlzDecompress in fastlz.ts and decompressChunk in chunks.ts.
    function _fastlzWellFormed(bytes memory data, uint256 maxBytes) private pure returns (bool ok) {
        assembly ("memory-safe") {
            let p := add(data, 0x20)
            let end := add(p, mload(data))
            let o := 0
            ok := 1
            for {} lt(p, end) {} {
                // Reading a word past the end is harmless: those bytes are used only when the
                // instruction turns out to fit, which the checks below require.
                let w := mload(p)
                let c := byte(0, w)
                let t := shr(5, c)
                switch t
                case 0 {
                    let l := add(c, 1)
                    p := add(p, add(l, 1))
                    o := add(o, l)
                    if gt(p, end) {
                        ok := 0
                        break
                    }
                }
                default {
                    let g := eq(t, 7)
                    let l := add(2, t)
                    if g { l := add(9, byte(1, w)) }
                    let d := add(shl(8, and(c, 0x1f)), byte(add(1, g), w))
                    p := add(p, add(2, g))
                    if or(gt(p, end), iszero(lt(d, o))) {
                        ok := 0
                        break
                    }
                    o := add(o, l)
                }
                if gt(o, maxBytes) {
                    ok := 0
                    break
                }
            }
            // A stream no shorter than its output is never what the encoder sends (it sends the
            // chunk raw then); refusing it bounds the instructions per decoded byte, and so the gas.
            if iszero(lt(mload(data), o)) { ok := 0 }
        }
    }

    /// @dev Reads an unsigned LEB128 varint at `p` (an absolute memory pointer, the data ending at
    ///      `end`): canonical, at most `bits` wide. `good` is false otherwise or when bytes run out.
    function _varint(uint256 p, uint256 end, uint256 bits) private pure returns (bool good, uint256 v, uint256 next) {
        assembly ("memory-safe") {
            let maxBytes := div(add(bits, 6), 7)
            let shift := 0
            for { let i := 0 } lt(i, maxBytes) { i := add(i, 1) } {
                if iszero(lt(p, end)) { break }
                let b := byte(0, mload(p))
                p := add(p, 1)
                // A last byte of zero after the first adds nothing: a longer spelling of a shorter varint.
                if and(gt(i, 0), iszero(b)) { break }
                v := or(v, shl(shift, and(b, 0x7f)))
                if iszero(and(b, 0x80)) {
                    good := iszero(shr(bits, v))
                    break
                }
                shift := add(shift, 7)
            }
            next := p
        }
    }

    /// @dev Where a walk is: read position (absolute memory pointers), batch-wide step and
    ///      deposit counters, the current timestamp, and the located transaction's bytes.
    struct Cursor {
        uint256 p;
        uint256 end;
        uint256 step;
        uint256 deposit;
        uint256 timestamp;
        uint256 txStart;
        uint256 txLength;
        bool found;
    }

    /// @dev Walks a decoded chunk, checking every format rule; fills `s`, and `ref` when the step
    ///      `target` is met (its bytes only once the whole chunk has proved well-formed).
    function _walk(bytes memory raw, uint256 target, StepRef memory ref)
        private
        pure
        returns (bool ok, Summary memory s, bool found)
    {
        Cursor memory c;
        assembly ("memory-safe") {
            mstore(c, add(raw, 0x20))
            mstore(add(c, 0x20), add(add(raw, 0x20), mload(raw)))
        }
        bool good;
        (good, s.firstStep) = _read(c, 64);
        if (!good) return (false, s, false);
        (good, s.firstBlock) = _read(c, 64);
        if (!good) return (false, s, false);
        (good, s.firstDeposit) = _read(c, 64);
        if (!good) return (false, s, false);
        (good, s.blockCount) = _read(c, 32);
        if (!good || s.blockCount == 0) return (false, s, false);
        c.step = s.firstStep;
        c.deposit = s.firstDeposit;
        for (uint256 b = 0; b < s.blockCount; b++) {
            if (!_block(c, target, ref, s.firstBlock + b)) return (false, s, false);
            if (b == 0) s.firstTimestamp = c.timestamp;
        }
        if (c.p != c.end) return (false, s, false);
        s.stepCount = c.step - s.firstStep;
        s.depositCount = c.deposit - s.firstDeposit;
        s.lastTimestamp = c.timestamp;
        if (c.found && ref.kind == STEP_TX) ref.txBytes = _copy(c.txStart, c.txLength);
        return (true, s, c.found);
    }

    /// @dev Walks one block at the cursor; fills `ref` when the block holds step `target`.
    function _block(Cursor memory c, uint256 target, StepRef memory ref, uint256 blockNumber) private pure returns (bool) {
        bool good;
        uint256 depositCount;
        uint256 txCount;
        {
            uint256 timestamp;
            (good, timestamp) = _read(c, 48);
            if (!good || timestamp < c.timestamp) return false;
            c.timestamp = timestamp;
        }
        (good, depositCount) = _read(c, 32);
        if (!good) return false;
        (good, txCount) = _read(c, 32);
        if (!good) return false;
        if (!c.found) _mark(c, target, ref, blockNumber, depositCount, txCount);
        c.deposit += depositCount;
        c.step += depositCount;
        return _transactions(c, target, txCount);
    }

    /// @dev Fills `ref` when step `target` is one of this block's: [step, step + depositCount)
    ///      its deposits, then txCount transactions, then the fold step.
    function _mark(Cursor memory c, uint256 target, StepRef memory ref, uint256 blockNumber, uint256 depositCount, uint256 txCount)
        private
        pure
    {
        uint256 step = c.step;
        uint256 fold = step + depositCount + txCount;
        if (target < step || target > fold) return;
        c.found = true;
        ref.blockNumber = blockNumber;
        ref.timestamp = c.timestamp;
        if (target < step + depositCount) {
            ref.kind = STEP_DEPOSIT;
            ref.depositIndex = c.deposit + (target - step);
        } else {
            ref.kind = target == fold ? STEP_FOLD : STEP_TX;
            ref.depositIndex = c.deposit + depositCount;
        }
    }

    /// @dev Skips a block's transactions (checking each length prefix) and its fold step,
    ///      remembering where transaction `target` lies. The hot loop of every dispute, so in
    ///      assembly: a length no larger than MAX_TX_BYTES (< 2^14) is a canonical varint of one
    ///      byte, or of two with a non-zero last byte below 0x80; any other prefix is either not
    ///      canonical or too large, and fails the chunk either way, as in the TypeScript decoder.
    function _transactions(Cursor memory c, uint256 target, uint256 txCount) private pure returns (bool ok) {
        assembly ("memory-safe") {
            let p := mload(c)
            let end := mload(add(c, 0x20))
            let step := mload(add(c, 0x40))
            let last := add(step, txCount)
            ok := 1
            for {} lt(step, last) { step := add(step, 1) } {
                if iszero(lt(p, end)) {
                    ok := 0
                    break
                }
                let w := mload(p)
                let length := byte(0, w)
                p := add(p, 1)
                if gt(length, 0x7f) {
                    let b := byte(1, w)
                    // A second byte must exist, be non-zero (canonical) and end the varint.
                    if or(iszero(lt(p, end)), or(iszero(b), gt(b, 0x7f))) {
                        ok := 0
                        break
                    }
                    length := or(and(length, 0x7f), shl(7, b))
                    p := add(p, 1)
                }
                if or(gt(length, MAX_TX_BYTES), gt(length, sub(end, p))) {
                    ok := 0
                    break
                }
                if eq(step, target) {
                    mstore(add(c, 0xa0), p)
                    mstore(add(c, 0xc0), length)
                }
                p := add(p, length)
            }
            mstore(c, p)
            // The fold step follows the transactions.
            mstore(add(c, 0x40), add(step, 1))
        }
    }

    /// @dev _varint at the cursor, advancing it.
    function _read(Cursor memory c, uint256 bits) private pure returns (bool good, uint256 v) {
        (good, v, c.p) = _varint(c.p, c.end, bits);
    }

    function _copy(uint256 from, uint256 length) private pure returns (bytes memory out) {
        out = new bytes(length);
        for (uint256 i = 0; i < length; i += 32) {
            assembly ("memory-safe") {
                mstore(add(add(out, 0x20), i), mload(add(from, i)))
            }
        }
        assembly ("memory-safe") {
            mstore(add(add(out, 0x20), length), 0)
        }
    }
}
