// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {LeafKeys} from "../LeafKeys.sol";
import {Leaves} from "../Leaves.sol";
import {Step, StfCore} from "../StfCore.sol";
import {WitnessedState} from "../WitnessedState.sol";
import {PackRef} from "../generated/TxStructs.sol";

/// @title CarePacks
/// @notice Twin of sequencer/src/stf/packs.ts (medicine packs as a case uses them: availability,
///         reservation, release, dispensing) for CareTwin and CareTwinB, with the strings their
///         keys need.
/// @dev A leaf holds strings as hashes, so the key of a pack a case plan names (gtin and serial
///      hashes) or of a pack's lot (gtin and lot hashes) is rebuilt from the witness's `strings`,
///      each taken only when its keccak256 is the hash in the leaf (`text`).
library CarePacks {
    /// @notice Thrown when the witness lacks the text of a string whose hash a key needs.
    error CarePacks_MissingString(bytes32 hash);

    /// @notice The witness's strings with their hashes, searched by hash.
    struct Texts {
        string[] texts;
        bytes32[] hashes;
    }

    /// @notice A pack named in a transaction: its key and its reference as a leaf holds it.
    struct NamedPack {
        bytes32 key;
        Leaves.PackRef ref;
    }

    // ----- strings the keys need -------------------------------------------------------------

    /// @notice The witness's strings, hashed once.
    function texts(string[] calldata strings) internal pure returns (Texts memory t) {
        t.texts = strings;
        t.hashes = new bytes32[](strings.length);
        for (uint256 i = 0; i < strings.length; i++) {
            t.hashes[i] = keccak256(bytes(strings[i]));
        }
    }

    /// @notice The string whose keccak256 is `hash`, from the witness.
    function text(Texts memory t, bytes32 hash) internal pure returns (string memory) {
        for (uint256 i = 0; i < t.hashes.length; i++) {
            if (t.hashes[i] == hash) return t.texts[i];
        }
        revert CarePacks_MissingString(hash);
    }

    /// @notice The key of the pack a leaf names by hashes (`packId(ref)`).
    function keyOf(Texts memory t, Leaves.PackRef memory ref) internal pure returns (bytes32) {
        return LeafKeys.packKey(text(t, ref.gtin), text(t, ref.serial));
    }

    // ----- packs.ts --------------------------------------------------------------------------

    /// @notice requireUsablePack: MEDICINE_NOT_FOUND, MEDICINE_RECALLED, MEDICINE_EXPIRED,
    ///         MEDICINE_UNAVAILABLE (neither free nor reserved by `caseId`).
    function requireUsablePack(Step memory st, Texts memory t, bytes32 key, uint256 caseId, uint256 appointmentTime) internal pure {
        (bool present, bytes memory v) = WitnessedState.get(st.state, key);
        if (!present) StfCore.reject("MEDICINE_NOT_FOUND");
        Leaves.Pack memory pack = Leaves.decodePack(v);
        requireNotRecalled(st, t, pack);
        if (pack.expiry <= appointmentTime) StfCore.reject("MEDICINE_EXPIRED");
        bool mine = pack.status == Leaves.PackStatus.RESERVED && pack.hasCaseId && pack.caseId == caseId;
        if (pack.status != Leaves.PackStatus.ACTIVE && !mine) StfCore.reject("MEDICINE_UNAVAILABLE");
    }

    /// @notice requireNotRecalled: reads the pack's lot (`<gtin>/<lot>`), MEDICINE_RECALLED when it is recalled.
    function requireNotRecalled(Step memory st, Texts memory t, Leaves.Pack memory pack) internal pure {
        bytes32 key = LeafKeys.lotKey(text(t, pack.gtin), text(t, pack.lot));
        (bool present, bytes memory v) = WitnessedState.get(st.state, key);
        if (present && Leaves.decodeLot(v).recalled) StfCore.reject("MEDICINE_RECALLED");
    }

    /// @notice setPackStatus: the pack now `status`, held by `caseId`.
    function setPackStatus(Step memory st, bytes32 key, Leaves.PackStatus status, uint256 caseId) internal pure {
        Leaves.Pack memory pack = existingPack(st, key);
        pack.status = status;
        pack.hasCaseId = true;
        pack.caseId = caseId;
        WitnessedState.put(st.state, key, Leaves.encode(pack));
    }

    /// @notice releasePacks of the plan's packs that `kept` does not name: each still reserved
    ///         by the case goes back to ACTIVE.
    function releasePacks(Step memory st, Texts memory t, uint256 caseId, Leaves.PackRef[] memory plan, NamedPack[] memory kept) internal pure {
        for (uint256 i = 0; i < plan.length; i++) {
            if (names(kept, plan[i])) continue;
            bytes32 key = keyOf(t, plan[i]);
            (bool present, bytes memory v) = WitnessedState.get(st.state, key);
            if (!present) continue;
            Leaves.Pack memory pack = Leaves.decodePack(v);
            if (pack.status != Leaves.PackStatus.RESERVED || !pack.hasCaseId || pack.caseId != caseId) continue;
            pack.status = Leaves.PackStatus.ACTIVE;
            pack.hasCaseId = false;
            pack.caseId = 0;
            WitnessedState.put(st.state, key, Leaves.encode(pack));
        }
    }

    /// @notice A pack the STF reads with `!` (it exists on any chain whose earlier steps are right).
    function existingPack(Step memory st, bytes32 key) internal pure returns (Leaves.Pack memory) {
        (, bytes memory v) = WitnessedState.get(st.state, key);
        return Leaves.decodePack(v);
    }

    // ----- pack lists --------------------------------------------------------------------------

    /// @notice The keys and leaf references of a transaction's packs. A key is the hash of the
    ///         pack id `<gtin>/<serial>`, so equal keys are equal ids.
    function name(PackRef[] memory packs) internal pure returns (NamedPack[] memory named) {
        named = new NamedPack[](packs.length);
        for (uint256 i = 0; i < packs.length; i++) {
            named[i].key = LeafKeys.packKey(packs[i].gtin, packs[i].serial);
            named[i].ref = Leaves.PackRef(keccak256(bytes(packs[i].gtin)), keccak256(bytes(packs[i].serial)));
        }
    }

    /// @notice The plan's `hasDuplicates(packs, packId) || !packs.every((p) => isValidGtin(p.gtin))`.
    function invalidList(PackRef[] memory packs, NamedPack[] memory named) internal pure returns (bool) {
        for (uint256 i = 1; i < named.length; i++) {
            for (uint256 j = 0; j < i; j++) {
                if (named[i].key == named[j].key) return true;
            }
        }
        for (uint256 i = 0; i < packs.length; i++) {
            if (!isValidGtin(bytes(packs[i].gtin))) return true;
        }
        return false;
    }

    /// @notice Whether `kept` names the pack `ref`. Every GTIN here is valid (14 digits, no `/`),
    ///         so equal ids are equal (gtin, serial) pairs, and those are equal hash pairs.
    function names(NamedPack[] memory kept, Leaves.PackRef memory ref) internal pure returns (bool) {
        for (uint256 i = 0; i < kept.length; i++) {
            if (kept[i].ref.gtin == ref.gtin && kept[i].ref.serial == ref.serial) return true;
        }
        return false;
    }

    /// @notice Whether `refs` holds `ref` (`planned.has(packId(ref))`, as in `names`).
    function contains(Leaves.PackRef[] memory refs, Leaves.PackRef memory ref) internal pure returns (bool) {
        for (uint256 i = 0; i < refs.length; i++) {
            if (refs[i].gtin == ref.gtin && refs[i].serial == ref.serial) return true;
        }
        return false;
    }

    /// @notice validation.ts isValidGtin: 14 ASCII digits with a valid GS1 mod-10 check digit.
    function isValidGtin(bytes memory g) internal pure returns (bool) {
        if (g.length != 14) return false;
        uint256 sum = 0;
        for (uint256 i = 0; i < 14; i++) {
            uint8 c = uint8(g[i]);
            if (c < 0x30 || c > 0x39) return false;
            if (i < 13) sum += uint256(c - 0x30) * (i % 2 == 0 ? 3 : 1);
        }
        return (10 - (sum % 10)) % 10 == uint8(g[13]) - 0x30;
    }
}
