// Devnet settings the demo needs, shared by `npm run demo` and test/demo.test.ts.

/** The demo waits for a no-show and a finality window in real time: it needs short timeouts. */
export const DEMO_GENESIS = { noShowGraceSeconds: 1, closeTimeoutSeconds: 5 } as const;

/**
 * At most about one batch (one L1 block) per second: Hardhat gives each block a timestamp at
 * least one second after the previous one, so faster batches run the L1 clock ahead of the wall
 * clock that batch finality is measured against.
 */
export const DEMO_BATCH_MAX_AGE_MS = 1000;
