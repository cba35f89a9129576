// The generic signed-transaction action: take the sender's next nonce (local counter, read once
// from /v1/accounts), sign, submit, and wait for the block. A stale counter (NONCE_TOO_LOW/HIGH,
// another client sent meanwhile) is re-read and the transaction re-signed once.
import type { Hex, LocalAccount } from "viem";
import type { SignedTxType } from "../../../sequencer/src/protocol";
import type { SutureAccount } from "../accounts";
import { resolveAccount, type SutureClient } from "../client/createSutureClient";
import { SutureClientError } from "../errors";
import { estimateFee } from "./estimateFee";
import { signTransaction } from "./signTransaction";
import { submitTransaction, type TransactionReceipt } from "./submitTransaction";

export type SendTransactionParameters = {
  type: SignedTxType;
  message: Record<string, unknown>;
  signer?: Hex | LocalAccount | SutureAccount;
  /** Use this nonce instead of the tracked one. */
  nonce?: bigint;
  /** The most it may pay in fees; estimated (estimateFee) when omitted. */
  maxFee?: bigint;
};

export type SendTransactionReturnType = TransactionReceipt;

export async function sendTransaction(
  client: SutureClient,
  { type, message, signer: accountParam, nonce, maxFee }: SendTransactionParameters,
): Promise<SendTransactionReturnType> {
  const account = resolveAccount(client, accountParam);
  const readNonce = async () => BigInt((await client.request<{ nonce: string }>({ path: `/v1/accounts/${account.address}` })).nonce);
  for (let attempt = 0; ; attempt++) {
    const n = nonce ?? (await client.nonces.take(account.address, readNonce));
    let tx: Awaited<ReturnType<typeof signTransaction>>;
    try {
      const fee = maxFee ?? (await estimateFee(client, { type, message, nonce: n })).fee;
      tx = await signTransaction(client, { type, message, nonce: n, maxFee: fee, signer: account });
    } catch (error) {
      // Refused or failed before sending: the taken nonce was not used.
      client.nonces.reset(account.address);
      throw error;
    }
    try {
      return await submitTransaction(client, { tx });
    } catch (error) {
      client.nonces.reset(account.address);
      const stale = error instanceof SutureClientError && (error.code === "NONCE_TOO_LOW" || error.code === "NONCE_TOO_HIGH");
      if (!stale || nonce !== undefined || attempt > 0) throw error;
    }
  }
}
