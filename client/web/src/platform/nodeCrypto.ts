// Browser stand-in for `node:crypto`: the SDK only takes random bytes from it (record keys,
// nonces, keystore salts); the Web Crypto API gives them from the same kind of CSPRNG.
export function randomBytes(size: number): Uint8Array {
  const out = new Uint8Array(size);
  // getRandomValues fills at most 65,536 bytes per call.
  for (let offset = 0; offset < size; offset += 65_536) crypto.getRandomValues(out.subarray(offset, Math.min(size, offset + 65_536)));
  return out;
}
