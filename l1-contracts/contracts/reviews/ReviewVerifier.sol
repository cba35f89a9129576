// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Groth16Verifier} from "./Groth16Verifier.sol";

/// @title ReviewVerifier
/// @notice Verifies Suture's anonymous review proofs (circuits/review.circom: membership of
///         Poseidon(Poseidon(s), doctor) in the depth-20 review tree, nullifier Poseidon(s, doctor),
///         review content bound as `message`) on L1, for the verifier mode and fraud proofs.
/// @dev Thin wrapper around the snarkjs-generated `Groth16Verifier` (rebuilt by
///      `npm run build:circuits`, never edited by hand). The circuit works modulo the BN254 scalar
///      field p, so the inputs v and v + p would be the same statement: a nullifier could be
///      replayed under a second encoding. The wrapper therefore reverts on any public input >= p
///      instead of letting it reach the pairing check.
contract ReviewVerifier {
    /// @notice Thrown when a public input (root, doctor, nullifier or message) is not below the
    ///         BN254 scalar field order.
    error ReviewVerifier_InputOutOfField();

    /// @notice BN254 scalar field order p; every public input must be below it.
    uint256 public constant SNARK_SCALAR_FIELD =
        21888242871839275222246405745257275088548364400416034343698204186575808495617;

    /// @notice Depth of the review tree the verification key was made for.
    uint256 public constant TREE_DEPTH = 20;

    /// @notice The generated Groth16 verifier holding the review circuit's verification key.
    Groth16Verifier public immutable groth16Verifier;

    /// @notice Deploys the generated verifier alongside, so one deployment carries the key.
    constructor() {
        groth16Verifier = new Groth16Verifier();
    }

    /// @notice Checks a review proof against its public signals.
    /// @param proof The Groth16 proof as [a.x, a.y, b.x1, b.x0, b.y1, b.y0, c.x, c.y] (the
    ///        `uint256[8]` of a PostReview transaction; packProof in sequencer/src/reviews).
    /// @param root Review-tree root the proof is made against.
    /// @param doctor The reviewed doctor's address as a number.
    /// @param nullifier Poseidon(s, doctor): one review per surgery.
    /// @param message uint256(keccak256(abi.encode(uint8 rating, bool worthIt, bytes32 textHash))) >> 8.
    /// @return True when the proof verifies; false for an invalid proof.
    function verifyReview(
        uint256[8] calldata proof,
        uint256 root,
        uint256 doctor,
        uint256 nullifier,
        uint256 message
    ) external view returns (bool) {
        if (
            root >= SNARK_SCALAR_FIELD || doctor >= SNARK_SCALAR_FIELD || nullifier >= SNARK_SCALAR_FIELD
                || message >= SNARK_SCALAR_FIELD
        ) revert ReviewVerifier_InputOutOfField();
        return groth16Verifier.verifyProof(
            [proof[0], proof[1]],
            [[proof[2], proof[3]], [proof[4], proof[5]]],
            [proof[6], proof[7]],
            [root, doctor, nullifier, message]
        );
    }
}
