// Keystore failures: a wrong password and a malformed file are different problems.
import { SutureClientError } from "./base";

export class KeystorePasswordError extends SutureClientError {
  override name = "KeystorePasswordError";
  constructor() {
    super("KEYSTORE_PASSWORD");
  }
}

export class KeystoreInvalidError extends SutureClientError {
  override name = "KeystoreInvalidError";
  constructor(message: string) {
    super("KEYSTORE_INVALID", message);
  }
}
