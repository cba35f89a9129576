// GET /v1/accounts/:address: balance, nonce, published encryption key and roles. An account
// nobody has touched answers zeros (every address exists), never a 404.
import { Type } from "@sinclair/typebox";
import { Address, HexBytes, Names, Nullable, Uint } from "./primitives";

export const ACCOUNT_ROLES = ["doctor", "manufacturer", "insurer", "licensing board", "medicine regulator", "insurance regulator"] as const;

export const AccountJson = Type.Object({
  address: Address,
  balance: Uint,
  nonce: Uint,
  encryptionKey: Nullable(HexBytes),
  roles: Type.Array(Names(ACCOUNT_ROLES, "a role the account holds")),
});
