// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {LibBit} from "solady/src/utils/LibBit.sol";
import {StateTree} from "../libraries/StateTree.sol";

/// @title WitnessedState
/// @notice The state a step re-executed on L1 reads and writes (docs/fraud-proofs.md, "The
///         Solidity twin"): an in-memory cache of exactly the leaves the step touches, each
///         proven against the pre-root, and the post-root recomputed from the changed ones.
/// @dev Twin of `proveWitness` in sequencer/src/tree: the witness lists every touched key in
///      strictly ascending order with its pre-value and a proof against the pre-root, then one
///      proof per changed key, in ascending key order, against the running root (the tree with
///      the earlier changed keys already written). Keys are state-tree keys; values are the leaf
///      preimages (the value hash is their keccak256). The STF never deletes a leaf, so a write
///      is an update in place, an insertion into an empty slot, or an insertion beside another
///      leaf, which splits that slot exactly as the node's compact tree does.
library WitnessedState {
    /// @notice Thrown when the witness's read keys are not strictly ascending (at `index`).
    error Witness_Unsorted(uint256 index);

    /// @notice Thrown when the pre-value or proof of `key` does not match the pre-root.
    error Witness_BadReadProof(bytes32 key);

    /// @notice Thrown when the step reads or writes `key` but the witness does not carry it.
    error Witness_Missing(bytes32 key);

    /// @notice Thrown when the write proof of `key` does not match the running root.
    error Witness_BadWriteProof(bytes32 key);

    /// @notice Thrown when `key` changed but the witness has no write proof left for it.
    error Witness_MissingWriteProof(bytes32 key);

    /// @notice Thrown when the witness has more write proofs (`given`) than changed keys (`used`).
    error Witness_ExtraWriteProofs(uint256 used, uint256 given);

    /// @notice Proof kind: the key's own leaf (inclusion).
    uint8 internal constant KIND_LEAF = 0;
    /// @notice Proof kind: the key's slot is an empty subtree (exclusion).
    uint8 internal constant KIND_EMPTY = 1;
    /// @notice Proof kind: another leaf sits alone in the key's slot (exclusion).
    uint8 internal constant KIND_OTHER_LEAF = 2;

    /// @notice A state-tree proof for a key known from context: its kind, the other leaf (kind
    ///         2 only, else zero) and the siblings from depth 1 down to the proven slot.
    struct Proof {
        uint8 kind;
        bytes32 otherKey;
        bytes32 otherValueHash;
        bytes32[] siblings;
    }

    /// @notice A touched key, its pre-value (empty when absent) and its proof against the pre-root.
    struct Read {
        bytes32 key;
        bytes value;
        Proof proof;
    }

    /// @notice What a step's re-execution needs of the state tree (`encodeWitness` in TypeScript).
    /// @dev `strings`: the text of strings the step derives keys from while the leaves it reads
    ///      hold only their hashes (a case plan's pack gtins and serials, a pack's lot); a twin
    ///      takes a string from here only after matching its keccak256 to the hash in the leaf.
    struct Witness {
        Read[] reads;
        Proof[] writes;
        string[] strings;
    }

    /// @notice One cached leaf: its value now, and what the pre-state held.
    struct Entry {
        bytes32 key;
        bool present;
        bool existed;
        bool written;
        bytes32 preValueHash;
        bytes value;
    }

    /// @notice The step's view of the state: the pre-root and the touched leaves, by ascending key.
    struct Cache {
        bytes32 preRoot;
        Entry[] entries;
    }

    /// @notice Checks every read of `witness` against `preRoot` and returns the cache they make.
    function load(bytes32 preRoot, Read[] calldata reads) internal pure returns (Cache memory c) {
        c.preRoot = preRoot;
        c.entries = new Entry[](reads.length);
        for (uint256 i = 0; i < reads.length; i++) {
            Read calldata r = reads[i];
            bytes32 key = r.key;
            if (i > 0 && uint256(key) <= uint256(reads[i - 1].key)) revert Witness_Unsorted(i);
            Proof calldata p = r.proof;
            Entry memory e = c.entries[i];
            e.key = key;
            bool ok;
            if (p.kind == KIND_LEAF) {
                e.value = r.value;
                e.preValueHash = keccak256(e.value);
                e.present = true;
                e.existed = true;
                ok = StateTree.verifyInclusion(preRoot, key, e.preValueHash, p.siblings);
            } else if (r.value.length == 0 && p.kind == KIND_EMPTY) {
                ok = StateTree.verifyExclusionEmpty(preRoot, key, p.siblings);
            } else if (r.value.length == 0 && p.kind == KIND_OTHER_LEAF) {
                ok = StateTree.verifyExclusionOtherLeaf(preRoot, key, p.otherKey, p.otherValueHash, p.siblings);
            }
            if (!ok) revert Witness_BadReadProof(key);
        }
    }

    /// @notice The current value of `key`: whether it is present, and its bytes.
    /// @dev The bytes are the cache's own: read them, never modify them in place.
    function get(Cache memory c, bytes32 key) internal pure returns (bool present, bytes memory value) {
        Entry memory e = find(c, key);
        return (e.present, e.value);
    }

    /// @notice Sets the value of `key` (the cache keeps `value` itself: do not modify it afterwards).
    function put(Cache memory c, bytes32 key, bytes memory value) internal pure {
        Entry memory e = find(c, key);
        e.value = value;
        e.present = true;
        e.written = true;
    }

    /// @notice Writes every changed key into the tree, in ascending key order, each with its
    ///         proof from `writes` checked against the running root; returns the post-root.
    /// @dev A key put back to its pre-value is not a change and takes no proof.
    function finish(Cache memory c, Proof[] calldata writes) internal pure returns (bytes32 root) {
        root = c.preRoot;
        uint256 used = 0;
        for (uint256 i = 0; i < c.entries.length; i++) {
            Entry memory e = c.entries[i];
            if (!e.written) continue;
            bytes32 valueHash = keccak256(e.value);
            if (e.existed && valueHash == e.preValueHash) continue;
            if (used == writes.length) revert Witness_MissingWriteProof(e.key);
            root = write(root, e, valueHash, writes[used++]);
        }
        if (used != writes.length) revert Witness_ExtraWriteProofs(used, writes.length);
    }

    /// @notice The entry of `key`, by binary search over the ascending keys.
    function find(Cache memory c, bytes32 key) private pure returns (Entry memory) {
        Entry[] memory entries = c.entries;
        uint256 lo = 0;
        uint256 hi = entries.length;
        while (lo < hi) {
            uint256 mid = (lo + hi) >> 1;
            bytes32 k = entries[mid].key;
            if (k == key) return entries[mid];
            if (uint256(k) < uint256(key)) lo = mid + 1;
            else hi = mid;
        }
        revert Witness_Missing(key);
    }

    /// @notice The root after writing `(e.key, valueHash)` into the tree of `root`, proven by `p`.
    function write(bytes32 root, Entry memory e, bytes32 valueHash, Proof calldata p) private pure returns (bytes32) {
        bytes32 key = e.key;
        bytes32 leaf = StateTree.leafHash(key, valueHash);
        bytes32[] calldata siblings = p.siblings;
        if (e.existed) {
            if (p.kind != KIND_LEAF || !StateTree.verifyInclusion(root, key, e.preValueHash, siblings)) revert Witness_BadWriteProof(key);
            return StateTree.computeRoot(key, leaf, siblings);
        }
        if (p.kind == KIND_EMPTY) {
            if (!StateTree.verifyExclusionEmpty(root, key, siblings)) revert Witness_BadWriteProof(key);
            return StateTree.computeRoot(key, leaf, siblings);
        }
        if (p.kind == KIND_OTHER_LEAF) {
            if (!StateTree.verifyExclusionOtherLeaf(root, key, p.otherKey, p.otherValueHash, siblings)) {
                revert Witness_BadWriteProof(key);
            }
            bytes32 otherLeaf = StateTree.leafHash(p.otherKey, p.otherValueHash);
            return StateTree.computeRoot(key, split(key, leaf, p.otherKey, otherLeaf, siblings.length), siblings);
        }
        revert Witness_BadWriteProof(key);
    }

    /// @notice The subtree at `depth` holding the two leaves `key` and `otherKey`, whose first
    ///         `depth` bits are equal: inner nodes with one empty side down to the first bit where
    ///         the keys differ, and there the two leaves (`split` in sequencer/src/tree/StateTree.ts).
    function split(bytes32 key, bytes32 leaf, bytes32 otherKey, bytes32 otherLeaf, uint256 depth) private pure returns (bytes32 h) {
        uint256 differ = LibBit.clz(uint256(key ^ otherKey));
        h = StateTree.bit(key, differ) ? StateTree.nodeHash(otherLeaf, leaf) : StateTree.nodeHash(leaf, otherLeaf);
        for (uint256 d = differ; d > depth;) {
            unchecked {
                --d;
            }
            h = StateTree.bit(key, d) ? StateTree.nodeHash(StateTree.EMPTY, h) : StateTree.nodeHash(h, StateTree.EMPTY);
        }
    }
}
