pragma circom 2.1.5;

// Entry point: the only place where the review circuit's parameters and public signals are set.
// Keep REVIEW_TREE_DEPTH in sequencer/src/reviews/constants.ts equal to the depth here (a test
// checks it) and rebuild the keys with `npm run build:circuits` after any change under circuits/.
include "src/review.circom";

component main {public [root, doctor, nullifier, message]} = Review(20);
