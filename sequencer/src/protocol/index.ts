// The wire contract: every format two components share, specified byte for byte in
// docs/protocol.md and pinned by the golden vectors. Transactions (types, JSON, binary, EIP-712,
// signatures), blocks and batches (bodies, data, header), state leaves the bridge reads, and the
// review circuit's hashes, public signals and proof layout.
export * from "./txTypes";
export type * from "./messageTypes";
export { parseTx, txToJson, encodeTx, decodeTx, readTx, writeTx, txHash, type TxJson, type ParsedTx, type UnsignedView } from "./txCodec";
export { ByteReader, ByteWriter, fieldToJson, parseField } from "./fieldCodec";
export { typedDataDigest, eip712Types, eip712TypeString, EIP712_DOMAIN_FIELDS, EIP712_DOMAIN_TYPE_STRING, sutureDomain, type SutureDomain } from "./typedData";
export {
  BLOB_UPLOAD_FIELDS,
  BLOB_UPLOAD_TYPE,
  BLOB_UPLOAD_TYPE_HASH,
  BLOB_UPLOAD_TYPE_STRING,
  blobUploadDigest,
  blobUploadStructHash,
  blobUploadTypes,
  recoverBlobUploader,
  signBlobUpload,
  type BlobUpload,
  type RecoverBlobUploaderParameters,
  type SignBlobUploadParameters,
} from "./blobUpload";
export { recoverSigner, checkSignature, signDigest, privateKeyToAddress, publicKeyToAddress, isCompressedPublicKey } from "./signature";
export { signTx, recoverTx, type SignTxParameters, type RecoverTxParameters } from "./signTx";
export { getSchema, type TxSchema } from "./schema";
export { BLOCK_FIELD_BITS, encodeBlockBody, parseBlockBody, readChunkBlock, writeChunkBlock, type BlockBody } from "./batch/blockBody";
export { blockHash } from "./batch/blockHash";
export * from "./batch/batchHeader";
export * from "./batch/chunks";
export * from "./batch/chunkSequence";
export * from "./batch/stepRoots";
export { fastlzCompress, fastlzDecompress } from "./batch/fastlz";
export { encodeWithdrawalLeaf, withdrawalKey, withdrawalValueHash, type WithdrawalLeaf } from "./state/withdrawalLeaf";
export { BN254_BASE_FIELD, REVIEW_PUBLIC_SIGNALS, REVIEW_TREE_DEPTH, SNARK_SCALAR_FIELD } from "./reviews/constants";
export { assertInField, isInBaseField, isInField } from "./reviews/isInField";
export { doctorToField, reviewCommitment, reviewLeaf, reviewNullifier } from "./reviews/reviewHashes";
export { reviewMessage, type ReviewMessageParameters } from "./reviews/reviewMessage";
export { reviewPublicSignals, type ReviewPublicSignalsParameters } from "./reviews/reviewPublicSignals";
export { packProof, unpackProof, type PackedProof } from "./reviews/packProof";
export { MAX_BATCH_BYTES, MAX_DEPOSITS_PER_BLOCK, MAX_REVIEW_LEAVES_PER_BLOCK, MAX_TX_BYTES, PER_TX_BATCH_BYTES } from "./limits";
export { txFee, txWork, type FeeScheduleLike } from "./fees";
export { TX_ENUMS, FIELD_ENUMS, ROLE_REGULATORS, fieldEnums, type TxEnumName } from "./enums";
export { depositQueueHash, forcedQueueHash } from "./depositQueueHash";
