// Signs a transaction for the node: the sender's nonce first, the EIP-712 typed data of its type.
// A raw key signs with libsecp256k1 (the protocol's signTx); a viem account signs the very same
// typed data with signTypedData (so any wallet can sign). The client's beforeSign hook sees the
// exact typed data first and may refuse it.
import type { Hex, LocalAccount } from "viem";
import { eip712Types, fieldToJson, messageFields, signTx, type SignedTxType, type TxJson } from "../../../sequencer/src/protocol";
import { parseFields } from "../../../sequencer/src/protocol/fieldCodec";
import type { SutureAccount } from "../accounts";
import { SutureClientError } from "../errors";
import { resolveAccount, type SutureClient } from "../client/createSutureClient";

export type SignTransactionParameters = {
  type: SignedTxType;
  /** The message without `nonce` and `maxFee` (bigints for uint64/uint256, numbers for small ints). */
  message: Record<string, unknown>;
  nonce: bigint;
  /** The most the transaction may pay in fees (estimateFee). */
  maxFee: bigint;
  signer?: Hex | LocalAccount | SutureAccount;
};

export type SignTransactionReturnType = TxJson & { from: string; signature: string };

/** The message in the protocol's types (bigints, lower-case hex), or INVALID_FIELD. */
export function normalizeMessage(type: SignedTxType, message: Record<string, unknown>): Record<string, unknown> {
  try {
    return parseFields(messageFields(type), fieldToJson(message) as Record<string, unknown>, "message");
  } catch (cause) {
    throw new SutureClientError("INVALID_FIELD", (cause as Error).message, { cause, details: { type } });
  }
}

export async function signTransaction(
  client: SutureClient,
  { type, message, nonce, maxFee, signer: accountParam }: SignTransactionParameters,
): Promise<SignTransactionReturnType> {
  const account = resolveAccount(client, accountParam);
  const domain = await client.getDomain();
  const normalized = normalizeMessage(type, { nonce, maxFee, ...message });
  const { EIP712Domain: _domain, ...types } = eip712Types(type);
  await client.beforeSign?.({ type, from: account.address, domain, types, message: normalized });
  if (account.privateKey) {
    const tx = signTx({ domain, privateKey: account.privateKey, type, message: normalized as never });
    return { type, from: account.address, message: fieldToJson(tx.message) as Record<string, unknown>, signature: tx.signature! };
  }
  const signature = await account.signer!.signTypedData({ domain, types, primaryType: type, message: normalized } as never);
  return { type, from: account.address, message: fieldToJson(normalized) as Record<string, unknown>, signature };
}
