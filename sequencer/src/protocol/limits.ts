// Size limits every node applies before anything else: they bound what one transaction can cost
// in batch bytes (and so in L1 gas). The largest legitimate transaction (RegisterMedicine with
// 100 serials, a CreateRecord with 16 readers) encodes to under 4 KiB.
/** Largest binary encoding of one transaction the sequencer admits. */
export const MAX_TX_BYTES = 8 * 1024;

/**
 * Largest posted batch: at Osaka's calldata floor (40 gas per non-zero byte) 400,000 bytes cost
 * 16.0 M gas, under the 2^24 (16.78 M) per-transaction cap with room for submitBatch itself.
 */
export const MAX_BATCH_BYTES = 400_000;

/**
 * Review-tree leaves one block may queue (closed surgeries with a review commitment): the block's
 * fold step inserts them all into the Poseidon tree, and a dispute re-executes that step on L1,
 * so their number bounds its gas (docs/fraud-proofs.md). One more in the same block is rejected
 * with REVIEW_BLOCK_FULL; the sequencer keeps it for the next block. Measured: the L1 fold of 256
 * leaves (ChainStepsTwin.applyFold, ~20 k gas per Poseidon hash, about 2k + 40 hashes) costs
 * ~6.3 M gas with its witness calldata at the worst tree size, leaving room under ~8 M for the
 * rest of the dispute (l1-contracts/test/twin/Fold.differential.test.ts).
 */
export const MAX_REVIEW_LEAVES_PER_BLOCK = 256;

/**
 * L1 deposits one block credits: each is a step with a 32-byte root in the batch, so the batch
 * sealer can reserve their room before the block is built.
 */
export const MAX_DEPOSITS_PER_BLOCK = 64;

/**
 * Batch bytes a transaction costs besides its encoding: its length prefix in the chunk (at most
 * 2 bytes, MAX_TX_BYTES < 2^14) and its 32-byte step root.
 */
export const PER_TX_BATCH_BYTES = 2 + 32;
