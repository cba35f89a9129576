// Funds and accounts: encryption keys, transfers, withdrawals to L1.
import { reject } from "../../errors";
import { isCompressedPublicKey, type Tx } from "../../protocol";
import { credit, debit, getAccount, nextId, getMeta, type HandlerContext, type HandlerResult } from "../context";

export function setEncryptionKey({ st, tx, from }: HandlerContext<Tx<"SetEncryptionKey">>): HandlerResult {
  const key = tx.message.encryptionKey;
  if (!isCompressedPublicKey(key)) reject("INVALID_ENCRYPTION_KEY");
  st.put("account", from, { ...getAccount(st, from), encryptionKey: key });
  return {};
}

export function transfer({ st, tx, from }: HandlerContext<Tx<"Transfer">>): HandlerResult {
  const { to, amount } = tx.message;
  if (amount === 0n) reject("INVALID_AMOUNT");
  debit(st, from, amount);
  credit(st, to, amount);
  return {};
}

export function withdraw({ st, tx, from, block }: HandlerContext<Tx<"Withdraw">>): HandlerResult {
  const { recipient, amount } = tx.message;
  if (amount === 0n) reject("INVALID_AMOUNT");
  debit(st, from, amount);
  const id = nextId(st, "nextWithdrawalId");
  st.put("withdrawal", id.toString(), { id, recipient, amount, createdAt: block.timestamp });
  const meta = getMeta(st);
  st.put("meta", "", { ...meta, totalWithdrawn: meta.totalWithdrawn + amount });
  return { withdrawalId: id };
}
