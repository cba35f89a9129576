// Runtime pieces every long-running subsystem shares: logger, metrics, the loop shape, signature
// recovery on worker threads and the review-proof cache. Nothing here knows the node's wiring.
export { createLogger, type Logger } from "./logger";
export { createMetrics, type Metrics } from "./metrics";
export { runLoop, type LoopOptions } from "./loop";
export { SignatureWorkers } from "./SignatureWorkers";
export { ReviewProofCache, type ProofVerifier } from "./ReviewProofCache";
export { TokenBucket, type TokenBucketOptions } from "./TokenBucket";
export { readPostedTransaction, type PostedTransactionReader } from "./readPostedTransaction";
