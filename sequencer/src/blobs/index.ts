// Metered off-chain blob storage: upload authorization (EIP-712 BlobUpload), the balance-bonded
// per-account quota and the node-wide cap, and the write.
export { DEFAULT_BLOB_POLICY, type BlobPolicy } from "./policy";
export { authorizeUpload, type AuthorizedUpload, type AuthorizeUploadParameters } from "./authorizeUpload";
export { checkStorageQuota, storageQuota, type StorageQuotaParameters, type StorageQuotaReturnType } from "./storageQuota";
export { storeBlob, type StoreBlobParameters, type StoreBlobReturnType } from "./storeBlob";
