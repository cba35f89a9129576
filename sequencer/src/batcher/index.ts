// Batches: encoding, headers, posting to the bridge.
export * from "./batchData";
export * from "./batchHeader";
export { BatchPoster, type BatchPosterOptions } from "./BatchPoster";
