pragma circom 2.1.5;

include "poseidon.circom";
include "merkle_root.circom";

// Anonymous verified review (docs/protocol.md, "Reviews"). Proves, without revealing s or the
// leaf position, that the author knows the per-case secret s of a closed surgery of `doctor`:
//   commitment = Poseidon1(s)                 (published by the patient at close)
//   leaf       = Poseidon2(commitment, doctor) (inserted into the review tree by the STF)
//   leaf is in the depth-DEPTH review tree at `root`
//   nullifier  = Poseidon2(s, doctor)          (one review per surgery)
// and binds the review content `message` to the proof.
//
// Public signals, in this order (declaration order of the public inputs below):
//   root, doctor, nullifier, message.
// All four are inputs rather than outputs so that a prover claiming a wrong root or nullifier
// fails at witness generation, not only at verification.
template Review(DEPTH) {
    // Private inputs.
    signal input s;
    signal input leafIndex;
    signal input siblings[DEPTH];

    // Public inputs (see the order above).
    signal input root;
    signal input doctor;
    signal input nullifier;
    signal input message;

    // Membership: the leaf built from s and the public doctor hangs under the public root.
    // Binding `doctor` inside the leaf is what makes the review count for that doctor only.
    signal commitment <== Poseidon(1)([s]);
    signal leaf <== Poseidon(2)([commitment, doctor]);
    signal computedRoot <== MerkleRoot(DEPTH)(leaf, leafIndex, siblings);
    root === computedRoot;

    // Nullifier: deterministic in (s, doctor), independent of the root, so a second review of the
    // same surgery against any later root repeats it and the STF rejects it.
    signal computedNullifier <== Poseidon(2)([s, doctor]);
    nullifier === computedNullifier;

    // Message binding. `message` appears in no other constraint; a public input that no
    // constraint mentions is bound today only because snarkjs' Groth16 setup appends one
    // constraint per public input. This square makes the binding a property of the circuit
    // itself (any setup tool, any optimizer level), so a proof cannot be replayed with another
    // message. It costs one constraint.
    signal messageSquare <== message * message;
}
