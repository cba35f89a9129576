export { SutureClientError, type SutureClientErrorOptions } from "./base";
export {
  CLIENT_ERROR_CODES,
  NOT_FOUND_CODES,
  defaultMessage,
  type ClientErrorCode,
  type NodeErrorCode,
  type NotFoundEntity,
  type SutureErrorCode,
} from "./codes";
export { SutureRequestError, TransactionRejectedError, NotFoundError, NodeUnreachableError } from "./request";
export { RecordTamperedError, WrongKeyError, NotAReaderError, NoEncryptionKeyError } from "./records";
export { KeystorePasswordError, KeystoreInvalidError } from "./keystore";
