// The account the SDK signs with: a raw private key (signed with libsecp256k1, fastest) or any
// viem LocalAccount (signTypedData, so hardware or custom signers work too). Records and review
// secrets need the private key itself; a signer-only account can do everything else.
import type { Address, Hex, LocalAccount } from "viem";
import { privateKeyToAddress } from "../../../sequencer/src/protocol";
import { SutureClientError } from "../errors";

export type SutureAccount = {
  address: Address;
  /** Known when the SDK holds the key (raw key, mnemonic, keystore); null for signer-only accounts. */
  privateKey: Hex | null;
  /** A viem account to sign with when there is no raw key. */
  signer: LocalAccount | null;
};

export type ToSutureAccountParameters = Hex | LocalAccount | SutureAccount;

const KEY_RE = /^0x[0-9a-fA-F]{64}$/;

export function toSutureAccount(account: ToSutureAccountParameters): SutureAccount {
  if (typeof account === "string") {
    if (!KEY_RE.test(account)) throw new SutureClientError("INVALID_ARGUMENT", "a private key is 32 bytes of 0x hex");
    const privateKey = account.toLowerCase() as Hex;
    return { address: privateKeyToAddress(privateKey), privateKey, signer: null };
  }
  if ("signer" in account && "privateKey" in account) return account;
  const local = account as LocalAccount;
  // An HD account (mnemonicToAccount) exposes its key; keep it so records and reviews work.
  const hd = (local as { getHdKey?: () => { privateKey: Uint8Array | null } }).getHdKey?.();
  const privateKey = hd?.privateKey ? (`0x${Buffer.from(hd.privateKey).toString("hex")}` as Hex) : null;
  return { address: local.address.toLowerCase() as Address, privateKey, signer: local };
}

/** The raw key, or a clear error for signer-only accounts. */
export function requirePrivateKey(account: SutureAccount, purpose: string): Hex {
  if (!account.privateKey) throw new SutureClientError("NO_PRIVATE_KEY", `${purpose} needs the account's private key, not only a signer`);
  return account.privateKey;
}
