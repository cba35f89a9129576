// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {WitnessedState} from "../twin/WitnessedState.sol";

/// @title WitnessedStateHarness
/// @notice Test-only: plays a step's gets and puts on a WitnessedState cache and returns the post-root,
///         so tests can compare it with the TypeScript tree's.
contract WitnessedStateHarness {
    /// @notice One access of the step: a put of `value` at `key`, or a get of `key` (`value` unused).
    struct Op {
        bool put;
        bytes32 key;
        bytes value;
    }

    /// @notice Loads `witness` against `preRoot`, applies `ops` in order and finishes.
    /// @return postRoot The root after the step.
    /// @return present For each get, whether the key was present (false for puts).
    /// @return values For each get, the value it returned (empty for puts).
    /// @return gasUsed Gas spent in the library (load, accesses, finish), without calldata and call overhead.
    function run(bytes32 preRoot, WitnessedState.Witness calldata witness, Op[] calldata ops)
        external
        view
        returns (bytes32 postRoot, bool[] memory present, bytes[] memory values, uint256 gasUsed)
    {
        present = new bool[](ops.length);
        values = new bytes[](ops.length);
        uint256 start = gasleft();
        WitnessedState.Cache memory cache = WitnessedState.load(preRoot, witness.reads);
        for (uint256 i = 0; i < ops.length; i++) {
            if (ops[i].put) WitnessedState.put(cache, ops[i].key, ops[i].value);
            else (present[i], values[i]) = WitnessedState.get(cache, ops[i].key);
        }
        postRoot = WitnessedState.finish(cache, witness.writes);
        gasUsed = start - gasleft();
    }
}
