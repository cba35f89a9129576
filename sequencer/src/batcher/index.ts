// Batches: sealing blocks into batches and posting them to the bridge (the batch formats are in
// ../protocol).
export { BatchPoster, proposerRole, type BatchPosterOptions, type PosterHealth, type ProposerRole } from "./BatchPoster";
export { BatchSealer, type BatchSealerOptions } from "./BatchSealer";
