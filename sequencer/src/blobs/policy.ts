// The node's blob storage policy: how big one blob may be, how much one account and the whole node
// may hold, and how far ahead an upload authorization may expire. Node configuration, not
// consensus (blobs are off chain); published by GET /v1/accounts/:address/storage.
export type BlobPolicy = {
  blobMaxBytes: number;
  accountMaxBytes: number;
  nodeMaxBytes: number;
  authMaxSeconds: number;
};

export const DEFAULT_BLOB_POLICY: BlobPolicy = {
  blobMaxBytes: 256 * 1024,
  accountMaxBytes: 16 * 1024 * 1024,
  nodeMaxBytes: 1024 * 1024 * 1024,
  authMaxSeconds: 3600,
};
