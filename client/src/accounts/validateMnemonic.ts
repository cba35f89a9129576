// BIP-39 mnemonic check (English words, 12 to 24 of them, checksum bits), so a mistyped word is
// caught instead of silently importing another account (viem's mnemonicToAccount does not check).
import { sha256 } from "@noble/hashes/sha2.js";
import { english } from "viem/accounts";

const INDEX = new Map(english.map((w, i) => [w, i]));

export function validateMnemonic(mnemonic: string): boolean {
  const words = mnemonic.trim().split(/\s+/);
  if (![12, 15, 18, 21, 24].includes(words.length)) return false;
  let bits = "";
  for (const w of words) {
    const i = INDEX.get(w);
    if (i === undefined) return false;
    bits += i.toString(2).padStart(11, "0");
  }
  const checksumBits = words.length / 3;
  const entropyBits = bits.slice(0, bits.length - checksumBits);
  const entropy = Uint8Array.from(entropyBits.match(/.{8}/g)!.map((b) => parseInt(b, 2)));
  const expected = [...sha256(entropy)]
    .map((b) => b.toString(2).padStart(8, "0"))
    .join("")
    .slice(0, checksumBits);
  return expected === bits.slice(-checksumBits);
}
