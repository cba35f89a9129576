// Builds a typed action for one signed transaction type: its message fields as parameters (minus
// the nonce, plus an optional `signer` overriding the client's account), some fields optional with
// result merged into the receipt (`caseId`, `withdrawalId`, ...).
import type { Hex, LocalAccount } from "viem";
import type { Message, SignedTxType } from "../../../sequencer/src/protocol";
import type { SutureAccount } from "../accounts";
import type { SutureClient } from "../client/createSutureClient";
import { sendTransaction } from "./sendTransaction";
import type { TransactionReceipt } from "./submitTransaction";

export type { TransactionReceipt };

export type TransactionMessage<T extends SignedTxType> = Omit<Message<T>, "nonce" | "maxFee">;

export type TransactionParameters<T extends SignedTxType, D extends keyof TransactionMessage<T> = never> = Omit<TransactionMessage<T>, D> &
  Partial<Pick<TransactionMessage<T>, D>> & {
    signer?: Hex | LocalAccount | SutureAccount;
    /** The most this transaction may pay in fees; estimated from the node's schedule when omitted. */
    maxFee?: bigint;
  };

export const ZERO_HASH: Hex = `0x${"00".repeat(32)}`;

export function defineTransaction<
  T extends SignedTxType,
  R extends Record<string, unknown> = Record<never, never>,
  D extends keyof TransactionMessage<T> = never,
>(
  type: T,
  defaults: Pick<TransactionMessage<T>, D> = {} as Pick<TransactionMessage<T>, D>,
): (client: SutureClient, parameters: TransactionParameters<T, D>) => Promise<TransactionReceipt & R> {
  return async (client, parameters) => {
    const { signer, maxFee, ...message } = parameters as TransactionParameters<T, D>;
    const receipt = await sendTransaction(client, { type, message: { ...defaults, ...message }, signer, maxFee });
    return { ...receipt, ...(receipt.result as R) };
  };
}
