import { afterAll, describe, expect, it } from "vitest";
import { bytesToHex, hexToBytes } from "../crypto/bytes";
import { keccak256 } from "../crypto/keccak256";
import { privateKeyToAddress, recoverSigner, signDigest } from "../protocol";
import { SignatureWorkers } from "./SignatureWorkers";

const workers = new SignatureWorkers({ size: 1 });
afterAll(() => workers.close());

const key = (i: number) => bytesToHex(keccak256(new TextEncoder().encode(`sig-worker-${i}`)));
const digest = (i: number) => keccak256(new TextEncoder().encode(`message-${i}`));

describe("SignatureWorkers", () => {
  it("Should recover the same signers as the inline path, for many requests in one turn", async () => {
    const cases = Array.from({ length: 200 }, (_, i) => ({ d: digest(i), sig: signDigest(key(i % 7), digest(i)), who: privateKeyToAddress(key(i % 7)) }));
    const recovered = await Promise.all(cases.map((c) => workers.recover(c.d, c.sig)));
    expect(recovered).toEqual(cases.map((c) => c.who));
    expect(recovered[0]).toBe(recoverSigner(cases[0]!.d, cases[0]!.sig));
  });

  it("Should reject malformed and high-s signatures with their codes", async () => {
    const sig = hexToBytes(signDigest(key(1), digest(1)));
    const badV = new Uint8Array(sig);
    badV[64] = 30;
    await expect(workers.recover(digest(1), bytesToHex(badV))).rejects.toMatchObject({ code: "BAD_SIGNATURE" });
    const highS = new Uint8Array(sig);
    highS.fill(0xff, 32, 64);
    await expect(workers.recover(digest(1), bytesToHex(highS))).rejects.toMatchObject({ code: "SIGNATURE_MALLEABLE" });
    const zeroR = new Uint8Array(sig);
    zeroR.fill(0, 0, 32);
    await expect(workers.recover(digest(1), bytesToHex(zeroR))).rejects.toMatchObject({ code: "BAD_SIGNATURE" });
  });

  it("Should recover inline when configured with no workers", async () => {
    const inline = new SignatureWorkers({ size: 0 });
    expect(await inline.recover(digest(2), signDigest(key(2), digest(2)))).toBe(privateKeyToAddress(key(2)));
    await inline.close();
  });
});
