// New accounts: a random private key, or a fresh BIP-39 mnemonic (first account of the standard
// Ethereum path m/44'/60'/0'/0/0) so the user can write the words down.
import type { Hex } from "viem";
import { english, generateMnemonic, generatePrivateKey } from "viem/accounts";
import { importAccount } from "./importAccount";
import type { SutureAccount } from "./toSutureAccount";

export type CreateAccountParameters = { mnemonic?: boolean };
export type CreateAccountReturnType = { account: SutureAccount; privateKey: Hex; mnemonic: string | null };

export function createAccount({ mnemonic = false }: CreateAccountParameters = {}): CreateAccountReturnType {
  if (mnemonic) {
    const words = generateMnemonic(english);
    const account = importAccount({ mnemonic: words });
    return { account, privateKey: account.privateKey!, mnemonic: words };
  }
  const privateKey = generatePrivateKey();
  return { account: importAccount({ privateKey }), privateKey, mnemonic: null };
}
