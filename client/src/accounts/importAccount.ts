// Imports an account from a private key or a BIP-39 mnemonic (viem's mnemonicToAccount).
import type { Hex } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { SutureClientError } from "../errors";
import { validateMnemonic } from "./validateMnemonic";
import { toSutureAccount, type SutureAccount } from "./toSutureAccount";

export type ImportAccountParameters =
  | { privateKey: Hex }
  | { mnemonic: string /** m/44'/60'/0'/0/{addressIndex}, as MetaMask and Hardhat count. */; addressIndex?: number };

export function importAccount(parameters: ImportAccountParameters): SutureAccount {
  if ("privateKey" in parameters) return toSutureAccount(parameters.privateKey);
  const words = parameters.mnemonic.trim().split(/\s+/).join(" ");
  if (!validateMnemonic(words)) throw new SutureClientError("INVALID_ARGUMENT", "not a valid BIP-39 mnemonic (unknown word or bad checksum)");
  return toSutureAccount(mnemonicToAccount(words, { addressIndex: parameters.addressIndex ?? 0 }));
}
