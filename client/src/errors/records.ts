// Record encryption failures: each tells the user what went wrong, never just "decrypt failed".
import { SutureClientError } from "./base";

/** The ciphertext changed: its hash differs from the registered one or AES-GCM rejects it. */
export class RecordTamperedError extends SutureClientError {
  override name = "RecordTamperedError";
  constructor(message?: string, details: Record<string, unknown> = {}) {
    super("RECORD_TAMPERED", message, { details });
  }
}

/** The wrapped key does not open with this key (wrong account, or the wrap was altered). */
export class WrongKeyError extends SutureClientError {
  override name = "WrongKeyError";
  constructor(message?: string, details: Record<string, unknown> = {}) {
    super("WRONG_KEY", message, { details });
  }
}

/** The account is not among the record's readers. */
export class NotAReaderError extends SutureClientError {
  override name = "NotAReaderError";
  constructor(details: Record<string, unknown> = {}) {
    super("NOT_A_READER", undefined, { details });
  }
}

/** A reader has no published encryption key, so nothing can be wrapped for them. */
export class NoEncryptionKeyError extends SutureClientError {
  override name = "NoEncryptionKeyError";
  constructor(reader: string) {
    super("NO_ENCRYPTION_KEY", `${reader} has not published an encryption key (suture keys publish)`, { details: { reader } });
  }
}
