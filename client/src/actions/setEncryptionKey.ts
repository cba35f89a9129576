// SetEncryptionKey, signed by any account: publish a 33-byte compressed secp256k1 key for records (see publishEncryptionKey).
import { defineTransaction, type TransactionParameters, type TransactionReceipt } from "./defineTransaction";

export type SetEncryptionKeyParameters = TransactionParameters<"SetEncryptionKey">;
export type SetEncryptionKeyReturnType = TransactionReceipt & {};
export const setEncryptionKey = defineTransaction<"SetEncryptionKey", {}>("SetEncryptionKey");
