// Protocol definitions: one source for every transaction type, its encodings, hash and signature.
export * from "./txTypes";
export type * from "./messageTypes";
export { parseTx, txToJson, encodeTx, decodeTx, readTx, writeTx, txHash, type TxJson, type ParsedTx, type UnsignedView } from "./txCodec";
export { ByteReader, ByteWriter, fieldToJson, parseField } from "./fieldCodec";
export { typedDataDigest, eip712Types, sutureDomain, type SutureDomain } from "./typedData";
export { recoverSigner, checkSignature, signDigest, privateKeyToAddress, publicKeyToAddress, isCompressedPublicKey } from "./signature";
export { signTx, recoverTx, type SignTxParameters, type RecoverTxParameters } from "./signTx";
export { getSchema, type TxSchema } from "./schema";
export { TX_ENUMS, FIELD_ENUMS, ROLE_REGULATORS, fieldEnums, type TxEnumName } from "./enums";
