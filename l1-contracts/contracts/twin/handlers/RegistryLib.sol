// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {LeafKeys} from "../LeafKeys.sol";
import {Leaves} from "../Leaves.sol";
import {Step} from "../StfCore.sol";
import {WitnessedState} from "../WitnessedState.sol";

/// @title RegistryLib
/// @notice Twin of sequencer/src/stf/validation.ts: the stateless domain checks of the registry
///         handlers (GS1 GTIN check digits, NPI Luhn digits, serial characters, short codes,
///         duplicates), over the UTF-8 bytes of strings the transaction decoder has already
///         checked to be valid UTF-8 (so a JavaScript string and its UTF-8 bytes are one-to-one).
///         Also the leaf helpers RegistryTwin and RegistryTwinB share.
library RegistryLib {
    /// @dev Bit c set for every ASCII character c of `[A-Za-z0-9!"%&'()*+,\-./:;<=>?_]`.
    uint256 private constant SERIAL_CHARACTERS = 0x7fffffe87fffffeffffffe600000000;

    /// @notice isValidGtin: 14 ASCII digits whose last is the GS1 mod-10 check digit of the others.
    function isValidGtin(string memory gtin) internal pure returns (bool) {
        bytes memory b = bytes(gtin);
        if (b.length != 14 || !_allDigits(b)) return false;
        uint256 sum = 0;
        for (uint256 i = 0; i < 13; ++i) {
            sum += (uint8(b[i]) - 0x30) * (i % 2 == 0 ? 3 : 1);
        }
        return (10 - (sum % 10)) % 10 == uint8(b[13]) - 0x30;
    }

    /// @notice isValidNpi: 10 ASCII digits whose last is the Luhn check digit of "80840" and the
    ///         first nine (doubling from the rightmost of those fourteen digits).
    function isValidNpi(string memory npi) internal pure returns (bool) {
        bytes memory b = bytes(npi);
        if (b.length != 10 || !_allDigits(b)) return false;
        // "80840" is digits 0-4 of the fourteen; the odd ones are doubled: 8 + (0·2) + 8 + (4·2) + 0.
        uint256 sum = 24;
        for (uint256 i = 0; i < 9; ++i) {
            uint256 d = uint8(b[i]) - 0x30;
            // Digit i of the NPI is digit 5 + i of the fourteen; doubled when 5 + i is odd.
            if (i % 2 == 0) {
                d *= 2;
                if (d > 9) d -= 9;
            }
            sum += d;
        }
        return (10 - (sum % 10)) % 10 == uint8(b[9]) - 0x30;
    }

    /// @notice isValidSerial: 1 to 20 characters, each in the GS1-style set (all ASCII, so the
    ///         character count is the byte count).
    function isValidSerial(string memory s) internal pure returns (bool) {
        bytes memory b = bytes(s);
        if (b.length == 0 || b.length > 20) return false;
        for (uint256 i = 0; i < b.length; ++i) {
            if ((SERIAL_CHARACTERS >> uint8(b[i])) & 1 == 0) return false;
        }
        return true;
    }

    /// @notice isValidCode: 1 to `max` UTF-16 code units, and `s.trim() === s` (neither the
    ///         first nor the last character is JavaScript white space or a line terminator).
    function isValidCode(string memory s, uint256 max) internal pure returns (bool) {
        bytes memory b = bytes(s);
        uint256 units = utf16Length(b);
        if (units == 0 || units > max) return false;
        if (_isWhiteSpaceAt(b, 0)) return false;
        uint256 last = b.length - 1;
        while (uint8(b[last]) & 0xc0 == 0x80) --last;
        return !_isWhiteSpaceAt(b, last);
    }

    /// @notice Every string of `items` passes isValidCode(·, max).
    function allCodes(string[] memory items, uint256 max) internal pure returns (bool) {
        for (uint256 i = 0; i < items.length; ++i) {
            if (!isValidCode(items[i], max)) return false;
        }
        return true;
    }

    /// @notice Every string of `items` passes isValidSerial.
    function allSerials(string[] memory items) internal pure returns (bool) {
        for (uint256 i = 0; i < items.length; ++i) {
            if (!isValidSerial(items[i])) return false;
        }
        return true;
    }

    /// @notice The length of valid UTF-8 `b` in UTF-16 code units (JavaScript's `.length`): one
    ///         per character, two for a character outside the BMP (a four-byte sequence).
    function utf16Length(bytes memory b) internal pure returns (uint256 units) {
        for (uint256 i = 0; i < b.length; ++i) {
            uint8 c = uint8(b[i]);
            if (c & 0xc0 != 0x80) ++units;
            if (c >= 0xf0) ++units;
        }
    }

    /// @notice hasDuplicates over strings: two equal strings (equal UTF-8 bytes).
    function hasDuplicates(string[] memory items) internal pure returns (bool) {
        return hasDuplicates(hashes(items));
    }

    /// @notice hasDuplicates over words.
    function hasDuplicates(bytes32[] memory items) internal pure returns (bool) {
        for (uint256 i = 1; i < items.length; ++i) {
            for (uint256 j = 0; j < i; ++j) {
                if (items[i] == items[j]) return true;
            }
        }
        return false;
    }

    /// @notice hasDuplicates over addresses (TypeScript compares their lower-case hex).
    function hasDuplicates(address[] memory items) internal pure returns (bool) {
        for (uint256 i = 1; i < items.length; ++i) {
            for (uint256 j = 0; j < i; ++j) {
                if (items[i] == items[j]) return true;
            }
        }
        return false;
    }

    /// @notice `st.get("participant", a) ?? { manufacturer: false, insurer: false }`.
    function participant(Step memory st, address a) internal pure returns (Leaves.Participant memory p) {
        (bool present, bytes memory v) = WitnessedState.get(st.state, LeafKeys.participantKey(a));
        if (present) p = Leaves.decodeParticipant(v);
    }

    /// @notice The keccak256 of each string (how leaves hold strings).
    function hashes(string[] memory items) internal pure returns (bytes32[] memory out) {
        out = new bytes32[](items.length);
        for (uint256 i = 0; i < items.length; ++i) {
            out[i] = keccak256(bytes(items[i]));
        }
    }

    function _allDigits(bytes memory b) private pure returns (bool) {
        for (uint256 i = 0; i < b.length; ++i) {
            if (b[i] < "0" || b[i] > "9") return false;
        }
        return true;
    }

    /// @dev Whether the character starting at byte `i` of valid UTF-8 `b` is one that JavaScript's
    ///      `trim()` strips: U+0009–000D, U+0020, U+00A0, U+1680, U+2000–200A, U+2028, U+2029,
    ///      U+202F, U+205F, U+3000, U+FEFF.
    function _isWhiteSpaceAt(bytes memory b, uint256 i) private pure returns (bool) {
        uint8 c0 = uint8(b[i]);
        if (c0 < 0x80) return c0 == 0x20 || (c0 >= 0x09 && c0 <= 0x0d);
        uint8 c1 = uint8(b[i + 1]);
        if (c0 == 0xc2) return c1 == 0xa0;
        if (c0 < 0xe0 || c0 >= 0xf0) return false;
        uint8 c2 = uint8(b[i + 2]);
        if (c0 == 0xe1) return c1 == 0x9a && c2 == 0x80;
        if (c0 == 0xe2) return (c1 == 0x80 && (c2 <= 0x8a || c2 == 0xa8 || c2 == 0xa9 || c2 == 0xaf)) || (c1 == 0x81 && c2 == 0x9f);
        if (c0 == 0xe3) return c1 == 0x80 && c2 == 0x80;
        if (c0 == 0xef) return c1 == 0xbb && c2 == 0xbf;
        return false;
    }
}
