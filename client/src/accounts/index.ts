export { toSutureAccount, requirePrivateKey, type SutureAccount, type ToSutureAccountParameters } from "./toSutureAccount";
export { createAccount, type CreateAccountParameters, type CreateAccountReturnType } from "./createAccount";
export { importAccount, type ImportAccountParameters } from "./importAccount";
export { deriveEncryptionKey, ENCRYPTION_KEY_DOMAIN, type DeriveEncryptionKeyParameters, type DeriveEncryptionKeyReturnType } from "./deriveEncryptionKey";
export { encryptKeystore, decryptKeystore, DEFAULT_SCRYPT_N, type Keystore, type EncryptKeystoreParameters, type DecryptKeystoreParameters } from "./keystore";
export { validateMnemonic } from "./validateMnemonic";
