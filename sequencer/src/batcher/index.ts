// Batches: sealing blocks into batches and posting them to the bridge (the batch formats are in
// ../protocol).
export { BatchPoster, type BatchPosterOptions, type PosterHealth } from "./BatchPoster";
export { BatchSealer, type BatchSealerOptions } from "./BatchSealer";
