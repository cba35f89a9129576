// Signing and sender recovery for whole transactions.
import type { Address, Hex } from "viem";
import { SutureError } from "../errors";
import type { Message, Tx } from "./messageTypes";
import { privateKeyToAddress, recoverSigner, signDigest } from "./signature";
import { typedDataDigest, type SutureDomain } from "./typedData";
import { isSigned, messageFields, type SignedTxType } from "./txTypes";
import { fieldToJson, parseFields } from "./fieldCodec";

export type SignTxParameters<T extends SignedTxType> = {
  domain: SutureDomain;
  privateKey: Hex;
  type: T;
  message: Message<T>;
};

/** Signs a transaction with libsecp256k1 (what the SDK and load generators use). */
export function signTx<T extends SignedTxType>({ domain, privateKey, type, message }: SignTxParameters<T>): Tx<T> {
  // Normalise through the JSON schema (lower-case hex, range checks) so a signed transaction is
  // exactly what the node will parse.
  const normalized = parseFields(messageFields(type), fieldToJson(message) as Record<string, unknown>, "message");
  const digest = typedDataDigest(domain, type, normalized);
  return { type, from: privateKeyToAddress(privateKey), message: normalized, signature: signDigest(privateKey, digest) } as unknown as Tx<T>;
}

export type RecoverTxParameters = {
  domain: SutureDomain;
  tx: { type: Tx["type"]; message: Record<string, unknown>; signature: Hex | null };
  /** The sender the submitter claims; must match the recovered one when given. */
  claimedFrom?: Address | null;
};

/** Recovers the sender of a transaction and returns it complete; throws BAD_SIGNATURE. */
export function recoverTx({ domain, tx, claimedFrom }: RecoverTxParameters): Tx {
  if (!isSigned(tx.type)) return { ...tx, from: null } as Tx;
  const from = recoverSigner(typedDataDigest(domain, tx.type, tx.message), tx.signature!);
  if (claimedFrom && claimedFrom.toLowerCase() !== from) {
    throw new SutureError("BAD_SIGNATURE", "signature does not recover the sender (wrong key, chain id or domain?)", {
      from: claimedFrom,
      recovered: from,
    });
  }
  return { ...tx, from } as Tx;
}
